import { describe, expect, it } from "vitest";
import { setAgentPresence } from "../../src/runtime/core/agents";
import { decideIncomingCall } from "../../src/runtime/core/incomingCall";
import { acquireLease } from "../../src/runtime/core/leases";
import { StateUnavailableError } from "../../src/runtime/core/ports";
import type { Party } from "../../src/runtime/core/types";
import { coreFixture, phone } from "./support/coreFixture";

const ALICE = "8:acs:00000000-0000-0000-0000-000000000001_00000001-0000-0000-0000-000000000001";
const input = (to: Party, eventId = "evt-1") => ({ eventId, to, from: phone("+12065550111"), serverCallId: "c2NpZA/+==" });

describe("decideIncomingCall", () => {
  it("ignores a call to an agent's own ACS identity (the agent's client answers it)", async () => {
    const deps = coreFixture();
    const d = await decideIncomingCall(input({ kind: "acsUser", raw: ALICE, id: ALICE }), deps);
    expect(d).toEqual({ route: "ignored", reason: `call to ACS user ${ALICE} is answered by the agent's own client`, actions: [], alerts: [] });
  });

  it("sends a callback-pool call with no live lease to the emergency fallback target, never a queue", async () => {
    const deps = coreFixture();
    const d = await decideIncomingCall(input(phone("+14255550180")), deps);
    expect(d.route).toBe("emergency-fallback");
    expect(d.reason).toBe("callback number +14255550180: no live lease; connecting the emergency fallback +14255550199");
    expect(d.actions).toEqual([
      { kind: "answer" },
      { kind: "addParticipant", target: { kind: "phoneNumber", number: "+14255550199" }, priority: "emergency", sourceCallerId: "+14255550180", invitationTimeoutSeconds: 60 },
    ]);
    expect(d.context).toEqual({ route: "emergency-fallback", calledNumber: "+14255550180", fallback: "+14255550199", step: 1, fallbackTries: 1 });
  });

  it("connects a PSAP callback to the leased agent at once while the agent is in Do Not Disturb", async () => {
    const deps = coreFixture();
    const alice = deps.config.agents.find((a) => a.id === "alice")!;
    await setAgentPresence(deps.store, "alice", "dnd", deps.clock.now());
    const lease = await acquireLease(deps.store, deps.config, alice, "req-1", deps.clock.now(), deps.clock.now());
    expect(lease?.number).toBe("+14255550180");
    deps.clock.advance(59 * 60_000);
    const d = await decideIncomingCall(input(phone("+14255550180")), deps);
    expect(d.route).toBe("psap-callback");
    expect(d.actions).toEqual([
      { kind: "answer" },
      { kind: "addParticipant", target: { kind: "acsUser", id: ALICE }, priority: "emergency", agentId: "alice", invitationTimeoutSeconds: 60 },
    ]);
    expect(d.reason).toBe("callback number +14255550180 is leased to agent alice until 2025-06-02T15:00:00.000Z: connecting at once with emergency priority");
  });

  it("sends the callback to the fallback target once the lease has run its 60 minutes", async () => {
    const deps = coreFixture();
    const alice = deps.config.agents.find((a) => a.id === "alice")!;
    await acquireLease(deps.store, deps.config, alice, "req-1", deps.clock.now(), deps.clock.now());
    deps.clock.advance(60 * 60_000);
    const d = await decideIncomingCall(input(phone("+14255550180")), deps);
    expect(d.route).toBe("emergency-fallback");
  });

  it.each([
    ["available", "queue", "queue support-nanp: offered to agent alice", ["answer", "addParticipant"]],
    ["dnd", "hold", "queue support-nanp: no agent available, holding (0 of 120 s)", ["answer", "hold"]],
    ["busy", "hold", "queue support-nanp: no agent available, holding (0 of 120 s)", ["answer", "hold"]],
  ])("routes a main-line call when alice is %s: %s", async (presence, route, reason, kinds) => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", presence as "available", deps.clock.now());
    const d = await decideIncomingCall(input(phone("+14255550100")), deps);
    expect([d.route, d.reason, d.actions.map((a) => a.kind)]).toEqual([route, reason, kinds]);
  });

  it("overflows to the next queue at once when no agent is available and no hold music is configured", async () => {
    const deps = coreFixture({
      holdMusic: false,
      config: (c) => ({ ...c, agents: c.agents.map((a) => (a.id === "lars" ? { ...a, skills: ["support", "danish"] } : a)) }),
    });
    await setAgentPresence(deps.store, "lars", "available", deps.clock.now());
    const d = await decideIncomingCall(input(phone("+14255550100")), deps);
    expect(d.route).toBe("overflow");
    expect(d.reason).toBe(
      "queue support-nanp: no agent available and no hold music configured; overflow to queue support-europe: queue support-europe: offered to agent lars",
    );
  });

  it("fails when the called number is mapped to no queue: rejected with a warning alert", async () => {
    const deps = coreFixture();
    const d = await decideIncomingCall(input(phone("+14255550777")), deps);
    expect(d.actions).toEqual([{ kind: "reject", reason: "no queue is mapped to +14255550777" }]);
    expect(d.alerts).toEqual([
      { severity: "warning", code: "unmapped-called-party", message: "a call to +14255550777 was rejected: no queue lists it; add it to ccvoice:runtime.queues[].numbers or .resourceAccounts" },
    ]);
  });

  it("routes a Teams resource account recipient (28:orgid:) to the queue that lists it", async () => {
    const deps = coreFixture({ stack: "teams-calling-plan", resolved: { resourceAccountObjectIds: { "cc-support-eu@contoso.com": "9d1e0f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a" } } });
    await setAgentPresence(deps.store, "lars", "available", deps.clock.now());
    const d = await decideIncomingCall(input({ kind: "resourceAccount", raw: "28:orgid:9d1e0f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a", objectId: "9d1e0f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a" }), deps);
    expect([d.route, d.reason]).toEqual(["queue", "queue support-europe: offered to agent lars"]);
    expect(d.actions[1]).toEqual({ kind: "addParticipant", target: { kind: "teamsUser", userId: "6c3a7f1b-2d4e-4f6a-9b0c-1d2e3f4a5b6c" }, priority: "normal", agentId: "lars", invitationTimeoutSeconds: 60 });
    expect(d.context?.calledNumber).toBe("+442071234500");
  });

  it("processes a replayed event once", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    const first = await decideIncomingCall(input(phone("+14255550100")), deps);
    const again = await decideIncomingCall(input(phone("+14255550100")), deps);
    expect([first.route, again.route, again.actions]).toEqual(["queue", "duplicate", []]);
  });

  it("sends a callback-pool call to the fallback target with a critical alert while the store is down", async () => {
    const deps = coreFixture();
    deps.store.available = false;
    const d = await decideIncomingCall(input(phone("+14255550181")), deps);
    expect(d.route).toBe("emergency-fallback");
    expect(d.alerts).toEqual([
      { severity: "critical", code: "emergency-store-unreachable", message: "callback to +14255550181 sent to the emergency fallback +14255550199: the state store is unreachable" },
    ]);
  });

  it("still reaches the leased agent while the store is down when this instance has seen the lease", async () => {
    const deps = coreFixture();
    const alice = deps.config.agents.find((a) => a.id === "alice")!;
    const lease = await acquireLease(deps.store, deps.config, alice, "req-1", deps.clock.now(), deps.clock.now());
    deps.leases.remember(lease!);
    deps.store.available = false;
    const d = await decideIncomingCall(input(phone("+14255550180")), deps);
    expect([d.route, d.actions[1]]).toEqual(["psap-callback", expect.objectContaining({ agentId: "alice", priority: "emergency" })]);
  });

  it("fails when the store is down for a queue call: a system error the sender retries", async () => {
    const deps = coreFixture();
    deps.store.available = false;
    await expect(decideIncomingCall(input(phone("+14255550100")), deps)).rejects.toThrow(StateUnavailableError);
  });
});
