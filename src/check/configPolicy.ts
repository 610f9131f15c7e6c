/**
 * `ccvoice-config-valid`: the offline runner's report of configuration problems (the parser's `SpecError`),
 * so that `ccvoice check` on a stack the Pulumi program would refuse still fails with every problem listed.
 * It is not a CrossGuard policy: under `pulumi preview` the program itself stops on an invalid configuration
 * before any policy runs.
 *
 * A problem that a policy rule reports in its own words is not repeated here: when the configuration has
 * problems, the runner checks the leniently parsed spec (shape only, without cross-field checks), and
 * {@link COVERED_BY} names the rule that covers each kind of cross-field problem.
 */
import type { RuleLevel } from "../../policies/lib/types";
import type { SpecProblem } from "../config/problems";
import type { CheckViolation } from "./runChecks";

/** Metadata of the configuration check, in the shape of a rule's. */
export const CONFIG_POLICY = {
  name: "ccvoice-config-valid",
  description: "The stack's ccvoice: configuration parses and passes the parser's cross-field checks.",
  enforcementLevel: "mandatory" as RuleLevel,
} as const;

/** Setting-path patterns of parser problems, and the policy rule that reports the same mistake. */
export const COVERED_BY: readonly (readonly [RegExp, string])[] = [
  [/^ccvoice:emergency\.notificationContacts/, "ccvoice-emergency-notification"],
  [/^ccvoice:emergency\.callbackLeaseMinutes/, "ccvoice-emergency-callback-lease"],
  [/^ccvoice:runtime\.recording\.includeEmergencyCalls/, "ccvoice-emergency-not-recorded"],
  [/^ccvoice:directRouting\.routes\[\d+\]\.trunks\[\d+\]$/, "ccvoice-sip-route-trunks-declared"],
  [/^ccvoice:teams\.directRouting\.voiceRoutes\[\d+\]\.gateways\[\d+\]$/, "ccvoice-sip-route-trunks-declared"],
];

/**
 * Configuration problems as violations of {@link CONFIG_POLICY}, leaving out those a rule already reported.
 *
 * @param problems the parser's problems
 * @param violations what the rules reported on the lenient spec
 */
export function configViolations(problems: readonly SpecProblem[], violations: readonly CheckViolation[]): CheckViolation[] {
  const reported = new Set(violations.map((v) => v.policy));
  return problems
    .filter((p) => {
      const rule = COVERED_BY.find(([re]) => re.test(p.path))?.[1];
      return rule === undefined || !reported.has(rule);
    })
    .map((p) => ({
      policy: CONFIG_POLICY.name,
      enforcementLevel: CONFIG_POLICY.enforcementLevel,
      resource: p.path,
      message: p.message,
    }));
}
