/**
 * Pure logic of the SIP routing configuration: check, diff and write planning.
 */
import { describe, expect, it } from "vitest";
import { diffSipRouting } from "../../src/providers/sipRouting/diff";
import { checkSipRoutingInputs, type SipRoutingInputs, type SipRoutingState } from "../../src/providers/sipRouting/logic";
import { apiVersionFor, ownershipProblem, planHandOver, planSipWrites, stateFromLive } from "../../src/providers/sipRouting/plan";

const ENDPOINT = "https://contoso-cc.unitedstates.communication.azure.com";
const sbc1 = { fqdn: "sbc1.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: true };
const sbc2 = { fqdn: "sbc2.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false };
const nanp = { name: "nanp", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com", "sbc2.contoso.com"] };
const uk = { name: "uk", numberPattern: "^\\+44\\d{9,10}$", trunks: ["sbc2.contoso.com"] };
const desired: SipRoutingInputs = { endpoint: ENDPOINT, domains: ["contoso.com"], trunks: [sbc1, sbc2], routes: [nanp, uk], adoptExisting: false };
const state: SipRoutingState = { ...desired, apiVersion: "2024-11-15-preview", foreignTrunks: [] };

describe("checkSipRoutingInputs", () => {
  it("normalises: lower-cases and sorts trunks and domains, applies defaults, keeps route order", () => {
    const { inputs, failures } = checkSipRoutingInputs({
      endpoint: ENDPOINT,
      domains: ["Contoso.com"],
      trunks: [{ fqdn: "SBC2.contoso.com" }, { fqdn: "sbc1.contoso.com", sipSignalingPort: 5063, enabled: false }],
      routes: [uk, nanp],
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      endpoint: ENDPOINT,
      domains: ["contoso.com"],
      trunks: [
        { fqdn: "sbc1.contoso.com", sipSignalingPort: 5063, enabled: false, emergencyCapable: false },
        { fqdn: "sbc2.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false },
      ],
      routes: [uk, nanp],
      adoptExisting: false,
    });
  });

  it.each([
    [{ trunks: [{ fqdn: "sbc1" }] }, "trunks[0].fqdn", 'ccvoice:directRouting.trunks[0].fqdn must be a fully qualified domain name such as sbc1.contoso.com, got "sbc1"'],
    [{ trunks: [{ fqdn: "sbc1.contoso.com", sipSignalingPort: 0 }] }, "trunks[0].sipSignalingPort", "ccvoice:directRouting.trunks[0].sipSignalingPort must be a port between 1 and 65535, got 0"],
    [{ trunks: [{ fqdn: "sbc1.contoso.com", enabled: "yes" }] }, "trunks[0].enabled", 'ccvoice:directRouting.trunks[0].enabled must be true or false, got "yes"'],
    [{ trunks: [{ fqdn: "a.contoso.com" }, { fqdn: "A.contoso.com" }] }, "trunks[1].fqdn", "ccvoice:directRouting.trunks[1].fqdn repeats a.contoso.com from trunks[0]; each trunk FQDN appears once"],
    [
      { domains: ["contoso.com"], trunks: [{ fqdn: "sbc1.fabrikam.com" }] },
      "trunks[0].fqdn",
      "ccvoice:directRouting.trunks[0].fqdn sbc1.fabrikam.com is not under a declared domain (contoso.com); add fabrikam.com to ccvoice:directRouting.domains once it is verified on the ACS resource",
    ],
    [
      { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [{ name: "r", numberPattern: ".*", trunks: ["sbc9.contoso.com"] }] },
      "routes[0].trunks[0]",
      'ccvoice:directRouting.routes[0].trunks[0] must name a trunk declared in ccvoice:directRouting.trunks, got "sbc9.contoso.com"; declared: sbc1.contoso.com',
    ],
    [{ routes: [{ name: "", numberPattern: ".*", trunks: [] }] }, "routes[0].name", 'ccvoice:directRouting.routes[0].name must be 1-256 characters, got ""'],
    [
      { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [{ name: "r", numberPattern: ".*", trunks: ["sbc1.contoso.com"], callerIdOverride: "4255550100" }] },
      "routes[0].callerIdOverride",
      'ccvoice:directRouting.routes[0].callerIdOverride must be an E.164 number such as +14255550100, got "4255550100"',
    ],
    [
      { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [{ name: "r", numberPattern: ".*", trunks: ["sbc1.contoso.com"] }, { name: "r", numberPattern: "^1$", trunks: ["sbc1.contoso.com"] }] },
      "routes[1].name",
      'ccvoice:directRouting.routes[1].name repeats "r" from routes[0]; route names must be unique',
    ],
    [{ routes: "none" }, "routes", 'ccvoice:directRouting.routes must be a list, got "none"'],
    [{ trunks: Array.from({ length: 251 }, (_, i) => ({ fqdn: `sbc${i}.contoso.com` })) }, "trunks", "ccvoice:directRouting.trunks must hold at most 250 items (service limit), got 251"],
    [{ adoptExisting: "true" }, "adoptExisting", 'ccvoice:directRouting.adoptExisting must be true or false, got "true"'],
  ])("fails when %j (%s)", (raw, property, reason) => {
    const { failures } = checkSipRoutingInputs({ endpoint: ENDPOINT, ...raw });
    expect(failures).toContainEqual({ property, reason });
  });

  it.each([
    [
      "a repeated trunk outside the declared domains",
      { domains: ["contoso.com"], trunks: [{ fqdn: "sbc1.fabrikam.com" }, { fqdn: "sbc1.fabrikam.com" }] },
      ["trunks[1].fqdn", "trunks[0].fqdn"],
    ],
    [
      "a repeated route name that is also invalid",
      { trunks: [{ fqdn: "a.contoso.com" }], routes: [{ name: "", numberPattern: "x", trunks: ["a.contoso.com"] }, { name: "", numberPattern: "y", trunks: ["a.contoso.com"] }] },
      ["routes[0].name", "routes[1].name"],
    ],
  ])("reports one failure per property for %s", (_name, raw, properties) => {
    expect(checkSipRoutingInputs({ endpoint: ENDPOINT, ...raw }).failures.map((f) => f.property)).toEqual(properties);
  });
});

describe("diffSipRouting", () => {
  it.each<[string, Partial<SipRoutingInputs>, string[]]>([
    ["nothing", {}, []],
    ["route order", { routes: [uk, nanp] }, ["route order nanp, uk → uk, nanp"]],
    ["a route's trunks", { routes: [{ ...nanp, trunks: ["sbc2.contoso.com"] }, uk] }, ["route nanp: trunks sbc1.contoso.com, sbc2.contoso.com → sbc2.contoso.com"]],
    ["an added route", { routes: [nanp, uk, { name: "dk", numberPattern: "^\\+45\\d{8}$", trunks: ["sbc2.contoso.com"] }] }, ["add route dk (^\\+45\\d{8}$) at position 3"]],
    ["a removed trunk", { trunks: [sbc1], routes: [{ ...nanp, trunks: ["sbc1.contoso.com"] }] }, ["remove trunk sbc2.contoso.com", "route nanp: trunks sbc1.contoso.com, sbc2.contoso.com → sbc1.contoso.com", "remove route uk"]],
    ["a port and enabled", { trunks: [{ ...sbc1, sipSignalingPort: 5063, enabled: false }, sbc2] }, ["trunk sbc1.contoso.com: sipSignalingPort 5061 → 5063; enabled true → false"]],
    ["a ccvoice-only flag", { trunks: [sbc1, { ...sbc2, emergencyCapable: true }] }, ["trunk sbc2.contoso.com: emergencyCapable false → true"]],
    ["a domain", { domains: ["contoso.com", "eu.contoso.com"] }, ["enable domain eu.contoso.com"]],
  ])("updates in place for %s", (_what, change, summary) => {
    const result = diffSipRouting(state, { ...desired, ...change });
    expect(result.summary).toEqual(summary);
    expect(result.changes).toBe(summary.length > 0);
    expect(result.replaces).toEqual([]);
    expect(result.stables).toEqual(["endpoint", "apiVersion"]);
  });

  it("replaces only when the endpoint (the ACS resource) changes", () => {
    const result = diffSipRouting(state, { ...desired, endpoint: "https://other.communication.azure.com" });
    expect(result.replaces).toEqual(["endpoint"]);
    expect(result.detailedDiff).toEqual({ endpoint: { kind: "UPDATE_REPLACE", inputDiff: true } });
  });

  it("reports route order as its own detailed change", () => {
    expect(diffSipRouting(state, { ...desired, routes: [uk, nanp] }).detailedDiff).toEqual({ routes: { kind: "UPDATE", inputDiff: true } });
  });
});

describe("planSipWrites", () => {
  const live = {
    domains: { "contoso.com": { enabled: true } },
    trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061, enabled: true }, "sbc2.contoso.com": { sipSignalingPort: 5061, enabled: true } },
    routes: [nanp, uk],
  };

  it("plans nothing when the live configuration is the desired one", () => {
    expect(planSipWrites(live, desired, ["sbc1.contoso.com", "sbc2.contoso.com"], "2024-11-15-preview")).toEqual({ patches: [], problems: [] });
  });

  it("plans one PATCH for a new trunk and a route that uses it", () => {
    const sbc3 = { fqdn: "sbc3.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false };
    const dk = { name: "dk", numberPattern: "^\\+45\\d{8}$", trunks: ["sbc3.contoso.com"] };
    const plan = planSipWrites(live, { ...desired, trunks: [sbc1, sbc2, sbc3], routes: [nanp, uk, dk] }, ["sbc1.contoso.com", "sbc2.contoso.com"], "2024-11-15-preview");
    expect(plan.patches).toEqual([{ trunks: { "sbc3.contoso.com": { sipSignalingPort: 5061, enabled: true } }, routes: [nanp, uk, dk] }]);
  });

  it("rewrites routes first, then deletes the trunk in use, in two PATCHes when the interim list is final", () => {
    const routes = [{ ...nanp, trunks: ["sbc1.contoso.com"] }];
    const plan = planSipWrites(live, { ...desired, trunks: [sbc1], routes }, ["sbc1.contoso.com", "sbc2.contoso.com"], "2024-11-15-preview");
    expect(plan.patches).toEqual([{ routes }, { trunks: { "sbc2.contoso.com": null } }]);
  });

  it("adds the new trunk with the final routes first, then deletes the trunk in use, when the final routes need a trunk that does not exist yet", () => {
    const sbc3 = { fqdn: "sbc3.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false };
    const routes = [{ ...nanp, trunks: ["sbc1.contoso.com", "sbc3.contoso.com"] }, { ...uk, trunks: ["sbc3.contoso.com"] }];
    const plan = planSipWrites(live, { ...desired, trunks: [sbc1, sbc3], routes }, ["sbc1.contoso.com", "sbc2.contoso.com"], "2024-11-15-preview");
    expect(plan.patches).toEqual([{ trunks: { "sbc3.contoso.com": { sipSignalingPort: 5061, enabled: true } }, routes }, { trunks: { "sbc2.contoso.com": null } }]);
  });

  it("clears, sets trunks, then sets routes when adding first would exceed the service's 250 trunks", () => {
    const others = Object.fromEntries(Array.from({ length: 248 }, (_, i) => [`x${i}.fabrikam.com`, { sipSignalingPort: 5061 }]));
    const full = { ...live, trunks: { ...live.trunks, ...others } };
    const sbc3 = { fqdn: "sbc3.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: false };
    const routes = [{ ...nanp, trunks: ["sbc1.contoso.com", "sbc3.contoso.com"] }, { ...uk, trunks: ["sbc3.contoso.com"] }];
    const plan = planSipWrites(full, { ...desired, trunks: [sbc1, sbc3], routes }, ["sbc1.contoso.com", "sbc2.contoso.com"], "2024-11-15-preview");
    expect(plan.patches).toEqual([
      { routes: [{ ...nanp, trunks: ["sbc1.contoso.com"] }] },
      { trunks: { "sbc3.contoso.com": { sipSignalingPort: 5061, enabled: true }, "sbc2.contoso.com": null } },
      { routes },
    ]);
  });

  it("never deletes a trunk it did not own and sends no preview fields on the GA version", () => {
    const plan = planSipWrites(
      { trunks: { "other.fabrikam.com": { sipSignalingPort: 5061 } }, routes: [] },
      { domains: [], trunks: [sbc1], routes: [] },
      [],
      "2023-03-01",
    );
    expect(plan.patches).toEqual([{ trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 } } }]);
  });

  it.each<[string, string[], string[], unknown[]]>([
    ["the holder declares every owned trunk: nothing", ["sbc1.contoso.com", "sbc2.contoso.com"], ["sbc1.contoso.com", "sbc2.contoso.com"], []],
    ["an owned trunk already gone from the service: nothing", ["sbc1.contoso.com", "sbc2.contoso.com", "gone.contoso.com"], ["sbc1.contoso.com", "sbc2.contoso.com"], []],
    ["an owned trunk a live route still uses: kept, routes untouched", ["sbc1.contoso.com", "sbc2.contoso.com"], ["sbc1.contoso.com"], []],
  ])("hands over to another holder: %s", (_name, owned, held, patches) => {
    expect(planHandOver(live, owned, held)).toEqual(patches);
  });

  it("hands over: deletes the owned trunks that neither the holder nor a live route needs, in one PATCH", () => {
    const onlyNanp = { ...live, routes: [{ ...nanp, trunks: ["sbc1.contoso.com"] }] };
    expect(planHandOver(onlyNanp, ["sbc1.contoso.com", "sbc2.contoso.com"], ["sbc1.contoso.com"])).toEqual([{ trunks: { "sbc2.contoso.com": null } }]);
  });

  it("fails when a desired domain is not verified on the resource", () => {
    const plan = planSipWrites({ domains: {} }, desired, [], "2024-11-15-preview");
    expect(plan.problems).toEqual([
      "ccvoice:directRouting.domains lists contoso.com, which is not a verified direct-routing domain of the ACS resource (it has: none); verify it in the Azure portal (Communication Services → Direct routing → Domains → Connect domain, then the DNS TXT record) and run again",
    ]);
  });

  it("enables a verified domain that is disabled", () => {
    const plan = planSipWrites({ ...live, domains: { "contoso.com": { enabled: false } } }, desired, ["sbc1.contoso.com", "sbc2.contoso.com"], "2024-11-15-preview");
    expect(plan.patches).toEqual([{ domains: { "contoso.com": { enabled: true } } }]);
  });
});

describe("apiVersionFor, ownershipProblem, stateFromLive", () => {
  it.each<[Partial<SipRoutingInputs>, string]>([
    [{ domains: [], trunks: [sbc1], routes: [] }, "2023-03-01"],
    [{ domains: ["contoso.com"], trunks: [], routes: [] }, "2024-11-15-preview"],
    [{ domains: [], trunks: [{ ...sbc1, enabled: false }], routes: [] }, "2024-11-15-preview"],
    [{ domains: [], trunks: [sbc1], routes: [{ ...nanp, trunks: ["sbc1.contoso.com"], callerIdOverride: "+14255550100" }] }, "2024-11-15-preview"],
  ])("picks the api-version for %j", (config, version) => {
    expect(apiVersionFor({ ...desired, ...config })).toBe(version);
  });

  it.each<[string, Pick<SipRoutingState, "trunks" | "routes">, string]>([
    ["nothing preview-only before", { trunks: [sbc1], routes: [] }, "2023-03-01"],
    ["a trunk disabled before (re-enabled now)", { trunks: [{ ...sbc1, enabled: false }], routes: [] }, "2024-11-15-preview"],
    ["a callerIdOverride before (dropped now)", { trunks: [sbc1], routes: [{ ...nanp, callerIdOverride: "+14255550100" }] }, "2024-11-15-preview"],
  ])("keeps the preview api-version on update when the state had %s", (_name, previous, version) => {
    expect(apiVersionFor({ domains: [], trunks: [sbc1], routes: [] }, previous)).toBe(version);
  });

  it("names what it found on a non-empty configuration, ignoring items it declares itself", () => {
    const live = { trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 }, "old.fabrikam.com": { sipSignalingPort: 5067, enabled: false } }, routes: [{ name: "legacy", numberPattern: ".*", trunks: ["old.fabrikam.com"] }] };
    expect(ownershipProblem(live, desired, ENDPOINT)).toBe(
      `the SIP configuration of ${ENDPOINT} is not empty: 1 trunk(s) [old.fabrikam.com:5067 (disabled)] and 1 route(s) [legacy (.*)] that ccvoice:directRouting does not declare; ccvoice will not take it over silently. Set ccvoice:directRouting.adoptExisting to true to adopt it (the route list is replaced by yours, trunks you declare are updated, other trunks are left alone), or remove those trunks and routes first`,
    );
    expect(ownershipProblem({ trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 } }, routes: [nanp] }, desired, ENDPOINT)).toBeUndefined();
  });

  it("reads drift: an owned trunk gone, a port changed, a route list changed, a foreign trunk, a disabled domain", () => {
    const live = {
      domains: { "contoso.com": { enabled: false } },
      trunks: { "sbc1.contoso.com": { sipSignalingPort: 5067, enabled: true }, "rogue.fabrikam.com": { sipSignalingPort: 5061 } },
      routes: [{ name: "all", numberPattern: ".*", trunks: ["sbc1.contoso.com"] }],
    };
    expect(stateFromLive(live, desired.trunks, desired, "2024-11-15-preview")).toEqual({
      endpoint: ENDPOINT,
      domains: [],
      trunks: [{ ...sbc1, sipSignalingPort: 5067 }],
      routes: [{ name: "all", numberPattern: ".*", trunks: ["sbc1.contoso.com"] }],
      adoptExisting: false,
      apiVersion: "2024-11-15-preview",
      foreignTrunks: ["rogue.fabrikam.com"],
    });
  });
});
