/**
 * The text report of `ccvoice check` (and the policy section of `ccvoice preview`): mandatory violations
 * first, then advisory ones, each with its rule, what it is about and the message; then a summary line.
 */
import { mandatoryViolations, type CheckReport, type CheckViolation } from "./runChecks";

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/**
 * The one-line summary: `stack hybrid: 2 mandatory violations, 1 advisory violation; 15 policies passed, 1 waived`.
 *
 * @param report a check report
 */
export function checkSummary(report: CheckReport): string {
  const mandatory = mandatoryViolations(report).length;
  const advisory = report.violations.length - mandatory;
  const parts = [`${plural(report.passed.length, "policy", "policies")} passed`];
  if (report.waived.length) parts.push(`${report.waived.length} waived`);
  if (report.notEvaluated.length) parts.push(`${report.notEvaluated.length} not evaluated`);
  const verdict = mandatory > 0 || report.errors.length > 0 ? "FAILED" : "passed";
  return `stack ${report.stack} ${verdict}: ${plural(mandatory, "mandatory violation")}, ${plural(advisory, "advisory violation")}; ${parts.join(", ")}`;
}

function block(v: CheckViolation): string[] {
  const level = v.enforcementLevel === "mandatory" ? "MANDATORY" : "advisory ";
  return [`${level} ${v.policy}  ${v.resource}`, `    ${v.message}`];
}

/**
 * Formats a report as text lines.
 *
 * @param report a check report
 * @returns lines without trailing newlines: violations (mandatory first), rules not evaluated, errors, summary
 */
export function formatCheckText(report: CheckReport): string[] {
  const lines: string[] = [];
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = report.violations.filter((v) => v.enforcementLevel !== "mandatory");
  for (const v of [...mandatory, ...advisory]) lines.push(...block(v));
  for (const n of report.notEvaluated) lines.push(`not evaluated ${n.policy}: ${n.reason}`);
  for (const w of report.waived) lines.push(`waived ${w} (--waive)`);
  for (const e of report.errors) lines.push(`error: ${e}`);
  lines.push(checkSummary(report));
  return lines;
}
