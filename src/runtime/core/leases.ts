/**
 * Callback-number leases: when an agent places an emergency call, a number from the stack's callback pool
 * is held for that agent for `leaseMinutes` (60 by default, never less) from the start of the call, so a
 * PSAP calling back reaches that agent. Writes are conditional (create-if-absent / replace-if-unchanged), so
 * two instances never lease one number to two agents.
 */
import type { RuntimeAgent, RuntimeConfig } from "./runtimeConfig";
import type { StateStore, Versioned } from "./ports";

/** A stored lease (partition `lease`, key = the callback number). */
export interface Lease {
  /** The callback number (E.164). */
  readonly number: string;
  readonly agentId: string;
  /** Client request id of the emergency report that started or last renewed the lease. */
  readonly requestId: string;
  /** Start of the emergency call, epoch ms. */
  readonly startedAt: number;
  /** `startedAt + leaseMinutes`, epoch ms; the lease is live while `now < expiresAt`. */
  readonly expiresAt: number;
  /**
   * The latest `expiresAt` this lease ever had, epoch ms, when a later report moved the start earlier (an
   * `ended` without a start time seen first, then the `started` with it). Instances may have cached the
   * longer lease, so the number stays the agent's (not leased to anyone else) until then. Absent: `expiresAt`.
   */
  readonly reservedUntil?: number;
}

/** Whether a lease is live at `now` (PSAP callbacks to its number reach the agent). */
export function isLive(lease: Lease, now: number): boolean {
  return now < lease.expiresAt;
}

/** Until when a lease's number is the agent's, epoch ms. */
export function reservedUntil(lease: Lease): number {
  return Math.max(lease.expiresAt, lease.reservedUntil ?? 0);
}

/** Whether a lease's number is still the agent's at `now` (live, or reserved after its start moved earlier). */
export function isReserved(lease: Lease, now: number): boolean {
  return now < reservedUntil(lease);
}

/**
 * Leases seen by this instance. A live lease is exclusive until it expires, so a cached live lease is as
 * good as the stored one: a PSAP callback still reaches the agent on this instance while the store is down.
 */
export class LeaseCache {
  private readonly byNumber = new Map<string, Lease>();

  remember(lease: Lease): void {
    const known = this.byNumber.get(lease.number);
    const newer = !known || known.agentId !== lease.agentId || known.requestId === lease.requestId || known.expiresAt <= lease.expiresAt;
    if (newer) this.byNumber.set(lease.number, lease);
  }
  /** The live lease on `number`, if this instance has seen one. */
  find(number: string, now: number): Lease | undefined {
    const lease = this.byNumber.get(number);
    if (lease && isLive(lease, now)) return lease;
    if (lease) this.byNumber.delete(number);
    return undefined;
  }
}

/** Reads the live lease on a callback number from the store. */
export async function findLiveLease(store: StateStore, number: string, now: number): Promise<Lease | undefined> {
  const found = await store.get<Lease>("lease", number);
  return found && isLive(found.value, now) ? found.value : undefined;
}

/** The pool ordered for an agent: numbers of the agent's country first, then the rest, in config order. */
export function poolFor(config: RuntimeConfig, agent: RuntimeAgent): string[] {
  const pool = config.emergency.callbackPool;
  const local = pool.filter((n) => agent.country !== undefined && n.country === agent.country);
  const other = pool.filter((n) => !local.includes(n));
  return [...local, ...other].map((n) => n.number);
}

/**
 * Leases a callback number to an agent, idempotently.
 *
 * - The agent already holds a lease (live or reserved): it is kept (same number) and extended to
 *   `startedAt + leaseMinutes` if that is later. A report of the request that set the lease with an earlier
 *   `startedAt` (the true start, learnt after the end) moves the expiry back to 60 minutes from it, keeping
 *   the number reserved until the old expiry; any other replay changes nothing.
 * - Otherwise the first number of {@link poolFor} that is neither live nor reserved is taken with a
 *   conditional write; after a conflict everything is read again (the winner may be this agent, from a
 *   replayed report).
 *
 * @param startedAt start of the emergency call, epoch ms
 * @returns the live lease, or `undefined` when every number of the pool is held by another agent or the
 *   call's 60 minutes are over
 * @throws StateUnavailableError when the store is unreachable
 */
export async function acquireLease(
  store: StateStore,
  config: RuntimeConfig,
  agent: RuntimeAgent,
  requestId: string,
  startedAt: number,
  now: number,
): Promise<Lease | undefined> {
  const durationMs = config.emergency.leaseMinutes * 60_000;
  // A conflict means another writer got there first, possibly this same agent (a replayed report on another
  // instance): re-read everything before trying another number, so one agent never holds two numbers.
  const rounds = config.emergency.callbackPool.length + 3;
  for (let round = 0; round < rounds; round++) {
    const all = await store.list<Lease>("lease");
    const existing = new Map<string, Versioned<Lease>>(all.map((e) => [e.key, e]));
    const held = all.find((e) => e.value.agentId === agent.id && isReserved(e.value, now));
    if (held) {
      let next: Lease | undefined;
      if (held.value.requestId === requestId) {
        // Same emergency call: only an earlier start corrects the lease (never extends it).
        if (startedAt < held.value.startedAt) {
          next = { ...held.value, startedAt, expiresAt: startedAt + durationMs, reservedUntil: reservedUntil(held.value) };
        }
      } else if (startedAt + durationMs > held.value.expiresAt) {
        // A new emergency call of the agent: same number, 60 minutes from its start.
        const expiresAt = startedAt + durationMs;
        const reserved = reservedUntil(held.value);
        next = { number: held.value.number, agentId: agent.id, requestId, startedAt, expiresAt, ...(reserved > expiresAt ? { reservedUntil: reserved } : {}) };
      }
      if (!next) return isLive(held.value, now) ? held.value : undefined;
      if (await store.put("lease", held.key, next, held.version, reservedUntil(next))) return isLive(next, now) ? next : undefined;
      continue;
    }
    const number = poolFor(config, agent).find((n) => {
      const current = existing.get(n);
      return !current || !isReserved(current.value, now);
    });
    if (number === undefined) return undefined;
    const current = existing.get(number);
    const lease: Lease = { number, agentId: agent.id, requestId, startedAt, expiresAt: startedAt + durationMs };
    if (!isLive(lease, now)) return undefined;
    if (await store.put("lease", number, lease, current ? current.version : null, lease.expiresAt)) return lease;
  }
  return undefined;
}

/**
 * Deletes leases that have expired and are no longer reserved (the timer). A lease renewed meanwhile is left
 * alone (conditional delete).
 *
 * @returns the numbers released
 */
export async function expireLeases(store: StateStore, now: number): Promise<string[]> {
  const released: string[] = [];
  for (const entry of await store.list<Lease>("lease", { expiresBefore: now })) {
    if (!isReserved(entry.value, now) && (await store.delete("lease", entry.key, entry.version))) released.push(entry.key);
  }
  return released;
}
