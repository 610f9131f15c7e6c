/**
 * Decisions for Call Automation callbacks (mid-call events). The call's context comes back in
 * `operationContext`; queue calls also have a stored record whose step guards against replays.
 *
 * - `CallConnected`: run the actions that were pending on answer.
 * - `AddParticipantFailed`: a leased agent who does not answer a PSAP callback → the emergency fallback
 *   target (retried up to 3 times, then a critical alert); a queue agent → the next agent, hold or overflow.
 * - `PlayCompleted` (hold music ended): retry the queue, or overflow after `maxWaitSeconds`; `PlayFailed`:
 *   overflow at once.
 * - `CallDisconnected`: release the agents engaged on the call.
 */
import { disengage, disengageCall } from "./agents";
import type { CoreDeps } from "./coreDeps";
import { claimEvent } from "./idempotency";
import { withoutPending } from "./operationContext";
import { claimStep, nextQueueStep, overflow, saveStep, type QueuedCall } from "./queueing";
import type { CallAction, CallbackInput, CallContext, CallDecision } from "./types";

/** The idempotency source name of Call Automation callbacks. */
export const CALLBACK_SOURCE = "callEvents";
/** Attempts to reach the emergency fallback target before a critical alert. */
export const FALLBACK_ATTEMPTS = 3;

const none = (route: CallDecision["route"], reason: string): CallDecision => ({ route, reason, actions: [], alerts: [] });

/**
 * Decides what to do with one verified callback.
 *
 * @throws StateUnavailableError for queue calls while the store is unreachable
 */
export async function decideCallback(input: CallbackInput, deps: CoreDeps): Promise<CallDecision> {
  const context = input.context;
  const emergency = context?.route === "psap-callback" || context?.route === "emergency-fallback";
  if (!context && input.type !== "CallDisconnected") return none("ignored", `${input.type} carries no ccvoice context`);
  const claim = await claimEvent(deps.store, deps.seen, CALLBACK_SOURCE, input.eventId, deps.clock.now(), {
    critical: emergency,
    deadlineMs: deps.emergencyStoreDeadlineMs,
  });
  if (claim === "duplicate") return none("duplicate", `callback ${input.eventId} was already processed`);

  if (input.type === "CallDisconnected") return callDisconnected(input, deps, emergency);
  if (!context) return none("ignored", `${input.type} carries no ccvoice context`);
  switch (input.type) {
    case "CallConnected": {
      const pending = context.pending ?? [];
      return {
        route: context.route,
        reason: pending.length ? `call connected; running ${pending.map((a) => a.kind).join(", ")}` : "call connected",
        actions: pending,
        context: withoutPending(context),
        alerts: [],
      };
    }
    case "AddParticipantSucceeded":
      return none(context.route, context.agentId ? `agent ${context.agentId} joined the call` : "participant joined the call");
    case "AddParticipantFailed":
      return emergency ? emergencyAddFailed(context, deps.invitationTimeoutSeconds) : queueRetry(input, context, deps, "add-failed");
    case "PlayCompleted":
      return emergency ? none("ignored", "play completed on an emergency call") : queueRetry(input, context, deps, "tick");
    case "PlayFailed":
      return emergency ? none("ignored", "play failed on an emergency call") : queueRetry(input, context, deps, "play-failed");
    default:
      return none("ignored", `${input.type} needs no action`);
  }
}

/**
 * Decides what to do when a request the runtime made on a connected call was refused at once (an HTTP error:
 * no failure callback will come for it): what its failure callback would have decided. An add-participant is
 * handled as `AddParticipantFailed` (the next agent, hold, overflow, or for a PSAP callback the emergency
 * fallback, retried, then a hang-up), hold music as `PlayFailed` (overflow). Not an event: nothing is claimed.
 *
 * @param refused the kind of the action that was refused
 * @param context the context the action was sent with
 * @returns the next decision, or `undefined` when nothing else can be done (a refused hang-up)
 * @throws StateUnavailableError for queue calls while the store is unreachable
 */
export async function decideRefusedAction(
  refused: CallAction["kind"],
  call: { callConnectionId: string; serverCallId?: string },
  context: CallContext,
  deps: CoreDeps,
): Promise<CallDecision | undefined> {
  const emergency = context.route === "psap-callback" || context.route === "emergency-fallback";
  const as = (type: string): CallbackInput => ({ eventId: `refused-${refused}`, type, callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, context });
  if (refused === "addParticipant") {
    return emergency ? emergencyAddFailed(context, deps.invitationTimeoutSeconds) : queueRetry(as("AddParticipantFailed"), context, deps, "add-failed");
  }
  if (refused === "hold" && !emergency) return queueRetry(as("PlayFailed"), context, deps, "play-failed");
  return undefined;
}

