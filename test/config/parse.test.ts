/** The spec parser: every example stack parses with its defaults; each mistake gets its exact message. */
import { describe, expect, it } from "vitest";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { SpecError } from "../../src/config/problems";
import { listStacks, readStackFile, stackFilePath } from "../../src/config/stackFile";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A small valid configuration; each bad case changes one thing. */
function base(): Raw {
  return {
    environment: "dev",
    approach: { inbound: "acs-direct-routing", outbound: "acs-direct-routing" },
    acs: { name: "contoso-dev", dataLocation: "United States" },
    directRouting: {
      domains: ["contoso.com"],
      trunks: [{ fqdn: "sbc1.contoso.com" }],
      routes: [{ name: "us", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] }],
    },
    emergency: { countries: ["US"], notificationContacts: [{ email: "security@contoso.com" }] },
  };
}

const site = (over: Raw): Raw => ({
  name: "seattle",
  country: "US",
  agents: 1,
  address: { companyName: "Contoso", streetName: "Microsoft Way", city: "Redmond", postalCode: "98052", countryOrRegion: "US" },
  ...over,
});
const order = (over: Raw): Raw => ({ name: "us-main", countryCode: "US", phoneNumberType: "geographic", quantity: 1, purpose: "main-line", ...over });
const teams = (over: Raw): Raw => ({ tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", ...over });

function problemsOf(raw: unknown): string[] {
  try {
    parseVoiceChannelSpec(raw);
  } catch (err) {
    if (err instanceof SpecError) return err.problems.map((p) => p.message);
    throw err;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseVoiceChannelSpec: good inputs", () => {
  it("finds the five example stacks", () => {
    expect(listStacks()).toEqual(["acs-direct-offer", "acs-direct-routing", "hybrid", "teams-calling-plan", "teams-direct-routing"]);
  });

  it.each([
    ["acs-direct-routing", "acs-direct-routing", "acs-direct-routing", 2, 6, 0],
    ["acs-direct-offer", "acs-direct-offer", "acs-direct-offer", 0, 0, 4],
    ["hybrid", "acs-direct-offer", "acs-direct-routing", 2, 2, 4],
    ["teams-direct-routing", "teams-direct-routing", "teams-direct-routing", 0, 0, 0],
    ["teams-calling-plan", "teams-calling-plan", "teams-calling-plan", 0, 0, 0],
  ])("parses the %s stack (%s in, %s out, %i trunks, %i routes, %i orders)", (stack, inbound, outbound, trunks, routes, orders) => {
    const spec = parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice);
    expect(spec.approach).toEqual({ inbound, outbound });
    expect(spec.directRouting?.trunks.length ?? 0).toBe(trunks);
    expect(spec.directRouting?.routes.length ?? 0).toBe(routes);
    expect(spec.phoneNumbers.orders).toHaveLength(orders);
    expect(spec.environment).toBe("prod");
    expect(spec.emergency.callbackLeaseMinutes).toBe(60);
    expect(spec.runtime.alwaysReadyInstances).toBe(1);
  });

  it("applies every documented default to a small configuration", () => {
    expect(parseVoiceChannelSpec(base())).toEqual({
      environment: "dev",
      location: "eastus",
      approach: { inbound: "acs-direct-routing", outbound: "acs-direct-routing" },
      acs: { name: "contoso-dev", dataLocation: "United States" },
      directRouting: {
        domains: ["contoso.com"],
        trunks: [{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false }],
        routes: [{ name: "us", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] }],
        numbers: [],
        adoptExisting: false,
      },
      phoneNumbers: { orders: [], adopt: [], releaseOnDelete: false },
      emergency: {
        countries: ["US"],
        notificationContacts: [{ email: "security@contoso.com" }],
        callbackLeaseMinutes: 60,
        sites: [],
      },
      runtime: {
        hostingPlan: "flex-consumption",
        alwaysReadyInstances: 0,
        instanceMemoryMB: 2048,
        maximumInstanceCount: 100,
        incomingCallEventTtlMinutes: 1,
        incomingCallMaxDeliveryAttempts: 3,
        queues: [],
        agents: [],
        outboundAllowedPatterns: [],
        recording: { enabled: false, includeEmergencyCalls: false },
      },
    });
  });

  it("applies number order defaults (application assignment, calling both ways, no SMS)", () => {
    const raw = base();
    raw.approach = { inbound: "acs-direct-offer", outbound: "acs-direct-offer" };
    delete raw.directRouting;
    raw.phoneNumbers = { orders: [{ name: "us-main", countryCode: "US", phoneNumberType: "tollFree", quantity: 2, purpose: "main-line" }] };
    expect(parseVoiceChannelSpec(raw).phoneNumbers.orders).toEqual([
      {
        name: "us-main",
        countryCode: "US",
        phoneNumberType: "tollFree",
        assignmentType: "application",
        capabilities: { calling: "inbound+outbound", sms: "none" },
        quantity: 2,
        purpose: "main-line",
      },
    ]);
  });
});

