/** Test helpers: the example stacks as parsed specs, and variants with one thing changed. */
import { resolve } from "node:path";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import type { VoiceChannelSpec } from "../../src/config/schema";
import { readStackFile, stackFilePath } from "../../src/config/stackFile";

export const STACKS_DIR = resolve(__dirname, "../../stacks");
export const EXAMPLE_STACKS = [
  "acs-direct-offer",
  "acs-direct-routing",
  "hybrid",
  "teams-calling-plan",
  "teams-direct-routing",
] as const;
export type ExampleStack = (typeof EXAMPLE_STACKS)[number];

/** The parsed spec of an example stack under `stacks/`. */
export function exampleSpec(stack: ExampleStack): VoiceChannelSpec {
  return parseVoiceChannelSpec(readStackFile(stackFilePath(stack, STACKS_DIR)).ccvoice);
}

/** A deep copy of an example stack's spec, changed by `edit`. */
export function variant(stack: ExampleStack, edit: (spec: VoiceChannelSpec) => void): VoiceChannelSpec {
  const spec = structuredClone(exampleSpec(stack));
  edit(spec);
  return spec;
}
