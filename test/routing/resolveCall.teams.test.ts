import { describe, expect, it } from "vitest";
import type { TeamsVoiceRoute } from "../../src/config/schema";
import { resolveCall, teamsRoutesForUsage } from "../../src/routing";
import { exampleSpec, variant } from "./stacks";

const US = "cc-support-us@contoso.com";
const EU = "cc-support-eu@contoso.com";
const SBC1 = "sbc1.contoso.com";
const SBC2 = "sbc2.contoso.com";
const teamsDr = exampleSpec("teams-direct-routing");
const callingPlan = exampleSpec("teams-calling-plan");

describe("Teams direct routing stack (stacks/Pulumi.teams-direct-routing.yaml)", () => {
  it.each([
    [US, "911", "US", "teams-direct-routing", "911", "cc-na-emergency", [SBC1]],
    [US, "9911", "US", "teams-direct-routing", "911", "cc-na-emergency", [SBC1]],
    [US, "933", "US", "teams-direct-routing", "933", "cc-na-emergency", [SBC1]],
    [US, "911", "CA", "teams-direct-routing", "911", "cc-na-emergency", [SBC1]],
    [EU, "112", "GB", "teams-direct-routing", "112", "cc-eu-emergency", [SBC2]],
    [EU, "999", "GB", "teams-direct-routing", "999", "cc-eu-emergency", [SBC2]],
    [EU, "112", "DK", "teams-direct-routing", "112", "cc-eu-emergency", [SBC2]],
    [US, "(425) 555-0100", "US", "teams-direct-routing", "+14255550100", "cc-na-national", [SBC1, SBC2]],
    [US, "+4533123400", "US", "teams-direct-routing", "+4533123400", "cc-international", [SBC2, SBC1]],
    [EU, "33 12 34 00", "DK", "teams-direct-routing", "+4533123400", "cc-eu-national", [SBC2]],
    [EU, "+14255550100", "GB", "teams-direct-routing", "+14255550100", "cc-international", [SBC2, SBC1]],
    ["CC-Support-EU@Contoso.com", "999", "GB", "teams-direct-routing", "999", "cc-eu-emergency", [SBC2]],
    [US, "112", "DK", "blocked", "112", undefined, []],
  ])("%s dials %s from %s → %s (%s) %s", (account, dial, country, path, dialString, route, trunks) => {
    const r = resolveCall(teamsDr, { dial, country, resourceAccount: account });
    expect([r.path, r.dialString, r.route, r.trunks, r.warnings]).toEqual([path, dialString, route, trunks, []]);
  });

  it.each([
    ["911", "911 is in emergency call routing policy CC-EmergencyRouting-NA of resource account cc-support-us@contoso.com with PSTN usage CC-NA-Emergency; voice route \"cc-na-emergency\" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com"],
    ["9911", "911 (dialed 9911, a dial mask) is in emergency call routing policy CC-EmergencyRouting-NA of resource account cc-support-us@contoso.com with PSTN usage CC-NA-Emergency; voice route \"cc-na-emergency\" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com"],
    ["112", "112 is not in emergency call routing policy CC-EmergencyRouting-NA of resource account cc-support-us@contoso.com, so Teams routes it with the voice routing policy; no voice route of voice routing policy CC-NorthAmerica (PSTN usages CC-NA-Emergency, CC-NA-National, CC-International) matches 112 with an enabled gateway, and resource account cc-support-us@contoso.com has no calling plan number, so the call fails; add a voice route for it"],
    ["+4533123400", "voice routing policy CC-NorthAmerica of resource account cc-support-us@contoso.com tries PSTN usages CC-NA-Emergency, CC-NA-National, CC-International; in CC-International, voice route \"cc-international\" (priority 5, ^\\+[1-9]\\d{6,14}$) sends it to sbc2.contoso.com, sbc1.contoso.com"],
  ])("explains %s for the default (first) account", (dial, reason) => {
    const r = resolveCall(teamsDr, { dial, country: "US" });
    expect([r.callerId, r.reason]).toEqual([US, reason]);
  });

  it("reads a 10-digit emergency dial mask", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.emergencyCallRoutingPolicies[0]!.emergencyNumbers[0]!.emergencyDialMask.push("8005550911");
    });
    const r = resolveCall(spec, { dial: "800-555-0911", country: "US" });
    expect([r.path, r.dialString, r.emergency, r.route]).toEqual(["teams-direct-routing", "911", true, "cc-na-emergency"]);
  });

  it("marks the 933 test number and the emergency flag", () => {
    const r = resolveCall(teamsDr, { dial: "933", country: "US" });
    expect([r.emergency, r.testNumber]).toEqual([true, true]);
  });

  it("fails when the resource account is unknown", () => {
    expect(() => resolveCall(teamsDr, { dial: "911", country: "US", resourceAccount: "nobody@contoso.com" })).toThrow(
      new Error('resource account "nobody@contoso.com" is not in ccvoice:teams.resourceAccounts; known accounts: cc-support-us@contoso.com, cc-support-eu@contoso.com'),
    );
  });
});

