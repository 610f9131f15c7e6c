/**
 * The `agentEmergency` function: the agent desktop reports that an agent started or ended an emergency call
 * (the call itself is placed by the agent's client with the Calling SDK; this endpoint must never be on
 * the call's critical path: the desktop dials first or in parallel).
 *
 * `POST /api/agentEmergency` with `{ "event": "started" | "ended", "agentId": "alice", "requestId": "<uuid per call>",
 * "dialed"?: "911", "country"?: "US", "startedAt"?: "<ISO time>" }` →
 * `200 { "callbackNumber": "+14255550180" | null, "leaseExpiresAt": "<ISO>" | null, "duplicate": false, "degraded"?: "..." }`;
 * `503 { "error", "degraded" }` for an `ended` the state store could not record: send it again.
 * Authentication: see `agentAuth.ts`.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { handleEmergencyReport, hasEmergencyHold, type EmergencyOutcome, type EmergencyReport } from "../core/agentEmergency";
import { UserError } from "../core/errors";
import type { Runtime } from "../runtime";
import { authorizeAgent } from "./agentAuth";
import { ALERT_MARKER, raiseAlerts, sendInBackground } from "./effects";
import { errorResponse, json, readJson } from "./http";

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Reads and checks a report body.
 *
 * @throws UserError 400 naming the field, the value and the fix
 */
export function parseEmergencyReport(body: unknown): EmergencyReport {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new UserError('the body must be an object such as {"event":"started","agentId":"alice","requestId":"<uuid>"}');
  }
  const b = body as Record<string, unknown>;
  const bad = (field: string, what: string) => new UserError(`${field} must be ${what}, got ${JSON.stringify(b[field]) ?? "nothing"}`);
  if (b.event !== "started" && b.event !== "ended") throw bad("event", '"started" or "ended"');
  if (typeof b.agentId !== "string" || b.agentId === "") throw bad("agentId", "the agent's id from ccvoice:runtime.agents");
  if (typeof b.requestId !== "string" || !ID.test(b.requestId)) throw bad("requestId", "an id generated once per emergency call (letters, digits, . _ : -), such as a UUID");
  if (b.dialed !== undefined && (typeof b.dialed !== "string" || !/^[0-9+*#\s()-]{1,20}$/.test(b.dialed))) throw bad("dialed", "the dialed digits such as 911");
  if (b.country !== undefined && (typeof b.country !== "string" || !/^[A-Z]{2}$/.test(b.country))) throw bad("country", "an ISO country code in capitals such as US");
  let startedAt: number | undefined;
  if (b.startedAt !== undefined) {
    startedAt = typeof b.startedAt === "number" ? b.startedAt : typeof b.startedAt === "string" ? Date.parse(b.startedAt) : NaN;
    if (!Number.isFinite(startedAt)) throw bad("startedAt", "an ISO 8601 time such as 2025-01-01T12:00:00Z");
  }
  return { event: b.event, agentId: b.agentId, requestId: b.requestId, dialed: b.dialed as string | undefined, country: b.country as string | undefined, startedAt };
}

/**
 * Sets or clears the agent's Do Not Disturb in Teams, then reconciles: reports of one agent handled at the
 * same time (another instance, or a replay) may have their Graph calls land in either order, so after its
 * own call the handler reads whether an emergency hold exists now and, when Teams was left the other way,
 * corrects it. The last Graph call then always matches the stored holds.
 */
async function applyTeamsPresence(outcome: EmergencyOutcome, report: EmergencyReport, context: InvocationContext, runtime: Runtime): Promise<void> {
  const presence = runtime.presence;
  const agent = outcome.agent;
  let change = outcome.teamsPresence;
  if (agent.kind !== "teams" || change === "unchanged") return;
  if (!presence) {
    context.warn(`${ALERT_MARKER} warning presence-not-configured: Teams presence of ${agent.id} not changed: no Graph presence adapter`);
    return;
  }
  const apply = (change: "set-dnd" | "restore") => (change === "set-dnd" ? presence.setDoNotDisturb(agent.userId) : presence.clear(agent.userId));
  let step = `${change} Teams presence of`;
  try {
    await apply(change);
    if (outcome.degraded) return;
    step = "check the emergency holds (to reconcile Teams presence) of";
    const wanted = (await hasEmergencyHold(runtime.core, agent.id)) ? "set-dnd" : "restore";
    if (wanted !== change) {
      change = wanted;
      step = `${change} Teams presence (reconciling) of`;
      await apply(wanted);
    }
  } catch (err) {
    raiseAlerts(
      [{ severity: "warning", code: "teams-presence-failed", message: `could not ${step} agent ${agent.id}: ${String(err)}` }],
      context,
      runtime,
      `${report.requestId}-${report.event}`,
    );
  }
}

/** Handles one report. */
export async function agentEmergency(request: HttpRequest, context: InvocationContext, runtime: Runtime): Promise<HttpResponseInit> {
  try {
    const report = parseEmergencyReport(await readJson(request));
    await authorizeAgent(request, runtime, report.agentId);
    const outcome = await handleEmergencyReport(report, runtime.core);
    raiseAlerts(outcome.alerts, context, runtime, report.requestId);
    if (outcome.email) sendInBackground(outcome.email, outcome.emailQueued, runtime, context);
    await applyTeamsPresence(outcome, report, context, runtime);
    context.log(`agentEmergency ${report.event} agent ${report.agentId}: callback ${outcome.lease?.number ?? "none"}${outcome.duplicate ? " (replay)" : ""}`);
    if (outcome.degraded && report.event === "ended") {
      // Unrecorded, the end would leave the agent's emergency hold (Do Not Disturb for routing) in place for
      // good: the desktop must send it again. (A degraded start needs no resend: nothing is held.)
      return json(503, {
        error: `the end of the emergency call could not be recorded (${outcome.degraded}); send the report again: until then the agent stays in Do Not Disturb for routing`,
        degraded: outcome.degraded,
      });
    }
    return json(200, {
      callbackNumber: outcome.lease?.number ?? null,
      leaseExpiresAt: outcome.lease ? new Date(outcome.lease.expiresAt).toISOString() : null,
      duplicate: outcome.duplicate,
      ...(outcome.degraded ? { degraded: outcome.degraded } : {}),
    });
  } catch (err) {
    if (!(err instanceof UserError)) context.error(`agentEmergency failed: ${String(err)}`);
    return errorResponse(err);
  }
}
