/**
 * Agent emergency reports racing each other: two emergency calls of one agent overlapping with a start and
 * an end of the first, a start arriving after the end, lease renewal and expiry, the Teams (Graph) presence
 * calls of concurrent reports landing in the wrong order. Interleavings are forced deterministically by
 * running another report inside a store write of the first.
 */
import { describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { handleEmergencyReport, type EmergencyReport } from "../../src/runtime/core/agentEmergency";
import { RecentIds } from "../../src/runtime/core/idempotency";
import { decideIncomingCall } from "../../src/runtime/core/incomingCall";
import { acquireLease, expireLeases, LeaseCache } from "../../src/runtime/core/leases";
import type { StateKind, StateStore } from "../../src/runtime/core/ports";
import { coreFixture, phone } from "./support/coreFixture";

const started = (requestId: string, agentId = "alice"): EmergencyReport => ({ event: "started", agentId, requestId, dialed: "911" });
const ended = (requestId: string, agentId = "alice"): EmergencyReport => ({ event: "ended", agentId, requestId });

/**
 * Runs `action` once, right after the first successful write of the agent's routing state (where the
 * emergency hold lives) made while `armed()` is true, before the writer goes on.
 */
function interleave(store: StateStore, armed: () => boolean, action: () => Promise<void>): { fired: () => boolean } {
  const put = store.put.bind(store);
  let fired = false;
  store.put = async (kind: StateKind, key, value, expected, expiresAt) => {
    const version = await put(kind, key, value, expected, expiresAt);
    if (!fired && armed() && kind === "agent" && version !== undefined) {
      fired = true;
      await action();
    }
    return version;
  };
  return { fired: () => fired };
}

describe("two emergency calls of one agent overlapping", () => {
  it("keeps Do Not Disturb for the second call when the first ends while its start is still in flight", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    let armed = true;
    const hook = interleave(deps.store, () => armed, async () => {
      armed = false;
      await handleEmergencyReport(ended("a"), deps);
      await handleEmergencyReport(started("b"), deps);
    });
    await handleEmergencyReport(started("a"), deps);
    expect(hook.fired()).toBe(true);
    const during = (await readAgentState(deps.store, "alice")).presence;
    const endB = await handleEmergencyReport(ended("b"), deps);
    expect([during, endB.restoredTo, (await readAgentState(deps.store, "alice")).presence]).toEqual(["dnd", "available", "available"]);
  });

  it("restores the presence before both calls, never a Do Not Disturb left by the other call's start", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    let step = 0;
    const put = deps.store.put.bind(deps.store);
    // 1st write of start(a) on the agent: end(a) runs; a 2nd write of start(a) on the agent, if any: start(b) runs.
    deps.store.put = async (kind, key, value, expected, expiresAt) => {
      const version = await put(kind, key, value, expected, expiresAt);
      if (version !== undefined && step === 0 && kind === "agent") {
        step = 1;
        await handleEmergencyReport(ended("a"), deps);
        step = 2;
      } else if (version !== undefined && step === 2 && kind === "agent") {
        step = 3;
        await handleEmergencyReport(started("b"), deps);
      }
      return version;
    };
    await handleEmergencyReport(started("a"), deps);
    if (step < 3) await handleEmergencyReport(started("b"), deps);
    const during = (await readAgentState(deps.store, "alice")).presence;
    await handleEmergencyReport(ended("b"), deps);
    expect([during, (await readAgentState(deps.store, "alice")).presence]).toEqual(["dnd", "available"]);
  });

  it("keeps Do Not Disturb until the last of two concurrent starts and ends, whatever their order", async () => {
    for (const order of [
      ["sa", "sb", "ea", "eb"],
      ["sa", "sb", "eb", "ea"],
      ["ea", "sa", "sb", "eb"],
      ["sb", "eb", "ea", "sa"],
    ]) {
      const deps = coreFixture();
      await setAgentPresence(deps.store, "alice", "busy", deps.clock.now());
      const report = (r: string) => (r[0] === "s" ? started(r.slice(1)) : ended(r.slice(1)));
      // Pairs run concurrently.
      await Promise.all(order.slice(0, 2).map((r) => handleEmergencyReport(report(r), deps)));
      await Promise.all(order.slice(2).map((r) => handleEmergencyReport(report(r), deps)));
      const state = await readAgentState(deps.store, "alice");
      expect([order.join(" "), state.presence]).toEqual([order.join(" "), "busy"]);
    }
  });
});

describe("callback-number lease windows", () => {
  it("raises no pool-exhausted alert for an emergency call that outlasted its lease (the window has closed)", async () => {
    const deps = coreFixture();
    await handleEmergencyReport(started("long"), deps);
    deps.clock.advance(75 * 60_000);
    const end = await handleEmergencyReport(ended("long"), deps);
    expect([end.lease, end.alerts]).toEqual([undefined, []]);
  });

  it("fails when every number of the pool is held by another agent: a critical pool-exhausted alert", async () => {
    const deps = coreFixture({ config: (c) => ({ ...c, emergency: { ...c.emergency, callbackPool: [{ number: "+14255550180", country: "US" }] } }) });
    await handleEmergencyReport(started("a", "alice"), deps);
    const lars = await handleEmergencyReport(started("l", "lars"), deps);
    expect([lars.lease, lars.alerts.map((a) => `${a.severity} ${a.code}`)]).toEqual([undefined, ["critical callback-pool-exhausted"]]);
  });
});

