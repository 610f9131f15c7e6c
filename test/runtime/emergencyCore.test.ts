import { describe, expect, it } from "vitest";
import { readAgentState, setAgentPresence } from "../../src/runtime/core/agents";
import { handleEmergencyReport, reportPresence, type EmergencyReport } from "../../src/runtime/core/agentEmergency";
import { UserError } from "../../src/runtime/core/errors";
import { acquireLease, expireLeases, findLiveLease } from "../../src/runtime/core/leases";
import { coreFixture } from "./support/coreFixture";

const started = (requestId = "req-1", agentId = "alice"): EmergencyReport => ({ event: "started", agentId, requestId, dialed: "911" });
const ended = (requestId = "req-1", agentId = "alice"): EmergencyReport => ({ event: "ended", agentId, requestId });

describe("callback-number leases", () => {
  it.each([
    ["alice", "+14255550180"],
    ["lars", "+4533123480"],
  ])("leases %s a number of the agent's own country first: %s", async (agentId, number) => {
    const deps = coreFixture();
    const agent = deps.config.agents.find((a) => a.id === agentId)!;
    const lease = await acquireLease(deps.store, deps.config, agent, "r", deps.clock.now(), deps.clock.now());
    expect(lease).toEqual({ number, agentId, requestId: "r", startedAt: deps.clock.now(), expiresAt: deps.clock.now() + 3_600_000 });
  });

  it("keeps the same number when the agent places another emergency call, extended from the new start", async () => {
    const deps = coreFixture();
    const alice = deps.config.agents[0]!;
    const t0 = deps.clock.now();
    await acquireLease(deps.store, deps.config, alice, "r1", t0, t0);
    deps.clock.advance(20 * 60_000);
    const renewed = await acquireLease(deps.store, deps.config, alice, "r2", deps.clock.now(), deps.clock.now());
    expect([renewed?.number, renewed?.expiresAt]).toEqual(["+14255550180", t0 + 80 * 60_000]);
  });

  it("releases a lease after exactly 60 minutes, and the number is leased again", async () => {
    const deps = coreFixture();
    const [alice, lars] = [deps.config.agents[0]!, deps.config.agents[1]!];
    const t0 = deps.clock.now();
    await acquireLease(deps.store, deps.config, alice, "r1", t0, t0);
    deps.clock.advance(60 * 60_000 - 1);
    expect(await findLiveLease(deps.store, "+14255550180", deps.clock.now())).toBeDefined();
    expect(await expireLeases(deps.store, deps.clock.now())).toEqual([]);
    deps.clock.advance(1);
    expect(await findLiveLease(deps.store, "+14255550180", deps.clock.now())).toBeUndefined();
    expect(await expireLeases(deps.store, deps.clock.now())).toEqual(["+14255550180"]);
    const usPool = { ...deps.config, emergency: { ...deps.config.emergency, callbackPool: [{ number: "+14255550180", country: "US" }] } };
    expect((await acquireLease(deps.store, usPool, lars, "r2", deps.clock.now(), deps.clock.now()))?.number).toBe("+14255550180");
  });

  it("fails when every number is held by another agent: no lease", async () => {
    const deps = coreFixture({ config: (c) => ({ ...c, emergency: { ...c.emergency, callbackPool: [{ number: "+14255550180", country: "US" }] } }) });
    const [alice, lars] = [deps.config.agents[0]!, deps.config.agents[1]!];
    await acquireLease(deps.store, deps.config, alice, "r1", deps.clock.now(), deps.clock.now());
    expect(await acquireLease(deps.store, deps.config, lars, "r2", deps.clock.now(), deps.clock.now())).toBeUndefined();
  });
});

