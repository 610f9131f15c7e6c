/**
 * The `agentState` function: the agent desktop reports the agent's presence for routing.
 * `POST /api/agentState` with `{ "agentId": "alice", "presence": "available" | "busy" | "away" | "dnd" | "offline" }`
 * → `200 { "presence": "<in effect>" }` (`dnd` while an emergency call is in progress; the reported presence
 * is restored when it ends). Authentication: see `agentAuth.ts`.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { reportPresence } from "../core/agentEmergency";
import { PRESENCES, type Presence } from "../core/agents";
import { UserError } from "../core/errors";
import type { Runtime } from "../runtime";
import { authorizeAgent } from "./agentAuth";
import { errorResponse, json, readJson } from "./http";

/** Handles one presence report. */
export async function agentState(request: HttpRequest, context: InvocationContext, runtime: Runtime): Promise<HttpResponseInit> {
  try {
    const body = (await readJson(request)) as Record<string, unknown> | null;
    const agentId = body?.agentId;
    const presence = body?.presence;
    if (typeof agentId !== "string" || agentId === "") throw new UserError(`agentId must be the agent's id from ccvoice:runtime.agents, got ${JSON.stringify(agentId) ?? "nothing"}`);
    if (typeof presence !== "string" || !(PRESENCES as readonly string[]).includes(presence)) {
      throw new UserError(`presence must be one of ${PRESENCES.join(", ")}, got ${JSON.stringify(presence) ?? "nothing"}`);
    }
    await authorizeAgent(request, runtime, agentId);
    const effective = await reportPresence(runtime.core, agentId, presence as Presence);
    return json(200, { presence: effective });
  } catch (err) {
    if (!(err instanceof UserError)) context.error(`agentState failed: ${String(err)}`);
    return errorResponse(err);
  }
}
