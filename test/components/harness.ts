/**
 * Mock-runtime harness for component tests: records every `newResource` call and answers with the same
 * plausible outputs `ccvoice preview` uses. Import this module (which sets the mocks) BEFORE importing
 * the component under test.
 *
 * What mocks cannot prove: that Azure accepts these inputs, that aliases keep identity across renames,
 * and how the real engine orders, parents and diffs resources. Parentage here is only what the SDK
 * sends in the register request; `dependsOn` ordering is not observable at all. Dynamic providers' code
 * is not serialized (vitest's module wrappers cannot be), so neither is its serializability proven.
 */
import * as pulumi from "@pulumi/pulumi";
import { mockCall, mockResource } from "../../src/preview/mockOutputs";
import { skipDynamicProviderSerialization } from "../../src/preview/providerSerialization";

/** One recorded `newResource` call. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

export const registered: Registered[] = [];

skipDynamicProviderSerialization();

void pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
      return mockResource(args);
    },
    call: mockCall,
  },
  "ccvoice",
  "test",
  true,
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** Waits until every registration sent so far has been answered. */
export async function settled(): Promise<void> {
  await settings.waitForRPCs();
}

/** The value of an output (resolved by the mocks). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

/** Clears the record between tests. */
export function resetRegistered(): void {
  registered.length = 0;
}

/** The one registered resource of a type whose name ends with `suffix`. */
export function one(type: string, suffix = ""): Registered {
  const found = registered.filter((r) => r.type === type && r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} ending with ${JSON.stringify(suffix)}, found ${found.length}`);
  return found[0] as Registered;
}
