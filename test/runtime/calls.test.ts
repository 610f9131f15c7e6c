/**
 * Incoming calls through the `incomingCall` handler with real Event Grid payloads, Table Storage on Azurite
 * and callbacks from the Call Automation emulator (signed, verified by `callEvents`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { expireLeases } from "../../src/runtime/handlers/expireLeases";
import { voipCallEvent } from "../emulators/callAutomation/events";
import { invocation, startHarness, startInfra, type Infra } from "./support/harness";

const ALICE = "8:acs:00000000-0000-0000-0000-000000000001_00000001-0000-0000-0000-000000000001";
const LARS = "8:acs:00000000-0000-0000-0000-000000000001_00000001-0000-0000-0000-000000000002";
const PSAP = "+12065550911";
let infra: Infra;

beforeAll(async () => {
  infra = await startInfra();
});
afterAll(async () => {
  await infra.stop();
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What the emulator saw for a call: `answer`, `addParticipant <target>`, callbacks. */
function timeline(serverCallId: string): string[] {
  return infra.emulator.entriesFor(serverCallId).map((e) => (e.kind === "request" ? `${e.what}${e.detail ? ` ${e.detail}` : ""}` : `<- ${e.what} ${e.status}`));
}

describe("incomingCall", () => {
  it("answers a PSTN call to a main line and adds an available agent (addParticipant, not redirect)", async () => {
    const h = await startHarness(infra);
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    const { serverCallId, result } = await h.call("+12065550111", "+14255550100");
    await h.settle();
    expect([result.route, result.reason]).toEqual(["queue", "queue support-nanp: offered to agent alice"]);
    expect(timeline(serverCallId).sort()).toEqual(["<- AddParticipantSucceeded 200", "<- CallConnected 200", `addParticipant ${ALICE}`, "answer"].sort());
    expect((await readAgentState(h.runtime.core.store, "alice")).activeCalls).toBe(1);
    infra.emulator.hangUpCaller(serverCallId);
    await h.settle();
    expect((await readAgentState(h.runtime.core.store, "alice")).activeCalls).toBe(0);
    await h.close();
  });

  it("answers a call to a Teams resource account (28:orgid:) and adds the Teams agent as a Teams extension user", async () => {
    const h = await startHarness(infra, {
      stack: "teams-calling-plan",
      resolved: { resourceAccountObjectIds: { "cc-support-us@contoso.com": "aa11aa11-0000-4000-8000-000000000001" } },
    });
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    const { serverCallId, result } = await h.call("+12065550111", "28:orgid:aa11aa11-0000-4000-8000-000000000001");
    await h.settle();
    expect(result.route).toBe("queue");
    const add = infra.emulator.entriesFor(serverCallId).find((e) => e.what === "addParticipant");
    expect((add?.body?.participantToAdd as Record<string, unknown>).teamsExtensionUser).toEqual({
      userId: "5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      resourceId: infra.emulator.resourceId,
      cloud: "public",
    });
    await h.close();
  });

  it("holds a caller with music, retries on each PlayCompleted, and connects the agent who becomes available", async () => {
    const h = await startHarness(infra);
    await setAgentPresence(h.runtime.core.store, "alice", "dnd", h.clock.now());
    await setAgentPresence(h.runtime.core.store, "lars", "dnd", h.clock.now());
    infra.emulator.playDurationMs = 150;
    const { serverCallId, result } = await h.call("+12065550111", "+14255550100");
    expect(result.route).toBe("hold");
    await new Promise((r) => setTimeout(r, 60));
    await setAgentPresence(h.runtime.core.store, "lars", "available", h.clock.now());
    await h.settle();
    infra.emulator.playDurationMs = 30;
    const requests = timeline(serverCallId).filter((t) => !t.startsWith("<-"));
    expect(requests).toEqual(["answer", "play https://example.blob.core.windows.net/audio/hold.wav", `addParticipant ${LARS}`]);
    await h.close();
  });

  it("overflows a held call to the next queue after maxWaitSeconds, then hangs up with an alert where no overflow is set (clock injected)", async () => {
    const h = await startHarness(infra);
    infra.emulator.playDurationMs = 80;
    const { serverCallId } = await h.call("+12065550111", "+14255550100");
    const plays = () => infra.emulator.entriesFor(serverCallId).filter((e) => e.what === "play").length;
    await waitFor(() => plays() === 1);
    h.clock.advance(121_000);
    await waitFor(() => h.logs.some((l) => l.includes("waited the maximum; overflow to queue support-europe")));
    h.clock.advance(121_000);
    await h.settle();
    infra.emulator.playDurationMs = 30;
    expect(timeline(serverCallId).filter((t) => !t.startsWith("<-")).slice(-1)).toEqual(["hangUp"]);
    expect(h.logs).toContain(
      "callEvents warning: ccvoice-alert warning queue-without-overflow: queue support-europe hung up on a caller (waited the maximum) because it has no overflow target; set ccvoice:runtime.queues[].overflowTarget",
    );
    await h.close();
  });

  it("rejects a call to an unmapped number with a warning alert", async () => {
    const h = await startHarness(infra);
    const { serverCallId, result } = await h.call("+12065550111", "+14255550777");
    expect([result.route, timeline(serverCallId)]).toEqual(["rejected", ["reject"]]);
    expect(h.logs).toContain("warning: ccvoice-alert warning unmapped-called-party: a call to +14255550777 was rejected: no queue lists it; add it to ccvoice:runtime.queues[].numbers or .resourceAccounts");
    await h.close();
  });

  it("tracks an ACS agent's own VoIP call (CallParticipantAdded / CallEnded) against capacity, once", async () => {
    const h = await startHarness(infra);
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    const added = voipCallEvent("CallParticipantAdded", "voip-call-1", ALICE);
    for (let i = 0; i < 3; i++) await h.deliver(added as never);
    expect((await readAgentState(h.runtime.core.store, "alice")).activeCalls).toBe(1);
    const routed = await h.call("+12065550111", "+14255550100");
    expect(routed.result.route).not.toBe("queue");
    await h.deliver(voipCallEvent("CallEnded", "voip-call-1") as never);
    expect((await readAgentState(h.runtime.core.store, "alice")).activeCalls).toBe(0);
    await h.close();
  });
});

