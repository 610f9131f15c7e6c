import { describe, expect, it } from "vitest";
import type { CheckedResource } from "../../policies/lib/types";
import { acsRaw, at, findings, goodResources, resourcesWith, specFrom, teamsRaw } from "./fixtures";

type Raw = Record<string, unknown>;
type Change = (raw: Raw) => void;
const trunks = (raw: Raw) => at(raw, "directRouting").trunks as Raw[];
const routes = (raw: Raw) => at(raw, "directRouting").routes as Raw[];
const sbc2 = (raw: Raw) => trunks(raw)[1] as Raw;
const account = (raw: Raw) => (at(raw, "teams").resourceAccounts as Raw[])[0] as Raw;

const NO_OUTBOUND_REASON =
  "112 matches no direct routing route and the resource has no Microsoft number with outbound calling (ccvoice:phoneNumbers), so the call fails; add a direct routing route for 112 or call from a Microsoft number with outbound calling";
const ADD_ROUTE = "Add a route whose numberPattern matches 112 to a trunk marked emergencyCapable";
const OR_MICROSOFT =
  ", or keep a Microsoft number with outbound calling (ccvoice:phoneNumbers) and no route matching it, so Microsoft's emergency service takes it";
const TEAMS_FIX = (dial: string) =>
  `List ${dial} in the resource account's emergency call routing policy with a PSTN usage whose voice route reaches a gateway marked emergencyCapable, or give the account a CallingPlan number.`;

