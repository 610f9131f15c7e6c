/**
 * At-least-once, unordered delivery: every Event Grid event and every agent report is delivered 3 times in
 * a shuffled order, and the emulator posts each callback 3 times with jitter (callbacks overtake each other).
 * Nothing may happen twice: one answer per call, one add per participant, one lease, one presence change,
 * one email.
 */
import type { EventGridEvent } from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import type { Lease } from "../../src/runtime/core/leases";
import { RecordingPresence, startHarness, startInfra, type Infra } from "./support/harness";

let infra: Infra;
beforeAll(async () => {
  infra = await startInfra();
});
afterAll(async () => {
  await infra.stop();
});

function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

describe("replayed and shuffled events", () => {
  it.each([1, 2, 3])("produce no duplicate answer, add, lease, presence change or email (seed %i)", async (seed) => {
    infra.emulator.setDelivery({ duplicates: 2, jitterMs: 25, seed });
    const presence = new RecordingPresence();
    const h = await startHarness(infra, { presence });
    await setAgentPresence(h.runtime.core.store, "alice", "available", h.clock.now());
    await setAgentPresence(h.runtime.core.store, "lars", "available", h.clock.now());
    const emailsBefore = infra.emulator.emailRequests;

    // Lars's emergency call: start and end, each reported 3 times, shuffled; run concurrently in pairs.
    const reports = shuffled(
      [1, 2, 3].flatMap(() => [
        { event: "started", agentId: "lars", requestId: `em-${seed}`, dialed: "112" },
        { event: "ended", agentId: "lars", requestId: `em-${seed}` },
      ]),
      seed,
    );
    for (let i = 0; i < reports.length; i += 2) {
      const statuses = await Promise.all(reports.slice(i, i + 2).map((r) => h.emergency(r)));
      expect(statuses.map((s) => s.status)).toEqual([200, 200]);
    }
    const leases = await h.runtime.core.store.list<Lease>("lease");
    expect(leases.map((l) => [l.key, l.value.agentId])).toEqual([["+4533123480", "lars"]]);
    expect((await readAgentState(h.runtime.core.store, "lars")).presence).toBe("available");
    expect((await readAgentState(h.runtime.core.store, "lars")).emergencyHolds).toBeUndefined();

    // Three calls: a main line (queue), the PSAP calling lars back, a pool number with no lease.
    const calls = await Promise.all([
      infra.emulator.placeCall("+12065550111", "+14255550100"),
      infra.emulator.placeCall("+4589123456", "+4533123480"),
      infra.emulator.placeCall("+12065550911", "+14255550181"),
    ]);
    const deliveries = shuffled(calls.flatMap(({ event }) => [event, event, event]), seed);
    await Promise.all(deliveries.slice(0, 3).map((e) => h.deliver(e as EventGridEvent)));
    for (const e of deliveries.slice(3)) await h.deliver(e as EventGridEvent);
    await h.settle();

    const ids = new Set(calls.map(({ call }) => call.serverCallId));
    const requests = infra.emulator.log.filter((e) => e.kind === "request" && e.serverCallId && ids.has(e.serverCallId));
    const answers = countBy(requests.filter((r) => r.what === "answer").map((r) => r.serverCallId!));
    expect(Object.values(answers)).toEqual([1, 1, 1]);
    const adds = countBy(requests.filter((r) => r.what === "addParticipant").map((r) => `${calls.findIndex((c) => c.call.serverCallId === r.serverCallId)} ${r.detail}`));
    expect(adds).toEqual({
      "0 8:acs:00000000-0000-0000-0000-000000000001_00000001-0000-0000-0000-000000000001": 1,
      "1 8:acs:00000000-0000-0000-0000-000000000001_00000001-0000-0000-0000-000000000002": 1,
      "2 +14255550199": 1,
    });
    const callbacks = infra.emulator.log.filter((e) => e.kind === "callback" && e.serverCallId && ids.has(e.serverCallId));
    expect(callbacks.length).toBe(3 * 2 * 3);
    expect(callbacks.filter((c) => c.status !== 200)).toEqual([]);
    expect((await readAgentState(h.runtime.core.store, "alice")).activeCalls).toBe(1);
    expect(infra.emulator.emailRequests - emailsBefore).toBe(1);
    expect(presence.calls).toEqual([]);
    infra.emulator.setDelivery({});
    await h.close();
  });

  it("changes Teams presence at most once each way when reports are replayed and shuffled", async () => {
    const orders: boolean[] = [];
    for (const seed of [1, 4, 7]) {
      const presence = new RecordingPresence();
      const h = await startHarness(infra, { stack: "teams-calling-plan", presence });
      const reports = shuffled(
        [1, 2, 3].flatMap(() => [
          { event: "started", agentId: "alice", requestId: `tp-${seed}` },
          { event: "ended", agentId: "alice", requestId: `tp-${seed}` },
        ]),
        seed,
      );
      for (const r of reports) await h.emergency(r);
      const startedFirst = reports[0]?.event === "started";
      orders.push(startedFirst);
      expect(presence.calls).toEqual(startedFirst ? ["dnd 5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", "clear 5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b"] : []);
      await h.close();
    }
    expect(orders).toEqual([false, true, true]);
  });
});
