/**
 * Every example stack under stacks/ against every rule, over what `ccvoice preview` evaluates: no mandatory
 * violation, no preview error. (The hybrid stack's emergency route once sent UK agents' 112 and 999 to the
 * Danish SBC; the stack now routes only 112 there and declares the trunk's emergencyCountries. The mistake
 * itself stays covered by test/fixtures/policies/Pulumi.cross-country.yaml.)
 */
import { describe, expect, it } from "vitest";
import { checkStack } from "../../src/check/checkStack";
import { mandatoryViolations } from "../../src/check/runChecks";
import { stackFilePath } from "../../src/config/stackFile";

describe("example stacks", () => {
  it.each([
    ["acs-direct-routing", stackFilePath("acs-direct-routing")],
    ["acs-direct-offer", stackFilePath("acs-direct-offer")],
    ["hybrid", stackFilePath("hybrid")],
    ["teams-direct-routing", stackFilePath("teams-direct-routing")],
    ["teams-calling-plan", stackFilePath("teams-calling-plan")],
  ])("%s passes every mandatory policy with no preview error", async (_name, file) => {
    const { report } = await checkStack({ stackFile: file });
    expect(mandatoryViolations(report)).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.notEvaluated).toEqual([]);
    expect(report.passed).toContain("ccvoice-emergency-route-reachable");
  });
});
