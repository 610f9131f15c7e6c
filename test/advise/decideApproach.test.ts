/**
 * The pure decision of `ccvoice advise`: the four typical profiles from the answers fixtures, then one
 * answer changed at a time from a base, each with the exact profile, approaches and countries.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAdviceAnswers, readAdviceAnswers, type AdviceAnswersInput } from "../../src/advise/answers";
import { decideApproach, SEED_GUIDANCE } from "../../src/advise/decideApproach";

const fixture = (name: string) => readAdviceAnswers(join(__dirname, "../fixtures/answers", `${name}.yaml`));

describe("decideApproach on the typical profiles", () => {
  it.each([
    ["carrier-byot", "byot", "acs-direct-routing", "acs-direct-routing", ["US", "GB", "DK"], ["US", "GB", "DK"], []],
    ["cloud-first", "direct-offer", "acs-direct-offer", "acs-direct-offer", [], [], ["US"]],
    ["teams-first", "teams-calling-plan", "teams-calling-plan", "teams-calling-plan", [], [], ["US", "GB"]],
    ["teams-direct-routing", "teams-direct-routing", "teams-direct-routing", "teams-direct-routing", ["US", "GB", "DK"], ["US", "GB", "DK"], []],
    ["mixed-countries", "hybrid", "acs-direct-offer", "acs-direct-routing", ["DK"], [], ["US", "GB", "DK"]],
  ])("%s → %s (inbound %s, outbound %s)", (name, profile, inbound, outbound, sbcCountries, sbcEmergency, microsoftEmergency) => {
    const advice = decideApproach(fixture(name));
    expect(advice.profile).toBe(profile);
    expect(advice.approach).toEqual({ inbound, outbound });
    expect(advice.sbcCountries).toEqual(sbcCountries);
    expect(advice.sbcEmergencyCountries).toEqual(sbcEmergency);
    expect(advice.microsoftEmergencyCountries).toEqual(microsoftEmergency);
    expect(advice.tradeOffs.slice(0, 3)).toEqual([SEED_GUIDANCE.sipContext, SEED_GUIDANCE.sla, SEED_GUIDANCE.callingPlans]);
    const chosen = new Set([inbound, outbound]);
    expect(advice.rejected.map((r) => r.approach)).toEqual(
      ["acs-direct-routing", "teams-direct-routing", "acs-direct-offer", "teams-calling-plan"].filter((a) => !chosen.has(a)),
    );
  });

  it("carrier estate with SIP-context needs: the reasons cite the seed guidance and the carrier", () => {
    const advice = decideApproach(fixture("carrier-byot"));
    expect(advice.reasons).toEqual([
      `you need SIP context across transfers and callbacks, and ${SEED_GUIDANCE.sipContext}`,
      "direct routing reuses your carrier contracts and certified SBCs",
    ]);
    expect(advice.rejected.find((r) => r.approach === "acs-direct-offer")?.why).toBe(SEED_GUIDANCE.sipContext);
    expect(advice.warnings).toEqual([
      "whether Microsoft numbers are sold in DK is not in advise's table, so they count as not sold; confirm with PhoneNumbersClient.listAvailableCountries() on your ACS resource and answer microsoftNumbers: { DK: sold } where they are",
    ]);
  });

  it("mixed countries: Danish calls go through the SBCs, but 112 from DK goes to Microsoft's emergency service with no emergency route", () => {
    const advice = decideApproach(fixture("mixed-countries"));
    expect(advice.reasons[0]).toBe(
      "Microsoft numbers are sold in US, GB but not (or not known to be) in DK: Microsoft numbers serve the first, direct routing routes the rest to your SBCs, and a call no route matches leaves through direct offer",
    );
    expect(advice.countries.map((c) => [c.country, c.microsoftNumbers, c.source])).toEqual([
      ["US", "sold", "azure-voice-api-facts §5.1"],
      ["GB", "sold", "azure-voice-api-facts §5.1"],
      ["DK", "not-sold", "your answer"],
    ]);
    expect(advice.countries.map((c) => [c.country, c.microsoftEmergency])).toEqual([["US", true], ["GB", true], ["DK", true]]);
    expect([advice.sbcCountries, advice.sbcEmergencyCountries, advice.warnings]).toEqual([["DK"], [], []]);
  });

  it("cloud-first: direct routing is rejected because there is nothing to reuse", () => {
    const advice = decideApproach(fixture("cloud-first"));
    expect(advice.rejected[0]).toEqual({
      approach: "acs-direct-routing",
      why: `there is no carrier contract or SBC to reuse: you would buy, certify and run SBCs and own call quality past them, while ${SEED_GUIDANCE.callingPlans}`,
    });
    expect(advice.warnings).toEqual([]);
  });
});

const base: AdviceAnswersInput = {
  carrier: { contracts: false, sbcs: "none" },
  sipContext: "not-needed",
  countries: { callers: ["US"], agents: ["US"] },
  teamsPhone: "none",
  callQuality: "microsoft",
};
const decide = (change: Partial<AdviceAnswersInput>) => decideApproach(parseAdviceAnswers({ ...base, ...change }));

describe("decideApproach, one answer changed from a cloud-first base", () => {
  it.each<[string, Partial<AdviceAnswersInput>, string, string, string]>([
    ["nothing", {}, "direct-offer", "acs-direct-offer", "acs-direct-offer"],
    ["SIP context required", { sipContext: "required" }, "byot", "acs-direct-routing", "acs-direct-routing"],
    ["SIP context useful only", { sipContext: "useful" }, "direct-offer", "acs-direct-offer", "acs-direct-offer"],
    ["carrier kept, own quality", { carrier: { contracts: true, sbcs: "certified" }, callQuality: "own" }, "byot", "acs-direct-routing", "acs-direct-routing"],
    ["carrier kept, Microsoft quality", { carrier: { contracts: true, sbcs: "certified" } }, "direct-offer", "acs-direct-offer", "acs-direct-offer"],
    ["own quality without carrier", { callQuality: "own" }, "direct-offer", "acs-direct-offer", "acs-direct-offer"],
    ["callers only where not sold", { countries: { callers: ["DE"], agents: ["DE"] } }, "byot", "acs-direct-routing", "acs-direct-routing"],
    ["one caller country not sold", { countries: { callers: ["US", "FR"], agents: ["US"] } }, "hybrid", "acs-direct-offer", "acs-direct-routing"],
    ["answered sold", { countries: { callers: ["US", "FR"], agents: ["US"] }, microsoftNumbers: { FR: "sold" } }, "direct-offer", "acs-direct-offer", "acs-direct-offer"],
    ["answered not sold in the US", { microsoftNumbers: { US: "not-sold" } }, "byot", "acs-direct-routing", "acs-direct-routing"],
    ["DK agents need emergency calls, numbers sold there", { countries: { callers: ["US", "DK"], agents: ["US", "DK"] }, microsoftNumbers: { DK: "sold" } }, "direct-offer", "acs-direct-offer", "acs-direct-offer"],
    ["Teams calling plan in use", { teamsPhone: "calling-plan" }, "teams-calling-plan", "teams-calling-plan", "teams-calling-plan"],
    ["Teams direct routing in use, own quality", { teamsPhone: "direct-routing", callQuality: "own" }, "teams-direct-routing", "teams-direct-routing", "teams-direct-routing"],
    ["Teams direct routing in use, Microsoft quality", { teamsPhone: "direct-routing" }, "teams-calling-plan", "teams-calling-plan", "teams-calling-plan"],
    ["Teams with SIP context required", { teamsPhone: "calling-plan", sipContext: "required" }, "teams-direct-routing", "teams-direct-routing", "teams-direct-routing"],
    ["Teams where calling plans are not known", { teamsPhone: "calling-plan", countries: { callers: ["US", "BR"], agents: ["US"] } }, "teams-direct-routing", "teams-direct-routing", "teams-direct-routing"],
  ])("%s → %s", (_name, change, profile, inbound, outbound) => {
    const advice = decide(change);
    expect([advice.profile, advice.approach.inbound, advice.approach.outbound]).toEqual([profile, inbound, outbound]);
  });

  it("DK agents with Microsoft numbers need no SBC for 112: Microsoft's emergency service takes it", () => {
    const advice = decide({ countries: { callers: ["US", "DK"], agents: ["US", "DK"] }, microsoftNumbers: { DK: "sold" } });
    expect(advice.reasons).toEqual([
      "Microsoft numbers are sold in every country you need (US, DK) and you want Microsoft to own call quality: calling plans (Microsoft numbers) bring simplified provisioning, billing, compliance and emergency services in supported countries (DESIGN.md §2, seed guidance)",
    ]);
    expect([advice.sbcCountries, advice.sbcEmergencyCountries, advice.microsoftEmergencyCountries, advice.warnings]).toEqual([[], [], ["US", "DK"], []]);
  });

  it.each<[string, Partial<AdviceAnswersInput>, string[]]>([
    [
      "uncertified SBCs",
      { sipContext: "required", carrier: { contracts: true, sbcs: "uncertified", emergencyCalls: true } },
      ["ACS direct routing accepts only SBCs certified for it; replace or certify your SBCs before go-live"],
    ],
    [
      "agents where agent emergency calls are not supported",
      { countries: { callers: ["US"], agents: ["US", "DE"] }, microsoftNumbers: { DE: "sold" } },
      ["agent emergency calls are supported only in US, GB, DK, CA, PR (seeds); agents in DE are left out of emergency.countries and need another way to reach emergency services"],
    ],
    [
      "Teams calling plans not known in a country",
      { teamsPhone: "calling-plan", countries: { callers: ["US", "BR"], agents: ["US"] }, carrier: { contracts: true, sbcs: "certified", emergencyCalls: true } },
      ["whether Teams Calling Plans are sold in BR is not in advise's table, so they count as not sold; confirm in the Teams admin center and answer microsoftNumbers: { BR: sold } where they are"],
    ],
  ])("warns about %s", (_name, change, warnings) => {
    expect(decide(change).warnings).toEqual(warnings);
  });
});
