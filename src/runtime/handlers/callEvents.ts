/**
 * The `callEvents` function: Call Automation callbacks (an array of CloudEvents) posted to the callback URL
 * given on answer. Every request's `Authorization: Bearer <JWT>` is verified first (RS256, issuer, audience =
 * the ACS immutable resource id, expiry, cached JWKS); an unsigned, forged or expired token gets 401 and
 * nothing is read or changed.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { CALLBACK_SOURCE, decideCallback, decideRefusedAction, FALLBACK_ATTEMPTS } from "../core/callbackEvents";
import { decodeContext } from "../core/operationContext";
import { partyFromIdentifier } from "../core/parties";
import type { CallbackInput, CallDecision } from "../core/types";
import type { Runtime } from "../runtime";
import { ALERT_MARKER, CallActionError, executeOnCall, giveBackEvent, raiseAlerts } from "./effects";
import { bearerToken, isTransientVerificationError, json, problem } from "./http";

const PREFIX = "Microsoft.Communication.";

/** Normalises one CloudEvent; `undefined` when it is not a Call Automation event. */
export function callbackInput(event: unknown): CallbackInput | undefined {
  if (event === null || typeof event !== "object") return undefined;
  const e = event as Record<string, unknown>;
  const data = (e.data ?? {}) as Record<string, unknown>;
  const type = typeof e.type === "string" ? e.type : "";
  const callConnectionId = typeof data.callConnectionId === "string" ? data.callConnectionId : "";
  if (!type.startsWith(PREFIX) || !callConnectionId || typeof e.id !== "string") return undefined;
  const result = (data.resultInformation ?? {}) as Record<string, unknown>;
  return {
    eventId: e.id,
    type: type.slice(PREFIX.length),
    callConnectionId,
    serverCallId: typeof data.serverCallId === "string" ? data.serverCallId : undefined,
    context: decodeContext(data.operationContext),
    participant: data.participant === undefined ? undefined : partyFromIdentifier(data.participant),
    resultCode: typeof result.code === "number" ? result.code : undefined,
    resultSubCode: typeof result.subCode === "number" ? result.subCode : undefined,
  };
}

/**
 * Executes a decision. A request refused at once gets no failure callback, so it is handled here as that
 * callback would be (`decideRefusedAction`): a PSAP callback whose agent cannot be added goes to the
 * emergency fallback at once, a queue call to the next agent or hold, instead of staying connected to nobody.
 *
 * @returns the decision finally carried out
 * @throws the last failure when nothing else can be done
 */
async function execute(input: CallbackInput, first: CallDecision, context: InvocationContext, runtime: Runtime): Promise<CallDecision> {
  let decision = first;
  // Each refusal moves the call on (next agent, next fallback attempt, overflow, hang-up): bounded.
  const rounds = runtime.core.config.agents.length + FALLBACK_ATTEMPTS + 4;
  for (let round = 0; ; round++) {
    raiseAlerts(decision.alerts, context, runtime, round === 0 ? input.eventId : `${input.eventId}-refused-${round}`);
    try {
      await executeOnCall(input.callConnectionId, decision.actions, decision.context, runtime, context);
      return decision;
    } catch (err) {
      if (!(err instanceof CallActionError) || !decision.context || round >= rounds) throw err;
      const next = await decideRefusedAction(err.action.kind, input, decision.context, runtime.core);
      if (!next) throw err;
      context.warn(`${ALERT_MARKER} warning call-action-refused: ${err.message} on call ${input.callConnectionId}; ${next.reason}`);
      decision = next;
    }
  }
}

/** Handles one callback request. */
export async function callEvents(request: HttpRequest, context: InvocationContext, runtime: Runtime): Promise<HttpResponseInit> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) {
    context.warn("callEvents: request without a bearer token refused");
    return problem(401, "a Call Automation bearer token is required");
  }
  try {
    await runtime.callbackVerifier.verify(token);
  } catch (err) {
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (isTransientVerificationError(err)) {
      context.error(`callEvents: cannot verify tokens now (${why}); answering 503 so the callback is retried`);
      return problem(503, "the token cannot be verified right now; retry");
    }
    context.warn(`callEvents: token refused: ${why}`);
    return problem(401, "the bearer token is not valid for this ACS resource");
  }
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return problem(400, "the body must be a JSON array of CloudEvents");
  }
  const events = Array.isArray(body) ? body : [body];
  const results: { id: unknown; type: unknown; route: string; reason: string }[] = [];
  let failed = false;
  for (const raw of events) {
    const input = callbackInput(raw);
    const e = raw as Record<string, unknown> | null;
    if (!input) {
      results.push({ id: e?.id, type: e?.type, route: "ignored", reason: "not a Call Automation event" });
      continue;
    }
    try {
      const decision = await execute(input, await decideCallback(input, runtime.core), context, runtime);
      results.push({ id: input.eventId, type: input.type, route: decision.route, reason: decision.reason });
      context.log(`callEvents ${input.type} ${input.eventId} on ${input.callConnectionId}: ${decision.route}: ${decision.reason}`);
    } catch (err) {
      failed = true;
      await giveBackEvent(CALLBACK_SOURCE, input.eventId, runtime, context);
      context.error(`callEvents ${input.type} ${input.eventId} failed: ${String(err)}`);
      results.push({ id: input.eventId, type: input.type, route: "failed", reason: String(err) });
    }
  }
  return json(failed ? 500 : 200, { results });
}
