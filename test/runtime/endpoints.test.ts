/**
 * The HTTP functions: `callEvents` (Call Automation JWT), `agentEmergency`, `agentState`, `outboundCall`
 * (Entra bearer token), called directly with `HttpRequest` and `InvocationContext`.
 */
import { generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { HttpRequest } from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { MemoryStore } from "../../src/runtime/core/memoryStore";
import { encodeContext } from "../../src/runtime/core/operationContext";
import type { OutboxEntry } from "../../src/runtime/core/notification";
import { GraphPresence } from "../../src/runtime/adapters/graphPresence";
import type { EmailSender, PresenceControl } from "../../src/runtime/adapters/interfaces";
import { agentState } from "../../src/runtime/handlers/agentState";
import { callEvents } from "../../src/runtime/handlers/callEvents";
import { outboundCall } from "../../src/runtime/handlers/outboundCall";
import { callbackEvent } from "../emulators/callAutomation/events";
import { FakeGraph, fakeCredential } from "./support/fakeGraph";
import { invocation, startHarness, startInfra, type Harness, type Infra } from "./support/harness";

let infra: Infra;
beforeAll(async () => {
  infra = await startInfra();
});
afterAll(async () => {
  await infra.stop();
});

function post(path: string, body: unknown, authorization?: string): HttpRequest {
  return new HttpRequest({
    method: "POST",
    url: `http://127.0.0.1/api/${path}`,
    headers: authorization ? { authorization, "content-type": "application/json" } : { "content-type": "application/json" },
    body: { string: JSON.stringify(body) },
  });
}

describe("callEvents authentication", () => {
  const callback = () =>
    [callbackEvent("CallConnected", { callConnectionId: "conn-x", serverCallId: "scid-x", correlationId: "c" }, {
      operationContext: encodeContext({ route: "psap-callback", step: 1, agentId: "alice", pending: [{ kind: "hangUp", reason: "test" }] }),
    })];
  const forgers: [string, (h: Harness) => Promise<string | undefined>][] = [
    ["no Authorization header", async () => undefined],
    ["a token that is not a JWT", async () => "Bearer not-a-jwt"],
    ["an unsigned token (alg none)", async () => `Bearer ${new UnsecuredJWT({}).setIssuer(infra.emulator.issuer).setAudience(infra.emulator.resourceId).setExpirationTime("5m").encode()}`],
    [
      "a token signed by another key",
      async () => {
        const { privateKey } = await generateKeyPair("RS256");
        const jwt = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "forged" }).setIssuer(infra.emulator.issuer).setAudience(infra.emulator.resourceId).setExpirationTime("5m").sign(privateKey);
        return `Bearer ${jwt}`;
      },
    ],
    [
      "an HS256 token keyed with the published public key (key confusion)",
      async () => {
        const jwks = (await (await fetch(infra.emulator.jwksUrl)).json()) as { keys: { kid: string; n: string }[] };
        const key = jwks.keys[0]!;
        const jwt = await new SignJWT({}).setProtectedHeader({ alg: "HS256", kid: key.kid }).setIssuer(infra.emulator.issuer).setAudience(infra.emulator.resourceId).setExpirationTime("5m").sign(new TextEncoder().encode(JSON.stringify(key)));
        return `Bearer ${jwt}`;
      },
    ],
    ["an expired token", async () => `Bearer ${await infra.emulator.callbackToken({ now: Math.floor(Date.now() / 1000) - 1000, expiresInSeconds: 300 })}`],
    ["a token for another ACS resource", async () => `Bearer ${await infra.emulator.callbackToken({ audience: "99999999-2222-3333-4444-555555555555" })}`],
  ];

  it.each(forgers)("fails with 401 and no side effect for %s", async (_name, token) => {
    const h = await startHarness(infra);
    const before = infra.emulator.log.length;
    const response = await callEvents(post("callEvents", callback(), await token(h)), invocation("callEvents", h.logs), h.runtime);
    expect(response.status).toBe(401);
    expect([infra.emulator.log.length, await h.runtime.core.store.list("event")]).toEqual([before, []]);
    await h.close();
  });

  it("answers 503 (retry), not 401, when the key set cannot be fetched", async () => {
    const { JwtVerifier } = await import("../../src/runtime/adapters/jwtVerifier");
    const h = await startHarness(infra, {
      overrides: { callbackVerifier: new JwtVerifier({ jwksUrl: "http://127.0.0.1:9/calling/keys", issuer: infra.emulator.issuer, audience: [infra.emulator.resourceId] }) },
    });
    const response = await callEvents(post("callEvents", callback(), `Bearer ${await infra.emulator.callbackToken()}`), invocation("callEvents", h.logs), h.runtime);
    expect([response.status, response.jsonBody]).toEqual([503, { error: "the token cannot be verified right now; retry" }]);
    await h.close();
  });

  it("accepts a token signed by the Call Automation key set", async () => {
    const h = await startHarness(infra);
    const response = await callEvents(post("callEvents", callback(), `Bearer ${await infra.emulator.callbackToken()}`), invocation("callEvents", h.logs), h.runtime);
    expect([response.status, (response.jsonBody as { results: { route: string }[] }).results[0]?.route]).toEqual([200, "psap-callback"]);
    await h.close();
  });
});

