/**
 * `ccvoice preview`: evaluates the real Pulumi program in this process with the Pulumi SDK's mock
 * runtime (no engine, no Azure) and reports the resources it declares and where calls would go.
 *
 * How: `pulumi.runtime.setMocks(previewMocks, "ccvoice", stack, true)`, then `setAllConfig` with the
 * stack file's values exactly as Pulumi passes them (structured values as JSON text), then
 * `voiceChannelProgram()`; then it waits until every registration has been answered and every stack
 * output has settled. The Pulumi runtime keeps global state, so evaluations run one at a time.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "../config/load";
import { SpecError } from "../config/problems";
import { readStackFile, stackFilePath, STACKS_DIR } from "../config/stackFile";
import type { VoiceChannelSpec } from "../config/schema";
import { voiceChannelProgram } from "../program";
import { summarizeRouting, type RoutingSummaryEntry } from "../routing";
import { previewMocks } from "./mockOutputs";
import { skipDynamicProviderSerialization } from "./providerSerialization";
import { toPulumiConfig } from "./pulumiConfig";
import { recordRegistrations, treeOrder, type RecordedResource } from "./recorder";

/** Pulumi project name (Pulumi.yaml `name`), also the config namespace. */
export const PROJECT = "ccvoice";

/** Which stack to preview: by name (file under `stacksDir`) or by file. */
export interface PreviewSource {
  /** Stack name, resolved to `<stacksDir>/Pulumi.<stack>.yaml`. */
  readonly stack?: string;
  /** Path of a stack file; wins over `stack` for the file, `stack` then only names it. */
  readonly stackFile?: string;
  /** Folder of stack files. @default "stacks" */
  readonly stacksDir?: string;
  /**
   * Serialize the code of dynamic providers, as `pulumi up` does (slow: about a second per provider
   * module; and impossible under vitest, whose module wrappers the serializer cannot capture).
   * @default false — `__provider` gets a placeholder; the resources and their inputs are unchanged
   */
  readonly serializeDynamicProviders?: boolean;
}

/** A declared resource, as printed by `ccvoice preview --json`. */
export interface PreviewResource {
  readonly type: string;
  readonly name: string;
  /** Logical name of the parent; `null` at the root. */
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
}

/** What `ccvoice preview` reports. */
export interface PreviewResult {
  /** Stack name. */
  readonly stack: string;
  /** Resources in tree order (each component followed by its children). */
  readonly resources: PreviewResource[];
  /** Stack outputs as the mock runtime resolved them. */
  readonly outputs: Record<string, unknown>;
  /** Routing summary (`summarizeRouting`). */
  readonly routing: RoutingSummaryEntry[];
  /** Errors raised while resources registered or outputs resolved (the spec itself was valid). */
  readonly errors: string[];
  /** The validated spec (not printed; for callers such as `check`). */
  readonly spec: VoiceChannelSpec;
}

// `waitForRPCs` drains the SDK's queue of pending registrations; it is internal to the SDK (used by its
// own program runner) and not in the typings, hence the typed require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs?: () => Promise<void> };

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every earlier evaluation has finished (the Pulumi runtime state is global). */
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Resolves an output's value (known or not) without throwing; errors are collected. */
async function settle(value: unknown, errors: string[]): Promise<unknown> {
  const promise = (value as { promise?: () => Promise<unknown> } | undefined)?.promise;
  if (typeof promise !== "function") return value;
  try {
    return await promise.call(value);
  } catch (err) {
    errors.push(message(err));
    return undefined;
  }
}

async function evaluate(stack: string, all: Record<string, unknown>, serializeProviders: boolean): Promise<PreviewResult> {
  const restore = serializeProviders ? () => undefined : skipDynamicProviderSerialization();
  try {
    return await evaluateProgram(stack, all);
  } finally {
    restore();
  }
}

async function evaluateProgram(stack: string, all: Record<string, unknown>): Promise<PreviewResult> {
  await pulumi.runtime.setMocks(previewMocks, PROJECT, stack, true);
  const { config, secretKeys } = toPulumiConfig(all);
  pulumi.runtime.setAllConfig(config, secretKeys);
  const records = recordRegistrations(pulumi.runtime.getMonitor());

  const spec = loadSpec(); // throws SpecError: nothing is registered for an invalid configuration
  const errors: string[] = [];
  const outputs: Record<string, unknown> = {};
  let declared: Record<string, unknown> = {};
  try {
    declared = { ...voiceChannelProgram() };
  } catch (err) {
    if (err instanceof SpecError) throw err;
    errors.push(message(err));
  }
  if (settings.waitForRPCs) await settings.waitForRPCs();
  for (const [key, value] of Object.entries(declared)) outputs[key] = await settle(value, errors);
  if (settings.waitForRPCs) await settings.waitForRPCs();

  const resources = treeOrder(records).map((r: RecordedResource) => ({
    type: r.type,
    name: r.name,
    parent: r.parent,
    inputs: r.inputs,
  }));
  let routing: RoutingSummaryEntry[] = [];
  try {
    routing = summarizeRouting(spec);
  } catch (err) {
    errors.push(`routing summary failed: ${message(err)}`);
  }
  return { stack, resources, outputs, routing, errors, spec };
}

/**
 * Previews one stack offline.
 *
 * @param source `{ stack }` or `{ stackFile }` (optionally `stacksDir`)
 * @returns the declared resources, outputs, routing summary and registration errors
 * @throws SpecError when the stack's `ccvoice:` configuration is invalid (every problem listed)
 * @throws Error when neither stack nor file is given, the stack has no file, or the file is not a stack file
 */
export async function previewStack(source: PreviewSource): Promise<PreviewResult> {
  if (!source.stack && !source.stackFile) throw new Error("give a stack name or a stack file to preview");
  const file = source.stackFile ?? stackFilePath(source.stack as string, source.stacksDir ?? STACKS_DIR);
  const stackConfig = readStackFile(file);
  const stack = source.stack ?? stackConfig.stack;
  return exclusive(() => evaluate(stack, stackConfig.all, source.serializeDynamicProviders ?? false));
}
