/**
 * A Call Automation request the runtime makes on a connected call is refused at once (an HTTP error, so no
 * `AddParticipantFailed` / `PlayFailed` callback will ever come): the runtime must handle it as that failure
 * callback, never leave the caller connected to nobody.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { startHarness, startInfra, type Infra } from "./support/harness";

const PSAP = "+12065550911";
const FALLBACK = "+14255550199";
let infra: Infra;

beforeAll(async () => {
  infra = await startInfra();
});
afterAll(async () => {
  await infra.stop();
});
afterEach(() => {
  infra.emulator.faults.length = 0;
});

/**
 * The requests the emulator accepted for a call (`answer`, `addParticipant <target>`, ...). Refused ones are
 * answered by the fault injection before they are recorded; they are counted by the fault's `times`.
 */
function requests(serverCallId: string): string[] {
  return infra.emulator.entriesFor(serverCallId).filter((e) => e.kind === "request").map((e) => `${e.what}${e.detail ? ` ${e.detail}` : ""}`);
}

/** Refuses the next `times` add-participant requests with `status`. */
function refuseAdds(times: number, status = 400): void {
  infra.emulator.faults.push({ method: "POST", path: /\/participants:add$/, status, times });
}

describe("a PSAP callback whose add-participant request is refused", () => {
  it("connects the emergency fallback at once when adding the leased agent is refused, with an alert", async () => {
    const h = await startHarness(infra);
    await h.emergency({ event: "started", agentId: "alice", requestId: "em-refused" });
    refuseAdds(1);
    const { serverCallId } = await h.call(PSAP, "+14255550180");
    await h.settle();
    expect(requests(serverCallId)).toEqual(["answer", `addParticipant ${FALLBACK}`]);
    expect(h.logs.some((l) => l.includes("ccvoice-alert warning psap-callback-agent-unreachable"))).toBe(true);
    await h.close();
  });

  it("fails when the fallback is refused too: tried 3 times, then hung up (the PSAP calls again) with a critical alert", async () => {
    const h = await startHarness(infra);
    await h.emergency({ event: "started", agentId: "alice", requestId: "em-refused-all" });
    refuseAdds(4);
    const { serverCallId } = await h.call(PSAP, "+14255550180");
    await h.settle();
    expect(requests(serverCallId)).toEqual(["answer", "hangUp"]);
    expect(infra.emulator.faults[0]?.times).toBe(0);
    expect(h.logs.some((l) => l.includes("ccvoice-alert critical emergency-fallback-unreachable"))).toBe(true);
    await h.close();
  });
});

describe("a queue call whose add-participant request is refused", () => {
  it("releases the agent and moves on (hold music) instead of leaving the caller in silence", async () => {
    const h = await startHarness(infra);
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    refuseAdds(1);
    const { serverCallId } = await h.call("+12065550111", "+14255550100");
    // Hold music repeats until the caller hangs up (the test clock does not move): wait for the first play.
    for (let i = 0; i < 400 && !requests(serverCallId).some((r) => r.startsWith("play")); i++) await new Promise((r) => setTimeout(r, 5));
    infra.emulator.hangUpCaller(serverCallId);
    await h.settle();
    expect(requests(serverCallId).slice(0, 2)).toEqual(["answer", "play https://example.blob.core.windows.net/audio/hold.wav"]);
    expect((await readAgentState(h.runtime.core.store, "alice")).activeCalls).toBe(0);
    await h.close();
  });
});
