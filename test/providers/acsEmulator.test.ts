/**
 * The ACS emulator driven by the real SDK clients of @azure/communication-phone-numbers 1.5.0:
 * proves the emulator speaks the wire protocol the SDK sends (paths, verbs, merge-patch, LRO
 * polling, HMAC) before the providers are tested against it.
 */
import { PhoneNumbersClient, SipRoutingClient } from "@azure/communication-phone-numbers";
import { AzureKeyCredential } from "@azure/core-auth";
import { createHash } from "node:crypto";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createSipConfigurationClient } from "../../src/providers/sipRouting/client";
import { startAcsEmulator, type AcsEmulator } from "../emulators/acs/acsEmulator";
import { sign } from "../emulators/acs/hmac";

const fast = { allowInsecureConnection: true, retryOptions: { maxRetries: 8, retryDelayInMs: 1, maxRetryDelayInMs: 5 } };
const poll = { updateIntervalInMs: 2 } as Record<string, unknown>;

let acs: AcsEmulator | undefined;
afterEach(async () => {
  await acs?.close();
  acs = undefined;
});

describe("ACS emulator with SipRoutingClient", () => {
  it("applies setTrunk, setRoutes and deleteTrunk as merge-patches of /sip", async () => {
    acs = await startAcsEmulator();
    const client = new SipRoutingClient(acs.connectionString, fast);
    await client.setTrunk({ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061 });
    await client.setTrunk({ fqdn: "sbc2.contoso.com", sipSignalingPort: 5062 });
    await client.setRoutes([{ name: "us", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] }]);
    await client.deleteTrunk("sbc2.contoso.com");
    const trunks = [];
    for await (const t of client.listTrunks()) trunks.push(t);
    const routes = [];
    for await (const r of client.listRoutes()) routes.push(r);
    expect(trunks).toEqual([{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061 }]);
    expect(routes).toEqual([{ name: "us", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] }]);
    expect(acs.requests.map((r) => `${r.method} ${r.path} ${r.apiVersion} ${r.status}`)).toEqual([
      "PATCH /sip 2023-03-01 200",
      "PATCH /sip 2023-03-01 200",
      "PATCH /sip 2023-03-01 200",
      "PATCH /sip 2023-03-01 200",
      "GET /sip 2023-03-01 200",
      "GET /sip 2023-03-01 200",
    ]);
  });

  it("fails when a trunk still used by a route is deleted, with the service error shape", async () => {
    acs = await startAcsEmulator({
      sip: { trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 } }, routes: [{ name: "all", numberPattern: ".*", trunks: ["sbc1.contoso.com"] }] },
    });
    const client = new SipRoutingClient(acs.connectionString, fast);
    await expect(client.deleteTrunk("sbc1.contoso.com")).rejects.toMatchObject({
      statusCode: 422,
      code: "TrunkInUse",
      message: "trunk sbc1.contoso.com cannot be deleted: route all uses it",
    });
  });

  it("shows that setTrunks deletes every trunk it is not given (replace-all)", async () => {
    acs = await startAcsEmulator({ sip: { trunks: { "other.fabrikam.com": { sipSignalingPort: 5061 } } } });
    const client = new SipRoutingClient(acs.connectionString, fast);
    await client.setTrunks([{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061 }]);
    expect([...acs.sip.trunks.keys()]).toEqual(["sbc1.contoso.com"]);
  });

  it("fails when the request is signed with another key (401 Unauthorized)", async () => {
    acs = await startAcsEmulator();
    const wrongKey = Buffer.from("not the resource key").toString("base64");
    const client = new SipRoutingClient(acs.endpoint, new AzureKeyCredential(wrongKey), fast);
    await expect(client.getTrunk("sbc1.contoso.com")).rejects.toMatchObject({ statusCode: 401, code: "Unauthorized" });
    expect(acs.requests.map((r) => r.status)).toEqual([401]);
  });

  it("retries injected 429 and 503 answers with Retry-After and converges", async () => {
    acs = await startAcsEmulator({ faults: { rate: 0.5, retryAfterMs: 1, seed: 7 } });
    const client = new SipRoutingClient(acs.connectionString, fast);
    for (let i = 0; i < 10; i++) await client.setTrunk({ fqdn: `sbc${i}.contoso.com`, sipSignalingPort: 5061 });
    expect(acs.sip.trunks.size).toBe(10);
    expect(acs.requests.filter((r) => r.injected).length).toBeGreaterThan(3);
    expect(acs.count({ method: "PATCH" })).toBe(10);
  });
});

