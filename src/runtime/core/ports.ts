/**
 * The interfaces the pure core is written against: a clock and a small versioned state store.
 * Adapters (`../adapters/`) implement them over Azure Table Storage; `memoryStore.ts` implements the store
 * in memory for unit tests. Nothing here imports `@azure/*`.
 */

/** Time source, injected so tests can move time (lease expiry after 60 minutes). */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * What the runtime keeps, one partition per kind:
 * - `lease`: callback number → agent holding it (key: E.164 number)
 * - `agent`: routing state of an agent: presence, active calls and emergency holds (key: agent id)
 * - `emergency`: idempotency record of an agent emergency report (key: client request id)
 * - `event`: processed event ids (key: `<source>~<event id>`)
 * - `call`: queue state machine of a routed call (key: server call id)
 * - `engagement`: agent engaged on a call (key: `<server call id>~<agent id>`)
 * - `outbox`: notification email waiting to be sent (key: idempotency key)
 */
export type StateKind =
  | "lease"
  | "agent"
  | "emergency"
  | "event"
  | "call"
  | "engagement"
  | "outbox";

/** A stored value with the opaque version (ETag) needed to replace it conditionally. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: string;
}

/** A listed entry. */
export interface Listed<T> extends Versioned<T> {
  readonly key: string;
}

/**
 * Thrown by a store when the service cannot be reached or fails (a system error, not a conflict).
 * The emergency paths catch exactly this error and fall back; every other error propagates.
 */
export class StateUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "StateUnavailableError";
  }
}

/**
 * A key/value store with optimistic concurrency.
 *
 * Conflicts are results (`undefined` / `false`), never errors; transport and service failures throw
 * {@link StateUnavailableError}.
 */
export interface StateStore {
  /** Reads one value; `undefined` when absent. */
  get<T>(kind: StateKind, key: string): Promise<Versioned<T> | undefined>;
  /**
   * Writes one value.
   *
   * @param expected `null`: create, fails if the key exists; a version: replace only if unchanged
   * @param expiresAt epoch ms after which housekeeping may delete the entry (stored as a queryable column)
   * @returns the new version, or `undefined` on conflict (exists / changed since read)
   */
  put<T>(kind: StateKind, key: string, value: T, expected: string | null, expiresAt?: number): Promise<string | undefined>;
  /**
   * Deletes one value.
   *
   * @param expected delete only if unchanged; omitted: unconditionally
   * @returns whether something was deleted (false when absent or changed)
   */
  delete(kind: StateKind, key: string, expected?: string): Promise<boolean>;
  /**
   * Lists values of one kind.
   *
   * @param options.prefix keys starting with this text
   * @param options.expiresBefore only entries whose `expiresAt` is at or before this epoch ms
   */
  list<T>(kind: StateKind, options?: { prefix?: string; expiresBefore?: number }): Promise<Listed<T>[]>;
}
