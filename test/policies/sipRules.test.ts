import { describe, expect, it } from "vitest";
import { acsRaw, at, findings, specFrom, teamsRaw } from "./fixtures";

type Raw = Record<string, unknown>;
type Change = (raw: Raw) => void;
type Expected = { resource: string; message: string }[];
const dr = (raw: Raw) => at(raw, "directRouting");
const routes = (raw: Raw) => dr(raw).routes as Raw[];
const trunks = (raw: Raw) => dr(raw).trunks as Raw[];
const voiceRoutes = (raw: Raw) => at(raw, "teams.directRouting").voiceRoutes as Raw[];

describe("ccvoice-sip-route-pattern", () => {
  it.each<[string, Raw, Change, Expected]>([
    [
      "fails when a pattern is not anchored",
      acsRaw(),
      (raw) => ((routes(raw)[1] as Raw).numberPattern = "\\+45\\d{8}"),
      [
        {
          resource: "ccvoice:directRouting.routes[1].numberPattern",
          message: 'Route "denmark" (\\+45\\d{8}) is not anchored, so the service also matches it inside longer numbers. Anchor it as ^\\+45\\d{8}$.',
        },
      ],
    ],
    [
      "fails when a pattern matches numbers without their +",
      acsRaw(),
      (raw) => ((routes(raw)[1] as Raw).numberPattern = "^45\\d{8}$"),
      [
        {
          resource: "ccvoice:directRouting.routes[1].numberPattern",
          message:
            'Route "denmark" (^45\\d{8}$) matches "4599267494", which is neither an E.164 number with + nor an emergency number, and the service only matches those. Match E.164 numbers with their +, such as ^\\+1\\d{10}$.',
        },
      ],
    ],
    [
      "fails when a short-number pattern matches more than emergency numbers",
      acsRaw(),
      (raw) => ((routes(raw)[0] as Raw).numberPattern = "^\\d{3}$"),
      [
        {
          resource: "ccvoice:directRouting.routes[0].numberPattern",
          message:
            'Route "emergency-dk" (^\\d{3}$) matches "059", which is neither an E.164 number with + nor an emergency number, and the service only matches those. Match E.164 numbers with +, such as ^\\+1\\d{10}$, or only emergency numbers such as ^(911|933)$.',
        },
      ],
    ],
    [
      "fails when a Teams voice route pattern is not anchored at the end",
      teamsRaw(),
      (raw) => ((voiceRoutes(raw)[1] as Raw).numberPattern = "^\\+1\\d{10}"),
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[1].numberPattern",
          message: 'Voice route "na-national" (^\\+1\\d{10}) is not anchored, so the service also matches it inside longer numbers. Anchor it as ^\\+1\\d{10}$.',
        },
      ],
    ],
    [
      "fails when only the first and the last alternative of a pattern are anchored",
      acsRaw(),
      (raw) => ((routes(raw)[0] as Raw).numberPattern = "^911|933$"),
      [
        {
          resource: "ccvoice:directRouting.routes[0].numberPattern",
          message: 'Route "emergency-dk" (^911|933$) is not anchored, so the service also matches it inside longer numbers. Anchor it as ^(?:911|933)$.',
        },
      ],
    ],
    [
      "fails when one alternative of a Teams voice route pattern lacks its anchors",
      teamsRaw(),
      (raw) => ((voiceRoutes(raw)[1] as Raw).numberPattern = "^\\+1425\\d{7}$|\\+1206\\d{7}"),
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[1].numberPattern",
          message: 'Voice route "na-national" (^\\+1425\\d{7}$|\\+1206\\d{7}) is not anchored, so the service also matches it inside longer numbers. Anchor it as ^(?:\\+1425\\d{7}|\\+1206\\d{7})$.',
        },
      ],
    ],
    ["passes a route matching both an emergency number and E.164 numbers", acsRaw(), (raw) => ((routes(raw)[2] as Raw).numberPattern = "^(911|\\+1\\d{10})$"), []],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-sip-route-pattern", { spec: specFrom(raw, change) })).toEqual(expected);
  });

  it("fails when a pattern does not compile (a spec built without the parser)", () => {
    const spec = specFrom(acsRaw());
    (spec.directRouting?.routes[1] as { numberPattern: string }).numberPattern = "^\\+45(\\d{8}$";
    expect(findings("ccvoice-sip-route-pattern", { spec })).toEqual([
      {
        resource: "ccvoice:directRouting.routes[1].numberPattern",
        message: 'Route "denmark" (^\\+45(\\d{8}$) is not a valid regular expression (/^\\+45(\\d{8}$/: Unterminated group); fix the pattern.',
      },
    ]);
  });
});

