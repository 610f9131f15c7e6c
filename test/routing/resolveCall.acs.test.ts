import { describe, expect, it } from "vitest";
import { resolveCall } from "../../src/routing";
import { exampleSpec, variant } from "./stacks";

const hybrid = exampleSpec("hybrid");
const byot = exampleSpec("acs-direct-routing");
const offer = exampleSpec("acs-direct-offer");
const SBC_EMERGENCY = "; the SBC and its carrier must handle this emergency call";
const ASSUMED = (n: string, i: number) =>
  `adopted number ${n} does not declare its capabilities, so ccvoice assumes it makes calls but keeps whatever it has live; declare capabilities: { calling: inbound+outbound } on ccvoice:phoneNumbers.adopt[${i}] so the deployment sets it`;

describe("hybrid stack (stacks/Pulumi.hybrid.yaml): the emergency rule", () => {
  it.each([
    [
      { dial: "911", country: "US" },
      {
        path: "acs-direct-offer", dialString: "911", emergency: true, testNumber: false, trunks: [],
        callerId: "order:us-main", warnings: [],
        reason: "911 matches no direct routing route; the caller id is a Microsoft number (order us-main, assumed as no caller id was given), so the call leaves through direct offer to Microsoft's emergency service",
      },
    ],
    [
      { dial: "911", country: "US", from: "+14255550100" },
      {
        path: "acs-direct-offer", dialString: "911", emergency: true, testNumber: false, trunks: [],
        callerId: "+14255550100",
        warnings: [ASSUMED("+14255550100", 0)],
        reason: "911 matches no direct routing route; the caller id is a Microsoft number (adopted number +14255550100), so the call leaves through direct offer to Microsoft's emergency service",
      },
    ],
    [
      { dial: "933", country: "US", from: "order:us-callback" },
      {
        path: "acs-direct-offer", dialString: "933", emergency: true, testNumber: true, trunks: [],
        callerId: "order:us-callback", warnings: [],
        reason: "933 matches no direct routing route; the caller id is a Microsoft number (order us-callback), so the call leaves through direct offer to Microsoft's emergency service (test number: it plays back the temporary callback number, nobody is dispatched)",
      },
    ],
    [
      { dial: "112", country: "DK" },
      {
        path: "acs-direct-routing", dialString: "112", emergency: true, testNumber: false, route: "emergency-denmark",
        trunks: ["sbc2.contoso.com"], callerId: "order:us-main",
        warnings: [
          `route "emergency-denmark" takes 112 from DK away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude 112 from the route's pattern unless the SBC is meant to carry it`,
        ],
        reason: `112 matches route "emergency-denmark" (^112$), so the call goes by ACS direct routing to sbc2.contoso.com${SBC_EMERGENCY}`,
      },
    ],
    [
      { dial: "33 12 34 00", country: "DK" },
      {
        path: "acs-direct-routing", dialString: "+4533123400", emergency: false, testNumber: false, route: "denmark",
        trunks: ["sbc2.contoso.com", "sbc1.contoso.com"], callerId: "order:us-main", warnings: [],
        reason: `+4533123400 matches route "denmark" (^\\+45\\d{8}$), so the call goes by ACS direct routing to sbc2.contoso.com, sbc1.contoso.com (in any order; the order within a route is not guaranteed)`,
      },
    ],
  ])("%j", (call, expected) => {
    expect(resolveCall(hybrid, call)).toEqual(expected);
  });

  it("sends 112 from the UK to the Danish SBC and warns that Microsoft's emergency service loses it", () => {
    const r = resolveCall(hybrid, { dial: "112", country: "GB" });
    expect([r.path, r.route, r.trunks, r.callerId]).toEqual(["acs-direct-routing", "emergency-denmark", ["sbc2.contoso.com"], "order:gb-main"]);
    expect(r.warnings).toEqual([
      `route "emergency-denmark" takes 112 from GB away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude 112 from the route's pattern unless the SBC is meant to carry it`,
    ]);
  });

  it.each([
    ["^.*$"],
    [".*"],
    ["^\\d+$"],
    ["^(\\+\\d+|\\d{3})$"],
  ])("a catch-all route %j added last captures 911 and sends it to the SBC", (pattern) => {
    const spec = variant("hybrid", (s) => {
      s.directRouting!.routes.push({ name: "everything", numberPattern: pattern, trunks: ["sbc1.contoso.com"] });
    });
    const r = resolveCall(spec, { dial: "911", country: "US" });
    expect(r).toEqual({
      path: "acs-direct-routing", dialString: "911", emergency: true, testNumber: false, route: "everything",
      trunks: ["sbc1.contoso.com"], callerId: "order:us-main",
      reason: `911 matches route "everything" (${pattern}), so the call goes by ACS direct routing to sbc1.contoso.com${SBC_EMERGENCY}`,
      warnings: [
        `route "everything" takes 911 from US away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude 911 from the route's pattern unless the SBC is meant to carry it`,
      ],
    });
  });

  it("warns when the emergency route's trunk is not marked emergencyCapable", () => {
    const spec = variant("hybrid", (s) => {
      s.directRouting!.trunks[1]!.emergencyCapable = false;
    });
    expect(resolveCall(spec, { dial: "112", country: "DK" }).warnings).toEqual([
      "emergency number 112 goes to sbc2.contoso.com, not marked emergencyCapable; mark the trunk emergencyCapable once its carrier handles emergency calls, or route 112 elsewhere",
      `route "emergency-denmark" takes 112 from DK away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude 112 from the route's pattern unless the SBC is meant to carry it`,
    ]);
  });

  it("falls back to direct offer when the matching route's trunks are all disabled", () => {
    const spec = variant("hybrid", (s) => {
      s.directRouting!.trunks.forEach((t) => (t.enabled = false));
    });
    expect(resolveCall(spec, { dial: "+4533123400", country: "DK", from: "order:gb-main" })).toEqual({
      path: "acs-direct-offer", dialString: "+4533123400", emergency: false, testNumber: false, trunks: [],
      callerId: "order:gb-main",
      reason: "+4533123400 matches no direct routing route with an enabled trunk; the caller id is a Microsoft number (order gb-main), so the call leaves through direct offer over the Microsoft PSTN",
      warnings: ['every trunk of route "denmark" is disabled or undeclared (sbc2.contoso.com, sbc1.contoso.com); the call skips it'],
    });
  });
});