describe("Teams voice route order: PSTN usages in policy order, then priority (lowest first), then list order", () => {
  const extra = (name: string, priority: number, usage = "CC-NA-National"): TeamsVoiceRoute => ({
    name, numberPattern: "^\\+1\\d{10}$", gateways: [SBC2], pstnUsages: [usage], priority,
  });
  it.each([
    ["a lower priority listed later wins", [extra("na-backup", 0)], undefined, "na-backup"],
    ["an equal priority listed later loses", [extra("na-backup", 1)], undefined, "cc-na-national"],
    ["a higher priority loses", [extra("na-backup", 7)], undefined, "cc-na-national"],
    ["usage order beats priority", [extra("intl-first", 0, "CC-International")], undefined, "cc-na-national"],
    ["an earlier usage wins", [extra("intl-first", 3, "CC-International")], ["CC-International", "CC-NA-National"], "intl-first"],
  ])("%s", (_what, routes, usages, expected) => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.directRouting.voiceRoutes.push(...routes);
      if (usages) s.teams!.directRouting.voiceRoutingPolicies[0]!.pstnUsages = usages;
    });
    expect(resolveCall(spec, { dial: "+14255550100", country: "US" }).route).toBe(expected);
  });

  it("sorts the routes of a usage by priority, keeping list order on ties", () => {
    const r = (name: string, priority: number): TeamsVoiceRoute => ({
      name, numberPattern: ".*", gateways: [SBC1], pstnUsages: ["U"], priority,
    });
    const other: TeamsVoiceRoute = { ...r("other", 0), pstnUsages: ["V"] };
    expect(teamsRoutesForUsage([r("c", 2), r("a", 1), other, r("b", 1), r("d", 0)], "U").map((x) => x.name)).toEqual([
      "d", "a", "b", "c",
    ]);
  });
});

describe("Teams PSTN usages and failover: the first usage with a matching voice route decides; its later matching routes are the failover", () => {
  const sbc9 = { fqdn: "sbc9.contoso.com", sipSignalingPort: 5061, enabled: false, pidfLoSupported: true, emergencyCapable: false };

  it("does not try later PSTN usages once a usage has a matching voice route, even with its gateways disabled", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.directRouting.gateways.push(sbc9);
      s.teams!.directRouting.voiceRoutes[1]!.gateways = ["sbc9.contoso.com"];
    });
    const r = resolveCall(spec, { dial: "+14255550100", country: "US" });
    expect([r.path, r.route, r.warnings]).toEqual([
      "blocked",
      undefined,
      [
        'every gateway of voice route "cc-na-national" is disabled or undeclared (sbc9.contoso.com); the call skips it',
        "PSTN usage CC-NA-National has a matching voice route, so Teams does not try the PSTN usages after it (CC-International)",
      ],
    ]);
  });

  it("lists the later matching voice routes of the same usage as failover, in priority order", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.directRouting.gateways.push({ ...sbc9, enabled: true });
      s.teams!.directRouting.voiceRoutes.push(
        { name: "na-backup", numberPattern: "^\\d{3}$", gateways: ["sbc9.contoso.com"], pstnUsages: ["CC-NA-Emergency"], priority: 7 },
        { name: "na-disabled", numberPattern: "^\\d+$", gateways: ["sbc7.contoso.com"], pstnUsages: ["CC-NA-Emergency"], priority: 2 },
        { name: "na-second", numberPattern: "^9\\d\\d$", gateways: [SBC2], pstnUsages: ["CC-NA-Emergency"], priority: 3 },
        { name: "intl-other", numberPattern: "^\\d+$", gateways: [SBC2], pstnUsages: ["CC-International"], priority: 0 },
      );
    });
    const r = resolveCall(spec, { dial: "911", country: "US" });
    expect([r.route, r.trunks, r.failover]).toEqual([
      "cc-na-emergency",
      [SBC1],
      [
        { route: "na-second", trunks: [SBC2] },
        { route: "na-backup", trunks: ["sbc9.contoso.com"] },
      ],
    ]);
    expect(resolveCall(teamsDr, { dial: "911", country: "US" }).failover).toBeUndefined();
  });
});

