/**
 * `TeamsExtensionConsent` provider against the local consent emulator, through `@azure/core-rest-pipeline`
 * with `createCommunicationAuthPolicy` (HMAC-SHA256 verified by the emulator), including throttling.
 */
import type { IncomingMessage } from "node:http";
import { createHash, createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkConsentInputs, consentUrl, diffConsent, type ConsentInputs } from "../../src/providers/teamsConsent/logic";
import { teamsExtensionConsentProvider as provider } from "../../src/providers/teamsConsent/provider";
import { clearClaims } from "../../src/providers/shared/claims";
import { startConsentEmulator, verifyHmac, type ConsentEmulator } from "../emulators/acsConsent/consentEmulator";

let acs: ConsentEmulator;
const saved = { ...process.env };
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const RA = "5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

beforeAll(async () => {
  acs = await startConsentEmulator();
  process.env.CCVOICE_ACS_ACCESS_KEY = acs.accessKey;
  process.env.CCVOICE_ACS_RETRY_DELAY_MS = "10";
});
afterAll(async () => {
  process.env = saved;
  await acs.close();
});
afterEach(() => {
  clearClaims();
  acs.requests.length = 0;
  acs.consents.clear();
  process.env.CCVOICE_ACS_ACCESS_KEY = acs.accessKey;
});

const inputs = (): ConsentInputs => ({ acsEndpoint: acs.url, tenantId: TENANT, resourceAccountObjectId: RA });
const PATH = `/access/teamsExtension/tenants/${TENANT}/assignments/${RA}`;