describe("adopted numbers whose capabilities the stack does not declare", () => {
  const adoptedOnly = variant("acs-direct-offer", (s) => {
    s.phoneNumbers.orders = [];
    s.phoneNumbers.adopt = [
      { phoneNumber: "+14255550100", purpose: "main-line" },
      { phoneNumber: "+12065550100", purpose: "outbound-caller-id", capabilities: { calling: "inbound+outbound", sms: "none" } },
    ];
  });

  it("prefers a number whose outbound calling is declared as the default caller id", () => {
    const r = resolveCall(adoptedOnly, { dial: "911", country: "US" });
    expect([r.path, r.callerId, r.warnings]).toEqual(["acs-direct-offer", "+12065550100", []]);
  });

  it("warns when a direct offer call rests on a number whose capabilities are not declared", () => {
    const spec = variant("acs-direct-offer", (s) => {
      s.phoneNumbers.orders = [];
    });
    const r = resolveCall(spec, { dial: "911", country: "US" });
    expect([r.path, r.callerId, r.warnings]).toEqual(["acs-direct-offer", "+14255550100", [ASSUMED("+14255550100", 0)]]);
  });
});

describe("blocked ACS calls", () => {
  it.each([
    [
      "a carrier caller id with no matching route",
      hybrid, { dial: "911", country: "US", from: "+4533123400" },
      "911 matches no direct routing route and +4533123400 is a carrier number (ccvoice:directRouting.numbers), not a Microsoft number, so the call fails; add a direct routing route for 911 or call from a Microsoft number with outbound calling",
    ],
    [
      "an unknown caller id",
      hybrid, { dial: "911", country: "US", from: "+12065550100" },
      "911 matches no direct routing route and +12065550100 is not a Microsoft number on the resource (order numbers are known only after purchase; pass order:<name>), so the call fails; add a direct routing route for 911 or call from a Microsoft number with outbound calling",
    ],
    [
      "direct offer without Microsoft numbers",
      variant("acs-direct-offer", (s) => { s.phoneNumbers.orders = []; s.phoneNumbers.adopt = []; }),
      { dial: "911", country: "US" },
      "no direct routing route exists and the resource has no Microsoft number with outbound calling (ccvoice:phoneNumbers), so the call fails; add a direct routing route for 911 or call from a Microsoft number with outbound calling",
    ],
    [
      "an inbound-only order as caller id",
      variant("acs-direct-offer", (s) => { s.phoneNumbers.orders[0]!.capabilities.calling = "inbound"; }),
      { dial: "+14255550123", country: "US", from: "order:us-main" },
      "no direct routing route exists and order us-main has calling capability inbound, not outbound, so the call fails; add a direct routing route for +14255550123 or call from a Microsoft number with outbound calling",
    ],
    [
      "a BYOT stack dialing a number no route takes",
      variant("acs-direct-routing", (s) => { s.directRouting!.routes.pop(); }),
      { dial: "+33 1 23 45 67 89", country: "US" },
      "+33123456789 matches no direct routing route and the resource has no Microsoft number with outbound calling (ccvoice:phoneNumbers), so the call fails; add a direct routing route for +33123456789 or call from a Microsoft number with outbound calling",
    ],
    [
      "112 from Germany reaching direct offer",
      offer, { dial: "112", country: "DE" },
      "no direct routing route exists; the caller id is a Microsoft number (order us-main, assumed as no caller id was given), but Microsoft's emergency service on direct offer takes only US (911, 933), PR (911), CA (911), DK (112), GB (999, 112), AU (000), not 112 from DE; add a direct routing route for 112 to an emergency-capable SBC",
    ],
    [
      "112 from the US reaching direct offer",
      offer, { dial: "112", country: "US" },
      "no direct routing route exists; the caller id is a Microsoft number (order us-main, assumed as no caller id was given), but Microsoft's emergency service on direct offer takes only US (911, 933), PR (911), CA (911), DK (112), GB (999, 112), AU (000), not 112 from US; add a direct routing route for 112 to an emergency-capable SBC",
    ],
  ])("blocks %s", (_what, spec, call, reason) => {
    const r = resolveCall(spec, call);
    expect([r.path, r.trunks, r.reason]).toEqual(["blocked", [], reason]);
  });
});