describe("ACS emulator rules and faults", () => {
  it("fails when a patch would exceed 250 trunks (service limit)", async () => {
    acs = await startAcsEmulator();
    process.env.CCVOICE_ACS_ACCESS_KEY = acs.accessKey;
    try {
      const trunks = Object.fromEntries(Array.from({ length: 251 }, (_, i) => [`sbc${i}.contoso.com`, { sipSignalingPort: 5061 }]));
      await expect(createSipConfigurationClient(acs.endpoint, "2023-03-01").patch({ trunks })).rejects.toMatchObject({
        statusCode: 422,
        code: "TooManyTrunks",
        message: "at most 250 trunks, got 251",
      });
    } finally {
      delete process.env.CCVOICE_ACS_ACCESS_KEY;
    }
  });

  it("adds the configured latency to every request", async () => {
    acs = await startAcsEmulator({ faults: { latencyMs: 40 } });
    const client = new SipRoutingClient(acs.connectionString, fast);
    const started = Date.now();
    for await (const _ of client.listTrunks()) void _;
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it("accepts a signature over host:port:port (the SDK pitfall on non-default ports) and rejects a tampered body", async () => {
    acs = await startAcsEmulator();
    const { host } = new URL(acs.endpoint);
    const port = new URL(acs.endpoint).port;
    const send = (signedHost: string, body: string, sentBody = body) =>
      new Promise<number>((resolve, reject) => {
        const date = new Date().toUTCString();
        const hash = createHash("sha256").update(body).digest("base64");
        const path = "/sip?api-version=2023-03-01";
        const signature = sign(acs!.accessKey, `PATCH\n${path}\n${date};${signedHost};${hash}`);
        const req = request(`${acs!.endpoint}${path}`, {
          method: "PATCH",
          headers: {
            host,
            "content-type": "application/merge-patch+json",
            "x-ms-date": date,
            "x-ms-content-sha256": hash,
            authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
          },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end(sentBody);
      });
    expect(await send(`${host}:${port}`, '{"routes":[]}')).toBe(200);
    expect(await send(host, '{"routes":[]}', '{"routes":[] }')).toBe(401);
  });
});

describe("ACS emulator with PhoneNumbersClient", () => {
  it("searches, purchases, lists, updates capabilities and releases through long-running operations", async () => {
    acs = await startAcsEmulator({ lroMs: 5 });
    const client = new PhoneNumbersClient(acs.connectionString, fast);
    const search = await (
      await client.beginSearchAvailablePhoneNumbers(
        { countryCode: "US", phoneNumberType: "geographic", assignmentType: "application", capabilities: { calling: "inbound+outbound", sms: "none" }, areaCode: "425", quantity: 2 },
        poll,
      )
    ).pollUntilDone();
    expect(search.phoneNumbers).toEqual(["+14250000001", "+14250000002"]);
    expect(search.searchExpiresBy).toBeInstanceOf(Date);
    await (await client.beginPurchasePhoneNumbers(search.searchId, poll)).pollUntilDone();
    const listed = [];
    for await (const n of client.listPurchasedPhoneNumbers()) listed.push(n.phoneNumber);
    expect(listed).toEqual(["+14250000001", "+14250000002"]);
    const updated = await (await client.beginUpdatePhoneNumberCapabilities("+14250000001", { calling: "inbound", sms: "none" }, poll)).pollUntilDone();
    expect(updated.capabilities).toEqual({ calling: "inbound", sms: "none" });
    await (await client.beginReleasePhoneNumber("+14250000002", poll)).pollUntilDone();
    await expect(client.getPurchasedPhoneNumber("+14250000002")).rejects.toMatchObject({ statusCode: 404, code: "PhoneNumberNotFound" });
    expect(acs.numbers.ledger).toEqual({
      searches: 1,
      purchases: [{ searchId: search.searchId, phoneNumbers: ["+14250000001", "+14250000002"] }],
      releases: ["+14250000002"],
      maxConcurrentPurchases: 1,
    });
  });

  it("pages the purchased numbers through nextLink", async () => {
    const purchased = Array.from({ length: 250 }, (_, i) => ({ phoneNumber: `+1425555${String(i).padStart(4, "0")}` }));
    acs = await startAcsEmulator({ purchased });
    const client = new PhoneNumbersClient(acs.connectionString, fast);
    let n = 0;
    for await (const _ of client.listPurchasedPhoneNumbers()) n++;
    expect(n).toBe(250);
    expect(acs.count({ method: "GET", path: /^\/phoneNumbers$/ })).toBe(3);
  });
});