describe("a start arriving after the end of the same call", () => {
  it("runs the lease 60 minutes from the start it reports, not from the end's arrival; the number stays reserved until then", async () => {
    const deps = coreFixture({ config: (c) => ({ ...c, emergency: { ...c.emergency, callbackPool: [{ number: "+14255550180", country: "US" }] } }) });
    const t0 = deps.clock.now();
    deps.clock.advance(5 * 60_000);
    const end = await handleEmergencyReport(ended("late"), deps); // no startedAt: the start is not known yet
    deps.clock.advance(60_000);
    const start = await handleEmergencyReport({ ...started("late"), startedAt: t0 }, deps);
    expect([end.lease?.expiresAt, start.lease?.expiresAt]).toEqual([t0 + 65 * 60_000, t0 + 60 * 60_000]);
    // Another instance (no cached lease) routes by the store: past start + 60 minutes, the fallback.
    const cold = { ...deps, leases: new LeaseCache(), seen: new RecentIds() };
    cold.clock.t = t0 + 60 * 60_000;
    const callback = await decideIncomingCall({ eventId: "psap-1", to: phone("+14255550180"), from: phone("+12065550911"), serverCallId: "scid-1" }, cold);
    expect(callback.route).toBe("emergency-fallback");
    // An instance that cached the longer lease may still route to alice until then: the number is not leased
    // to anyone else before the longest expiry ever published.
    const lars = deps.config.agents[1]!;
    expect(await acquireLease(deps.store, deps.config, lars, "l1", t0 + 61 * 60_000, t0 + 61 * 60_000)).toBeUndefined();
    expect((await acquireLease(deps.store, deps.config, lars, "l2", t0 + 65 * 60_000, t0 + 65 * 60_000))?.agentId).toBe("lars");
  });

  it("records the end even when a start correcting the start time rewrites the call's record meanwhile", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    const t0 = deps.clock.now();
    deps.clock.advance(60_000);
    await handleEmergencyReport(started("fix"), deps); // no startedAt: the record says t0 + 1 min
    const get = deps.store.get.bind(deps.store);
    let armed = false;
    deps.store.get = async (kind, key) => {
      const found = await get(kind, key);
      if (armed && kind === "emergency") {
        armed = false;
        await handleEmergencyReport({ ...started("fix"), startedAt: t0 }, deps); // the replay moves the start to t0
      }
      return found as never;
    };
    armed = true;
    await handleEmergencyReport(ended("fix"), deps);
    await handleEmergencyReport(started("fix"), deps); // a late replay of the start
    expect((await readAgentState(deps.store, "alice")).presence).toBe("available");
  });

  it("is never extended by a replayed start reporting a later start time", async () => {
    const deps = coreFixture();
    const t0 = deps.clock.now();
    await handleEmergencyReport({ ...started("replay"), startedAt: t0 }, deps);
    deps.clock.advance(10 * 60_000);
    const replay = await handleEmergencyReport({ ...started("replay"), startedAt: t0 + 10 * 60_000 }, deps);
    expect([replay.duplicate, replay.lease?.expiresAt]).toEqual([true, t0 + 60 * 60_000]);
  });
});

describe("lease expiry racing a renewal", () => {
  it("leases the number again from the new start when the timer frees the old lease between the renewal's read and write", async () => {
    const deps = coreFixture();
    const alice = deps.config.agents[0]!;
    const t0 = deps.clock.now();
    await acquireLease(deps.store, deps.config, alice, "r1", t0, t0);
    deps.clock.advance(60 * 60_000 - 1); // the old lease is live for 1 more ms
    const put = deps.store.put.bind(deps.store);
    let raced = false;
    deps.store.put = async (kind, key, value, expected, expiresAt) => {
      if (!raced && kind === "lease" && expected !== null) {
        raced = true;
        expect(await expireLeases(deps.store, t0 + 60 * 60_000)).toEqual(["+14255550180"]);
      }
      return put(kind, key, value, expected, expiresAt);
    };
    const t1 = deps.clock.now();
    const renewed = await acquireLease(deps.store, deps.config, alice, "r2", t1, t1);
    expect([raced, renewed]).toEqual([true, { number: "+14255550180", agentId: "alice", requestId: "r2", startedAt: t1, expiresAt: t1 + 60 * 60_000 }]);
    expect((await deps.store.list("lease")).map((l) => l.key)).toEqual(["+14255550180"]);
  });
});

describe("a state store that hangs", () => {
  it("still notifies at once (degraded) when the store does not answer an emergency report", async () => {
    const deps = coreFixture();
    const never = new Promise<never>(() => undefined);
    deps.store.get = () => never;
    deps.store.put = () => never;
    deps.store.list = () => never;
    const t0 = Date.now();
    const out = await Promise.race([
      handleEmergencyReport(started("hang"), deps),
      new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 3_000)),
    ]);
    expect(out).not.toBe("hung");
    if (out === "hung") return;
    expect([out.email?.key, out.lease, out.degraded?.startsWith("state store unreachable"), out.alerts.map((a) => a.code)]).toEqual([
      "emergency-hang",
      undefined,
      true,
      ["emergency-store-unreachable"],
    ]);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

});
