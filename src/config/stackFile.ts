/**
 * Reading stack files (`stacks/Pulumi.<stack>.yaml`) offline, for `ccvoice preview`, `simulate` and `check`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse } from "yaml";
import { NAMESPACE } from "./problems";

/** Default folder of stack files, as set by `stackConfigDir` in Pulumi.yaml. */
export const STACKS_DIR = "stacks";

/** The stack's configuration: the `ccvoice:` values without prefix, and every key as written. */
export interface StackConfig {
  /** Stack name, from the file name `Pulumi.<stack>.yaml`. */
  readonly stack: string;
  /** Absolute path of the file read. */
  readonly file: string;
  /** `ccvoice:` settings with the prefix removed, ready for `parseVoiceChannelSpec`. */
  readonly ccvoice: Record<string, unknown>;
  /** Every config key as written (`ccvoice:acs`, `azure-native:location`, ...), values as parsed YAML. */
  readonly all: Record<string, unknown>;
}

/**
 * Lists the stacks that have a file in a folder.
 *
 * @param dir folder of stack files @default "stacks" under the current directory
 * @returns stack names, sorted
 */
export function listStacks(dir: string = STACKS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/**
 * Resolves `--stack <name>` to its file, `stacks/Pulumi.<name>.yaml` (or `.yml`).
 *
 * @throws Error naming the missing file and the stacks that exist
 */
export function stackFilePath(stack: string, dir: string = STACKS_DIR): string {
  for (const ext of ["yaml", "yml"]) {
    const candidate = resolve(dir, `Pulumi.${stack}.${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  const known = listStacks(dir);
  throw new Error(
    `stack ${JSON.stringify(stack)} has no file ${join(dir, `Pulumi.${stack}.yaml`)}; known stacks: ${known.length ? known.join(", ") : "none"}`,
  );
}

/**
 * Reads one stack file.
 *
 * @param file path of a `Pulumi.<stack>.yaml` file
 * @throws Error when the file is missing, is not YAML, or has no `config:` map
 */
export function readStackFile(file: string): StackConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`stack file ${file} does not exist; check the path`);
  let doc: unknown;
  try {
    // merge keys (`<<: *anchor`) as the Pulumi CLI applies them (pulumi/pulumi#6480: `pulumi config get` merges)
    doc = parse(readFileSync(path, "utf8"), { merge: true });
  } catch (err) {
    throw new Error(`stack file ${file} is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new Error(`stack file ${file} must have a top-level config: map of ${NAMESPACE}: settings`);
  }
  const ccvoice: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (key.startsWith(`${NAMESPACE}:`)) ccvoice[key.slice(NAMESPACE.length + 1)] = value;
  }
  const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(path))?.[1] ?? basename(path);
  return { stack, file: path, ccvoice, all: config as Record<string, unknown> };
}