describe("ccvoice-sip-route-trunks-declared", () => {
  it.each<[string, Raw, Change, Expected]>([
    [
      "fails when a route names an undeclared trunk",
      acsRaw(),
      (raw) => ((routes(raw)[2] as Raw).trunks as string[]).push("sbc9.contoso.com"),
      [
        {
          resource: "ccvoice:directRouting.routes[2].trunks[1]",
          message: 'Route "nanp" names trunk "sbc9.contoso.com", which is not declared in ccvoice:directRouting.trunks. Declare the trunk or remove it from the route.',
        },
      ],
    ],
    [
      "fails when a route names a disabled trunk",
      acsRaw(),
      (raw) => ((trunks(raw)[0] as Raw).enabled = false),
      [
        {
          resource: "ccvoice:directRouting.routes[2].trunks[0]",
          message:
            'Route "nanp" names trunk "sbc1.contoso.com", which is disabled (enabled: false), so the route silently skips it. Enable the trunk, or remove it from the route while it is out of service.',
        },
      ],
    ],
    [
      "fails when a Teams voice route names an undeclared gateway",
      teamsRaw(),
      (raw) => ((voiceRoutes(raw)[1] as Raw).gateways = ["sbc2.contoso.com"]),
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[1].gateways[0]",
          message:
            'Voice route "na-national" names gateway "sbc2.contoso.com", which is not declared in ccvoice:teams.directRouting.gateways. Declare the gateway or remove it from the voice route.',
        },
      ],
    ],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-sip-route-trunks-declared", { spec: specFrom(raw, change) })).toEqual(expected);
  });
});

describe("ccvoice-sip-route-unreachable", () => {
  it.each<[string, Raw, Change, Expected]>([
    [
      "fails when a route repeats an earlier pattern",
      acsRaw(),
      (raw) => routes(raw).push({ name: "nanp-copy", numberPattern: "^\\+1[2-9]\\d{2}[2-9]\\d{6}$", trunks: ["sbc2.contoso.com"] }),
      [
        {
          resource: "ccvoice:directRouting.routes[3]",
          message:
            'Route "nanp-copy" (^\\+1[2-9]\\d{2}[2-9]\\d{6}$) is never used: route "nanp" before it has the same pattern. Move it before "nanp", narrow the earlier pattern, or remove it.',
        },
      ],
    ],
    [
      "passes a route behind a catch-all whose trunks are all disabled",
      acsRaw(),
      (raw) => {
        trunks(raw).push({ fqdn: "sbc3.contoso.com", enabled: false });
        routes(raw).splice(1, 0, { name: "all-plus", numberPattern: "^\\+\\d+$", trunks: ["sbc3.contoso.com"] });
      },
      [],
    ],
    [
      "fails when a Teams voice route is shadowed within its PSTN usage",
      teamsRaw(),
      (raw) =>
        voiceRoutes(raw).push({ name: "na-local", numberPattern: "^\\+1425\\d{7}$", gateways: ["sbc1.contoso.com"], pstnUsages: ["NA-National"], priority: 2 }),
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[2]",
          message:
            'In PSTN usage NA-National, voice route "na-local" (^\\+1425\\d{7}$) is never used: route "na-national" before it matches every number it matches (96 sampled). Move it before "na-national", narrow the earlier pattern, or remove it.',
        },
      ],
    ],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-sip-route-unreachable", { spec: specFrom(raw, change) })).toEqual(expected);
  });
});

describe("ccvoice-sip-trunk-domain", () => {
  const addTrunk = (fqdn: string) => (raw: Raw) => trunks(raw).push({ fqdn });
  it.each<[string, Change, Expected]>([
    [
      "fails when a trunk lies under an undeclared subdomain",
      addTrunk("sbc3.eu.contoso.com"),
      [
        {
          resource: "ccvoice:directRouting.trunks[2].fqdn",
          message:
            'Trunk "sbc3.eu.contoso.com" lies under eu.contoso.com, which is not declared; contoso.com is, but a subdomain must itself be added and verified. Add eu.contoso.com to ccvoice:directRouting.domains and verify it in the Azure portal.',
        },
      ],
    ],
    [
      "fails when a trunk lies under an undeclared domain",
      addTrunk("sbc3.fabrikam.com"),
      [
        {
          resource: "ccvoice:directRouting.trunks[2].fqdn",
          message:
            'Trunk "sbc3.fabrikam.com" lies under fabrikam.com, which is not in ccvoice:directRouting.domains (contoso.com). Add and verify fabrikam.com, or give the SBC an FQDN under a declared domain.',
        },
      ],
    ],
    [
      "fails when a trunk lies under azure.com",
      addTrunk("sbc3.contoso.azure.com"),
      [
        {
          resource: "ccvoice:directRouting.trunks[2].fqdn",
          message: 'Trunk "sbc3.contoso.azure.com" is under azure.com, which ACS refuses for direct routing. Give the SBC an FQDN under a domain you own and verify that domain.',
        },
      ],
    ],
    [
      "fails when a declared domain is under onmicrosoft.com",
      (raw) => (dr(raw).domains as string[]).push("contoso.onmicrosoft.com"),
      [
        {
          resource: "ccvoice:directRouting.domains[1]",
          message: 'Domain "contoso.onmicrosoft.com" is under onmicrosoft.com, which ACS refuses for direct routing. Declare and verify a domain you own, such as contoso.com.',
        },
      ],
    ],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-sip-trunk-domain", { spec: specFrom(acsRaw(), change) })).toEqual(expected);
  });
});