describe("Teams gateways, missing policies and number types", () => {
  it("skips a route whose gateways are all disabled, and blocks the emergency usage it served", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.directRouting.gateways[0]!.enabled = false;
    });
    const r = resolveCall(spec, { dial: "911", country: "US" });
    expect([r.path, r.reason, r.warnings]).toEqual([
      "blocked",
      "911 is in emergency call routing policy CC-EmergencyRouting-NA of resource account cc-support-us@contoso.com with PSTN usage CC-NA-Emergency, but no voice route of that usage matches 911 with an enabled gateway; add one to an emergency-capable gateway",
      ['every gateway of voice route "cc-na-emergency" is disabled or undeclared (sbc1.contoso.com); the call skips it'],
    ]);
    expect(resolveCall(spec, { dial: "+14255550100", country: "US" }).trunks).toEqual([SBC2]);
  });

  it("routes emergency numbers with the voice routing policy when the account has no emergency call routing policy", () => {
    const spec = variant("teams-direct-routing", (s) => {
      delete s.teams!.resourceAccounts[0]!.emergencyCallRoutingPolicy;
    });
    const r = resolveCall(spec, { dial: "911", country: "US" });
    expect([r.path, r.route, r.reason]).toEqual([
      "teams-direct-routing",
      "cc-na-emergency",
      "resource account cc-support-us@contoso.com has no emergency call routing policy, so Teams routes 911 with the voice routing policy; voice routing policy CC-NorthAmerica of resource account cc-support-us@contoso.com tries PSTN usages CC-NA-Emergency, CC-NA-National, CC-International; in CC-NA-Emergency, voice route \"cc-na-emergency\" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com",
    ]);
  });

  it("warns when an emergency call goes to a gateway not marked emergencyCapable", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.directRouting.gateways[0]!.emergencyCapable = false;
    });
    expect(resolveCall(spec, { dial: "933", country: "US" }).warnings).toEqual([
      "emergency number 933 goes to sbc1.contoso.com, not marked emergencyCapable; mark the gateway emergencyCapable once its carrier handles emergency calls, or route 933 elsewhere",
    ]);
  });

  it.each([
    ["911", "teams-direct-routing", "911 is in emergency call routing policy CC-EmergencyRouting-NA of resource account cc-support-us@contoso.com with PSTN usage CC-NA-Emergency; voice route \"cc-na-emergency\" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com"],
    ["+4533123400", "teams-direct-routing", "voice routing policy CC-NorthAmerica of resource account cc-support-us@contoso.com tries PSTN usages CC-NA-Emergency, CC-NA-National, CC-International; in CC-International, voice route \"cc-international\" (priority 5, ^\\+[1-9]\\d{6,14}$) sends it to sbc2.contoso.com, sbc1.contoso.com"],
    ["+33123456789", "teams-direct-routing", "voice routing policy CC-NorthAmerica of resource account cc-support-us@contoso.com tries PSTN usages CC-NA-Emergency, CC-NA-National, CC-International; in CC-International, voice route \"cc-international\" (priority 5, ^\\+[1-9]\\d{6,14}$) sends it to sbc2.contoso.com, sbc1.contoso.com"],
  ])("a calling plan account with a voice routing policy: %s → %s", (dial, path, reason) => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.resourceAccounts[0]!.phoneNumberType = "CallingPlan";
    });
    const r = resolveCall(spec, { dial, country: "US" });
    expect([r.path, r.reason]).toEqual([path, reason]);
  });

  it("sends a calling plan account's emergency call by its voice routing policy when a voice route matches it (Teams tries direct routing before the calling plan)", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.resourceAccounts[0]!.phoneNumberType = "CallingPlan";
      delete s.teams!.resourceAccounts[0]!.emergencyCallRoutingPolicy;
    });
    const r = resolveCall(spec, { dial: "933", country: "US" });
    expect([r.path, r.route, r.trunks, r.reason]).toEqual([
      "teams-direct-routing",
      "cc-na-emergency",
      [SBC1],
      "resource account cc-support-us@contoso.com has no emergency call routing policy, so Teams routes 933 with the voice routing policy; voice routing policy CC-NorthAmerica of resource account cc-support-us@contoso.com tries PSTN usages CC-NA-Emergency, CC-NA-National, CC-International; in CC-NA-Emergency, voice route \"cc-na-emergency\" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com",
    ]);
  });

  it.each([
    ["the emergency call routing policy's voice route has no enabled gateway", (s: ReturnType<typeof exampleSpec>) => {
      s.teams!.directRouting.voiceRoutes[0]!.gateways = ["sbc9.contoso.com"];
    }, "911 is in emergency call routing policy CC-EmergencyRouting-NA of resource account cc-support-us@contoso.com with PSTN usage CC-NA-Emergency, but no voice route of that usage matches 911 with an enabled gateway, so the calling plan carries the call to its emergency service"],
    ["no voice route of the voice routing policy matches", (s: ReturnType<typeof exampleSpec>) => {
      delete s.teams!.resourceAccounts[0]!.emergencyCallRoutingPolicy;
      s.teams!.directRouting.voiceRoutes.splice(0, 1);
    }, "resource account cc-support-us@contoso.com has no emergency call routing policy, so Teams routes 911 with the voice routing policy; no voice route of voice routing policy CC-NorthAmerica (PSTN usages CC-NA-Emergency, CC-NA-National, CC-International) matches 911 with an enabled gateway, so the calling plan carries the call to its emergency service"],
  ])("falls back to the calling plan for an emergency call when %s", (_what, edit, reason) => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.resourceAccounts[0]!.phoneNumberType = "CallingPlan";
      edit(s);
    });
    const r = resolveCall(spec, { dial: "911", country: "US" });
    expect([r.path, r.trunks, r.reason]).toEqual(["teams-calling-plan", [], reason]);
  });

  it("falls back to the calling plan when no voice route matches", () => {
    const spec = variant("teams-direct-routing", (s) => {
      s.teams!.resourceAccounts[0]!.phoneNumberType = "CallingPlan";
      s.teams!.directRouting.voiceRoutes = s.teams!.directRouting.voiceRoutes.filter((r) => r.name !== "cc-international");
    });
    const r = resolveCall(spec, { dial: "+33123456789", country: "US" });
    expect([r.path, r.trunks, r.reason]).toEqual([
      "teams-calling-plan",
      [],
      "no voice route of voice routing policy CC-NorthAmerica (PSTN usages CC-NA-Emergency, CC-NA-National, CC-International) matches +33123456789 with an enabled gateway, so the calling plan carries the call",
    ]);
  });

  it("sends Operator Connect numbers to the operator", () => {
    const spec = variant("teams-calling-plan", (s) => {
      s.teams!.resourceAccounts[0]!.phoneNumberType = "OperatorConnect";
    });
    expect(resolveCall(spec, { dial: "911", country: "US" }).path).toBe("teams-operator-connect");
  });

  it.each([
    ["a voice routing policy that is not declared", (s: ReturnType<typeof exampleSpec>) => { s.teams!.resourceAccounts[0]!.voiceRoutingPolicy = "Missing"; }, "voice routing policy Missing of resource account cc-support-us@contoso.com is not declared in ccvoice:teams.directRouting.voiceRoutingPolicies; declare it"],
    ["no voice routing policy and a direct routing number", (s: ReturnType<typeof exampleSpec>) => { delete s.teams!.resourceAccounts[0]!.voiceRoutingPolicy; }, "resource account cc-support-us@contoso.com has no voice routing policy and no calling plan number, so the call fails; assign a voice routing policy"],
    ["no resource account", (s: ReturnType<typeof exampleSpec>) => { s.teams!.resourceAccounts = []; }, "ccvoice:teams.resourceAccounts is empty, so no resource account can place the call; add one"],
    ["no teams section", (s: ReturnType<typeof exampleSpec>) => { delete s.teams; }, "approach.outbound is teams-direct-routing but ccvoice:teams is not set, so no resource account can place the call; add ccvoice:teams"],
  ])("blocks a call with %s", (_what, edit, reason) => {
    const r = resolveCall(variant("teams-direct-routing", edit), { dial: "+14255550100", country: "US" });
    expect([r.path, r.reason]).toEqual(["blocked", reason]);
  });
});

describe("Teams calling plan stack (stacks/Pulumi.teams-calling-plan.yaml)", () => {
  it.each([
    [US, "911", "US", "911 is an emergency number and resource account cc-support-us@contoso.com has a CallingPlan number, so the calling plan carries the call to its emergency service"],
    [EU, "999", "GB", "999 is an emergency number and resource account cc-support-eu@contoso.com has a CallingPlan number, so the calling plan carries the call to its emergency service"],
    [US, "+4533123400", "US", "resource account cc-support-us@contoso.com has no voice routing policy and a CallingPlan number, so the calling plan carries the call"],
  ])("%s dials %s from %s", (account, dial, country, reason) => {
    const r = resolveCall(callingPlan, { dial, country, resourceAccount: account });
    expect([r.path, r.route, r.trunks, r.reason]).toEqual(["teams-calling-plan", undefined, [], reason]);
  });
});
