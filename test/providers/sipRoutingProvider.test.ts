/**
 * The SIP routing dynamic provider against the local ACS emulator (real HTTP, HMAC, merge-patch).
 */
import type * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import type { SipRoutingInputs, SipRoutingState } from "../../src/providers/sipRouting/logic";
import { sipRoutingProvider } from "../../src/providers/sipRouting/provider";
import { clearClaims } from "../../src/providers/shared/claims";
import type { AcsEmulator } from "../emulators/acs/acsEmulator";
import type { FaultOptions } from "../emulators/acs/faults";
import type { SipSeed } from "../emulators/acs/sipStore";
import { emulatorEnv } from "./acsTestEnv";

const p = sipRoutingProvider as Required<pulumi.dynamic.ResourceProvider>;
const nanp = { name: "nanp", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com", "sbc2.contoso.com"] };
const uk = { name: "uk", numberPattern: "^\\+44\\d{9,10}$", trunks: ["sbc2.contoso.com"] };
const emergency = { name: "emergency", numberPattern: "^(911|933)$", trunks: ["sbc1.contoso.com"] };
const verified = { domains: { "contoso.com": { enabled: true } } };

let env: Awaited<ReturnType<typeof emulatorEnv>> | undefined;
afterEach(async () => {
  await env?.restore();
  env = undefined;
});

async function start(sip: SipSeed = verified, faults: FaultOptions = {}): Promise<AcsEmulator> {
  env = await emulatorEnv({ sip, faults });
  return env.acs;
}

async function checked(acs: AcsEmulator, config: Record<string, unknown>): Promise<SipRoutingInputs> {
  const { inputs, failures } = await p.check({}, { endpoint: acs.endpoint, domains: ["contoso.com"], trunks: [{ fqdn: "sbc1.contoso.com" }, { fqdn: "sbc2.contoso.com" }], routes: [emergency, nanp, uk], ...config });
  expect(failures).toEqual([]);
  return inputs as SipRoutingInputs;
}

const writes = (acs: AcsEmulator) => acs.writes().map((r) => `${r.method} ${r.path}`);

describe("sipRoutingProvider against the ACS emulator", () => {
  it("creates domains, trunks and routes with one GET and one PATCH", async () => {
    const acs = await start({ domains: { "contoso.com": { enabled: false } } });
    const inputs = await checked(acs, {});
    const { id, outs } = await p.create(inputs);
    expect(id).toBe(`${acs.endpoint}/sip`);
    expect(acs.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /sip 200", "PATCH /sip 200"]);
    expect(outs).toMatchObject({ domains: ["contoso.com"], routes: [emergency, nanp, uk], apiVersion: "2024-11-15-preview", foreignTrunks: [] });
    expect(acs.sip.view("2024-11-15-preview")).toEqual({
      domains: { "contoso.com": { enabled: true } },
      trunks: { "sbc1.contoso.com": { enabled: true, sipSignalingPort: 5061 }, "sbc2.contoso.com": { enabled: true, sipSignalingPort: 5061 } },
      routes: [emergency, nanp, uk],
    });
  });

  it("sends zero writes for an update that changes nothing", async () => {
    const acs = await start();
    const inputs = await checked(acs, {});
    const { outs } = await p.create(inputs);
    acs.clearLog();
    expect((await p.diff("id", outs, inputs)).changes).toBe(false);
    await p.update("id", outs, inputs);
    expect(acs.writes()).toEqual([]);
    expect(acs.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /sip"]);
  });

  it("reorders routes in place with one PATCH of the route list", async () => {
    const acs = await start();
    const { outs } = await p.create(await checked(acs, {}));
    const news = await checked(acs, { routes: [emergency, uk, nanp] });
    const diff = await p.diff("id", outs, news);
    expect(diff).toMatchObject({ changes: true, replaces: [], summary: ["route order emergency, nanp, uk → emergency, uk, nanp"] });
    acs.clearLog();
    await p.update("id", outs, news);
    expect(writes(acs)).toEqual(["PATCH /sip"]);
    expect(acs.sip.routes.map((r) => r.name)).toEqual(["emergency", "uk", "nanp"]);
  });

  it("removes a trunk still used by routes: routes rewritten first, then the trunk deleted", async () => {
    const acs = await start();
    const { outs } = await p.create(await checked(acs, {}));
    const news = await checked(acs, { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [emergency, { ...nanp, trunks: ["sbc1.contoso.com"] }] });
    acs.clearLog();
    const { outs: after } = await p.update("id", outs, news);
    expect(writes(acs)).toEqual(["PATCH /sip", "PATCH /sip"]);
    expect([...acs.sip.trunks.keys()]).toEqual(["sbc1.contoso.com"]);
    expect(acs.sip.routes.map((r) => `${r.name}:${r.trunks.join(",")}`)).toEqual(["emergency:sbc1.contoso.com", "nanp:sbc1.contoso.com"]);
    expect((after as SipRoutingState).trunks.map((t) => t.fqdn)).toEqual(["sbc1.contoso.com"]);
  });

  it("replaces a trunk in use with a new one: new trunk and final routes, then the old trunk deleted", async () => {
    const acs = await start();
    const { outs } = await p.create(await checked(acs, {}));
    const news = await checked(acs, {
      trunks: [{ fqdn: "sbc1.contoso.com" }, { fqdn: "sbc3.contoso.com" }],
      routes: [emergency, { ...nanp, trunks: ["sbc1.contoso.com", "sbc3.contoso.com"] }, { ...uk, trunks: ["sbc3.contoso.com"] }],
    });
    acs.clearLog();
    await p.update("id", outs, news);
    expect(writes(acs)).toEqual(["PATCH /sip", "PATCH /sip"]);
    expect([...acs.sip.trunks.keys()].sort()).toEqual(["sbc1.contoso.com", "sbc3.contoso.com"]);
    expect(acs.sip.routes.map((r) => r.trunks.join(","))).toEqual(["sbc1.contoso.com", "sbc1.contoso.com,sbc3.contoso.com", "sbc3.contoso.com"]);
  });

  it("moves the emergency route to a new SBC without a moment where a broader route catches 911", async () => {
    const acs = await start();
    const sbcs = (emergencySbc: string) => ({
      trunks: [{ fqdn: emergencySbc, emergencyCapable: true }, { fqdn: "main.contoso.com" }],
      routes: [{ name: "emergency", numberPattern: "^(911|933)$", trunks: [emergencySbc] }, { name: "all", numberPattern: ".*", trunks: ["main.contoso.com"] }],
    });
    const { outs } = await p.create(await checked(acs, sbcs("old.contoso.com")));
    const seen: string[] = [];
    const patch = acs.sip.patch.bind(acs.sip);
    acs.sip.patch = (body, apiVersion) => {
      patch(body, apiVersion);
      seen.push(acs.sip.routes.find((r) => new RegExp(r.numberPattern).test("911"))?.trunks.join(",") ?? "no route");
    };
    await p.update("id", outs, await checked(acs, sbcs("new.contoso.com")));
    expect(seen).toEqual(["new.contoso.com", "new.contoso.com"]);
    expect([...acs.sip.trunks.keys()].sort()).toEqual(["main.contoso.com", "new.contoso.com"]);
  });

  it("fails when the configuration is not empty and adoptExisting is false, naming what it found", async () => {
    const acs = await start({ ...verified, trunks: { "old.contoso.com": { sipSignalingPort: 5067 } }, routes: [{ name: "legacy", numberPattern: ".*", trunks: ["old.contoso.com"] }] });
    await expect(p.create(await checked(acs, {}))).rejects.toThrow(
      `the SIP configuration of ${acs.endpoint} is not empty: 1 trunk(s) [old.contoso.com:5067] and 1 route(s) [legacy (.*)] that ccvoice:directRouting does not declare; ccvoice will not take it over silently.`,
    );
    expect(acs.writes()).toEqual([]);
  });

  it("adopts with adoptExisting: routes replaced, the foreign trunk left alone and reported, then kept on delete", async () => {
    const acs = await start({ ...verified, trunks: { "old.contoso.com": { sipSignalingPort: 5067 } }, routes: [{ name: "legacy", numberPattern: ".*", trunks: ["old.contoso.com"] }] });
    const { id, outs } = await p.create(await checked(acs, { adoptExisting: true }));
    expect((outs as SipRoutingState).foreignTrunks).toEqual(["old.contoso.com"]);
    expect(acs.sip.routes.map((r) => r.name)).toEqual(["emergency", "nanp", "uk"]);
    await p.delete(id, outs);
    expect([...acs.sip.trunks.keys()]).toEqual(["old.contoso.com"]);
    expect(acs.sip.routes).toEqual([]);
    expect([...acs.sip.domains.keys()]).toEqual(["contoso.com"]);
  });

  it("reports drift on refresh (read) and the next update repairs it", async () => {
    const acs = await start();
    const inputs = await checked(acs, {});
    const { id, outs } = await p.create(inputs);
    acs.sip.patch({ routes: [nanp, uk] }, "2024-11-15-preview");
    acs.sip.patch({ trunks: { "sbc1.contoso.com": { sipSignalingPort: 5099 }, "rogue.contoso.com": { sipSignalingPort: 5061 } } }, "2024-11-15-preview");
    const { props } = await p.read(id, outs);
    expect(props).toMatchObject({ routes: [nanp, uk], foreignTrunks: ["rogue.contoso.com"], instanceId: (outs as SipRoutingState).instanceId });
    const diff = (await p.diff(id, props, inputs)) as { summary: string[] };
    expect(diff.summary).toEqual(["trunk sbc1.contoso.com: sipSignalingPort 5099 → 5061", "add route emergency (^(911|933)$) at position 1"]);
    acs.clearLog();
    await p.update(id, props, inputs);
    expect(writes(acs)).toEqual(["PATCH /sip"]);
    expect(acs.sip.trunks.get("sbc1.contoso.com")?.sipSignalingPort).toBe(5061);
    expect(acs.sip.routes.map((r) => r.name)).toEqual(["emergency", "nanp", "uk"]);
  });

  it.each([
    [
      "re-enables a disabled trunk on a stack without domains",
      { trunks: [{ fqdn: "sbc1.contoso.com", enabled: false }], routes: [] },
      { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [] },
      (acs: AcsEmulator) => acs.sip.trunks.get("sbc1.contoso.com")?.enabled,
      true,
    ],
    [
      "removes a route's callerIdOverride on a stack without domains",
      { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [{ ...emergency, callerIdOverride: "+14255550100" }] },
      { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [emergency] },
      (acs: AcsEmulator) => acs.sip.routes[0]?.callerIdOverride,
      undefined,
    ],
  ])("%s: the update still writes with the preview api-version that shows the field", async (_name, before, after, live, expected) => {
    const acs = await start({});
    const { outs } = await p.create(await checked(acs, { domains: [], ...before }));
    expect((outs as SipRoutingState).apiVersion).toBe("2024-11-15-preview");
    acs.clearLog();
    const { outs: updated } = await p.update("id", outs, await checked(acs, { domains: [], ...after }));
    expect(writes(acs)).toEqual(["PATCH /sip"]);
    expect(live(acs)).toBe(expected);
    expect((updated as SipRoutingState).apiVersion).toBe("2024-11-15-preview");
  });

  it("fails with a clear message when the access key does not match (bad signature)", async () => {
    const acs = await start();
    const inputs = await checked(acs, {});
    process.env.CCVOICE_ACS_ACCESS_KEY = Buffer.from("stale key").toString("base64");
    await expect(p.create(inputs)).rejects.toThrow(
      `reading the SIP configuration (GET /sip) on ${acs.endpoint} failed with HTTP 401 Unauthorized: Denied: the HMAC signature does not match (check the access key); the service did not accept the request signature or token from the access key in CCVOICE_ACS_ACCESS_KEY: set CCVOICE_ACS_ACCESS_KEY to a current access key of this ACS resource (az communication list-key), or unset it to sign in with DefaultAzureCredential`,
    );
  });

  it("fails when a declared domain is not verified on the resource", async () => {
    const acs = await start({ domains: {} });
    await expect(p.create(await checked(acs, {}))).rejects.toThrow("ccvoice:directRouting.domains lists contoso.com, which is not a verified direct-routing domain of the ACS resource (it has: none)");
    expect(acs.writes()).toEqual([]);
  });

  it("converges with 30% injected 429/503 answers", async () => {
    const acs = await start(verified, { rate: 0.3, retryAfterMs: 1, seed: 3 });
    const { outs } = await p.create(await checked(acs, {}));
    const news = await checked(acs, { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [emergency, { ...nanp, trunks: ["sbc1.contoso.com"] }] });
    await p.update("id", outs, news);
    expect([...acs.sip.trunks.keys()]).toEqual(["sbc1.contoso.com"]);
    expect(acs.requests.filter((r) => r.injected).length).toBeGreaterThan(0);
  });

  it("fails at once, naming the request, when Retry-After asks for longer than CCVOICE_ACS_MAX_RETRY_DELAY_MS", { timeout: 5000 }, async () => {
    const acs = await start(verified, { rate: 1, statuses: [429], retryAfterMs: 3_600_000 });
    const started = Date.now();
    await expect(p.create(await checked(acs, {}))).rejects.toThrow(
      `reading the SIP configuration (GET /sip) on ${acs.endpoint} failed with HTTP 429 TooManyRequests: the service asked to wait 3600 s before retrying (Retry-After), more than CCVOICE_ACS_MAX_RETRY_DELAY_MS allows (4 ms); the ACS quota was exceeded`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(acs.requests.map((r) => r.status)).toEqual([429]);
  });

  it("fails check for an http endpoint that is not loopback", async () => {
    const { failures } = await p.check({}, { endpoint: "http://contoso.communication.azure.com", trunks: [], routes: [] });
    expect(failures).toEqual([
      {
        property: "endpoint",
        reason: 'endpoint (the ACS resource endpoint) must use https (plain http is allowed only for a local emulator on 127.0.0.1 or localhost), got "http://contoso.communication.azure.com"',
      },
    ]);
  });
});

/**
 * Pulumi creates a replacement before it deletes the old resource (`pulumi up --replace`, or a rename
 * without an alias, where the old one leaves the program), in one dynamic-provider process.
 */
describe("a SIP configuration taken over by another resource of the same deployment", () => {
  it("the old resource's delete writes nothing when its replacement holds the same configuration", async () => {
    const acs = await start();
    const inputs = await checked(acs, {});
    const { id, outs } = await p.create(inputs);
    clearClaims(); // the deployment that replaces it
    acs.clearLog();
    await p.create(inputs);
    await p.delete(id, outs);
    expect(acs.writes()).toEqual([]);
    expect([...acs.sip.trunks.keys()]).toEqual(["sbc1.contoso.com", "sbc2.contoso.com"]);
    expect(acs.sip.routes.map((r) => r.name)).toEqual(["emergency", "nanp", "uk"]);
  });

  it("the old resource's delete removes only the trunks the new one does not declare, and leaves the routes", async () => {
    const acs = await start();
    const { id, outs } = await p.create(await checked(acs, {}));
    clearClaims();
    await p.create(await checked(acs, { trunks: [{ fqdn: "sbc1.contoso.com" }], routes: [emergency], adoptExisting: true }));
    acs.clearLog();
    await p.delete(id, outs);
    expect(writes(acs)).toEqual(["PATCH /sip"]);
    expect([...acs.sip.trunks.keys()]).toEqual(["sbc1.contoso.com"]);
    expect(acs.sip.routes.map((r) => r.name)).toEqual(["emergency"]);
  });

  it("an unchanged resource on the same ACS (only diffed) is protected the same way", async () => {
    const acs = await start();
    const inputs = await checked(acs, {});
    const { id, outs } = await p.create(inputs);
    const { id: otherId, outs: other } = await p.create(inputs);
    clearClaims();
    expect((await p.diff(otherId, other, inputs)).changes).toBe(false);
    acs.clearLog();
    await p.delete(id, outs);
    expect(acs.writes()).toEqual([]);
  });
});
