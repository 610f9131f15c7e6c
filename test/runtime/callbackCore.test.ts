import { describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { decideCallback } from "../../src/runtime/core/callbackEvents";
import { decideIncomingCall } from "../../src/runtime/core/incomingCall";
import type { CallContext, CallbackInput } from "../../src/runtime/core/types";
import { coreFixture, phone } from "./support/coreFixture";

const SCID = "c2NpZA/+==";
let n = 0;
const cb = (type: string, context: CallContext | undefined, extra: Partial<CallbackInput> = {}): CallbackInput => ({
  eventId: `cb-${++n}`,
  type,
  callConnectionId: "conn-1",
  serverCallId: SCID,
  context,
  ...extra,
});

async function queuedCall(deps: ReturnType<typeof coreFixture>) {
  const d = await decideIncomingCall({ eventId: `in-${++n}`, to: phone("+14255550100"), from: phone("+12065550111"), serverCallId: SCID }, deps);
  return d.context!;
}

describe("decideCallback", () => {
  it("runs the actions pending on answer when the call connects", async () => {
    const deps = coreFixture();
    const pending = [{ kind: "hold" as const, queue: "support-nanp" }];
    const d = await decideCallback(cb("CallConnected", { route: "queue", queue: "support-nanp", step: 1, pending }), deps);
    expect([d.route, d.actions, d.context]).toEqual(["queue", pending, { route: "queue", queue: "support-nanp", step: 1 }]);
  });

  it("ignores a callback that carries no ccvoice context", async () => {
    const d = await decideCallback(cb("CallConnected", undefined), coreFixture());
    expect([d.route, d.reason]).toEqual(["ignored", "CallConnected carries no ccvoice context"]);
  });

  it("sends a PSAP callback the leased agent does not answer to the emergency fallback target", async () => {
    const context: CallContext = { route: "psap-callback", calledNumber: "+14255550180", agentId: "alice", fallback: "+14255550199", step: 1 };
    const d = await decideCallback(cb("AddParticipantFailed", context), coreFixture());
    expect(d.actions).toEqual([
      { kind: "addParticipant", target: { kind: "phoneNumber", number: "+14255550199" }, priority: "emergency", sourceCallerId: "+14255550180", invitationTimeoutSeconds: 60 },
    ]);
    expect(d.context).toEqual({ route: "emergency-fallback", calledNumber: "+14255550180", fallback: "+14255550199", step: 2, fallbackTries: 1 });
    expect(d.alerts.map((a) => a.code)).toEqual(["psap-callback-agent-unreachable"]);
  });

  it.each([
    [1, "addParticipant", []],
    [2, "addParticipant", []],
    [3, "hangUp", ["emergency-fallback-unreachable"]],
  ])("retries the fallback target (attempt %i → %s)", async (tries, kind, alerts) => {
    const context: CallContext = { route: "emergency-fallback", calledNumber: "+14255550180", fallback: "+14255550199", step: tries, fallbackTries: tries };
    const d = await decideCallback(cb("AddParticipantFailed", context), coreFixture());
    expect([d.actions[0]?.kind, d.alerts.map((a) => a.code)]).toEqual([kind, alerts]);
  });

  it("offers a queue call to the next agent when the first does not answer, and frees the first", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    await setAgentPresence(deps.store, "lars", "available", deps.clock.now());
    const context = await queuedCall(deps);
    expect([context.agentId, (await readAgentState(deps.store, "alice")).activeCalls]).toEqual(["alice", 1]);
    const d = await decideCallback(cb("AddParticipantFailed", context), deps);
    expect([d.route, d.reason, d.context?.step]).toEqual(["queue", "queue support-nanp: offered to agent lars", 2]);
    expect((await readAgentState(deps.store, "alice")).activeCalls).toBe(0);
  });

  it("holds, then overflows to the next queue after maxWaitSeconds", async () => {
    const deps = coreFixture({ config: (c) => ({ ...c, agents: c.agents.map((a) => (a.id === "lars" ? { ...a, skills: ["support"] } : a)) }) });
    const context = await queuedCall(deps);
    expect(context.agentId).toBeUndefined();
    deps.clock.advance(60_000);
    const tick = await decideCallback(cb("PlayCompleted", context), deps);
    expect([tick.route, tick.reason, tick.context?.step]).toEqual(["hold", "queue support-nanp: no agent available, holding (60 of 120 s)", 2]);
    await setAgentPresence(deps.store, "lars", "available", deps.clock.now());
    deps.clock.advance(60_000);
    const over = await decideCallback(cb("PlayCompleted", tick.context), deps);
    expect([over.route, over.reason]).toEqual([
      "overflow",
      "queue support-nanp: waited the maximum; overflow to queue support-europe: queue support-europe: offered to agent lars",
    ]);
  });

  it("leaves the agent engaged when a failure of an older step arrives after the call was offered to them again", async () => {
    const deps = coreFixture({ config: (c) => ({ ...c, queues: c.queues.map((q) => ({ ...q, requiredSkills: [] })) }) });
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    const first = await queuedCall(deps); // step 1: alice offered
    const failed = await decideCallback(cb("AddParticipantFailed", first), deps); // step 2: hold
    deps.clock.advance(10 * 60_000);
    const over = await decideCallback(cb("PlayCompleted", failed.context), deps); // step 3: overflow queue offers alice again
    expect([over.reason.endsWith("offered to agent alice"), (await readAgentState(deps.store, "alice")).activeCalls]).toEqual([true, 1]);
    // The step-1 failure again, under another event id (e.g. ACS had accepted a request the runtime saw refused).
    const late = await decideCallback(cb("AddParticipantFailed", first), deps);
    expect([late.route, (await readAgentState(deps.store, "alice")).activeCalls]).toEqual(["stale", 1]);
  });

  it("treats a callback of an older step as stale", async () => {
    const deps = coreFixture();
    const context = await queuedCall(deps);
    await decideCallback(cb("PlayCompleted", context), deps);
    const stale = await decideCallback(cb("PlayCompleted", context), deps);
    expect([stale.route, stale.actions]).toEqual(["stale", []]);
  });

  it("overflows at once when hold music fails, with a warning", async () => {
    const deps = coreFixture();
    const context = await queuedCall(deps);
    const d = await decideCallback(cb("PlayFailed", context), deps);
    expect([d.route, d.alerts.map((a) => a.code)]).toEqual(["overflow", ["hold-music-failed"]]);
  });

  it("frees the agent when the call disconnects, once", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    await queuedCall(deps);
    const d = await decideCallback(cb("CallDisconnected", undefined), deps);
    const again = await decideCallback(cb("CallDisconnected", undefined, { eventId: "cb-other" }), deps);
    expect([d.reason, again.reason, (await readAgentState(deps.store, "alice")).activeCalls]).toEqual([
      "call disconnected; released alice",
      "call disconnected",
      0,
    ]);
  });
});