describe("agentEmergency", () => {
  it("answers with the callback number before the notification email is sent (asynchronous), and sends it once", async () => {
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const slowEmail: EmailSender = {
      send: (m) => new Promise<void>((resolve) => (release = () => (sent.push(m.key), resolve()))),
    };
    const h = await startHarness(infra, { email: slowEmail });
    const response = await h.emergency({ event: "started", agentId: "alice", requestId: "em-async", dialed: "911" });
    expect([response.status, response.body, sent]).toEqual([200, { callbackNumber: "+14255550180", leaseExpiresAt: "2025-06-02T15:00:00.000Z", duplicate: false }, []]);
    release();
    await h.runtime.idle();
    const outbox = await h.runtime.core.store.get<OutboxEntry>("outbox", "emergency-em-async");
    expect([sent, outbox?.value.status, outbox?.value.message]).toEqual([["emergency-em-async"], "sent", undefined]);
    await h.close();
  });

  it("sends the email through ACS Email once however often the report is replayed", async () => {
    const h = await startHarness(infra);
    const before = infra.emulator.emailRequests;
    for (let i = 0; i < 3; i++) await h.emergency({ event: "started", agentId: "lars", requestId: "em-acs-email", dialed: "112", country: "DK" });
    await h.settle();
    expect(infra.emulator.emailRequests - before).toBe(1);
    const email = infra.emulator.emails.find((e) => e.subject === "Emergency call by Lars Jensen (112)");
    expect(email?.to).toEqual(["security-desk@contoso.com"]);
    expect(email?.text).toContain("Callback number: +4533123480");
    await h.close();
  });

  // The Graph client attaches the token only to https URLs, so the loopback fake sees no Authorization header.
  it("sets Do Not Disturb in Teams through Graph on start and clears it on end (session id = app id)", async () => {
    const graph = await new FakeGraph().start();
    const presence = new GraphPresence({ credential: fakeCredential, sessionId: "3f1c2b7a-5d4e-4a8b-9c6d-1e2f3a4b5c6d", baseUrl: graph.url });
    const h = await startHarness(infra, { stack: "teams-calling-plan", presence });
    const token = await infra.issuer.agentToken("5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b");
    const { agentEmergency } = await import("../../src/runtime/handlers/agentEmergency");
    for (const event of ["started", "started", "ended", "ended"]) {
      const response = await agentEmergency(post("agentEmergency", { event, agentId: "alice", requestId: "em-teams" }, `Bearer ${token}`), invocation("agentEmergency", h.logs), h.runtime);
      expect(response.status).toBe(200);
    }
    expect(graph.requests).toEqual([
      {
        method: "POST",
        path: "/v1.0/users/5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b/presence/setPresence",
        authorization: undefined,
        body: { sessionId: "3f1c2b7a-5d4e-4a8b-9c6d-1e2f3a4b5c6d", availability: "DoNotDisturb", activity: "Presenting", expirationDuration: "PT4H" },
      },
      {
        method: "POST",
        path: "/v1.0/users/5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b/presence/clearPresence",
        authorization: undefined,
        body: { sessionId: "3f1c2b7a-5d4e-4a8b-9c6d-1e2f3a4b5c6d" },
      },
    ]);
    await h.close();
    await graph.stop();
  });

  it("leaves Teams out of Do Not Disturb when the start's Graph call lands after the end's (concurrent reports)", async () => {
    const calls: string[] = [];
    let releaseDnd: () => void = () => undefined;
    const dndGate = new Promise<void>((resolve) => (releaseDnd = resolve));
    let gated = true;
    const presence: PresenceControl = {
      setDoNotDisturb: async (userId) => {
        if (gated) {
          gated = false;
          await dndGate;
        }
        calls.push(`dnd ${userId}`);
      },
      clear: async (userId) => void calls.push(`clear ${userId}`),
    };
    const h = await startHarness(infra, { stack: "teams-calling-plan", presence });
    const start = h.emergency({ event: "started", agentId: "alice", requestId: "em-graph-race" });
    while (gated) await new Promise((r) => setTimeout(r, 5));
    const end = await h.emergency({ event: "ended", agentId: "alice", requestId: "em-graph-race" });
    releaseDnd();
    expect([(await start).status, end.status]).toEqual([200, 200]);
    expect(calls.at(-1)).toBe("clear 5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b");
    await h.close();
  });

  it("fails with 503 (send again) for an end reported while the store is down, and restores the presence once it is sent again", async () => {
    const store = new MemoryStore();
    const h = await startHarness(infra, { overrides: { store } });
    await setAgentPresence(store, "alice", "available", h.clock.now());
    expect((await h.emergency({ event: "started", agentId: "alice", requestId: "em-end-down" })).status).toBe(200);
    store.available = false;
    const down = await h.emergency({ event: "ended", agentId: "alice", requestId: "em-end-down" });
    store.available = true;
    const again = await h.emergency({ event: "ended", agentId: "alice", requestId: "em-end-down" });
    expect([down.status, String(down.body.error).startsWith("the end of the emergency call could not be recorded"), again.status]).toEqual([503, true, 200]);
    expect((await readAgentState(store, "alice")).presence).toBe("available");
    await h.close();
  });

  it.each([
    [undefined, 401, "an Entra bearer token is required (Authorization: Bearer <token>)"],
    ["other-agent", 403, "the token is neither agent alice's own (oid) nor a desktop backend's (app role CCVoice.AgentDesktop)"],
    ["wrong-role", 403, "the token is neither agent alice's own (oid) nor a desktop backend's (app role CCVoice.AgentDesktop)"],
    ["expired", 401, "the bearer token was refused (JWTExpired)"],
  ])("fails when the caller is not allowed (%s → %i)", async (kind, status, message) => {
    const h = await startHarness(infra, { stack: "teams-calling-plan" });
    const token =
      kind === "other-agent"
        ? await infra.issuer.agentToken("6c3a7f1b-2d4e-4f6a-9b0c-1d2e3f4a5b6c")
        : kind === "wrong-role"
          ? await infra.issuer.desktopToken({ role: "Reader" })
          : kind === "expired"
            ? await infra.issuer.agentToken("5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", { expiresInSeconds: -120 })
            : undefined;
    const { agentEmergency } = await import("../../src/runtime/handlers/agentEmergency");
    const response = await agentEmergency(post("agentEmergency", { event: "started", agentId: "alice", requestId: "em-auth" }, token && `Bearer ${token}`), invocation("agentEmergency", h.logs), h.runtime);
    expect([response.status, response.jsonBody]).toEqual([status, { error: message }]);
    expect(await h.runtime.core.store.list("lease")).toEqual([]);
    await h.close();
  });

  it.each([
    [{ event: "begin", agentId: "alice", requestId: "r" }, 'event must be "started" or "ended", got "begin"'],
    [{ event: "started", agentId: "alice" }, "requestId must be an id generated once per emergency call (letters, digits, . _ : -), such as a UUID, got nothing"],
    [{ event: "started", agentId: "alice", requestId: "r", country: "uk" }, 'country must be an ISO country code in capitals such as US, got "uk"'],
    [{ event: "started", agentId: "bob", requestId: "r" }, 'agentId "bob" is not an agent of ccvoice:runtime.agents; known: alice, lars'],
  ])("fails when the report is wrong: %j", async (body, message) => {
    const h = await startHarness(infra);
    const response = await h.emergency(body);
    expect(response.body).toEqual({ error: message });
    await h.close();
  });
});