describe("handleEmergencyReport", () => {
  it("leases a number, puts the agent in Do Not Disturb and queues one email on start", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    const out = await handleEmergencyReport(started(), deps);
    expect(out.lease?.number).toBe("+14255550180");
    expect((await readAgentState(deps.store, "alice")).presence).toBe("dnd");
    expect([out.duplicate, out.emailQueued, out.email?.to, out.email?.subject]).toEqual([false, true, ["security-desk@contoso.com"], "Emergency call by Alice Smith (911)"]);
    expect(out.email?.text).toContain("Location: seattle: Contoso, 1 Microsoft Way, Redmond, WA 98052, US, Building 4, floor 2");
    expect(out.email?.text).toContain("Callback number: +14255550180, held for this agent until 2025-06-02T15:00:00.000Z");
  });

  it("does nothing twice when the same report is replayed", async () => {
    const deps = coreFixture();
    await handleEmergencyReport(started(), deps);
    const again = await handleEmergencyReport(started(), deps);
    expect([again.duplicate, again.email, again.teamsPresence, again.lease?.number]).toEqual([true, undefined, "unchanged", "+14255550180"]);
  });

  it("restores the previous presence on end while the lease runs on", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "busy", deps.clock.now());
    await handleEmergencyReport(started(), deps);
    deps.clock.advance(5 * 60_000);
    const out = await handleEmergencyReport(ended(), deps);
    expect([out.restoredTo, (await readAgentState(deps.store, "alice")).presence]).toEqual(["busy", "busy"]);
    expect(out.lease?.expiresAt).toBe(deps.clock.now() - 5 * 60_000 + 3_600_000);
  });

  it("never sets Do Not Disturb when the end arrives before the start, and still leases and notifies", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    const first = await handleEmergencyReport(ended(), deps);
    const late = await handleEmergencyReport(started(), deps);
    expect([first.lease?.number, first.emailQueued, late.emailQueued, late.teamsPresence]).toEqual(["+14255550180", true, false, "unchanged"]);
    expect((await readAgentState(deps.store, "alice")).presence).toBe("available");
  });

  it("restores once, when the last of two overlapping emergency calls ends", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    await handleEmergencyReport(started("a"), deps);
    await handleEmergencyReport(started("b"), deps);
    const endA = await handleEmergencyReport(ended("a"), deps);
    expect([endA.restoredTo, (await readAgentState(deps.store, "alice")).presence]).toEqual([undefined, "dnd"]);
    const endB = await handleEmergencyReport(ended("b"), deps);
    expect([endB.restoredTo, (await readAgentState(deps.store, "alice")).presence]).toEqual(["available", "available"]);
  });

  it("keeps Do Not Disturb when the desktop reports a presence during the call, and restores that presence after", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    await handleEmergencyReport(started(), deps);
    expect(await reportPresence(deps, "alice", "away")).toBe("dnd");
    const out = await handleEmergencyReport(ended(), deps);
    expect(out.restoredTo).toBe("away");
  });

  it("fails when the agent is unknown (404 naming the agents)", async () => {
    const deps = coreFixture();
    const err = await handleEmergencyReport(started("r", "bob"), deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect([(err as UserError).status, (err as UserError).message]).toEqual([404, 'agentId "bob" is not an agent of ccvoice:runtime.agents; known: alice, lars']);
  });

  it("fails when a request id is reused by another agent (409)", async () => {
    const deps = coreFixture();
    await handleEmergencyReport(started("r"), deps);
    await expect(handleEmergencyReport(started("r", "lars"), deps)).rejects.toThrow(
      `requestId "r" belongs to another agent's emergency call; generate a new id per call`,
    );
  });

  it("degrades when the store is down: no lease, a critical alert, the email still sent once", async () => {
    const deps = coreFixture();
    deps.store.available = false;
    const out = await handleEmergencyReport(started(), deps);
    const again = await handleEmergencyReport(started(), deps);
    expect([out.lease, out.email?.key, out.degraded?.startsWith("state store unreachable"), again.email]).toEqual([undefined, "emergency-req-1", true, undefined]);
    expect(out.alerts.map((a) => a.code)).toEqual(["emergency-store-unreachable"]);
  });
});

describe("handleEmergencyReport under concurrent start and end", () => {
  it("restores the presence when `ended` runs to completion right after the start's hold (DND) write", async () => {
    const deps = coreFixture();
    await setAgentPresence(deps.store, "alice", "available", deps.clock.now());
    // The start takes the hold (saves the presence, sets DND); before it goes on, the end report runs to completion.
    const put = deps.store.put.bind(deps.store);
    let interleaved = false;
    deps.store.put = async (kind, key, value, expected, expiresAt) => {
      const version = await put(kind, key, value, expected, expiresAt);
      if (!interleaved && kind === "agent" && version !== undefined) {
        interleaved = true;
        await handleEmergencyReport(ended(), deps);
      }
      return version;
    };
    await handleEmergencyReport(started(), deps);
    expect(interleaved).toBe(true);
    expect((await readAgentState(deps.store, "alice")).presence).toBe("available");
    expect((await readAgentState(deps.store, "alice")).emergencyHolds).toBeUndefined();
  });
});
