/**
 * Agent routing state: presence and the calls an agent is engaged on. An engagement is one entry per
 * (call, agent), so counting it twice is impossible however often an event is replayed; the agent's
 * `activeCalls` counter is changed only by whoever creates or deletes the engagement, with conditional writes.
 */
import type { RuntimeAgent, RuntimeConfig, RuntimeQueue } from "./runtimeConfig";
import type { StateStore } from "./ports";

/** What the runtime knows of an agent's availability. */
export const PRESENCES = ["available", "busy", "away", "dnd", "offline"] as const;
export type Presence = (typeof PRESENCES)[number];

/**
 * Stored routing state of an agent (partition `agent`, key = agent id). The emergency hold lives in the same
 * entity as the presence, so taking or releasing it and saving or restoring the presence is one conditional
 * write: concurrent and reordered emergency reports cannot interleave between them.
 */
export interface AgentState {
  /** Presence in effect for routing (`dnd` while an emergency hold exists). */
  readonly presence: Presence;
  readonly activeCalls: number;
  readonly updatedAt: number;
  /** Request ids of the agent's emergency calls in progress; absent when none. */
  readonly emergencyHolds?: readonly string[];
  /** Presence to restore when the last emergency hold ends (the last one the desktop reported). */
  readonly presenceAfterEmergency?: Presence;
}

/** An agent with no stored state is offline: the runtime never rings someone it has not heard from. */
export const NO_STATE: AgentState = { presence: "offline", activeCalls: 0, updatedAt: 0 };

const MAX_ATTEMPTS = 8;

/** Reads an agent's state ({@link NO_STATE} when none is stored). */
export async function readAgentState(store: StateStore, agentId: string): Promise<AgentState> {
  return (await store.get<AgentState>("agent", agentId))?.value ?? NO_STATE;
}

/**
 * Changes an agent's state with a conditional write, retried on conflict.
 *
 * @param change returns the new state, or `undefined` to leave it unchanged
 * @returns the state written, or `undefined` when `change` declined
 * @throws Error when the state keeps changing under the update (8 conflicts in a row)
 */
export async function updateAgentState(
  store: StateStore,
  agentId: string,
  change: (current: AgentState) => AgentState | undefined,
): Promise<AgentState | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await store.get<AgentState>("agent", agentId);
    const next = change(found?.value ?? NO_STATE);
    if (!next) return undefined;
    if (await store.put("agent", agentId, next, found ? found.version : null)) return next;
  }
  throw new Error(`agent state of ${agentId} changed ${MAX_ATTEMPTS} times during one update; retry the request`);
}

/**
 * Records the presence an agent reports. While the agent has emergency calls in progress, Do Not Disturb
 * stays in effect and the reported presence becomes the one restored when the last call ends.
 *
 * @returns the presence now in effect for routing
 */
export async function setAgentPresence(store: StateStore, agentId: string, presence: Presence, now: number): Promise<Presence> {
  const written = await updateAgentState(store, agentId, (s) =>
    s.emergencyHolds?.length ? { ...s, presenceAfterEmergency: presence, updatedAt: now } : { ...s, presence, updatedAt: now },
  );
  return written?.presence ?? presence;
}

function engagementKey(callKey: string, agentId: string): string {
  return `${callKey}~${agentId}`;
}

/**
 * Engages an agent on a call.
 *
 * @param options.checkCapacity refuse when the agent is not available or at `maxConcurrentCalls`
 *   (false for calls that are already happening, and for emergency callbacks, which bypass capacity)
 * @returns true when this call created the engagement; false when it existed or capacity refused it
 */
export async function engage(
  store: StateStore,
  agent: RuntimeAgent,
  callKey: string,
  now: number,
  options: { checkCapacity: boolean },
): Promise<boolean> {
  const key = engagementKey(callKey, agent.id);
  if (!(await store.put("engagement", key, { agentId: agent.id, at: now }, null, now + 24 * 3_600_000))) return false;
  let updated: AgentState | undefined;
  try {
    updated = await updateAgentState(store, agent.id, (s) => {
      if (options.checkCapacity && (s.presence !== "available" || s.activeCalls >= agent.maxConcurrentCalls)) return undefined;
      return { ...s, activeCalls: s.activeCalls + 1, updatedAt: now };
    });
  } catch (err) {
    // The counter was not raised: drop the engagement too, or a later disengage would lower another call's count.
    await store.delete("engagement", key).catch(() => false);
    throw err;
  }
  if (!updated) {
    await store.delete("engagement", key);
    return false;
  }
  return true;
}

/**
 * Ends an agent's engagement on a call; replays are no-ops.
 *
 * @returns true when this call removed the engagement
 */
export async function disengage(store: StateStore, agentId: string, callKey: string, now: number): Promise<boolean> {
  if (!(await store.delete("engagement", engagementKey(callKey, agentId)))) return false;
  await updateAgentState(store, agentId, (s) => ({ ...s, activeCalls: Math.max(0, s.activeCalls - 1), updatedAt: now }));
  return true;
}

/** Ends every engagement on a call (call disconnected / ended). @returns the agent ids released */
export async function disengageCall(store: StateStore, callKey: string, now: number): Promise<string[]> {
  const released: string[] = [];
  for (const entry of await store.list<{ agentId: string }>("engagement", { prefix: `${callKey}~` })) {
    if (await disengage(store, entry.value.agentId, callKey, now)) released.push(entry.value.agentId);
  }
  return released;
}

/** Whether an agent has every skill a queue requires. */
export function hasSkills(agent: RuntimeAgent, queue: RuntimeQueue): boolean {
  return queue.requiredSkills.every((skill) => agent.skills.includes(skill));
}

/**
 * Picks and engages an available agent for a queue call: skilled, `available` (not Do Not Disturb), under
 * capacity; fewest active calls first, then configuration order.
 *
 * @param exclude agents already tried on this call
 * @returns the engaged agent, or `undefined` when none is available
 */
export async function pickAgent(
  store: StateStore,
  config: RuntimeConfig,
  queue: RuntimeQueue,
  callKey: string,
  exclude: readonly string[],
  now: number,
): Promise<RuntimeAgent | undefined> {
  const candidates = config.agents.filter((a) => hasSkills(a, queue) && !exclude.includes(a.id));
  if (candidates.length === 0) return undefined;
  // One query for every agent's state (one partition) instead of one read per agent.
  const states = new Map((await store.list<AgentState>("agent")).map((e) => [e.key, e.value]));
  const ranked = candidates
    .map((agent, i) => ({ agent, state: states.get(agent.id) ?? NO_STATE, order: i }))
    .filter(({ agent, state }) => state.presence === "available" && state.activeCalls < agent.maxConcurrentCalls)
    .sort((a, b) => a.state.activeCalls - b.state.activeCalls || a.order - b.order);
  for (const { agent } of ranked) {
    if (await engage(store, agent, callKey, now, { checkCapacity: true })) return agent;
  }
  return undefined;
}
