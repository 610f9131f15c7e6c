/**
 * Core dependencies over an in-memory store, for the pure-core tests.
 */
import type { CoreDeps } from "../../../src/runtime/core/coreDeps";
import { RecentIds } from "../../../src/runtime/core/idempotency";
import { LeaseCache } from "../../../src/runtime/core/leases";
import { MemoryStore } from "../../../src/runtime/core/memoryStore";
import type { RuntimeConfig } from "../../../src/runtime/core/runtimeConfig";
import { runtimeConfigFromSpec, type ResolvedNumbers } from "../../../src/runtime/runtimeConfigFromSpec";
import { FakeClock, stackSpec } from "./harness";

/** Core deps with a memory store and a fake clock. */
export function coreFixture(
  options: { stack?: string; resolved?: ResolvedNumbers; holdMusic?: boolean; config?: (c: RuntimeConfig) => RuntimeConfig } = {},
): CoreDeps & { store: MemoryStore; clock: FakeClock } {
  const base = runtimeConfigFromSpec(stackSpec(options.stack ?? "acs-direct-routing"), options.resolved);
  return {
    config: options.config ? options.config(base) : base,
    store: new MemoryStore(),
    clock: new FakeClock(),
    leases: new LeaseCache(),
    seen: new RecentIds(),
    emergencyStoreDeadlineMs: 200,
    invitationTimeoutSeconds: 60,
    holdMusic: options.holdMusic ?? true,
  };
}

/** Wire identifiers as parties. */
export const phone = (number: string) => ({ kind: "phoneNumber" as const, raw: `4:${number}`, number });