describe("ccvoice-sip-trunk-tls", () => {
  it.each<[string, Raw, Expected]>([
    [
      "fails when a trunk signals on 5060",
      { sipSignalingPort: 5060 },
      [
        {
          resource: "ccvoice:directRouting.trunks[0].sipSignalingPort",
          message: 'Trunk "sbc1.contoso.com" signals on port 5060 without tls: true, so its SIP signaling may travel unencrypted. Use port 5061, or set tls: true if that port is TLS.',
        },
      ],
    ],
    ["passes another port marked tls", { sipSignalingPort: 5067, tls: true }, []],
  ])("%s", (_name, fields, expected) => {
    const spec = specFrom(acsRaw(), (raw) => Object.assign(trunks(raw)[0] as Raw, fields));
    expect(findings("ccvoice-sip-trunk-tls", { spec })).toEqual(expected);
  });
});

describe("ccvoice-approach-consistent", () => {
  it.each<[string, Raw, Change, Expected]>([
    [
      "fails when a direct offer stack declares SBC trunks",
      acsRaw(),
      (raw) => (at(raw, "approach").outbound = "acs-direct-offer"),
      [
        {
          resource: "ccvoice:directRouting.trunks",
          message:
            "The approach acs-direct-offer inbound / acs-direct-offer outbound uses no ACS direct routing, yet ccvoice:directRouting declares 2 trunk(s) (sbc1.contoso.com, sbc2.contoso.com), so calls could leave through SBCs the approach does not plan for. Remove ccvoice:directRouting, or set approach.inbound or approach.outbound to acs-direct-routing.",
        },
      ],
    ],
    [
      "fails when a calling plan stack declares gateways and DirectRouting numbers",
      teamsRaw(),
      (raw) => Object.assign(at(raw, "approach"), { inbound: "teams-calling-plan", outbound: "teams-calling-plan" }),
      [
        {
          resource: "ccvoice:teams.directRouting.gateways",
          message:
            "The approach teams-calling-plan inbound / teams-calling-plan outbound uses no Teams direct routing, yet ccvoice:teams.directRouting declares 1 gateway(s) (sbc1.contoso.com). Remove them, or use teams-direct-routing.",
        },
        {
          resource: "ccvoice:teams.resourceAccounts[0].phoneNumberType",
          message:
            "Resource account cc-us@contoso.com has a DirectRouting number, but the approach teams-calling-plan inbound / teams-calling-plan outbound uses no Teams direct routing. Give it a CallingPlan or OperatorConnect number, or use teams-direct-routing.",
        },
      ],
    ],
    [
      "fails when outbound ACS direct routing has no route",
      acsRaw(),
      (raw) => (dr(raw).routes = []),
      [
        {
          resource: "ccvoice:directRouting.routes",
          message:
            "The approach acs-direct-offer inbound / acs-direct-routing outbound sends outbound calls by ACS direct routing but declares no route, so every call either falls back to direct offer or fails. Add routes to ccvoice:directRouting.routes.",
        },
      ],
    ],
    [
      "fails when a Teams approach declares no resource account",
      teamsRaw(),
      (raw) => (at(raw, "teams").resourceAccounts = []),
      [
        {
          resource: "ccvoice:teams.resourceAccounts",
          message:
            "The approach teams-direct-routing inbound / teams-direct-routing outbound reaches Teams Phone through resource accounts but declares none. Add one to ccvoice:teams.resourceAccounts.",
        },
      ],
    ],
    [
      "fails when direct offer declares no Microsoft number",
      acsRaw(),
      (raw) => Object.assign(at(raw, "phoneNumbers"), { orders: [], adopt: [] }),
      [
        {
          resource: "ccvoice:phoneNumbers",
          message:
            "The approach acs-direct-offer inbound / acs-direct-routing outbound uses Microsoft numbers (direct offer) but declares no number order and no adopted number. Add an entry to ccvoice:phoneNumbers.orders or ccvoice:phoneNumbers.adopt.",
        },
      ],
    ],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-approach-consistent", { spec: specFrom(raw, change) })).toEqual(expected);
  });
});
