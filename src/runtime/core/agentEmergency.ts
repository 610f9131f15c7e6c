/**
 * Agent emergency calls. The agent's client places the call (Calling SDK); the desktop reports `started`
 * and `ended` to the runtime, which:
 * - leases a callback number to the agent for `leaseMinutes` from the start (the lease outlives the call);
 * - puts the agent in Do Not Disturb on start and restores the previous presence on end (several
 *   overlapping emergency calls of one agent restore once, when the last ends);
 * - queues one notification email to the configured contacts (sent asynchronously);
 * - stores no call activity and starts no recording: the only records are the lease and an idempotency
 *   record keyed by the client's request id, neither holding the dialed number, a call id or media.
 * Reports may be replayed and reordered (`ended` before `started`): each effect happens once.
 */
import { readAgentState, setAgentPresence, updateAgentState, type Presence } from "./agents";
import { agentById, type CoreDeps } from "./coreDeps";
import { withDeadline } from "./idempotency";
import { UserError } from "./errors";
import { acquireLease, type Lease } from "./leases";
import { emergencyEmail, enqueueEmail, type EmailMessage } from "./notification";
import { StateUnavailableError, type StateStore, type Versioned } from "./ports";
import type { RuntimeAgent } from "./runtimeConfig";
import type { Alert } from "./types";

/** A report from the agent desktop. */
export interface EmergencyReport {
  readonly event: "started" | "ended";
  readonly agentId: string;
  /** Client-generated id of this emergency call (same for started and ended); the idempotency key. */
  readonly requestId: string;
  /** What the agent dialed (911, 112, ...); used in the notification only, never stored. */
  readonly dialed?: string;
  /** Where the agent is (ISO country); defaults to the agent's site country. */
  readonly country?: string;
  /** Start of the call by the client's clock, epoch ms; used when `ended` arrives first. */
  readonly startedAt?: number;
}

/** Idempotency record of one emergency call (partition `emergency`, key = request id). */
interface EmergencyRecord {
  readonly agentId: string;
  readonly state: "started" | "ended";
  readonly startedAt: number;
}

/** What the handler must do after the state transitions (decisions as data). */
export interface EmergencyOutcome {
  readonly agent: RuntimeAgent;
  /** Nothing changed: a replay. */
  readonly duplicate: boolean;
  readonly lease?: Lease;
  /** `set-dnd`: apply Do Not Disturb in Teams (Graph); `restore`: clear the app's presence session. */
  readonly teamsPresence: "set-dnd" | "restore" | "unchanged";
  /** Runtime presence before Do Not Disturb, when this report restored it. */
  readonly restoredTo?: Presence;
  /** Email to send now (queued in the outbox unless the store is down). */
  readonly email?: EmailMessage;
  /** Whether `email` is in the outbox (mark it sent after sending). */
  readonly emailQueued: boolean;
  readonly alerts: readonly Alert[];
  /** Set when the state store was unreachable: what could not be done. */
  readonly degraded?: string;
}

const RETENTION_MS = 24 * 3_600_000;
/** How many store deadlines (`emergencyStoreDeadlineMs`) a whole report may take before it is answered degraded. */
export const REPORT_DEADLINE_FACTOR = 4;

function startTime(report: EmergencyReport, now: number, leaseMs: number): number {
  const s = report.startedAt;
  return s !== undefined && Number.isFinite(s) && s <= now && s > now - leaseMs ? s : now;
}

/**
 * Applies a report.
 *
 * @throws UserError 404 for an unknown agent, 409 when the request id belongs to another agent
 */
export async function handleEmergencyReport(report: EmergencyReport, deps: CoreDeps): Promise<EmergencyOutcome> {
  const agent = agentById(deps.config, report.agentId);
  if (!agent) {
    throw new UserError(`agentId ${JSON.stringify(report.agentId)} is not an agent of ccvoice:runtime.agents; known: ${deps.config.agents.map((a) => a.id).join(", ") || "none"}`, 404);
  }
  const now = deps.clock.now();
  const alerts: Alert[] = [];
  const country = report.country ?? agent.country;
  if (country && !deps.config.emergency.countries.includes(country)) {
    alerts.push({ severity: "warning", code: "emergency-country-not-configured", message: `agent ${agent.id} reported an emergency call from ${country}, which is not in ccvoice:emergency.countries` });
  }
  const work = applyReport(report, agent, country, deps, now, alerts);
  try {
    // A store that hangs must not hold the notification back: past the deadline the report is answered
    // degraded (email now, without a callback number). The late work goes on; its effects are idempotent
    // (the outbox key and the email's Operation-Id are the same, so the email is not delivered twice).
    return await withDeadline(work, REPORT_DEADLINE_FACTOR * deps.emergencyStoreDeadlineMs, `handling emergency report ${report.requestId}`);
  } catch (err) {
    if (!(err instanceof StateUnavailableError)) throw err;
    return degradedOutcome(report, agent, country, deps, now, [...alerts], err.message);
  }
}