describe("PSAP callbacks", () => {
  it("reach the leased agent at once while the agent is in Do Not Disturb, with no recording", async () => {
    const h = await startHarness(infra);
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    const report = await h.emergency({ event: "started", agentId: "alice", requestId: "em-dnd", dialed: "911" });
    expect([report.status, report.body.callbackNumber]).toEqual([200, "+14255550180"]);
    expect((await readAgentState(h.runtime.core.store, "alice")).presence).toBe("dnd");
    const { serverCallId, result } = await h.call(PSAP, "+14255550180");
    await h.settle();
    expect(result.route).toBe("psap-callback");
    expect(timeline(serverCallId).filter((t) => !t.startsWith("<-"))).toEqual(["answer", `addParticipant ${ALICE}`]);
    expect(infra.emulator.requests("startRecording")).toEqual([]);
    expect(await h.runtime.core.store.list("call")).toEqual([]);
    await h.close();
  });

  it("go to the emergency fallback target when the leased agent does not answer", async () => {
    const h = await startHarness(infra);
    await h.emergency({ event: "started", agentId: "lars", requestId: "em-decline" });
    infra.emulator.setBehaviour(LARS, "decline");
    const { serverCallId } = await h.call(PSAP, "+4533123480");
    await h.settle();
    infra.emulator.setBehaviour(LARS, "accept");
    expect(timeline(serverCallId).filter((t) => !t.startsWith("<-"))).toEqual(["answer", `addParticipant ${LARS}`, "addParticipant +14255550199"]);
    await h.close();
  });

  it("go to the fallback target after the lease ran 60 minutes; the timer releases the lease", async () => {
    const h = await startHarness(infra);
    await h.emergency({ event: "started", agentId: "alice", requestId: "em-expiry" });
    await h.emergency({ event: "ended", agentId: "alice", requestId: "em-expiry" });
    h.clock.advance(59 * 60_000 + 59_000);
    expect((await h.call(PSAP, "+14255550180")).result.route).toBe("psap-callback");
    expect((await expireLeases(undefined, invocation("expireLeases", h.logs), h.runtime)).leasesReleased).toEqual([]);
    h.clock.advance(1_000);
    expect((await expireLeases(undefined, invocation("expireLeases", h.logs), h.runtime)).leasesReleased).toEqual(["+14255550180"]);
    const { serverCallId, result } = await h.call(PSAP, "+14255550180");
    await h.settle();
    expect(result.route).toBe("emergency-fallback");
    expect(timeline(serverCallId).filter((t) => !t.startsWith("<-"))).toEqual(["answer", "addParticipant +14255550199"]);
    await h.close();
  });

  it("still reach someone while Table Storage is stopped: the agent on the instance that saw the lease, else the fallback", async () => {
    const h = await startHarness(infra);
    await h.emergency({ event: "started", agentId: "alice", requestId: "em-outage" });
    const cold = await startHarness(infra, { env: { CCVOICE_TABLE_NAME: "coldinstance" } });
    await infra.azurite.stop();
    try {
      const warm = await h.call(PSAP, "+14255550180");
      const other = await cold.call(PSAP, "+14255550180");
      await h.settle();
      expect([warm.result.route, other.result.route]).toEqual(["psap-callback", "emergency-fallback"]);
      expect(timeline(warm.serverCallId).filter((t) => !t.startsWith("<-"))).toEqual(["answer", `addParticipant ${ALICE}`]);
      expect(timeline(other.serverCallId).filter((t) => !t.startsWith("<-"))).toEqual(["answer", "addParticipant +14255550199"]);
      expect(cold.logs.some((l) => l.includes("ccvoice-alert critical emergency-store-unreachable"))).toBe(true);
    } finally {
      await infra.azurite.start();
    }
    await h.close();
    await cold.close();
  });
});
