/**
 * At-least-once delivery (Event Grid, Call Automation callbacks) means every event may arrive more than
 * once, in any order. An event is processed only by whoever first claims its id: in memory on this
 * instance, then in the state store (a create that fails when the id exists).
 *
 * @see limits-and-reliability.md §5 (idempotent per event id; duplicates arrive even after a 200)
 */
import { StateUnavailableError, type StateStore } from "./ports";

/** How long a processed event id is kept: Event Grid retries for up to 24 hours. */
export const EVENT_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A bounded set of recently seen ids (insertion order eviction). */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
  delete(id: string): void {
    this.ids.delete(id);
  }
}

/** The result of a claim. */
export type Claim = "claimed" | "duplicate" | "claimed-in-memory-only";

/**
 * Rejects with {@link StateUnavailableError} when a store call takes longer than `ms` (the emergency paths
 * must not wait for the store's own retries).
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StateUnavailableError(`state store did not answer ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Claims an event id.
 *
 * @param source `incomingCall`, `callEvents`, ...; part of the key
 * @param options.critical when true (emergency paths), a failing, unreachable or slow store (over `deadlineMs`)
 *   does not stop processing: the claim is kept in memory only and `claimed-in-memory-only` is returned
 * @throws StateUnavailableError when the store is unreachable and `critical` is false
 */
export async function claimEvent(
  store: StateStore,
  seen: RecentIds,
  source: string,
  eventId: string,
  now: number,
  options: { critical: boolean; deadlineMs: number },
): Promise<Claim> {
  const key = `${source}~${eventId}`;
  if (seen.has(key)) return "duplicate";
  seen.add(key);
  try {
    const write = store.put("event", key, { at: now }, null, now + EVENT_ID_RETENTION_MS);
    // Only the emergency paths bound the wait; the others wait for the store's own timeouts and retries.
    const created = options.critical ? await withDeadline(write, options.deadlineMs, `claiming event ${eventId}`) : await write;
    return created === undefined ? "duplicate" : "claimed";
  } catch (err) {
    // On an emergency path every store failure counts as unavailability, classified or not: the call goes on.
    if (options.critical) return "claimed-in-memory-only";
    seen.delete(key);
    throw err;
  }
}

/**
 * Gives a claim back after processing failed, so the sender's retry is processed. Never throws: when the
 * stored claim cannot be removed the retry will be taken for a duplicate, so the caller must log the error.
 *
 * @returns `{ ok: true }` when no stored claim is left (removed, or there was none), else the store's error
 */
export async function releaseEvent(
  store: StateStore,
  seen: RecentIds,
  source: string,
  eventId: string,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  const key = `${source}~${eventId}`;
  seen.delete(key);
  try {
    await store.delete("event", key);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}
