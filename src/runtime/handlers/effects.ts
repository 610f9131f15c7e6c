/**
 * Executes the core's decisions with the adapters, and raises alerts. Shared by the handlers.
 */
import type { InvocationContext } from "@azure/functions";
import { releaseEvent } from "../core/idempotency";
import { encodeContext, splitOnAnswer } from "../core/operationContext";
import { markEmailSent, type EmailMessage } from "../core/notification";
import type { Alert, CallAction, CallContext, CallDecision } from "../core/types";
import type { Runtime } from "../runtime";

/** Marker of alert log lines (an Azure Monitor alert rule filters on it). */
export const ALERT_MARKER = "ccvoice-alert";

/**
 * Logs alerts (`ccvoice-alert <severity> <code>: <message>`); critical ones are also emailed to the
 * notification contacts, in the background, once per `dedupeKey`.
 */
export function raiseAlerts(alerts: readonly Alert[], context: InvocationContext, runtime: Runtime, dedupeKey: string): void {
  for (const alert of alerts) {
    const line = `${ALERT_MARKER} ${alert.severity} ${alert.code}: ${alert.message}`;
    if (alert.severity === "critical") context.error(line);
    else context.warn(line);
    const to = runtime.core.config.emergency.contacts.map((c) => c.email);
    const key = `alert-${alert.code}-${dedupeKey}`;
    if (alert.severity === "critical" && runtime.email && to.length > 0 && !runtime.core.seen.has(key)) {
      runtime.core.seen.add(key);
      const email = runtime.email;
      runtime.background(
        email
          .send({ key, to, subject: `[ccvoice ${runtime.core.config.environment}] ${alert.code}`, text: alert.message })
          .catch((err: unknown) => context.error(`${ALERT_MARKER} warning alert-email-failed: could not email alert ${alert.code}: ${String(err)}`)),
      );
    }
  }
}

/**
 * Gives an event's claim back after its processing failed, so the sender's retry is processed; when the
 * store refuses, the retry will be taken for a duplicate: that is raised as a warning alert, not swallowed.
 */
export async function giveBackEvent(source: string, eventId: string, runtime: Runtime, context: InvocationContext): Promise<void> {
  const released = await releaseEvent(runtime.core.store, runtime.core.seen, source, eventId);
  if (!released.ok) {
    context.warn(`${ALERT_MARKER} warning event-release-failed: could not give back event ${eventId} (${String(released.error)}); its retry will be taken for a duplicate and skipped`);
  }
}

/** Whether an SDK error says the call no longer exists (it ended meanwhile). */
export function isCallGone(err: unknown): boolean {
  const status = (err as { statusCode?: unknown })?.statusCode;
  return status === 404;
}

/** A request on a connected call failed (refused or not delivered); `cause` is the SDK's error. */
export class CallActionError extends Error {
  constructor(
    readonly action: CallAction,
    readonly cause: unknown,
  ) {
    super(`${action.kind} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "CallActionError";
  }
}

function ordered(actions: readonly CallAction[]): CallAction[] {
  const rank = (a: CallAction) => (a.kind === "addParticipant" && a.priority === "emergency" ? 0 : 1);
  return [...actions].sort((a, b) => rank(a) - rank(b));
}

/**
 * Runs the actions of a decision on a connected call. Emergency-priority actions run first. An action on a
 * call that has meanwhile ended is logged and skipped.
 *
 * @throws CallActionError naming the action that failed
 */
export async function executeOnCall(
  callConnectionId: string,
  actions: readonly CallAction[],
  callContext: CallContext | undefined,
  runtime: Runtime,
  context: InvocationContext,
): Promise<void> {
  const operationContext = callContext ? encodeContext(callContext) : "";
  for (const action of ordered(actions)) {
    try {
      switch (action.kind) {
        case "addParticipant":
          await runtime.calls.addParticipant(callConnectionId, action.target, {
            sourceCallerId: action.sourceCallerId,
            invitationTimeoutSeconds: action.invitationTimeoutSeconds,
            operationContext,
          });
          break;
        case "hold":
          if (!runtime.settings.holdMusicUrl) throw new Error("hold decided but CCVOICE_HOLD_MUSIC_URL is not set");
          await runtime.calls.play(callConnectionId, runtime.settings.holdMusicUrl, operationContext);
          break;
        case "hangUp":
          await runtime.calls.hangUp(callConnectionId);
          break;
        case "answer":
        case "reject":
          throw new Error(`${action.kind} cannot run on a connected call`);
      }
    } catch (err) {
      if (isCallGone(err)) {
        context.log(`call ${callConnectionId} has ended; skipped ${action.kind}`);
        continue;
      }
      throw new CallActionError(action, err);
    }
  }
}

/**
 * Answers or rejects an incoming call. The actions after `answer` travel in the answer's operation
 * context and run on `CallConnected`.
 *
 * @returns the call connection id when answered
 */
export async function executeIncoming(decision: CallDecision, incomingCallContext: string, runtime: Runtime): Promise<string | undefined> {
  const { first, onConnected } = splitOnAnswer(decision.actions);
  if (!first) return undefined;
  if (first.kind === "reject") {
    await runtime.calls.reject(incomingCallContext);
    return undefined;
  }
  const callContext = { ...(decision.context ?? { route: "queue" as const, step: 1 }), pending: onConnected };
  const { callConnectionId } = await runtime.calls.answer(incomingCallContext, runtime.settings.callbackUrl, encodeContext(callContext));
  return callConnectionId;
}

/**
 * Sends a notification email in the background and marks it sent in the outbox; a failure stays pending
 * and the timer retries it.
 */
export function sendInBackground(message: EmailMessage, queued: boolean, runtime: Runtime, context: InvocationContext): void {
  const email = runtime.email;
  if (!email) {
    context.warn(`${ALERT_MARKER} warning email-not-configured: notification ${message.key} not sent: ACS_EMAIL_SENDER is not set`);
    return;
  }
  runtime.background(
    (async () => {
      try {
        await email.send(message);
        if (queued) await markEmailSent(runtime.core.store, message.key, runtime.core.clock.now());
      } catch (err) {
        context.error(`${ALERT_MARKER} warning notification-email-failed: ${message.key} not sent yet (${String(err)}); the timer retries it`);
      }
    })(),
  );
}