describe("ccvoice-emergency-route-reachable", () => {
  it.each<[string, Raw, Change, { resource: string; message: string }[]]>([
    [
      "fails when no route takes 112 and no Microsoft number with outbound calling lets direct offer take it",
      acsRaw(),
      (raw) => {
        (routes(raw)[0] as Raw).numberPattern = "^(911|933|999)$";
        at(raw, "phoneNumbers").orders = [];
        at(raw, "phoneNumbers").adopt = [];
        at(raw, "approach").inbound = "acs-direct-routing";
      },
      ["GB", "DK"].map((country) => ({
        resource: "ccvoice:directRouting.routes",
        message: `112 dialed by agents in ${country} reaches no emergency service: ${NO_OUTBOUND_REASON}. ${ADD_ROUTE}${OR_MICROSOFT}.`,
      })),
    ],
    [
      "fails when the emergency route's only trunk is not emergencyCapable",
      acsRaw(),
      (raw) => (sbc2(raw).emergencyCapable = false),
      [
        {
          resource: "ccvoice:directRouting.routes[0]",
          message: `112 dialed by agents in GB goes by route "emergency-dk" (^112$) to sbc2.contoso.com, which is not marked emergencyCapable, so no emergency-capable path carries it. ${ADD_ROUTE}${OR_MICROSOFT}.`,
        },
        {
          resource: "ccvoice:directRouting.routes[0]",
          message: `112 dialed by agents in DK goes by route "emergency-dk" (^112$) to sbc2.contoso.com, which is not marked emergencyCapable, so no emergency-capable path carries it. ${ADD_ROUTE}${OR_MICROSOFT}.`,
        },
      ],
    ],
    [
      "fails when the Teams emergency call routing policy does not list 933",
      teamsRaw(),
      (raw) => ((at(raw, "teams").emergencyCallRoutingPolicies as Raw[])[0] as Raw).emergencyNumbers = [{ emergencyDialString: "911", pstnUsage: "NA-Emergency" }],
      [
        {
          resource: "ccvoice:teams.resourceAccounts[0].emergencyCallRoutingPolicy",
          message:
            "933 dialed by agents in US (resource account cc-us@contoso.com) is not covered by an emergency call routing policy (emergency call routing policy CC-ER-NA does not list it), so Teams routes it as an ordinary call: 933 is not in emergency call routing policy CC-ER-NA of resource account cc-us@contoso.com, so Teams routes it with the voice routing policy; voice routing policy CC-NA of resource account cc-us@contoso.com tries PSTN usages NA-Emergency, NA-National; in NA-Emergency, voice route \"na-emergency\" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com. " +
            TEAMS_FIX("933"),
        },
      ],
    ],
    [
      "fails when the Teams emergency gateway is not emergencyCapable",
      teamsRaw(),
      (raw) => (((at(raw, "teams.directRouting").gateways as Raw[])[0] as Raw).emergencyCapable = false),
      ["911", "933"].map((dial) => ({
        resource: "ccvoice:teams.directRouting.voiceRoutes[0]",
        message: `${dial} dialed by agents in US (resource account cc-us@contoso.com) goes by voice route "na-emergency" to sbc1.contoso.com, which is not marked emergencyCapable, so no emergency-capable path carries it. ${TEAMS_FIX(dial)}`,
      })),
    ],
    [
      "fails when a calling plan account's voice routing policy takes 911 by direct routing without an emergency call routing policy",
      teamsRaw(),
      (raw) => {
        account(raw).phoneNumberType = "CallingPlan";
        delete account(raw).emergencyCallRoutingPolicy;
      },
      ["911", "933"].map((dial) => ({
        resource: "ccvoice:teams.resourceAccounts[0].emergencyCallRoutingPolicy",
        message:
          `${dial} dialed by agents in US (resource account cc-us@contoso.com) is not covered by an emergency call routing policy (it has no emergency call routing policy), so Teams routes it as an ordinary call: resource account cc-us@contoso.com has no emergency call routing policy, so Teams routes ${dial} with the voice routing policy; voice routing policy CC-NA of resource account cc-us@contoso.com tries PSTN usages NA-Emergency, NA-National; in NA-Emergency, voice route "na-emergency" (priority 0, ^(911|933)$) sends it to sbc1.contoso.com. ` +
          `List ${dial} in the resource account's emergency call routing policy with a PSTN usage whose voice route reaches a gateway marked emergencyCapable, or exclude ${dial} from the voice routes of its voice routing policy so that the emergency service of its CallingPlan number takes it.`,
      })),
    ],
    ["passes a Teams calling plan account with no emergency policy and no voice routing policy", teamsRaw(), (raw) => {
      account(raw).phoneNumberType = "CallingPlan";
      delete account(raw).emergencyCallRoutingPolicy;
      delete account(raw).voiceRoutingPolicy;
    }, []],
    [
      "fails when emergency calls reach Microsoft's service only through an adopted number whose calling capability is not declared",
      acsRaw(),
      (raw) => (at(raw, "phoneNumbers").orders = []),
      // GB's 112 goes by route emergency-dk to sbc2, declared for GB
      [["911", "US"], ["933", "US"], ["999", "GB"]].map(([dial, country]) => ({
        resource: "ccvoice:phoneNumbers.adopt[0]",
        message: `${dial} dialed by agents in ${country} reaches Microsoft's emergency service through direct offer only if adopted number +14255550100 makes calls, and its capabilities are not declared, so ccvoice keeps whatever the live number has. Declare capabilities: { calling: inbound+outbound } on ccvoice:phoneNumbers.adopt[0] (the deployment then sets it), or order a number with outbound calling.`,
      })),
    ],
    [
      "fails when ACS agents on a Teams-outbound stack have neither a route nor a Microsoft number for 911",
      teamsRaw(),
      (raw) => ((at(raw, "runtime").agents as Raw[])[0]!.kind = "acs"),
      ["911", "933"].map((dial) => ({
        resource: "ccvoice:phoneNumbers",
        message: `${dial} dialed by ACS agents in US reaches no emergency service: no direct routing route exists and the resource has no Microsoft number with outbound calling (ccvoice:phoneNumbers), so the call fails; add a direct routing route for ${dial} or call from a Microsoft number with outbound calling. Add a route whose numberPattern matches ${dial} to a trunk marked emergencyCapable, or keep a Microsoft number with outbound calling (ccvoice:phoneNumbers) and no route matching it, so Microsoft's emergency service takes it.`,
      })),
    ],
    ["passes the known-good ACS stack", acsRaw(), () => undefined, []],
    ["passes the known-good Teams stack", teamsRaw(), () => undefined, []],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-emergency-route-reachable", { spec: specFrom(raw, change) })).toEqual(expected);
  });
});

