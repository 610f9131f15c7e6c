/**
 * What the core's decision functions are given: configuration, state, time and the per-instance caches.
 */
import type { RecentIds } from "./idempotency";
import type { LeaseCache } from "./leases";
import type { Clock, StateStore } from "./ports";
import type { RuntimeAgent, RuntimeConfig, RuntimeQueue } from "./runtimeConfig";
import type { CallTarget, Party } from "./types";

/** Dependencies of the core decisions. */
export interface CoreDeps {
  readonly config: RuntimeConfig;
  readonly store: StateStore;
  readonly clock: Clock;
  /** Live leases this instance has seen (emergency path works while the store is down). */
  readonly leases: LeaseCache;
  /** Event ids processed on this instance. */
  readonly seen: RecentIds;
  /** How long an emergency path waits for the store before falling back, ms. @default 1500 */
  readonly emergencyStoreDeadlineMs: number;
  /** How long an added participant rings, seconds. @default 60 (Teams Phone extensibility samples) */
  readonly invitationTimeoutSeconds: number;
  /** Whether hold music is configured; without it a queue with no agent goes straight to overflow. */
  readonly holdMusic: boolean;
}

/** The identifier to add for an agent. */
export function agentTarget(agent: RuntimeAgent): CallTarget {
  return agent.kind === "acs" ? { kind: "acsUser", id: agent.userId } : { kind: "teamsUser", userId: agent.userId };
}

/** The queue a called party reaches: by called number, or by resource account object id. */
export function queueFor(config: RuntimeConfig, to: Party): RuntimeQueue | undefined {
  if (to.kind === "phoneNumber") return config.queues.find((q) => q.numbers.includes(to.number));
  if (to.kind === "resourceAccount") {
    return config.queues.find((q) => q.resourceAccountIds.some((id) => id.toLowerCase() === to.objectId.toLowerCase()));
  }
  return undefined;
}

/** Whether a number is in the stack's callback pool. */
export function isCallbackNumber(config: RuntimeConfig, number: string): boolean {
  return config.emergency.callbackPool.some((n) => n.number === number);
}

/** The configured agent with this id. */
export function agentById(config: RuntimeConfig, id: string | undefined): RuntimeAgent | undefined {
  return id === undefined ? undefined : config.agents.find((a) => a.id === id);
}