const DR = "ccvoice:directRouting";
const BAD_PATTERN = (construct: string, fix: string, got: string) =>
  `${DR}.routes[0].numberPattern uses ${construct}, which .NET and JavaScript read differently; ${fix}, got ${got}`;

describe("parseVoiceChannelSpec: bad inputs", () => {
  it.each<[string, (r: Raw) => void, string[]]>([
    [
      "a trunk FQDN is not fully qualified",
      (r) => {
        r.directRouting.trunks[0].fqdn = "sbc1";
      },
      [
        `${DR}.trunks[0].fqdn must be a fully qualified domain name in lower case such as sbc1.contoso.com, got "sbc1"`,
        `${DR}.routes[0].trunks[0] names trunk "sbc1.contoso.com", which is not declared in ${DR}.trunks; declare the trunk or remove it from the route`,
      ],
    ],
    [
      "a route names an undeclared trunk",
      (r) => {
        r.directRouting.routes[0].trunks = ["sbc9.contoso.com"];
      },
      [`${DR}.routes[0].trunks[0] names trunk "sbc9.contoso.com", which is not declared in ${DR}.trunks; declare the trunk or remove it from the route`],
    ],
    [
      "a number pattern is not a valid regular expression",
      (r) => {
        r.directRouting.routes[0].numberPattern = "^\\+1(\\d{10}$";
      },
      [`${DR}.routes[0].numberPattern is not a valid regular expression (/^\\+1(\\d{10}$/: Unterminated group); fix the pattern, got "^\\\\+1(\\\\d{10}$"`],
    ],
    [
      "a number pattern uses the .NET-only inline option (?i)",
      (r) => {
        r.directRouting.routes[0].numberPattern = "(?i)^\\+1\\d{10}$";
      },
      [BAD_PATTERN("inline options such as (?i)", "remove the inline option; numbers have no letter case", '"(?i)^\\\\+1\\\\d{10}$"')],
    ],
    [
      "a number pattern uses a possessive quantifier",
      (r) => {
        r.directRouting.routes[0].numberPattern = "^\\+1\\d++$";
      },
      [BAD_PATTERN("possessive quantifiers such as \\d++", "use a plain quantifier such as \\d+", '"^\\\\+1\\\\d++$"')],
    ],
    [
      "a number pattern uses the .NET anchors \\A and \\z",
      (r) => {
        r.directRouting.routes[0].numberPattern = "\\A\\+1\\d{10}\\z";
      },
      [BAD_PATTERN("the anchors \\A, \\Z, \\z and \\G", "use ^ and $", '"\\\\A\\\\+1\\\\d{10}\\\\z"')],
    ],
    [
      "the approach is unknown",
      (r) => {
        r.approach.inbound = "acs-direct-routeing";
      },
      ['ccvoice:approach.inbound must be one of acs-direct-routing, teams-direct-routing, acs-direct-offer, teams-calling-plan, got "acs-direct-routeing"'],
    ],
    [
      "emergency contacts are missing",
      (r) => {
        r.emergency.notificationContacts = [];
      },
      ["ccvoice:emergency.notificationContacts must list at least one contact to notify when an agent dials an emergency number (Kari's Law central notification); add an entry such as { email: security@contoso.com }"],
    ],
    [
      "a served country has no emergency contact",
      (r) => {
        r.emergency.countries = ["US", "GB"];
        r.emergency.notificationContacts = [{ email: "a@contoso.com", countries: ["US"] }];
      },
      ["ccvoice:emergency.notificationContacts has no contact for GB; add a contact whose countries include GB, or one without countries"],
    ],
    [
      "the UK is written UK",
      (r) => {
        r.emergency.countries = ["UK"];
      },
      ['ccvoice:emergency.countries[0] must be one of US, GB, DK, CA, PR (agent emergency calls are supported there; use GB for the UK), got "UK"'],
    ],
    [
      "a setting is unknown",
      (r) => {
        r.acs.sku = "standard";
      },
      ["ccvoice:acs.sku is not a known setting; remove it or check its spelling"],
    ],
    [
      "a top-level key is misspelled",
      (r) => {
        r.emergencyy = {};
      },
      ["ccvoice:emergencyy is not a known setting; remove it or check its spelling"],
    ],
    [
      "the callback lease is under 60 minutes",
      (r) => {
        r.emergency.callbackLeaseMinutes = 30;
      },
      ["ccvoice:emergency.callbackLeaseMinutes must be at least 60 so a PSAP callback reaches the agent for an hour, got 30"],
    ],
    [
      "emergency calls would be recorded",
      (r) => {
        r.runtime = { recording: { enabled: true, includeEmergencyCalls: true } };
      },
      ["ccvoice:runtime.recording.includeEmergencyCalls must be false: emergency calls are never recorded, got true"],
    ],
    [
      "agent sign-in names no tenant and the stack has no Teams tenant",
      (r) => {
        r.runtime = { agentAuth: { audience: ["api://contoso-cc-desktop"] } };
      },
      ["ccvoice:runtime.agentAuth.tenantId is required when ccvoice:teams.tenantId is not set: the runtime must know which Entra tenant issues the agent desktop's tokens; add the tenant id (a GUID)"],
    ],
    [
      "a Teams approach has no teams settings",
      (r) => {
        r.approach = { inbound: "teams-calling-plan", outbound: "teams-calling-plan" };
      },
      ['ccvoice:teams is required because the approach uses Teams ("teams-calling-plan" / "teams-calling-plan"); add ccvoice:teams with tenantId and resourceAccounts'],
    ],
    [
      "a mixed Teams / acs-direct-routing approach has neither teams nor directRouting settings",
      (r) => {
        r.approach = { inbound: "teams-calling-plan", outbound: "acs-direct-routing" };
        delete r.directRouting;
      },
      [
        'ccvoice:teams is required because the approach uses Teams ("teams-calling-plan" / "acs-direct-routing"); add ccvoice:teams with tenantId and resourceAccounts',
        "ccvoice:directRouting is required because the approach uses acs-direct-routing; add ccvoice:directRouting with trunks and routes",
      ],
    ],
    [
      "acs-direct-routing has no directRouting settings",
      (r) => {
        delete r.directRouting;
      },
      ["ccvoice:directRouting is required because the approach uses acs-direct-routing; add ccvoice:directRouting with trunks and routes"],
    ],
    [
      "the environment has capitals",
      (r) => {
        r.environment = "Prod";
      },
      ['ccvoice:environment must be 1-12 lower-case letters, digits or dashes, such as prod, got "Prod"'],
    ],
    [
      "a SIP port is out of range",
      (r) => {
        r.directRouting.trunks[0].sipSignalingPort = 70000;
      },
      ["ccvoice:directRouting.trunks[0].sipSignalingPort must be a port between 1 and 65535, got 70000"],
    ],
  ])("fails when %s", (_, change, messages) => {
    const raw = base();
    change(raw);
    expect(problemsOf(raw)).toEqual(messages);
  });

  it.each<[string, (r: Raw) => void, string[]]>([
    ["directRouting is text", (r) => (r.directRouting = "yes"), [
      'ccvoice:directRouting must be a map of settings (domains, trunks, routes, numbers, adoptExisting), got "yes"',
      "ccvoice:directRouting is required because the approach uses acs-direct-routing; add ccvoice:directRouting with trunks and routes",
    ]],
    ["runtime.recording is null", (r) => (r.runtime = { recording: null }), [
      "ccvoice:runtime.recording must be a map of settings (enabled, includeEmergencyCalls), got null",
    ]],
    ["emergency.countries is one country, not a list", (r) => (r.emergency.countries = "US"), [
      'ccvoice:emergency.countries must be a list (one "- item" per line, or [a, b]), got "US"',
    ]],
    ["a site's agents are quoted", (r) => (r.emergency.sites = [site({ agents: "120" })]), [
      'ccvoice:emergency.sites[0].agents must be a number without quotes, got "120"',
    ]],
    ["a site's agents are negative", (r) => (r.emergency.sites = [site({ agents: -1 })]), [
      "ccvoice:emergency.sites[0].agents must be at least 0, got -1",
    ]],
    ["an order's area code is not quoted", (r) => (r.phoneNumbers = { orders: [order({ areaCode: 425 })] }), [
      "ccvoice:phoneNumbers.orders[0].areaCode must be text (in quotes when it looks like a number), got 425",
    ]],
    ["an agent's maxConcurrentCalls is a fraction", (r) => (r.runtime = { agents: [{ id: "a", displayName: "A", kind: "acs", userId: "8:acs:a", maxConcurrentCalls: 1.5 }] }), [
      "ccvoice:runtime.agents[0].maxConcurrentCalls must be a whole number, got 1.5",
    ]],
    ["maximumInstanceCount is too large", (r) => (r.runtime = { maximumInstanceCount: 5000 }), [
      "ccvoice:runtime.maximumInstanceCount must be at most 1000, got 5000",
    ]],
    ["an emergency calling policy notifies nobody", (r) => (r.teams = teams({ emergencyCallingPolicies: [{ name: "cp", notificationGroup: [] }] })), [
      "ccvoice:teams.emergencyCallingPolicies[0].notificationGroup must list at least 1 entry, got []",
    ]],
    ["externalLocationLookupMode is not one of its values", (r) => (r.teams = teams({ emergencyCallingPolicies: [{ name: "cp", notificationGroup: ["a@contoso.com"], externalLocationLookupMode: "On" }] })), [
      'ccvoice:teams.emergencyCallingPolicies[0].externalLocationLookupMode must be one of Disabled, Enabled, got "On"',
    ]],
    ["a gateway's pidfLoSupported is yes", (r) => (r.teams = teams({ directRouting: { gateways: [{ fqdn: "sbc1.contoso.com", pidfLoSupported: "yes" }] } })), [
      'ccvoice:teams.directRouting.gateways[0].pidfLoSupported must be true or false, got "yes"',
    ]],
    ["a port is infinite (YAML .inf)", (r) => (r.directRouting.trunks[0].sipSignalingPort = Infinity), [
      "ccvoice:directRouting.trunks[0].sipSignalingPort must be a port number, got Infinity",
    ]],
    ["a quantity is not a number (YAML .nan)", (r) => (r.phoneNumbers = { orders: [order({ quantity: NaN })] }), [
      "ccvoice:phoneNumbers.orders[0].quantity must be a number, got NaN",
    ]],
    ["a quantity is a bigint", (r) => (r.phoneNumbers = { orders: [order({ quantity: 10n })] }), [
      "ccvoice:phoneNumbers.orders[0].quantity must be a number, got 10n",
    ]],
  ])("fails in plain words when %s", (_what, change, expected) => {
    const raw = base();
    change(raw);
    expect(problemsOf(raw)).toEqual(expected);
  });

  it("fails when the configuration is not a map", () => {
    expect(problemsOf(["x"])).toEqual([
      'ccvoice: configuration must be a map of settings (environment, location, approach, acs, directRouting, phoneNumbers, teams, emergency, runtime), got ["x"]',
    ]);
  });

  it("fails with every problem at once, not just the first", () => {
    const raw = base();
    raw.environment = "Prod";
    raw.emergency.callbackLeaseMinutes = 30;
    raw.directRouting.routes[0].trunks = ["sbc9.contoso.com"];
    expect(problemsOf(raw)).toHaveLength(3);
  });

  it("fails with a message that lists the problems one per line", () => {
    const raw = base();
    raw.environment = "Prod";
    raw.acs.sku = "x";
    expect(() => parseVoiceChannelSpec(raw)).toThrow(
      'ccvoice:environment must be 1-12 lower-case letters, digits or dashes, such as prod, got "Prod"\nccvoice:acs.sku is not a known setting; remove it or check its spelling',
    );
  });
});