function emergencyAddFailed(context: CallContext, ringSeconds: number): CallDecision {
  const fallback = context.fallback;
  const step = context.step + 1;
  if (context.route === "psap-callback" && fallback) {
    return {
      route: "emergency-fallback",
      reason: `leased agent ${context.agentId ?? "?"} did not answer the PSAP callback; connecting the emergency fallback ${fallback}`,
      actions: [
        { kind: "addParticipant", target: { kind: "phoneNumber", number: fallback }, priority: "emergency", sourceCallerId: context.calledNumber, invitationTimeoutSeconds: ringSeconds },
      ],
      context: { ...context, route: "emergency-fallback", agentId: undefined, step, fallbackTries: 1 },
      alerts: [{ severity: "warning", code: "psap-callback-agent-unreachable", message: `agent ${context.agentId ?? "?"} did not answer a PSAP callback on ${context.calledNumber ?? "?"}; sent to ${fallback}` }],
    };
  }
  const attempts = context.route === "emergency-fallback" ? (context.fallbackTries ?? 1) : 0;
  if (fallback && attempts < FALLBACK_ATTEMPTS) {
    return {
      route: "emergency-fallback",
      reason: `emergency fallback ${fallback} did not answer (attempt ${attempts}); trying again`,
      actions: [
        { kind: "addParticipant", target: { kind: "phoneNumber", number: fallback }, priority: "emergency", sourceCallerId: context.calledNumber, invitationTimeoutSeconds: ringSeconds },
      ],
      context: { ...context, step, fallbackTries: attempts + 1 },
      alerts: [],
    };
  }
  return {
    route: "emergency-fallback",
    reason: `emergency fallback ${fallback ?? "(none)"} did not answer ${attempts} times; hanging up so the PSAP can call again`,
    actions: [{ kind: "hangUp", reason: "emergency fallback unreachable" }],
    context: { ...context, step },
    alerts: [
      { severity: "critical", code: "emergency-fallback-unreachable", message: `a PSAP callback on ${context.calledNumber ?? "?"} reached nobody: the fallback ${fallback ?? "(none)"} did not answer ${attempts} times` },
    ],
  };
}

async function queueRetry(input: CallbackInput, context: CallContext, deps: CoreDeps, why: "add-failed" | "tick" | "play-failed"): Promise<CallDecision> {
  const callKey = input.serverCallId ?? "";
  const now = deps.clock.now();
  const claimed = await claimStep(deps, callKey, context.step);
  if (!claimed) return none("stale", `${input.type} for step ${context.step} of call ${callKey}: the call has moved on or ended`);
  // Only the failure of the current step frees the agent: a stale one may arrive after the call was offered
  // to the same agent again (after an overflow), and must not release that engagement.
  if (why === "add-failed" && context.agentId) await disengage(deps.store, context.agentId, callKey, now);
  const record: QueuedCall = claimed.value;
  const queue = deps.config.queues.find((q) => q.name === record.queue);
  if (!queue) return { ...none("overflow", `queue ${record.queue} no longer exists; hanging up`), actions: [{ kind: "hangUp", reason: "queue removed" }] };
  if (why === "add-failed" && !context.agentId) {
    return {
      route: "overflow",
      reason: `overflow target of queue ${queue.name} did not answer; hanging up`,
      actions: [{ kind: "hangUp", reason: "overflow target unreachable" }],
      context: { ...context, step: record.step },
      alerts: [{ severity: "warning", code: "overflow-target-unreachable", message: `overflow target ${queue.overflowTarget ?? "?"} of queue ${queue.name} did not answer` }],
    };
  }
  const step =
    why === "play-failed"
      ? await overflow(deps, queue, callKey, record, "hold music failed to play")
      : await nextQueueStep(deps, queue, callKey, record);
  if (step.record !== record) await saveStep(deps, callKey, claimed, step.record);
  const alerts = why === "play-failed" ? [...step.alerts, { severity: "warning" as const, code: "hold-music-failed", message: `hold music failed on queue ${queue.name}; check CCVOICE_HOLD_MUSIC_URL` }] : step.alerts;
  return { route: step.route, reason: step.reason, actions: step.actions, context: step.context, alerts };
}

async function callDisconnected(input: CallbackInput, deps: CoreDeps, emergency: boolean): Promise<CallDecision> {
  if (emergency || !input.serverCallId) return none("ignored", "call disconnected");
  const callKey = input.serverCallId;
  const released = await disengageCall(deps.store, callKey, deps.clock.now());
  const found = await deps.store.get<QueuedCall>("call", callKey);
  if (found && !found.value.ended) await deps.store.put("call", callKey, { ...found.value, ended: true }, found.version, deps.clock.now() + 24 * 3_600_000);
  return none("ignored", released.length ? `call disconnected; released ${released.join(", ")}` : "call disconnected");
}
