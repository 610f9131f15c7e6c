/**
 * The central notification of an agent emergency call (Kari's Law: a notification to a central point that
 * must not delay the call, with the callback number and a dispatchable location), and the outbox that makes
 * its delivery durable and exactly-once per emergency report.
 *
 * @see limits-and-reliability.md §7 K1, K2
 */
import type { Lease } from "./leases";
import type { StateStore } from "./ports";
import type { RuntimeAgent, RuntimeConfig } from "./runtimeConfig";

/** An email to send. */
export interface EmailMessage {
  /** Idempotency key (also the ACS Email `Operation-Id` seed). */
  readonly key: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** Outbox entry (partition `outbox`, key = message key). The body is dropped once sent. */
export interface OutboxEntry {
  readonly status: "pending" | "sent";
  readonly message?: EmailMessage;
  readonly attempts: number;
  readonly createdAt: number;
}

/** The contacts to notify for an agent: those covering the agent's country, or every country. */
export function recipientsFor(config: RuntimeConfig, agent: RuntimeAgent): string[] {
  return config.emergency.contacts
    .filter((c) => !c.countries || agent.country === undefined || c.countries.includes(agent.country))
    .map((c) => c.email);
}

/**
 * Writes the notification for an agent emergency call.
 *
 * @param details.dialed what the agent dialed, if the desktop reported it
 * @param details.lease the callback number held for the agent, if any
 */
export function emergencyEmail(
  config: RuntimeConfig,
  agent: RuntimeAgent,
  details: { requestId: string; dialed?: string; country?: string; startedAt: number; lease?: Lease },
): EmailMessage {
  const site = config.emergency.sites.find((s) => s.name === agent.site);
  const lines = [
    `Agent ${agent.displayName} (${agent.id}) placed an emergency call.`,
    "",
    `Dialed: ${details.dialed ?? "an emergency number"}${details.country ? ` (country ${details.country})` : ""}`,
    `Started: ${new Date(details.startedAt).toISOString()}`,
    `Location: ${site ? `${site.name}: ${site.location || "no address configured"}` : "no site configured for this agent"}`,
    details.lease
      ? `Callback number: ${details.lease.number}, held for this agent until ${new Date(details.lease.expiresAt).toISOString()}`
      : "Callback number: none held (callbacks to the pool go to the emergency fallback target)",
    "",
    "Sent by the contact center runtime as the central emergency notification. The call itself was not delayed, recorded or stored.",
  ];
  return {
    key: `emergency-${details.requestId}`,
    to: recipientsFor(config, agent),
    subject: `Emergency call by ${agent.displayName}${details.dialed ? ` (${details.dialed})` : ""}`,
    text: lines.join("\n"),
  };
}

/** How long a sent outbox key is kept (duplicate reports within this window send nothing). */
export const OUTBOX_RETENTION_MS = 24 * 3_600_000;

/**
 * Queues a message once.
 *
 * @returns true when this call queued it (the caller sends it now); false when it was already queued
 */
export async function enqueueEmail(store: StateStore, message: EmailMessage, now: number): Promise<boolean> {
  const entry: OutboxEntry = { status: "pending", message, attempts: 0, createdAt: now };
  return (await store.put("outbox", message.key, entry, null, now + OUTBOX_RETENTION_MS)) !== undefined;
}

/** Marks a message sent and drops its body. */
export async function markEmailSent(store: StateStore, key: string, now: number): Promise<void> {
  const found = await store.get<OutboxEntry>("outbox", key);
  if (!found) return;
  const sent: OutboxEntry = { status: "sent", attempts: found.value.attempts + 1, createdAt: found.value.createdAt };
  await store.put("outbox", key, sent, found.version, now + OUTBOX_RETENTION_MS);
}

/**
 * Messages still pending after `olderThanMs` (the timer retries them; the first attempt is the request's own).
 */
export async function pendingEmails(store: StateStore, now: number, olderThanMs: number): Promise<EmailMessage[]> {
  const all = await store.list<OutboxEntry>("outbox");
  return all
    .filter((e) => e.value.status === "pending" && e.value.message && now - e.value.createdAt >= olderThanMs)
    .map((e) => e.value.message as EmailMessage);
}
