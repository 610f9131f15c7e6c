/**
 * `ccvoice check` for one stack file: evaluates the stack like `ccvoice preview` (the real Pulumi program
 * under the SDK mock runtime) and runs the policy rules over its spec and resources.
 *
 * When the configuration has problems the program would refuse, the preview cannot run; the rules then run
 * on the leniently parsed spec (schema shape and defaults, no cross-field checks), resource-only rules are
 * reported as not evaluated, and the remaining problems are violations of `ccvoice-config-valid`. When even
 * the shape is wrong, only `ccvoice-config-valid` is reported.
 */
import { readFileSync } from "node:fs";
import { parseVoiceChannelSpec } from "../config/parse";
import { SpecError } from "../config/problems";
import { voiceChannelSpecSchema, type VoiceChannelSpec } from "../config/schema";
import { readStackFile } from "../config/stackFile";
import { previewStack } from "../preview/previewStack";
import { CONFIG_POLICY, configViolations } from "./configPolicy";
import { runChecks, type CheckReport } from "./runChecks";

/** Options of {@link checkStack}. */
export interface CheckStackOptions {
  /** Path of the stack file (`stacks/Pulumi.<stack>.yaml`). */
  readonly stackFile: string;
  /** Stack name; @default from the file name */
  readonly stack?: string;
  /** Path of the stack file as deployed before this change, for `ccvoice-numbers-no-repurchase`. */
  readonly baselineFile?: string;
  /** Advisory rules to skip (validate with `checkWaivers` first). @default [] */
  readonly waive?: readonly string[];
}

/** What {@link checkStack} returns: the report, and the file it is about (for locations). */
export interface CheckedStack {
  readonly report: CheckReport;
  /** Absolute path of the stack file. */
  readonly file: string;
  /** The stack file's text (SARIF locations are looked up in it). */
  readonly text: string;
}

/**
 * Reads the spec of a baseline stack file leniently (shape and defaults only).
 *
 * @throws Error naming the file and its first problems when even the shape is invalid
 */
export function readBaseline(file: string): VoiceChannelSpec {
  const config = readStackFile(file);
  const parsed = voiceChannelSpecSchema.safeParse(config.ccvoice);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`baseline ${file} is not a readable ccvoice stack (${first}); give the stack file as it was last deployed`);
  }
  return parsed.data;
}

/**
 * Checks one stack file.
 *
 * @throws Error when the stack file or the baseline cannot be read (missing, not YAML, no `config:` map)
 */
export async function checkStack(opts: CheckStackOptions): Promise<CheckedStack> {
  const config = readStackFile(opts.stackFile);
  const stack = opts.stack ?? config.stack;
  const text = readFileSync(config.file, "utf8");
  const baseline = opts.baselineFile !== undefined ? readBaseline(opts.baselineFile) : undefined;
  const common = { stack, waive: opts.waive ?? [], ...(baseline ? { baseline } : {}) };

  let problems: SpecError | undefined;
  try {
    parseVoiceChannelSpec(config.ccvoice);
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    problems = err;
  }
  if (!problems) {
    const preview = await previewStack({ stackFile: config.file, stack });
    const report = runChecks({ ...common, spec: preview.spec, resources: preview.resources });
    report.passed.unshift(CONFIG_POLICY.name);
    report.errors.push(...preview.errors);
    return { report, file: config.file, text };
  }

  const lenient = voiceChannelSpecSchema.safeParse(config.ccvoice);
  const report = runChecks({
    ...common,
    ...(lenient.success ? { spec: lenient.data } : {}),
    resources: [],
    resourcesEvaluated: false,
  });
  report.violations.unshift(...configViolations(problems.problems, report.violations));
  return { report, file: config.file, text };
}
