import { describe, expect, it } from "vitest";
import type { ResourceAccount } from "../../src/config/schema";
import { buildTeamsPlan, resolveTeamsNumberType, teamsPlanHash } from "../../src/teams/teamsPlan";
import { stackScripts, stackSpec } from "./teamsStacks";

const account = (over: Partial<ResourceAccount> = {}): ResourceAccount => ({
  upn: "cc@contoso.com",
  displayName: "CC",
  applicationId: "3f1c2b7a-5d4e-4a8b-9c6d-1e2f3a4b5c6d",
  usageLocation: "US",
  phoneNumber: "+14255550100",
  ...over,
});

describe("resolveTeamsNumberType", () => {
  it.each([
    [{ phoneNumberType: "OperatorConnect" as const }, { inbound: "teams-direct-routing", outbound: "teams-direct-routing" }, "OperatorConnect"],
    [{}, { inbound: "teams-direct-routing", outbound: "teams-direct-routing" }, "DirectRouting"],
    [{}, { inbound: "teams-calling-plan", outbound: "teams-calling-plan" }, "CallingPlan"],
    [{}, { inbound: "teams-calling-plan", outbound: "acs-direct-offer" }, "CallingPlan"],
  ] as const)("gives %j with approach %j the type %s", (over, approach, expected) => {
    expect(resolveTeamsNumberType(account(over), 0, approach)).toBe(expected);
  });

  it.each([
    [{ inbound: "teams-calling-plan", outbound: "teams-direct-routing" }],
    [{ inbound: "acs-direct-routing", outbound: "acs-direct-offer" }],
    [undefined],
  ] as const)("fails when the approach %j does not imply one type", (approach) => {
    expect(() => resolveTeamsNumberType(account(), 2, approach)).toThrow(
      "ccvoice:teams.resourceAccounts[2].phoneNumberType is required for +14255550100 because the approach does not imply one; set DirectRouting, CallingPlan or OperatorConnect",
    );
  });
});

describe("buildTeamsPlan", () => {
  it("lists the objects of teams-direct-routing in apply order", () => {
    const spec = stackSpec("teams-direct-routing");
    const plan = buildTeamsPlan({ teams: spec.teams!, emergency: spec.emergency, approach: spec.approach });
    expect(plan.steps.map((s) => s.fn)).toEqual([
      ...Array(2).fill("Sync-CcvResourceAccount"),
      ...Array(2).fill("Sync-CcvPstnGateway"),
      ...Array(5).fill("Sync-CcvPstnUsage"),
      ...Array(5).fill("Sync-CcvVoiceRoute"),
      ...Array(2).fill("Sync-CcvVoiceRoutingPolicy"),
      ...Array(2).fill("Sync-CcvEmergencyCallingPolicy"),
      ...Array(2).fill("Sync-CcvEmergencyCallRoutingPolicy"),
      ...Array(4).fill("Sync-CcvEmergencyAddress"),
      ...Array(2).fill("Sync-CcvAccountAssignment"),
    ]);
    expect(plan.keys.filter((k) => k.startsWith("grant|") || k.startsWith("number|"))).toEqual([
      "number|DirectRouting|+14255550100|cc-support-us@contoso.com",
      "grant|OnlineVoiceRoutingPolicy|CC-NorthAmerica|cc-support-us@contoso.com",
      "grant|TeamsEmergencyCallingPolicy|CC-Emergency-NA|cc-support-us@contoso.com",
      "grant|TeamsEmergencyCallRoutingPolicy|CC-EmergencyRouting-NA|cc-support-us@contoso.com",
      "number|DirectRouting|+442071234500|cc-support-eu@contoso.com",
      "grant|OnlineVoiceRoutingPolicy|CC-Europe|cc-support-eu@contoso.com",
      "grant|TeamsEmergencyCallingPolicy|CC-Emergency-EU|cc-support-eu@contoso.com",
      "grant|TeamsEmergencyCallRoutingPolicy|CC-EmergencyRouting-EU|cc-support-eu@contoso.com",
    ]);
    expect(plan.keys.length).toBe(33);
  });

  it("leaves numbers out when Graph assigns them", () => {
    const spec = stackSpec("teams-calling-plan");
    const plan = buildTeamsPlan({ teams: spec.teams!, emergency: spec.emergency, approach: spec.approach }, "graph");
    expect(plan.keys.filter((k) => k.startsWith("number|"))).toEqual([]);
    expect(stackScripts("teams-calling-plan", { numberAssignment: "graph" }).apply).not.toContain("-PhoneNumber '");
  });

  it("fills an extended notification's missing values from its policy", () => {
    const spec = stackSpec("teams-direct-routing");
    const plan = buildTeamsPlan({ teams: spec.teams!, approach: spec.approach });
    const step = plan.steps.find((s) => s.fn === "Sync-CcvEmergencyCallingPolicy")!;
    expect(step.args.find((a) => a.name === "ExtendedNotifications")?.value).toEqual([
      { EmergencyDialString: "933", NotificationGroup: "voice-admins@contoso.com", NotificationDialOutNumber: undefined, NotificationMode: "NotificationOnly" },
    ]);
  });

  it("gives equal plans equal hashes and a changed plan another hash", () => {
    const spec = stackSpec("teams-direct-routing");
    const input = { teams: spec.teams!, emergency: spec.emergency, approach: spec.approach };
    const changed = structuredClone(input);
    changed.teams.directRouting.voiceRoutes[1]!.priority = 2;
    expect(teamsPlanHash(buildTeamsPlan(input))).toBe(teamsPlanHash(buildTeamsPlan(structuredClone(input))));
    expect(teamsPlanHash(buildTeamsPlan(changed))).not.toBe(teamsPlanHash(buildTeamsPlan(input)));
  });
});

it("writes a known ACS resource id as the parameter default instead of asking for it", () => {
  const text = stackScripts("teams-calling-plan", { acsResourceId: "19f6e516-048c-5ae7-a7d3-faa18eb425fe" }).apply;
  expect(text).toContain("    [string] $AcsResourceId = '19f6e516-048c-5ae7-a7d3-faa18eb425fe'\n)");
  expect(text).not.toContain("[Parameter(Mandatory = $true)]");
});
