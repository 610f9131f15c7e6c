/**
 * `ResourceAccountLicense` provider against the local Graph emulator, through the real Graph SDK client
 * (`@microsoft/microsoft-graph-client`), including 429 + Retry-After throttling.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkLicenseInputs, diffLicense, type LicenseInputs, type LicenseOutputs } from "../../src/providers/graph/logic";
import { resourceAccountLicenseProvider as provider } from "../../src/providers/graph/resourceAccountLicenseProvider";
import { clearClaims } from "../../src/providers/shared/claims";
import { startGraphEmulator, type GraphEmulator } from "../emulators/graph/graphEmulator";

let graph: GraphEmulator;
const saved = { ...process.env };
const SKU = "440eaaa8-b3e0-484b-a8be-62870b9ba70a";

beforeAll(async () => {
  graph = await startGraphEmulator();
  process.env.CCVOICE_GRAPH_ENDPOINT = graph.url;
  process.env.CCVOICE_GRAPH_ACCESS_TOKEN = graph.token;
});
afterAll(async () => {
  process.env = saved;
  await graph.close();
});
afterEach(() => {
  clearClaims();
  graph.requests.length = 0;
  graph.users.clear();
  process.env.CCVOICE_GRAPH_ACCESS_TOKEN = graph.token;
});

const inputs = (upn: string, usageLocation = "US"): LicenseInputs => ({ userPrincipalName: upn, skuPartNumber: "PHONESYSTEM_VIRTUALUSER", usageLocation });

describe("create", () => {
  it("sets the usage location, then assigns the licence", async () => {
    const user = graph.addUser("cc-us@contoso.com");
    const result = await provider.create!(inputs("cc-us@contoso.com"));
    expect(result).toEqual({ id: `${user.id}/${SKU}`, outs: { ...inputs("cc-us@contoso.com"), userId: user.id, skuId: SKU, instanceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) } });
    expect(graph.writes()).toEqual([`PATCH /v1.0/users/${user.id}`, `POST /v1.0/users/${user.id}/assignLicense`]);
    expect(user).toMatchObject({ usageLocation: "US", assignedLicenses: [{ skuId: SKU, disabledPlans: [] }] });
  });

  it("makes no write when the account is already licensed (a retried create)", async () => {
    graph.addUser("cc-us@contoso.com", { usageLocation: "US", assignedLicenses: [{ skuId: SKU, disabledPlans: [] }] });
    await provider.create!(inputs("cc-us@contoso.com"));
    expect(graph.writes()).toEqual([]);
  });

  it("waits out 429 answers with Retry-After and succeeds", async () => {
    graph.addUser("cc-us@contoso.com");
    graph.throttle(2, 1);
    const started = Date.now();
    await provider.create!(inputs("cc-us@contoso.com"));
    expect(graph.requests.filter((r) => r.status === 429).length).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(graph.writes().length).toBe(2);
  });

  it("fails when the resource account does not exist", async () => {
    await expect(provider.create!(inputs("missing@contoso.com"))).rejects.toThrow(
      "resource account missing@contoso.com does not exist in Entra; create it first with the Teams script (ccvoice teams-script, or teams.apply: true), then run again",
    );
  });

  it("fails when the tenant has no such SKU", async () => {
    graph.addUser("cc-us@contoso.com");
    await expect(provider.create!({ ...inputs("cc-us@contoso.com"), skuPartNumber: "MCOEV_VIRTUALUSER" })).rejects.toThrow(
      "the tenant has no subscription with SKU part number MCOEV_VIRTUALUSER (Microsoft Teams Phone Resource Account); add the licence in the Microsoft 365 admin center (subscribed SKUs: PHONESYSTEM_VIRTUALUSER, ENTERPRISEPREMIUM)",
    );
  });

  it("fails when Graph refuses the token, naming the credential", async () => {
    graph.addUser("cc-us@contoso.com");
    process.env.CCVOICE_GRAPH_ACCESS_TOKEN = "wrong";
    await expect(provider.create!(inputs("cc-us@contoso.com"))).rejects.toThrow(
      "reading user cc-us@contoso.com failed with HTTP 401 InvalidAuthenticationToken: Access token is empty or invalid; Graph did not accept the token from the token in CCVOICE_GRAPH_ACCESS_TOKEN: sign in again (az login) or refresh CCVOICE_GRAPH_ACCESS_TOKEN",
    );
  });
});

describe("update and delete", () => {
  it("update changes only the usage location", async () => {
    const user = graph.addUser("cc-eu@contoso.com", { usageLocation: "US", assignedLicenses: [{ skuId: SKU, disabledPlans: [] }] });
    const olds: LicenseOutputs = { ...inputs("cc-eu@contoso.com"), userId: user.id, skuId: SKU };
    await provider.update!(`${user.id}/${SKU}`, olds, inputs("cc-eu@contoso.com", "GB"));
    expect(graph.writes()).toEqual([`PATCH /v1.0/users/${user.id}`]);
    expect(user.usageLocation).toBe("GB");
  });

  it("delete removes the licence, and a second delete does nothing", async () => {
    const user = graph.addUser("cc-eu@contoso.com", { usageLocation: "GB", assignedLicenses: [{ skuId: SKU, disabledPlans: [] }] });
    const props: LicenseOutputs = { ...inputs("cc-eu@contoso.com", "GB"), userId: user.id, skuId: SKU };
    await provider.delete!(`${user.id}/${SKU}`, props);
    await provider.delete!(`${user.id}/${SKU}`, props);
    expect(graph.writes()).toEqual([`POST /v1.0/users/${user.id}/assignLicense`]);
    expect(user.assignedLicenses).toEqual([]);
  });

  it("keeps the licence its replacement found again (pulumi up --replace: create, then delete the old one)", async () => {
    const user = graph.addUser("cc-eu@contoso.com", { usageLocation: "GB", assignedLicenses: [{ skuId: SKU, disabledPlans: [] }] });
    const { id, outs } = await provider.create!(inputs("cc-eu@contoso.com", "GB"));
    clearClaims();
    await provider.create!(inputs("cc-eu@contoso.com", "GB"));
    await provider.delete!(id, outs);
    expect(graph.writes()).toEqual([]);
    expect(user.assignedLicenses.map((l) => l.skuId)).toEqual([SKU]);
  });

  it("delete succeeds when the account is gone", async () => {
    await provider.delete!("x", { ...inputs("gone@contoso.com"), userId: "6c3a7f1b-2d4e-4f6a-9b0c-1d2e3f4a5b6c", skuId: SKU });
    expect(graph.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 404"]);
  });
});

describe("checkLicenseInputs and diffLicense", () => {
  it.each([
    [{ userPrincipalName: "CC@Contoso.com", usageLocation: "US" }, { userPrincipalName: "cc@contoso.com", skuPartNumber: "PHONESYSTEM_VIRTUALUSER", usageLocation: "US" }, []],
    [
      { userPrincipalName: "nope", usageLocation: "us", skuPartNumber: "a b" },
      { userPrincipalName: "nope", skuPartNumber: "A B", usageLocation: "us" },
      [
        'userPrincipalName must be a user principal name such as cc-main@contoso.com, got "nope"',
        'skuPartNumber must be a SKU part number such as PHONESYSTEM_VIRTUALUSER, got "a b"',
        'usageLocation must be an ISO 3166-1 alpha-2 country code in capitals such as US, got "us"',
      ],
    ],
  ])("checks %j", (news, expected, reasons) => {
    const result = checkLicenseInputs(news);
    expect(result.inputs).toEqual(expected);
    expect(result.failures.map((f) => f.reason)).toEqual(reasons);
  });

  it.each([
    [inputs("a@contoso.com", "US"), inputs("a@contoso.com", "US"), { changes: false, replaces: [], stables: ["userPrincipalName", "skuPartNumber"], deleteBeforeReplace: false }],
    [inputs("a@contoso.com", "US"), inputs("a@contoso.com", "GB"), { changes: true, replaces: [], stables: ["userPrincipalName", "skuPartNumber"], deleteBeforeReplace: false }],
    [inputs("a@contoso.com", "US"), inputs("b@contoso.com", "US"), { changes: true, replaces: ["userPrincipalName"], stables: [], deleteBeforeReplace: false }],
  ])("diffs %j against %j", (olds, news, expected) => {
    expect(diffLicense(olds, news)).toEqual(expected);
  });
});