describe("direct offer and BYOT stacks", () => {
  it("tries direct routing first even when approach.outbound is acs-direct-offer", () => {
    const spec = variant("acs-direct-offer", (s) => {
      s.directRouting = {
        domains: ["contoso.com"], numbers: [], adoptExisting: false,
        trunks: [{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false }],
        routes: [{ name: "uk", numberPattern: "^\\+44\\d{9,10}$", trunks: ["sbc1.contoso.com"] }],
      };
    });
    const uk = resolveCall(spec, { dial: "020 7123 4500", country: "GB" });
    const us = resolveCall(spec, { dial: "911", country: "US" });
    expect([uk.path, uk.route, us.path, us.reason]).toEqual([
      "acs-direct-routing", "uk", "acs-direct-offer",
      "911 matches no direct routing route; the caller id is a Microsoft number (order us-main, assumed as no caller id was given), so the call leaves through direct offer to Microsoft's emergency service",
    ]);
  });

  it("sends 112 from Denmark through direct offer to Microsoft's emergency service when no route takes it", () => {
    expect(resolveCall(offer, { dial: "112", country: "DK" })).toEqual({
      path: "acs-direct-offer", dialString: "112", emergency: true, testNumber: false, trunks: [],
      callerId: "order:us-main", warnings: [],
      reason: "no direct routing route exists; the caller id is a Microsoft number (order us-main, assumed as no caller id was given), so the call leaves through direct offer to Microsoft's emergency service",
    });
  });

  it.each([
    ["911", "US", "acs-direct-routing", "emergency-nanp", ["sbc1.contoso.com"]],
    ["933", "US", "acs-direct-routing", "emergency-nanp", ["sbc1.contoso.com"]],
    ["999", "GB", "acs-direct-routing", "emergency-europe", ["sbc2.contoso.com"]],
    ["112", "DK", "acs-direct-routing", "emergency-europe", ["sbc2.contoso.com"]],
    ["(425) 555-0100", "US", "acs-direct-routing", "nanp", ["sbc1.contoso.com", "sbc2.contoso.com"]],
    ["+33123456789", "US", "acs-direct-routing", "international", ["sbc2.contoso.com", "sbc1.contoso.com"]],
  ])("BYOT: %s from %s → %s %s", (dial, country, path, route, trunks) => {
    const r = resolveCall(byot, { dial, country });
    expect([r.path, r.route, r.trunks, r.warnings]).toEqual([path, route, trunks, []]);
  });

  it.each([
    ["911", "US", "order:us-main"],
    ["911", "CA", "order:ca-callback"],
    ["999", "GB", "order:gb-main"],
    ["112", "GB", "order:gb-main"],
    ["+4533123400", "DK", "order:us-main"],
  ])("direct offer: %s from %s leaves as %s", (dial, country, callerId) => {
    const r = resolveCall(offer, { dial, country });
    expect([r.path, r.route, r.trunks, r.callerId]).toEqual(["acs-direct-offer", undefined, [], callerId]);
  });

  it.each([
    [{ dial: "911", country: "US", from: "order:nope" }, 'from "order:nope" names no order in ccvoice:phoneNumbers.orders; known orders: us-main, us-callback, ca-callback, gb-main'],
    [{ dial: "911", country: "US", from: "4255550100" }, 'from "4255550100" must be an E.164 number such as +14255550100, or order:<name> of a phone number order'],
    [{ dial: "411", country: "US" }, 'dialed "411" is neither an emergency number in US (911, 933) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
  ])("fails when the call is %j", (call, message) => {
    expect(() => resolveCall(offer, call)).toThrow(new Error(message));
  });
});