describe("agentState and outboundCall", () => {
  it("keeps Do Not Disturb while an emergency call is in progress", async () => {
    const h = await startHarness(infra);
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    await h.emergency({ event: "started", agentId: "alice", requestId: "em-state" });
    const token = `Bearer ${await infra.issuer.desktopToken()}`;
    const response = await agentState(post("agentState", { agentId: "alice", presence: "available" }, token), invocation("agentState", h.logs), h.runtime);
    expect([response.status, response.jsonBody]).toEqual([200, { presence: "dnd" }]);
    await h.close();
  });

  it("fails with 503 (retry), not 500, when the state store is unavailable", async () => {
    const store = new MemoryStore();
    store.available = false;
    const h = await startHarness(infra, { overrides: { store } });
    const token = `Bearer ${await infra.issuer.desktopToken()}`;
    const response = await agentState(post("agentState", { agentId: "alice", presence: "available" }, token), invocation("agentState", h.logs), h.runtime);
    expect([response.status, response.jsonBody]).toEqual([503, { error: "the state store is unavailable right now; retry" }]);
    await h.close();
  });

  it("refuses an emergency number on the server path at once, with a critical alert (logged and emailed)", async () => {
    const h = await startHarness(infra, { stack: "teams-calling-plan", resolved: { resourceAccountObjectIds: { "cc-support-us@contoso.com": "aa11aa11-0000-4000-8000-000000000001" } } });
    const before = infra.emulator.requests("createCall").length;
    const token = `Bearer ${await infra.issuer.desktopToken()}`;
    const response = await outboundCall(post("outboundCall", { resourceAccount: "cc-support-us@contoso.com", to: "911", agentId: "alice" }, token), invocation("outboundCall", h.logs), h.runtime);
    await h.settle();
    expect([response.status, response.jsonBody]).toEqual([
      422,
      { error: "911 is an emergency number (US, CA); the server does not place emergency calls: dial 911 directly from the agent's phone or client, now" },
    ]);
    expect(infra.emulator.requests("createCall").length).toBe(before);
    expect(h.logs.some((l) => l.startsWith("error: ccvoice-alert critical emergency-dialed-on-server-path:"))).toBe(true);
    expect(infra.emulator.emails.some((e) => e.subject === "[ccvoice prod] emergency-dialed-on-server-path")).toBe(true);
    await h.close();
  });

  it("places an allowed outbound call on behalf of the resource account", async () => {
    const h = await startHarness(infra, {
      stack: "teams-calling-plan",
      resolved: { resourceAccountObjectIds: { "cc-support-us@contoso.com": "aa11aa11-0000-4000-8000-000000000001" } },
      configure: (c) => ({ ...c, outboundAllowedPatterns: ["^\\+1\\d{10}$"] }),
    });
    const token = `Bearer ${await infra.issuer.desktopToken()}`;
    const response = await outboundCall(post("outboundCall", { resourceAccount: "cc-support-us@contoso.com", to: "+14255550123" }, token), invocation("outboundCall", h.logs), h.runtime);
    await h.settle();
    expect(response.status).toBe(201);
    const create = infra.emulator.requests("createCall").at(-1);
    expect([create?.detail, create?.body?.teamsAppSource, create?.body?.sourceCallerIdNumber]).toEqual([
      "+14255550123",
      { appId: "aa11aa11-0000-4000-8000-000000000001" },
      { value: "+14255550100", isAnonymous: false },
    ]);
    await h.close();
  });
});