describe("ccvoice-emergency-route-not-shadowed", () => {
  const sbc3 = (raw: Raw) => trunks(raw).push({ fqdn: "sbc3.contoso.com" });
  it.each<[string, Raw, Change, { resource: string; message: string }[]]>([
    [
      "fails when a catch-all route before the emergency route sends every emergency number to a trunk that is not emergencyCapable",
      acsRaw(),
      (raw) => {
        sbc3(raw);
        routes(raw).unshift({ name: "all", numberPattern: ".*", trunks: ["sbc3.contoso.com"] });
      },
      [
        {
          resource: "ccvoice:directRouting.routes[0]",
          message:
            'Route "all" (.*) matches 911, 933, 999 and 112 and sends them to sbc3.contoso.com, which is not marked emergencyCapable. Add an emergency route before it, or exclude 911/933/999/112 from its pattern.',
        },
      ],
    ],
    [
      "fails when a later route carries emergency numbers first, or on failover",
      acsRaw(),
      (raw) => {
        sbc3(raw);
        routes(raw).push({ name: "short", numberPattern: "^\\d{3}$", trunks: ["sbc3.contoso.com"] });
      },
      [
        {
          resource: "ccvoice:directRouting.routes[3]",
          message:
            'Route "short" (^\\d{3}$) matches 911, 933 and 999 and sends them to sbc3.contoso.com, which is not marked emergencyCapable. Add an emergency route before it, or exclude 911/933/999 from its pattern.',
        },
        {
          resource: "ccvoice:directRouting.routes[3]",
          message:
            'Route "short" (^\\d{3}$) matches 112 after route "emergency-dk" and would send it to sbc3.contoso.com, which is not marked emergencyCapable, when the trunks of "emergency-dk" do not answer (failover on SIP 408, 503 or 504). Exclude 112 from its pattern.',
        },
      ],
    ],
    [
      "fails when a DK emergency route catches UK and Danish agents' 112 that Microsoft's service would take, and the trunk declares no countries",
      acsRaw(),
      (raw) => delete sbc2(raw).emergencyCountries,
      ["GB", "DK"].map((c) => ({
        resource: "ccvoice:directRouting.routes[0]",
        message: `Route "emergency-dk" (^112$) sends 112 dialed by agents in ${c} to sbc2.contoso.com, which does not declare ${c} in emergencyCountries, although Microsoft's emergency service would otherwise take this call through the stack's Microsoft numbers. Declare emergencyCountries including ${c} on sbc2.contoso.com if its carrier delivers ${c} emergency calls to ${c} PSAPs, or exclude 112 from the pattern.`,
      })),
    ],
    [
      "fails when the trunk's declared emergencyCountries leave out the caller's country",
      acsRaw(),
      (raw) => (sbc2(raw).emergencyCountries = ["DK"]),
      [
        {
          resource: "ccvoice:directRouting.routes[0]",
          message:
            'Route "emergency-dk" (^112$) sends 112 dialed by agents in GB to sbc2.contoso.com, whose emergencyCountries are DK, so the call may reach the wrong country\'s emergency service. Add GB to its emergencyCountries if its carrier delivers GB emergency calls to GB PSAPs, or route 112 to a trunk that does.',
        },
      ],
    ],
    [
      "fails when a Teams voice route sends emergency numbers to a gateway that is not emergencyCapable",
      teamsRaw(),
      (raw) => (((at(raw, "teams.directRouting").gateways as Raw[])[0] as Raw).emergencyCapable = false),
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[0]",
          message:
            'Voice route "na-emergency" (^(911|933)$) matches 911 and 933 and sends them to sbc1.contoso.com, which is not marked emergencyCapable. Route 911/933 through an emergency call routing policy to an emergency-capable gateway, or exclude 911/933 from its pattern.',
        },
      ],
    ],
    [
      "fails when a Teams emergency call fails over to a later voice route of its PSTN usage whose gateway is not emergencyCapable",
      teamsRaw(),
      (raw) => {
        (at(raw, "teams.directRouting").gateways as Raw[]).push({ fqdn: "sbc9.contoso.com" });
        (at(raw, "teams.directRouting").voiceRoutes as Raw[]).push(
          { name: "na-backup", numberPattern: "^\\d{3}$", gateways: ["sbc9.contoso.com"], pstnUsages: ["NA-Emergency"], priority: 5 },
        );
      },
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[2]",
          message:
            'Voice route "na-backup" (^\\d{3}$) matches 911 and 933 after voice route "na-emergency" and would send them to sbc9.contoso.com, which is not marked emergencyCapable, when the gateways of "na-emergency" do not answer (Teams then tries the next matching voice route of the PSTN usage). Exclude 911/933 from its pattern.',
        },
      ],
    ],
    [
      "fails when a calling plan account's voice routing policy sends 911 to a gateway that is not emergencyCapable",
      teamsRaw(),
      (raw) => {
        account(raw).phoneNumberType = "CallingPlan";
        delete account(raw).emergencyCallRoutingPolicy;
        (((at(raw, "teams.directRouting").gateways as Raw[])[0] as Raw).emergencyCapable = false);
      },
      [
        {
          resource: "ccvoice:teams.directRouting.voiceRoutes[0]",
          message:
            'Voice route "na-emergency" (^(911|933)$) matches 911 and 933 and sends them to sbc1.contoso.com, which is not marked emergencyCapable. Route 911/933 through an emergency call routing policy to an emergency-capable gateway, or exclude 911/933 from its pattern.',
        },
      ],
    ],
    [
      "fails when ACS agents on a Teams-outbound stack have their emergency calls taken by an ACS catch-all route",
      teamsRaw(),
      (raw) => {
        at(raw, "approach").inbound = "acs-direct-routing";
        raw.directRouting = { domains: ["contoso.com"], trunks: [{ fqdn: "sbc5.contoso.com" }], routes: [{ name: "all", numberPattern: "^.*$", trunks: ["sbc5.contoso.com"] }] };
        (at(raw, "runtime").agents as Raw[])[0]!.kind = "acs";
      },
      [
        {
          resource: "ccvoice:directRouting.routes[0]",
          message:
            'Route "all" (^.*$) matches 911 and 933 and sends them to sbc5.contoso.com, which is not marked emergencyCapable. Add an emergency route before it, or exclude 911/933 from its pattern.',
        },
      ],
    ],
    ["passes the known-good ACS stack", acsRaw(), () => undefined, []],
    ["passes when no Microsoft number could take GB's 112 and the trunk declares no countries", acsRaw(), (raw) => {
      delete sbc2(raw).emergencyCountries;
      at(raw, "phoneNumbers").orders = [];
      at(raw, "phoneNumbers").adopt = [];
      at(raw, "approach").inbound = "acs-direct-routing";
    }, []],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-emergency-route-not-shadowed", { spec: specFrom(raw, change) })).toEqual(expected);
  });
});