async function applyReport(
  report: EmergencyReport,
  agent: RuntimeAgent,
  country: string | undefined,
  deps: CoreDeps,
  now: number,
  alerts: Alert[],
): Promise<EmergencyOutcome> {
  const { store } = deps;
  const leaseMs = deps.config.emergency.leaseMinutes * 60_000;
  let record = await store.get<EmergencyRecord>("emergency", report.requestId);
  if (record && record.value.agentId !== agent.id) {
    throw new UserError(`requestId ${JSON.stringify(report.requestId)} belongs to another agent's emergency call; generate a new id per call`, 409);
  }
  let duplicate = false;
  let firstSight = false;
  if (!record) {
    const value: EmergencyRecord = { agentId: agent.id, state: report.event, startedAt: startTime(report, now, leaseMs) };
    const version = await store.put("emergency", report.requestId, value, null, value.startedAt + Math.max(leaseMs, RETENTION_MS));
    record = version ? { value, version } : await store.get<EmergencyRecord>("emergency", report.requestId);
    firstSight = version !== undefined;
    if (!record) throw new Error(`emergency record ${report.requestId} vanished while being created; retry the request`);
  }
  let startedAt = record.value.startedAt;
  const reported = report.startedAt !== undefined ? startTime(report, now, leaseMs) : undefined;
  if (reported !== undefined && reported < startedAt) {
    // The true start, learnt after an `ended` that had none: the lease runs 60 minutes from it.
    const corrected: EmergencyRecord = { ...record.value, startedAt: reported };
    const version = await store.put("emergency", report.requestId, corrected, record.version, reported + Math.max(leaseMs, RETENTION_MS));
    record = version ? { value: corrected, version } : ((await store.get<EmergencyRecord>("emergency", report.requestId)) ?? record);
    startedAt = Math.min(record.value.startedAt, reported);
  }
  const lease = await acquireLease(store, deps.config, agent, report.requestId, startedAt, now);
  if (lease) deps.leases.remember(lease);
  else if (deps.config.emergency.callbackPool.length > 0 && startedAt + leaseMs > now) {
    // No lease while the window is open: the pool is exhausted. (After the window, e.g. the end of a call that
    // outlasted it, no lease is due.)
    alerts.push({ severity: "critical", code: "callback-pool-exhausted", message: `no callback number is free for agent ${agent.id}; PSAP callbacks go to the emergency fallback target` });
  }
  const email = emergencyEmail(deps.config, agent, { requestId: report.requestId, dialed: report.dialed, country, startedAt, lease });
  const emailQueued = await enqueueEmail(store, email, now);
  if (emailQueued && email.to.length === 0) {
    alerts.push({ severity: "warning", code: "no-emergency-contacts", message: `no contact covers agent ${agent.id}; set ccvoice:emergency.notificationContacts` });
  }

  let teamsPresence: EmergencyOutcome["teamsPresence"] = "unchanged";
  let restoredTo: Presence | undefined;
  if (report.event === "started") {
    if (record.value.state === "started") {
      if (await holdPresence(deps, agent, report.requestId, now)) teamsPresence = "set-dnd";
      const after = await store.get<EmergencyRecord>("emergency", report.requestId);
      if (after?.value.state === "ended") {
        // `ended` was processed while this start was in flight: undo at once.
        restoredTo = await releasePresence(deps, agent, report.requestId, now);
        teamsPresence = restoredTo !== undefined ? (teamsPresence === "set-dnd" ? "unchanged" : "restore") : teamsPresence;
      }
    }
    duplicate = !firstSight && teamsPresence === "unchanged" && !emailQueued;
  } else {
    await markEnded(store, report.requestId, record, leaseMs);
    restoredTo = await releasePresence(deps, agent, report.requestId, now);
    if (restoredTo !== undefined) teamsPresence = "restore";
    duplicate = !firstSight && restoredTo === undefined && !emailQueued;
  }
  return {
    agent,
    duplicate,
    lease,
    teamsPresence: agent.kind === "teams" ? teamsPresence : "unchanged",
    restoredTo,
    email: emailQueued ? email : undefined,
    emailQueued,
    alerts,
  };
}

/**
 * Marks an emergency call's record ended (before its hold is released, so a start still in flight sees it and
 * undoes its hold). Retried on conflict: a start correcting the start time may rewrite the record meanwhile,
 * and a lost `ended` would let a late replay of the start hold Do Not Disturb for good.
 */
