/**
 * The callback token verifier's key set: fetched once and cached, refetched on an unknown key id at most once
 * per cool-down, kept when a refresh fails, and a key-set outage answered 503 (retry), never 401.
 */
import { generateKeyPair, SignJWT } from "jose";
import { HttpRequest } from "@azure/functions";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { encodeContext } from "../../src/runtime/core/operationContext";
import { JwtVerifier } from "../../src/runtime/adapters/jwtVerifier";
import { callEvents } from "../../src/runtime/handlers/callEvents";
import { isTransientVerificationError } from "../../src/runtime/handlers/http";
import { callbackEvent } from "../emulators/callAutomation/events";
import { invocation, startHarness, startInfra, type Infra } from "./support/harness";

let infra: Infra;
beforeAll(async () => {
  infra = await startInfra();
});
afterAll(async () => {
  await infra.stop();
});
afterEach(() => {
  vi.useRealTimers();
  infra.emulator.faults.length = 0;
});

const verifier = () => new JwtVerifier({ jwksUrl: infra.emulator.jwksUrl, issuer: infra.emulator.issuer, audience: [infra.emulator.resourceId] });
const token = (atMs: number) => infra.emulator.callbackToken({ now: Math.floor(atMs / 1000) });
const keysDown = (times = 100) => infra.emulator.faults.push({ method: "GET", path: /^\/calling\/keys$/, status: 503, times });

describe("the callback key set", () => {
  it("answers 503 (retry), not 401, when the key set endpoint fails with 503", async () => {
    const h = await startHarness(infra);
    keysDown();
    const body = [callbackEvent("CallConnected", { callConnectionId: "conn-k", serverCallId: "scid-k", correlationId: "c" }, { operationContext: encodeContext({ route: "psap-callback", step: 1 }) })];
    const request = new HttpRequest({
      method: "POST",
      url: "http://127.0.0.1/api/callEvents",
      headers: { authorization: `Bearer ${await token(Date.now())}`, "content-type": "application/json" },
      body: { string: JSON.stringify(body) },
    });
    const response = await callEvents(request, invocation("callEvents", h.logs), h.runtime);
    expect([response.status, response.jsonBody]).toEqual([503, { error: "the token cannot be verified right now; retry" }]);
    await h.close();
  });

  it("keeps verifying with the cached keys when a refresh fails, and does not refetch on every request meanwhile", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const v = verifier();
    let t = Date.now();
    await v.verify(await token(t));
    t += 11 * 60_000; // past the 10-minute cache age: the next verification refreshes
    vi.setSystemTime(t);
    keysDown();
    const before = infra.emulator.keysRequests;
    const results: string[] = [];
    for (let i = 0; i < 3; i++) results.push(await v.verify(await token(t)).then(() => "ok", (e: unknown) => String(e)));
    expect([results, infra.emulator.keysRequests - before]).toEqual([["ok", "ok", "ok"], 1]);
  });

  it("refetches the key set for an unknown key id at most once per 30-second cool-down", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const v = verifier();
    let t = Date.now();
    await v.verify(await token(t));
    const { privateKey } = await generateKeyPair("RS256");
    const forged = async (kid: string) =>
      new SignJWT({}).setProtectedHeader({ alg: "RS256", kid }).setIssuer(infra.emulator.issuer).setAudience(infra.emulator.resourceId).setIssuedAt(Math.floor(t / 1000)).setExpirationTime(Math.floor(t / 1000) + 300).sign(privateKey);
    t += 31_000;
    vi.setSystemTime(t);
    const before = infra.emulator.keysRequests;
    const codes: unknown[] = [];
    for (let i = 0; i < 5; i++) codes.push(await v.verify(await forged(`kid-${i}`)).catch((e: { code?: unknown }) => e.code));
    expect([codes, infra.emulator.keysRequests - before]).toEqual([Array(5).fill("ERR_JWKS_NO_MATCHING_KEY"), 1]);
  });

  it("treats a key id the cached keys lack, while the key set is down, as the outage's fault (503), not the token's", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const v = verifier();
    let t = Date.now();
    await v.verify(await token(t));
    t += 11 * 60_000;
    vi.setSystemTime(t);
    keysDown();
    const { privateKey } = await generateKeyPair("RS256");
    const rotated = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "rotated" }).setIssuer(infra.emulator.issuer).setAudience(infra.emulator.resourceId).setExpirationTime(Math.floor(t / 1000) + 300).sign(privateKey);
    const errors = [await v.verify(rotated).catch((e: unknown) => e), await v.verify(rotated).catch((e: unknown) => e)];
    expect(errors.map(isTransientVerificationError)).toEqual([true, true]);
  });
});