describe("ccvoice-emergency-notification", () => {
  it.each<[string, Change, { resource: string; message: string }[]]>([
    [
      "fails when no contact is declared",
      (raw) => (at(raw, "emergency").notificationContacts = []),
      [
        {
          resource: "ccvoice:emergency.notificationContacts",
          message:
            "No notification contact is declared, so nobody is told when an agent dials an emergency number (Kari's Law central notification). Add an entry such as { email: security@contoso.com } to ccvoice:emergency.notificationContacts.",
        },
      ],
    ],
    [
      "fails when the only contact covers US and agents also work in GB and DK",
      (raw) => (at(raw, "emergency").notificationContacts = [{ email: "us-desk@contoso.com", countries: ["US"] }]),
      ["GB", "DK"].map((c) => ({
        resource: "ccvoice:emergency.notificationContacts",
        message: `No notification contact covers ${c}, where agents work (the contacts cover US), so nobody is told when an agent there dials an emergency number. Add a contact whose countries include ${c}, or one without countries.`,
      })),
    ],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-emergency-notification", { spec: specFrom(acsRaw(), change) })).toEqual(expected);
  });

  it.each<[string, unknown, { resource: string; message: string }[]]>([
    [
      "fails when the ACS resource links no email domain",
      [],
      [
        {
          resource: "ccvoice-prod-acs-service",
          message:
            "ACS resource ccvoice-prod-acs-service links no email domain (linkedDomains is []), so the emergency notification email cannot be sent. Link the email service's domain in linkedDomains.",
        },
      ],
    ],
    ["skips linkedDomains not known during preview", "[unknown]", []],
    ["skips the engine's unknown sentinel", "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", []],
  ])("%s", (_name, linkedDomains, expected) => {
    const resources = resourcesWith("azure-native:communication:CommunicationService", (i) => (i.linkedDomains = linkedDomains));
    expect(findings("ccvoice-emergency-notification", { spec: specFrom(acsRaw()), resources })).toEqual(expected);
  });
});

