/**
 * The `incomingCall` function: Event Grid deliveries from the ACS system topic.
 * - `Microsoft.Communication.IncomingCall`: decide (core) → answer/reject (+ actions on connect).
 * - `CallStarted`, `CallParticipantAdded`, `CallEnded` (ACS VoIP users only: PSTN legs have no such events):
 *   keep agents' engagements in step with calls they take outside the runtime's routing.
 *
 * A processing failure gives the event id back and throws, so Event Grid retries (the IncomingCall
 * subscription has a short time-to-live: a stale call is worthless).
 */
import type { EventGridEvent, InvocationContext } from "@azure/functions";
import { disengageCall, engage } from "../core/agents";
import { claimEvent } from "../core/idempotency";
import { decideIncomingCall, INCOMING_CALL_SOURCE } from "../core/incomingCall";
import { describeParty, partyFromIdentifier } from "../core/parties";
import type { CallDecision, Party } from "../core/types";
import type { Runtime } from "../runtime";
import { ALERT_MARKER, executeIncoming, giveBackEvent, raiseAlerts } from "./effects";

/** What the handler did (logged; returned for tests and `ccvoice call`). */
export interface IncomingCallResult {
  readonly eventType: string;
  readonly route: CallDecision["route"] | "malformed" | "tracked";
  readonly reason: string;
  readonly actions: CallDecision["actions"];
  readonly callConnectionId?: string;
}

const PREFIX = "Microsoft.Communication.";

function str(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key];
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** The participant of a VoIP participant event (`user.communicationIdentifier` or `user` itself). */
function participantOf(data: Record<string, unknown>): Party {
  const user = data.user as Record<string, unknown> | undefined;
  return partyFromIdentifier(user?.communicationIdentifier ?? user);
}

/**
 * Handles one Event Grid event.
 *
 * @throws when processing failed for a reason a retry may fix (state store, Call Automation)
 */
export async function incomingCall(event: EventGridEvent, context: InvocationContext, runtime: Runtime): Promise<IncomingCallResult> {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const type = event.eventType.startsWith(PREFIX) ? event.eventType.slice(PREFIX.length) : event.eventType;
  if (type !== "IncomingCall") return trackVoipEvent(type, event, data, context, runtime);

  const incomingCallContext = str(data, "incomingCallContext");
  const serverCallId = str(data, "serverCallId");
  if (!incomingCallContext || !serverCallId) {
    const reason = `IncomingCall event ${event.id} has no ${incomingCallContext ? "serverCallId" : "incomingCallContext"}; it cannot be answered`;
    context.error(reason);
    return { eventType: type, route: "malformed", reason, actions: [] };
  }
  const input = {
    eventId: event.id,
    to: partyFromIdentifier(data.to),
    from: partyFromIdentifier(data.from),
    serverCallId,
    correlationId: str(data, "correlationId"),
  };
  let decision: CallDecision | undefined;
  let callConnectionId: string | undefined;
  try {
    // Once the event id is claimed, any failure must give it back (and what was reserved), or the retry would
    // be taken for a duplicate and the call never answered.
    decision = await decideIncomingCall(input, runtime.core);
    raiseAlerts(decision.alerts, context, runtime, event.id);
    callConnectionId = await executeIncoming(decision, incomingCallContext, runtime);
  } catch (err) {
    if (decision?.route !== "duplicate") {
      await undoIncoming(decision, serverCallId, runtime, context);
      await giveBackEvent(INCOMING_CALL_SOURCE, event.id, runtime, context);
    }
    context.error(`IncomingCall ${event.id} (${describeParty(input.to)}): ${decision?.route ?? "deciding"} failed, the event will be retried: ${String(err)}`);
    throw err;
  }
  context.log(`IncomingCall ${event.id} from ${describeParty(input.from)} to ${describeParty(input.to)}: ${decision.route}: ${decision.reason}`);
  return { eventType: type, route: decision.route, reason: decision.reason, actions: decision.actions, callConnectionId };
}

/**
 * Gives back what a failed answer (or a decision that failed half-way, `decision` undefined) reserved: the
 * agent's engagement and the call record of a queue call.
 */
async function undoIncoming(decision: CallDecision | undefined, serverCallId: string, runtime: Runtime, context: InvocationContext): Promise<void> {
  if (decision && decision.context?.route !== "queue") return;
  try {
    await disengageCall(runtime.core.store, serverCallId, runtime.core.clock.now());
    await runtime.core.store.delete("call", serverCallId);
  } catch (err) {
    // Engagements left behind expire with housekeeping, but a call record left behind makes the retry take
    // the call for one already being routed.
    context.warn(`${ALERT_MARKER} warning undo-failed: could not release what call ${serverCallId} reserved (${String(err)}); Event Grid's retry may skip it`);
  }
}

async function trackVoipEvent(
  type: string,
  event: EventGridEvent,
  data: Record<string, unknown>,
  context: InvocationContext,
  runtime: Runtime,
): Promise<IncomingCallResult> {
  const result = (route: IncomingCallResult["route"], reason: string): IncomingCallResult => ({ eventType: type, route, reason, actions: [] });
  if (type !== "CallParticipantAdded" && type !== "CallEnded") return result("ignored", `${type} needs no action`);
  const serverCallId = str(data, "serverCallId");
  if (!serverCallId) return result("malformed", `${type} event ${event.id} has no serverCallId`);
  const { core } = runtime;
  const claim = await claimEvent(core.store, core.seen, INCOMING_CALL_SOURCE, event.id, core.clock.now(), { critical: false, deadlineMs: core.emergencyStoreDeadlineMs });
  if (claim === "duplicate") return result("duplicate", `event ${event.id} was already processed`);
  try {
    if (type === "CallEnded") {
      const released = await disengageCall(core.store, serverCallId, core.clock.now());
      return result("tracked", released.length ? `call ended; released ${released.join(", ")}` : "call ended");
    }
    const party = participantOf(data);
    const agent = party.kind === "acsUser" ? core.config.agents.find((a) => a.kind === "acs" && a.userId === party.id) : undefined;
    if (!agent) return result("ignored", `participant ${describeParty(party)} is not an agent`);
    const engaged = await engage(core.store, agent, serverCallId, core.clock.now(), { checkCapacity: false });
    return result("tracked", engaged ? `agent ${agent.id} joined a call` : `agent ${agent.id} was already engaged on this call`);
  } catch (err) {
    await giveBackEvent(INCOMING_CALL_SOURCE, event.id, runtime, context);
    context.error(`${type} ${event.id} failed, the event will be retried: ${String(err)}`);
    throw err;
  }
}