describe("create", () => {
  it("reads, then grants the consent with a signature the emulator verifies", async () => {
    const result = await provider.create!(inputs());
    expect(result).toEqual({ id: `${TENANT}/${RA}`, outs: { ...inputs(), instanceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) } });
    expect(acs.requests).toEqual([
      { method: "GET", path: PATH, status: 404, signedHost: acs.url.replace("http://", "") },
      { method: "PUT", path: PATH, status: 201, signedHost: acs.url.replace("http://", "") },
    ]);
    expect(acs.consents.get(`${TENANT}/${RA}`)).toEqual({ principalType: "teamsResourceAccount" });
  });

  it("makes no write when the consent exists (a retried create)", async () => {
    acs.consents.set(`${TENANT}/${RA}`, { principalType: "teamsResourceAccount" });
    await provider.create!(inputs());
    expect(acs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200"]);
  });

  it("waits out 429 answers with Retry-After and succeeds", async () => {
    acs.throttle(2, 1);
    const started = Date.now();
    await provider.create!(inputs());
    expect(acs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 429", "GET 429", "GET 404", "PUT 201"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it("fails at once when Retry-After asks for longer than CCVOICE_ACS_MAX_RETRY_DELAY_MS", { timeout: 5000 }, async () => {
    acs.throttle(1, 3600);
    await expect(provider.create!(inputs())).rejects.toThrow(
      `GET of the Teams-extension consent for resource account ${RA} on ${acs.url} failed with HTTP 429 TooManyRequests: the service asked to wait 3600 s before retrying (Retry-After), more than CCVOICE_ACS_MAX_RETRY_DELAY_MS allows (60000 ms)`,
    );
    expect(acs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 429"]);
  });

  it("fails when the access key is wrong, explaining the signature", async () => {
    process.env.CCVOICE_ACS_ACCESS_KEY = Buffer.from("another key").toString("base64");
    await expect(provider.create!(inputs())).rejects.toThrow(
      `reading the Teams-extension consent for resource account ${RA} on ${acs.url} failed with HTTP 401 Unauthorized: The request signature is not valid; the service did not accept the request signature or token from the access key in CCVOICE_ACS_ACCESS_KEY: set CCVOICE_ACS_ACCESS_KEY to a current access key of this ACS resource (az communication list-key), or unset it to sign in with DefaultAzureCredential`,
    );
  });
});

describe("delete and read", () => {
  it("deletes the consent (204), and a second delete accepts 404", async () => {
    acs.consents.set(`${TENANT}/${RA}`, { principalType: "teamsResourceAccount" });
    await provider.delete!(`${TENANT}/${RA}`, inputs());
    await provider.delete!(`${TENANT}/${RA}`, inputs());
    expect(acs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["DELETE 204", "DELETE 404"]);
    expect(acs.consents.size).toBe(0);
  });

  it("keeps the consent its replacement found again (pulumi up --replace: create, then delete the old one)", async () => {
    const { id, outs } = await provider.create!(inputs());
    clearClaims(); // the deployment that replaces it
    await provider.create!(inputs());
    await provider.delete!(id, outs);
    expect(acs.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 404", "PUT 201", "GET 200"]);
    expect(acs.consents.size).toBe(1);
  });

  it("read reports a consent removed outside Pulumi as gone", async () => {
    expect(await provider.read!(`${TENANT}/${RA}`, inputs())).toEqual({ id: "", props: {} });
  });
});

describe("pure logic", () => {
  it.each([
    [
      { acsEndpoint: "https://Contoso.communication.azure.com/", tenantId: TENANT.toUpperCase(), resourceAccountObjectId: RA },
      { acsEndpoint: "https://contoso.communication.azure.com", tenantId: TENANT, resourceAccountObjectId: RA },
      [],
    ],
    [
      { acsEndpoint: "http://contoso.communication.azure.com", tenantId: "t", resourceAccountObjectId: 5 },
      { acsEndpoint: "http://contoso.communication.azure.com", tenantId: "t", resourceAccountObjectId: "" },
      [
        'acsEndpoint must use https (plain http is allowed only for a local emulator on 127.0.0.1 or localhost), got "http://contoso.communication.azure.com"',
        'tenantId must be the Entra tenant id, a GUID such as 00000000-0000-0000-0000-000000000000, got "t"',
        "resourceAccountObjectId must be the Entra object id of the resource account, a GUID such as 00000000-0000-0000-0000-000000000000, got 5",
      ],
    ],
    [
      // `pulumi preview` of a new stack: the ACS endpoint and the account's object id are not known yet
      { acsEndpoint: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", tenantId: TENANT, resourceAccountObjectId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
      { acsEndpoint: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", tenantId: TENANT, resourceAccountObjectId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
      [],
    ],
  ])("checkConsentInputs(%j)", (news, expected, reasons) => {
    const result = checkConsentInputs(news);
    expect(result.inputs).toEqual(expected);
    expect(result.failures.map((f) => f.reason)).toEqual(reasons);
  });

  it("diffConsent replaces (deleting first) when the account changes", () => {
    const olds = { acsEndpoint: "https://a.communication.azure.com", tenantId: TENANT, resourceAccountObjectId: RA };
    expect(diffConsent(olds, { ...olds, resourceAccountObjectId: TENANT })).toEqual({
      changes: true,
      replaces: ["resourceAccountObjectId"],
      stables: [],
      deleteBeforeReplace: true,
    });
    expect(diffConsent(olds, olds).changes).toBe(false);
  });

  it("consentUrl builds the documented path and api-version", () => {
    expect(consentUrl({ acsEndpoint: "https://a.communication.azure.com", tenantId: TENANT, resourceAccountObjectId: RA })).toBe(
      `https://a.communication.azure.com${PATH}?api-version=2025-06-30`,
    );
  });
});

describe("the emulator's HMAC check", () => {
  const key = Buffer.from("k").toString("base64");
  const request = (host: string, signedHost: string, body = "") => {
    const hash = createHash("sha256").update(body).digest("base64");
    const date = "Tue, 21 Nov 2025 18:24:00 GMT";
    const sig = createHmac("sha256", Buffer.from(key, "base64")).update(`PUT\n/x?api-version=1\n${date};${signedHost};${hash}`).digest("base64");
    return {
      method: "PUT",
      url: "/x?api-version=1",
      headers: { host, "x-ms-date": date, "x-ms-content-sha256": hash, authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${sig}` },
    } as unknown as IncomingMessage;
  };
  it.each([
    ["127.0.0.1:7443", "127.0.0.1:7443", "127.0.0.1:7443"],
    ["127.0.0.1:7443", "127.0.0.1:7443:7443", "127.0.0.1:7443:7443"],
    ["127.0.0.1:7443", "127.0.0.1", undefined],
  ])("Host %s signed as %s verifies as %s", (host, signedHost, expected) => {
    expect(verifyHmac(request(host, signedHost), "", key, 7443)).toBe(expected);
  });
  it("fails when the body does not match its hash", () => {
    expect(verifyHmac(request("h:1", "h:1", "{}"), "{ }", key, 1)).toBeUndefined();
  });
});
