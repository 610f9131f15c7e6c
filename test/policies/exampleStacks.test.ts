/**
 * Every example stack under stacks/ against every rule, over what `ccvoice preview` evaluates.
 *
 * stacks/Pulumi.hybrid.yaml has a real safety finding (reported to its owner): its `emergency-europe` route
 * (^(112|999)$) sends UK agents' 112 and 999, which Microsoft's emergency service would take through the
 * stack's Microsoft numbers, to sbc2.contoso.com, an SBC whose carrier is not declared to serve GB. Until the
 * stack declares it (or changes the route), the hybrid case runs against test/fixtures/policies/Pulumi.hybrid-fixed.yaml,
 * a copy whose sbc2 declares `emergencyCountries: [DK, GB]`, and the original is asserted to fail exactly so.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkStack } from "../../src/check/checkStack";
import { mandatoryViolations } from "../../src/check/runChecks";
import { stackFilePath } from "../../src/config/stackFile";

const FIXTURES = join(__dirname, "../fixtures/policies");

describe("example stacks", () => {
  it.each([
    ["acs-direct-routing", stackFilePath("acs-direct-routing")],
    ["acs-direct-offer", stackFilePath("acs-direct-offer")],
    ["hybrid (fixed copy)", join(FIXTURES, "Pulumi.hybrid-fixed.yaml")],
    ["teams-direct-routing", stackFilePath("teams-direct-routing")],
    ["teams-calling-plan", stackFilePath("teams-calling-plan")],
  ])("%s passes every mandatory policy with no preview error", async (_name, file) => {
    const { report } = await checkStack({ stackFile: file });
    expect(mandatoryViolations(report)).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.notEvaluated).toEqual([]);
    expect(report.passed).toContain("ccvoice-emergency-route-reachable");
  });

  it("fails the hybrid stack as committed: its European emergency route takes UK agents' 112 and 999 from Microsoft's service", async () => {
    const { report } = await checkStack({ stackFile: stackFilePath("hybrid") });
    expect(mandatoryViolations(report)).toEqual([
      {
        policy: "ccvoice-emergency-route-not-shadowed",
        enforcementLevel: "mandatory",
        resource: "ccvoice:directRouting.routes[0]",
        message:
          'Route "emergency-europe" (^(112|999)$) sends 999 and 112 dialed by agents in GB to sbc2.contoso.com, which does not declare GB in emergencyCountries, although Microsoft\'s emergency service would otherwise take these calls through the stack\'s Microsoft numbers. Declare emergencyCountries including GB on sbc2.contoso.com if its carrier delivers GB emergency calls to GB PSAPs, or exclude 999/112 from the pattern.',
      },
    ]);
  });
});
