/**
 * The policy section of `ccvoice preview`: the same rules as `ccvoice check`, over what the preview already
 * evaluated (no second evaluation of the program).
 */
import type { PreviewResult } from "../preview/previewStack";
import { CONFIG_POLICY } from "./configPolicy";
import { formatCheckText } from "./formatCheckText";
import { checkExitCode, runChecks, type CheckReport } from "./runChecks";

/** What {@link previewPolicyResults} returns. */
export interface PreviewPolicyResults {
  /** The report (the preview's `errors` are not copied in: preview prints them itself). */
  readonly report: CheckReport;
  /** Lines to print after the routing summary: a `policies` heading, violations, then the summary line. */
  readonly lines: string[];
  /** 1 when a mandatory rule is violated, else 0. */
  readonly exitCode: 0 | 1;
}

/**
 * Runs the policy rules on a preview's spec and resources.
 *
 * @param result what `previewStack` returned
 * @param waive advisory rules to skip @default []
 * @returns the report, the lines to print and the exit code it implies
 * @throws Error when a rule itself fails (a bug: the message names the rule)
 */
export function previewPolicyResults(result: PreviewResult, waive: readonly string[] = []): PreviewPolicyResults {
  const report = runChecks({ stack: result.stack, spec: result.spec, resources: result.resources, waive });
  report.passed.unshift(CONFIG_POLICY.name);
  return { report, lines: ["", "policies", ...formatCheckText(report).map((l) => `  ${l}`)], exitCode: checkExitCode(report) };
}
