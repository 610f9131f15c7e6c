/**
 * The decision for an `IncomingCall`:
 * 1. calls to an agent's own identity (ACS user, Teams user) are the agent client's to answer: ignored;
 * 2. a callback-pool number with a live lease: answer, add the leased agent at once with emergency priority
 *    (no queue, no capacity or presence check: Do Not Disturb included);
 * 3. a callback-pool number with no live lease, or the state store unreachable: answer, add the emergency
 *    fallback target; never queued, rejected or dropped;
 * 4. a number or resource account mapped to a queue: answer, offer to an available agent or hold;
 * 5. anything else: rejected, with a warning alert.
 */
import { agentById, agentTarget, isCallbackNumber, queueFor, type CoreDeps } from "./coreDeps";
import { claimEvent, withDeadline } from "./idempotency";
import { findLiveLease, type Lease } from "./leases";
import { describeParty } from "./parties";
import { StateUnavailableError } from "./ports";
import { createQueuedCall, nextQueueStep } from "./queueing";
import type { Alert, CallDecision, IncomingCallInput } from "./types";

/** The idempotency source name of `IncomingCall` events. */
export const INCOMING_CALL_SOURCE = "incomingCall";

/**
 * Decides what to do with an incoming call. Claims the event id first: a replay returns `route: "duplicate"`
 * with no actions.
 *
 * @throws StateUnavailableError for a queue call while the store is unreachable (a system error: the handler
 *   fails and Event Grid retries within the subscription's short time-to-live)
 */
export async function decideIncomingCall(input: IncomingCallInput, deps: CoreDeps): Promise<CallDecision> {
  const { to } = input;
  if (to.kind === "acsUser" || to.kind === "teamsUser") {
    return {
      route: "ignored",
      reason: `call to ${describeParty(to)} is answered by the agent's own client`,
      actions: [],
      alerts: [],
    };
  }
  const callback = to.kind === "phoneNumber" && isCallbackNumber(deps.config, to.number);
  const now = deps.clock.now();
  const claim = await claimEvent(deps.store, deps.seen, INCOMING_CALL_SOURCE, input.eventId, now, {
    critical: callback,
    deadlineMs: deps.emergencyStoreDeadlineMs,
  });
  if (claim === "duplicate") {
    return { route: "duplicate", reason: `event ${input.eventId} was already processed`, actions: [], alerts: [] };
  }
  if (callback && to.kind === "phoneNumber") return decideCallbackNumberCall(input, to.number, deps, claim === "claimed-in-memory-only");

  const queue = queueFor(deps.config, to);
  if (!queue) {
    return {
      route: "rejected",
      reason: `no queue is mapped to ${describeParty(to)}`,
      actions: [{ kind: "reject", reason: `no queue is mapped to ${describeParty(to)}` }],
      alerts: [
        {
          severity: "warning",
          code: "unmapped-called-party",
          message: `a call to ${describeParty(to)} was rejected: no queue lists it; add it to ccvoice:runtime.queues[].numbers or .resourceAccounts`,
        },
      ],
    };
  }
  const calledNumber =
    to.kind === "phoneNumber"
      ? to.number
      : to.kind === "resourceAccount"
        ? deps.config.resourceAccounts.find((ra) => ra.objectId?.toLowerCase() === to.objectId.toLowerCase())?.phoneNumber
        : undefined;
  const created = await createQueuedCall(deps, input.serverCallId, { queue: queue.name, since: now, step: 1, tried: [], hops: 0, calledNumber });
  if (!created) {
    return { route: "duplicate", reason: `call ${input.serverCallId} is already being routed`, actions: [], alerts: [] };
  }
  const step = await nextQueueStep(deps, queue, input.serverCallId, created.value);
  if (step.record !== created.value) await deps.store.put("call", input.serverCallId, step.record, created.version, now + 24 * 3_600_000);
  return {
    route: step.route,
    reason: step.reason,
    actions: [{ kind: "answer" }, ...step.actions],
    context: step.context,
    alerts: step.alerts,
  };
}

async function decideCallbackNumberCall(input: IncomingCallInput, number: string, deps: CoreDeps, storeDown: boolean): Promise<CallDecision> {
  const now = deps.clock.now();
  const alerts: Alert[] = [];
  let lease: Lease | undefined = deps.leases.find(number, now);
  let storeProblem: string | undefined = storeDown ? "the state store is unreachable" : undefined;
  if (!lease && !storeDown) {
    try {
      lease = await withDeadline(findLiveLease(deps.store, number, now), deps.emergencyStoreDeadlineMs, `reading the lease of ${number}`);
      if (lease) deps.leases.remember(lease);
    } catch (err) {
      // Any store failure (unclassified ones included) sends the PSAP to the fallback rather than failing the call.
      storeProblem = `the state store is unreachable (${err instanceof StateUnavailableError ? err.message : `unexpected error: ${String(err)}`})`;
    }
  }
  const fallback = deps.config.emergency.fallbackTarget;
  const agent = lease ? agentById(deps.config, lease.agentId) : undefined;
  if (lease && agent) {
    return {
      route: "psap-callback",
      reason: `callback number ${number} is leased to agent ${agent.id} until ${new Date(lease.expiresAt).toISOString()}: connecting at once with emergency priority`,
      actions: [
        { kind: "answer" },
        { kind: "addParticipant", target: agentTarget(agent), priority: "emergency", agentId: agent.id, invitationTimeoutSeconds: deps.invitationTimeoutSeconds },
      ],
      context: { route: "psap-callback", calledNumber: number, agentId: agent.id, fallback, step: 1 },
      alerts,
    };
  }
  if (!fallback) {
    // parseRuntimeConfig refuses a callback pool without a fallback target; reaching this is a bug.
    throw new Error(`callback number ${number} has no live lease and CCVOICE_RUNTIME_CONFIG has no emergency.fallbackTarget`);
  }
  const why = storeProblem
    ? storeProblem
    : lease
      ? `the lease holder ${lease.agentId} is not a configured agent`
      : "no live lease";
  if (storeProblem) {
    alerts.push({ severity: "critical", code: "emergency-store-unreachable", message: `callback to ${number} sent to the emergency fallback ${fallback}: ${storeProblem}` });
  }
  return {
    route: "emergency-fallback",
    reason: `callback number ${number}: ${why}; connecting the emergency fallback ${fallback}`,
    actions: [
      { kind: "answer" },
      { kind: "addParticipant", target: { kind: "phoneNumber", number: fallback }, priority: "emergency", sourceCallerId: number, invitationTimeoutSeconds: deps.invitationTimeoutSeconds },
    ],
    context: { route: "emergency-fallback", calledNumber: number, fallback, step: 1, fallbackTries: 1 },
    alerts,
  };
}
