/**
 * State store faults other than a clean outage: Table Storage refusing the runtime's identity (401/403, e.g.
 * a role assignment not yet propagated) and errors the adapter does not classify. The emergency paths must
 * treat every store failure as "store unavailable" and fall back; other paths must give the event back so
 * the sender's retry is processed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engage, readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { decideIncomingCall } from "../../src/runtime/core/incomingCall";
import { MemoryStore } from "../../src/runtime/core/memoryStore";
import { StateUnavailableError, type StateKind } from "../../src/runtime/core/ports";
import { TableStore } from "../../src/runtime/adapters/tableStore";
import { coreFixture, phone } from "./support/coreFixture";
import { startHarness, startInfra, type Infra } from "./support/harness";

let infra: Infra;
beforeAll(async () => {
  infra = await startInfra();
});
afterAll(async () => {
  await infra.stop();
});

/** An error shaped like the SDK's RestError for a refused request. */
function refused(status: number): Error {
  return Object.assign(new Error(`This request is not authorized to perform this operation (${status})`), { statusCode: status, code: "AuthorizationFailure" });
}

describe("Table Storage refusing the runtime's identity", () => {
  it("is a StateUnavailableError (a system fault the emergency paths fall back on), not a raw SDK error", async () => {
    const wrongKey = infra.azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.from("not the key").toString("base64")}`);
    const store = new TableStore({ connectionString: wrongKey, tableName: "refused" });
    const err = await store.get("lease", "+14255550180").catch((e: unknown) => e);
    expect([err instanceof StateUnavailableError, (err as Error).message.startsWith("table storage failed")]).toEqual([true, true]);
  });
});

describe("PSAP callbacks while the store fails with an unclassified error", () => {
  const input = (eventId: string) => ({ eventId, to: phone("+14255550180"), from: phone("+12065550911"), serverCallId: `scid-${eventId}` });

  it.each([
    ["a refused request (403)", () => refused(403)],
    ["an unexpected error", () => new TypeError("Cannot read properties of undefined (reading 'etag')")],
  ])("go to the emergency fallback target with a critical alert: %s", async (_name, error) => {
    const deps = coreFixture();
    deps.store.put = async () => {
      throw error();
    };
    deps.store.get = async () => {
      throw error();
    };
    const decision = await decideIncomingCall(input("e1"), deps);
    expect([decision.route, decision.actions[1], decision.alerts.map((a) => `${a.severity} ${a.code}`)]).toEqual([
      "emergency-fallback",
      { kind: "addParticipant", target: { kind: "phoneNumber", number: "+14255550199" }, priority: "emergency", sourceCallerId: "+14255550180", invitationTimeoutSeconds: 60 },
      ["critical emergency-store-unreachable"],
    ]);
  });

  it("still reach the leased agent this instance has seen when the store fails with an unclassified error", async () => {
    const deps = coreFixture();
    deps.leases.remember({ number: "+14255550180", agentId: "alice", requestId: "r", startedAt: deps.clock.now(), expiresAt: deps.clock.now() + 3_600_000 });
    deps.store.put = async () => {
      throw refused(403);
    };
    const decision = await decideIncomingCall(input("e2"), deps);
    expect([decision.route, decision.context?.agentId]).toEqual(["psap-callback", "alice"]);
  });
});

/** A memory store whose `n`-th write of `kind` (1-based) fails once with a StateUnavailableError. */
function failingNthPut(kind: StateKind, n: number): MemoryStore {
  const store = new MemoryStore();
  const put = store.put.bind(store);
  let seen = 0;
  store.put = async (k, key, value, expected, expiresAt) => {
    if (k === kind && ++seen === n) throw new StateUnavailableError(`injected: table storage failed writing ${k} ${key}`);
    return put(k, key, value, expected, expiresAt);
  };
  return store;
}

describe("an IncomingCall whose processing fails before the answer", () => {
  it.each([
    ["creating the call record", 1],
    ["saving the call record after the agent was engaged", 2],
  ])("is processed by Event Grid's retry, once, when the store fails %s", async (_name, n) => {
    const store = failingNthPut("call", n);
    const h = await startHarness(infra, { overrides: { store } });
    await setAgentPresence(store, "alice", "available", h.clock.now());
    const { call, event } = await infra.emulator.placeCall("+12065550111", "+14255550100");
    const first = await h.deliver(event as never).catch((e: unknown) => e);
    const retry = await h.deliver(event as never);
    await h.settle();
    const answers = infra.emulator.entriesFor(call.serverCallId).filter((e) => e.kind === "request" && e.what === "answer");
    expect([first instanceof StateUnavailableError, retry.route, answers.length, (await readAgentState(store, "alice")).activeCalls]).toEqual([true, "queue", 1, 1]);
    await h.close();
  });
});

describe("giving an event back when the store refuses", () => {
  it("fails loudly: the claim and the reservation that could not be given back are raised as warning alerts", async () => {
    const store = failingNthPut("call", 1);
    store.delete = async () => {
      throw new StateUnavailableError("injected: table storage failed deleting");
    };
    const h = await startHarness(infra, { overrides: { store } });
    const { event } = await infra.emulator.placeCall("+12065550111", "+14255550100");
    await expect(h.deliver(event as never)).rejects.toThrow("injected: table storage failed writing call");
    const alerts = h.logs.filter((l) => l.includes("ccvoice-alert warning")).map((l) => /ccvoice-alert warning ([a-z-]+):/.exec(l)?.[1]);
    expect(alerts.sort()).toEqual(["event-release-failed", "undo-failed"]);
    await h.close();
  });
});

describe("engaging an agent when the counter update fails", () => {
  it("fails with the store's error and leaves no engagement behind (a later release would lower another call's count)", async () => {
    const store = failingNthPut("agent", 2);
    const deps = coreFixture();
    const alice = deps.config.agents[0]!;
    await setAgentPresence(store, "alice", "available", deps.clock.now());
    const err = await engage(store, alice, "scid-1", deps.clock.now(), { checkCapacity: true }).catch((e: unknown) => e);
    expect([err instanceof StateUnavailableError, await store.list("engagement"), (await readAgentState(store, "alice")).activeCalls]).toEqual([true, [], 0]);
  });
});
