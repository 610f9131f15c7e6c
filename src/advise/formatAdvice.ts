/**
 * How `ccvoice advise` prints a recommendation: plain text for people, one JSON document with `--json`.
 */
import type { Advice } from "./decideApproach";
import type { ExampleValue } from "./starterStack";

/** What `advise --json` prints. */
export interface AdviceJson extends Advice {
  /** Present with `--write`: the file written and the example values to replace. */
  readonly stack?: { readonly file: string; readonly examples: ExampleValue[] };
}

function countryLine(c: Advice["countries"][number], advice: Advice): string {
  const numbers = c.microsoftNumbers === "sold" ? "Microsoft numbers sold" : c.microsoftNumbers === "not-sold" ? "Microsoft numbers not sold" : "Microsoft numbers not known";
  const parts = [`${numbers} (${c.source})`];
  if (advice.sbcCountries.includes(c.country)) parts.push("calls through the SBCs");
  const emergency = advice.emergencyCountries as readonly string[];
  if (!emergency.includes(c.country)) parts.push(c.agentEmergencySupported ? "no agent emergency calls asked" : "agent emergency calls not supported");
  else if ((advice.sbcEmergencyCountries as readonly string[]).includes(c.country)) parts.push("emergency calls through the SBCs' carrier");
  else parts.push(advice.profile === "teams-calling-plan" ? "emergency calls by the calling plan" : "emergency calls to Microsoft's emergency service");
  return `  ${c.country}  ${parts.join("; ")}`;
}

/**
 * The recommendation as text lines (stdout).
 *
 * @param advice the recommendation
 * @param stack the file written and its example values, with `--write`
 */
export function formatAdvice(advice: Advice, stack?: AdviceJson["stack"]): string[] {
  const lines = [
    `recommended: ${advice.profile}`,
    `  inbound   ${advice.approach.inbound}`,
    `  outbound  ${advice.approach.outbound}`,
    "",
    "why",
    ...advice.reasons.map((r) => `  - ${r}`),
    "",
    "countries",
    ...advice.countries.map((c) => countryLine(c, advice)),
    "",
    "trade-offs",
    ...advice.tradeOffs.map((t) => `  - ${t}`),
    "",
    "rejected",
    ...advice.rejected.map((r) => `  - ${r.approach}: ${r.why}`),
  ];
  if (advice.warnings.length > 0) lines.push("", "warnings", ...advice.warnings.map((w) => `  - ${w}`));
  if (stack) {
    lines.push("", `stack written to ${stack.file}`);
    if (stack.examples.length > 0) {
      lines.push("  example values to replace before pulumi up:");
      for (const e of stack.examples) lines.push(`  - ${e.setting} = ${e.value}: ${e.replaceWith}`);
    }
  }
  return lines;
}
