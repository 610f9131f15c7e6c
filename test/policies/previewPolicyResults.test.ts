/**
 * The helper `ccvoice preview` can call at its policy seam: the same rules over what the preview evaluated.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { previewPolicyResults } from "../../src/check/previewPolicyResults";
import { previewStack } from "../../src/preview/previewStack";

const FIXTURES = join(__dirname, "../fixtures/policies");

describe("previewPolicyResults", () => {
  it("prints a policies section with the summary and exit 0 for a stack that passes", async () => {
    const result = await previewStack({ stackFile: join(FIXTURES, "Pulumi.good.yaml") });
    const { lines, exitCode, report } = previewPolicyResults(result);
    expect(lines).toEqual(["", "policies", "  stack good passed: 0 mandatory violations, 0 advisory violations; 19 policies passed"]);
    expect([exitCode, report.violations]).toEqual([0, []]);
  });

  it("fails a stack with a mandatory violation (exit 1) and honours waivers of advisory rules", async () => {
    const result = await previewStack({ stackFile: join(FIXTURES, "Pulumi.cross-country.yaml") });
    const { lines, exitCode, report } = previewPolicyResults(result, ["ccvoice-sip-trunk-tls"]);
    expect(exitCode).toBe(1);
    expect(lines[2]).toBe("  MANDATORY ccvoice-emergency-route-not-shadowed  ccvoice:directRouting.routes[0]");
    expect(lines.at(-1)).toBe("  stack cross-country FAILED: 2 mandatory violations, 0 advisory violations; 17 policies passed, 1 waived");
    expect(report.waived).toEqual(["ccvoice-sip-trunk-tls"]);
  });
});