describe("ccvoice-emergency-callback-lease", () => {
  it.each<[string, Raw, Change, { resource: string; message: string }[]]>([
    [
      "fails when the lease is 30 minutes",
      acsRaw(),
      (raw) => (at(raw, "emergency").callbackLeaseMinutes = 30),
      [
        {
          resource: "ccvoice:emergency.callbackLeaseMinutes",
          message:
            "ccvoice:emergency.callbackLeaseMinutes is 30, so a PSAP calling back after 30 minutes no longer reaches the agent who called. Set it to at least 60.",
        },
      ],
    ],
    [
      "fails when an ACS stack has no callback-pool number",
      acsRaw(),
      (raw) => {
        (at(raw, "phoneNumbers").orders as Raw[]).splice(1, 1);
        at(raw, "directRouting").numbers = [];
      },
      [
        {
          resource: "ccvoice:phoneNumbers",
          message:
            "Agents call through ACS (approach acs-direct-offer / acs-direct-routing) but no number has purpose callback-pool, so a PSAP calling back cannot reach the agent who dialed an emergency number. Add a number with purpose callback-pool to ccvoice:phoneNumbers.orders, ccvoice:phoneNumbers.adopt or ccvoice:directRouting.numbers.",
        },
      ],
    ],
    [
      "fails when the callback pool has no fallback target",
      acsRaw(),
      (raw) => delete at(raw, "emergency").fallbackTarget,
      [
        {
          resource: "ccvoice:emergency.fallbackTarget",
          message:
            "The callback pool (order us-callback, +4533123480) has no ccvoice:emergency.fallbackTarget, so a PSAP callback to a pool number with no live lease reaches nobody. Set fallbackTarget to the E.164 number of the security desk.",
        },
      ],
    ],
    ["passes a Teams stack with Teams agents and no pool", teamsRaw(), () => undefined, []],
  ])("%s", (_name, raw, change, expected) => {
    expect(findings("ccvoice-emergency-callback-lease", { spec: specFrom(raw, change) })).toEqual(expected);
  });

  it.each<[string, unknown, { resource: string; message: string; setting?: string }[]]>([
    [
      "fails when the runtime configuration holds callback numbers for 30 minutes",
      JSON.stringify({ emergency: { leaseMinutes: 30 } }),
      [
        {
          resource: "ccvoice-prod-runtime-app",
          setting: "ccvoice:emergency.callbackLeaseMinutes",
          message:
            "Function App ccvoice-prod-runtime-app holds callback numbers for 30 minutes (app setting CCVOICE_RUNTIME_CONFIG, emergency.leaseMinutes), so a later PSAP callback misses the agent. Regenerate the setting with ccvoice:emergency.callbackLeaseMinutes of at least 60.",
        },
      ],
    ],
    ["passes a runtime configuration holding them for 60 minutes", JSON.stringify({ emergency: { leaseMinutes: 60 } }), []],
    ["skips a runtime configuration not known during preview", "[unknown]", []],
  ])("%s", (_name, value, expected) => {
    const resources = resourcesWith("azure-native:web:WebApp", (i) =>
      (at(i, "siteConfig").appSettings as Raw[]).push({ name: "CCVOICE_RUNTIME_CONFIG", value }),
    );
    expect(findings("ccvoice-emergency-callback-lease", { spec: specFrom(acsRaw()), resources })).toEqual(expected);
  });
});

