/**
 * Mock-runtime harness for component tests: records every `newResource` call and answers with the same
 * plausible outputs `ccvoice preview` uses. Import this module (which sets the mocks) BEFORE importing
 * the component under test.
 *
 * Dependencies: the register request the SDK sends carries the URNs a resource depends on (explicit
 * `dependsOn`, expanded to a component's children, plus the resources its inputs come from); the harness
 * records them by name ({@link dependenciesOf}). That shows what the engine is told to wait for, not the
 * order in which Azure finishes.
 *
 * What mocks cannot prove: that Azure accepts these inputs, that aliases keep identity across renames,
 * and how the real engine orders, parents and diffs resources. Parentage here is only what the SDK
 * sends in the register request. Dynamic providers' code is not serialized (vitest's module wrappers
 * cannot be), so neither is its serializability proven.
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
/** Logical names of each registered resource's dependencies, by logical name. */
const dependencies = new Map<string, string[]>();

/**
 * Outputs a test adds to a resource type's mocked state, e.g. the numbers a dynamic number order would
 * have bought. Cleared by {@link resetRegistered}.
 */
export const extraOutputs = new Map<string, (inputs: Record<string, unknown>) => Record<string, unknown>>();

/** `mockResource` (the preview's mocks), plus {@link extraOutputs}. */
function mockWithDefaults(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const result = mockResource(args);
  const extra = extraOutputs.get(args.type)?.(args.inputs as Record<string, unknown>) ?? {};
  return { id: result.id, state: { ...result.state, ...extra } };
}

skipDynamicProviderSerialization();

void pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
      return mockWithDefaults(args);
    },
    call: mockCall,
  },
  "ccvoice",
  "test",
  true,
);

interface RegisterRequest {
  getName(): string;
  getDependenciesList(): string[];
  getDeletebeforereplace(): boolean;
}
const deleteBeforeReplace = new Set<string>();
const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, callback: unknown): void };
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
  dependencies.set(
    req.getName(),
    req.getDependenciesList().map((urn) => urn.slice(urn.lastIndexOf("::") + 2)),
  );
  if (req.getDeletebeforereplace()) deleteBeforeReplace.add(req.getName());
  register(req, callback);
};

/** Logical names of what a resource was registered as depending on, sorted. */
export function dependenciesOf(name: string): string[] {
  const found = dependencies.get(name);
  if (!found) throw new Error(`no resource named ${JSON.stringify(name)} was registered`);
  return [...found].sort();
}

/** Whether a resource was registered with `deleteBeforeReplace`. */
export function deletesBeforeReplace(name: string): boolean {
  return deleteBeforeReplace.has(name);
}

/** The outputs a component registered (`registerOutputs`), as plain values. */
export function registeredOutputsOf(type: string, name: string): Record<string, unknown> {
  const resources = (pulumi.runtime.getMonitor() as unknown as {
    getRegisteredResources(): Map<string, { urn: string; state: Record<string, unknown> | { toJavaScript(): Record<string, unknown> } }>;
  }).getRegisteredResources();
  const found = [...resources.values()].find((r) => r.urn.endsWith(`::${type}::${name}`));
  if (!found) throw new Error(`no ${type} named ${JSON.stringify(name)} was registered`);
  const state = found.state as { toJavaScript?: () => Record<string, unknown> };
  return typeof state.toJavaScript === "function" ? state.toJavaScript() : (found.state as Record<string, unknown>);
}

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
  dependencies.clear();
  deleteBeforeReplace.clear();
  extraOutputs.clear();
}

/** The one registered resource of a type whose name ends with `suffix`. */
export function one(type: string, suffix = ""): Registered {
  const found = registered.filter((r) => r.type === type && r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} ending with ${JSON.stringify(suffix)}, found ${found.length}`);
  return found[0] as Registered;
}