async function markEnded(store: StateStore, requestId: string, first: Versioned<EmergencyRecord>, leaseMs: number): Promise<void> {
  let record: Versioned<EmergencyRecord> | undefined = first;
  for (let attempt = 0; attempt < 8 && record && record.value.state !== "ended"; attempt++) {
    const ended: EmergencyRecord = { ...record.value, state: "ended" };
    if (await store.put("emergency", requestId, ended, record.version, record.value.startedAt + Math.max(leaseMs, RETENTION_MS))) return;
    record = await store.get<EmergencyRecord>("emergency", requestId);
  }
  if (record && record.value.state !== "ended") {
    throw new Error(`emergency record ${requestId} changed 8 times while being marked ended; retry the request`);
  }
}

/**
 * Adds an emergency hold; the first hold saves the presence and sets Do Not Disturb, in the same conditional
 * write of the agent's state.
 *
 * @returns whether Do Not Disturb was set now (this is the agent's first hold)
 */
async function holdPresence(deps: CoreDeps, agent: RuntimeAgent, requestId: string, now: number): Promise<boolean> {
  let first = false;
  const written = await updateAgentState(deps.store, agent.id, (s) => {
    const holds = s.emergencyHolds ?? [];
    first = holds.length === 0;
    if (holds.includes(requestId)) return undefined;
    return {
      ...s,
      presence: "dnd",
      emergencyHolds: [...holds, requestId],
      presenceAfterEmergency: first ? s.presence : (s.presenceAfterEmergency ?? s.presence),
      updatedAt: now,
    };
  });
  return written !== undefined && first;
}

/**
 * Removes an emergency hold; the last one restores the saved presence, in the same conditional write.
 *
 * @returns the presence restored, if restored now
 */
async function releasePresence(deps: CoreDeps, agent: RuntimeAgent, requestId: string, now: number): Promise<Presence | undefined> {
  let restored: Presence | undefined;
  const written = await updateAgentState(deps.store, agent.id, (s) => {
    restored = undefined;
    const holds = s.emergencyHolds ?? [];
    if (!holds.includes(requestId)) return undefined;
    const rest = holds.filter((h) => h !== requestId);
    if (rest.length > 0) return { ...s, emergencyHolds: rest, updatedAt: now };
    restored = s.presenceAfterEmergency ?? "offline";
    const { emergencyHolds: _holds, presenceAfterEmergency: _saved, ...base } = s;
    return { ...base, presence: restored, updatedAt: now };
  });
  return written !== undefined ? restored : undefined;
}

/** Whether the agent has an emergency call in progress (an emergency hold). */
export async function hasEmergencyHold(deps: CoreDeps, agentId: string): Promise<boolean> {
  return ((await readAgentState(deps.store, agentId)).emergencyHolds?.length ?? 0) > 0;
}

function degradedOutcome(
  report: EmergencyReport,
  agent: RuntimeAgent,
  country: string | undefined,
  deps: CoreDeps,
  now: number,
  alerts: Alert[],
  why: string,
): EmergencyOutcome {
  const emailKey = `email~${report.requestId}`;
  const firstEmail = !deps.seen.has(emailKey);
  deps.seen.add(emailKey);
  const stateKey = `emergency-${report.event}~${report.requestId}`;
  const firstEvent = !deps.seen.has(stateKey);
  deps.seen.add(stateKey);
  const startedAt = startTime(report, now, deps.config.emergency.leaseMinutes * 60_000);
  alerts.push({
    severity: "critical",
    code: "emergency-store-unreachable",
    message: `agent ${agent.id} emergency call ${report.event}: the state store is unreachable (${why}); no callback number could be leased, PSAP callbacks go to the emergency fallback target`,
  });
  return {
    agent,
    duplicate: !firstEvent && !firstEmail,
    teamsPresence: agent.kind === "teams" && firstEvent ? (report.event === "started" ? "set-dnd" : "restore") : "unchanged",
    email: firstEmail ? emergencyEmail(deps.config, agent, { requestId: report.requestId, dialed: report.dialed, country, startedAt }) : undefined,
    emailQueued: false,
    alerts,
    degraded: `state store unreachable: ${why}`,
  };
}

/**
 * Records a presence the agent (desktop) reports. While the agent has emergency calls in progress the
 * runtime keeps Do Not Disturb and stores the reported presence as the one to restore when the last ends.
 *
 * @returns the presence now in effect for routing
 * @throws UserError 404 for an unknown agent
 */
export async function reportPresence(deps: CoreDeps, agentId: string, presence: Presence): Promise<Presence> {
  if (!agentById(deps.config, agentId)) {
    throw new UserError(`agentId ${JSON.stringify(agentId)} is not an agent of ccvoice:runtime.agents`, 404);
  }
  return setAgentPresence(deps.store, agentId, presence, deps.clock.now());
}