describe("ccvoice-emergency-dispatchable-location", () => {
  const KNOWN = "seattle, london and copenhagen";
  it.each<[string, Change, { resource: string; message: string }[]]>([
    [
      "fails when an emergency country has no site",
      (raw) => (at(raw, "emergency").sites as Raw[]).splice(2, 1),
      [
        {
          resource: "ccvoice:emergency.sites",
          message:
            "No site is declared in DK, one of ccvoice:emergency.countries, so emergency calls from agents there carry no dispatchable location. Add a site with its civic address in DK to ccvoice:emergency.sites.",
        },
      ],
    ],
    [
      "fails when a site's address is in another country",
      (raw) => ((((at(raw, "emergency").sites as Raw[])[1] as Raw).address as Raw).countryOrRegion = "US"),
      [
        {
          resource: "ccvoice:emergency.sites[1].address.countryOrRegion",
          message:
            'Site "london" is in GB but its address says countryOrRegion US, so a PSAP would get a location in the wrong country. Correct the address or the site\'s country.',
        },
      ],
    ],
    [
      "fails when a site with agents is in a country agents may not place emergency calls from",
      (raw) =>
        (at(raw, "emergency").sites as Raw[]).push({
          name: "berlin", country: "DE", agents: 20,
          address: { companyName: "Contoso", streetName: "Unter den Linden", city: "Berlin", postalCode: "10117", countryOrRegion: "DE" },
        }),
      [
        {
          resource: "ccvoice:emergency.sites[3].country",
          message:
            'Site "berlin" has agents in DE, which is not in ccvoice:emergency.countries (US, GB, DK), so their emergency calls get no callback number, notification or location handling. Add DE to ccvoice:emergency.countries (supported: US, GB, DK, CA, PR) or move the agents to a supported site.',
        },
      ],
    ],
    [
      "fails when an agent names an undeclared site",
      (raw) => (((at(raw, "runtime").agents as Raw[])[0] as Raw).site = "oslo"),
      [
        {
          resource: "ccvoice:runtime.agents[0].site",
          message: `Agent "alice" names site "oslo", which is not declared in ccvoice:emergency.sites (${KNOWN}), so its emergency calls carry no dispatchable location. Declare the site with its civic address, or fix the name.`,
        },
      ],
    ],
    [
      "fails when an agent has no site",
      (raw) => delete ((at(raw, "runtime").agents as Raw[])[0] as Raw).site,
      [
        {
          resource: "ccvoice:runtime.agents[0]",
          message: `Agent "alice" has no site, so its emergency calls carry no dispatchable location. Set site to one of ccvoice:emergency.sites (${KNOWN}).`,
        },
      ],
    ],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-emergency-dispatchable-location", { spec: specFrom(acsRaw(), change) })).toEqual(expected);
  });
});

describe("ccvoice-emergency-not-recorded", () => {
  it.each<[string, Raw, { resource: string; message: string }[]]>([
    [
      "fails when recording includes emergency calls",
      { enabled: true, includeEmergencyCalls: true },
      [
        {
          resource: "ccvoice:runtime.recording.includeEmergencyCalls",
          message:
            "ccvoice:runtime.recording.includeEmergencyCalls is true, so recording is enabled and emergency calls would be recorded. Set it to false: emergency calls are never recorded nor stored as an activity.",
        },
      ],
    ],
    ["passes recording without emergency calls", { enabled: true, includeEmergencyCalls: false }, []],
  ])("%s", (_name, recording, expected) => {
    expect(findings("ccvoice-emergency-not-recorded", { spec: specFrom(acsRaw(), (raw) => (at(raw, "runtime").recording = recording)) })).toEqual(expected);
  });
});

describe("the known-good fixtures", () => {
  it("pass every emergency rule with their resources", () => {
    const spec = specFrom(acsRaw());
    const resources: CheckedResource[] = goodResources(spec);
    const names = ["reachable", "not-shadowed"].map((n) => `ccvoice-emergency-route-${n}`);
    for (const rule of [...names, "ccvoice-emergency-notification", "ccvoice-emergency-callback-lease"]) {
      expect(findings(rule, { spec, resources })).toEqual([]);
    }
  });
});
