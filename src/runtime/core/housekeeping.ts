/**
 * The timer's work: release expired callback-number leases, drop expired idempotency records, release
 * engagements whose call ended without a `CallDisconnected`, and retry notification emails still pending.
 */
import { disengage } from "./agents";
import { expireLeases } from "./leases";
import { pendingEmails, type EmailMessage } from "./notification";
import type { StateKind, StateStore } from "./ports";

/** What one run did. */
export interface HousekeepingReport {
  /** Callback numbers whose lease expired and were released. */
  readonly leasesReleased: string[];
  /** Expired records deleted, by kind. */
  readonly deleted: Partial<Record<StateKind, number>>;
  /** Agents released from engagements older than a day. */
  readonly engagementsReleased: number;
  /** Emails pending for more than `emailRetryAfterMs`, to send again. */
  readonly emailsToRetry: EmailMessage[];
}

const EXPIRING: readonly StateKind[] = ["event", "emergency", "call", "outbox"];

/**
 * Runs housekeeping.
 *
 * @param emailRetryAfterMs a pending email older than this is retried @default 120000 (2 minutes)
 */
export async function runHousekeeping(store: StateStore, now: number, emailRetryAfterMs = 120_000): Promise<HousekeepingReport> {
  const leasesReleased = await expireLeases(store, now);
  const deleted: Partial<Record<StateKind, number>> = {};
  for (const kind of EXPIRING) {
    let count = 0;
    for (const entry of await store.list(kind, { expiresBefore: now })) {
      if (await store.delete(kind, entry.key, entry.version)) count++;
    }
    if (count) deleted[kind] = count;
  }
  let engagementsReleased = 0;
  for (const entry of await store.list<{ agentId: string }>("engagement", { expiresBefore: now })) {
    const callKey = entry.key.slice(0, entry.key.lastIndexOf("~"));
    if (await disengage(store, entry.value.agentId, callKey, now)) engagementsReleased++;
  }
  return { leasesReleased, deleted, engagementsReleased, emailsToRetry: await pendingEmails(store, now, emailRetryAfterMs) };
}
