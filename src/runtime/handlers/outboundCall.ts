/**
 * The `outboundCall` function: places a call on behalf of a Teams resource account.
 * `POST /api/outboundCall` with `{ "resourceAccount": "cc-support-us@contoso.com", "to": "+14255550123",
 * "country"?: "US", "agentId"?: "alice" }` →
 * - `201 { "callConnectionId", "destination" }` when allowed (`ccvoice:runtime.outboundAllowedPatterns`);
 * - `422 { "error": "911 is an emergency number ...: dial 911 directly ..." }` for an emergency number, at once,
 *   with a critical alert (never a silent drop);
 * - `403 { "error" }` when no pattern allows the destination.
 * Authentication: see `agentAuth.ts` (the desktop backend's app role).
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { UserError } from "../core/errors";
import type { Runtime } from "../runtime";
import { authorizeAgent } from "./agentAuth";
import { raiseAlerts } from "./effects";
import { errorResponse, json, problem, readJson } from "./http";

/** Handles one outbound request. */
export async function outboundCall(request: HttpRequest, context: InvocationContext, runtime: Runtime): Promise<HttpResponseInit> {
  try {
    const body = (await readJson(request)) as Record<string, unknown> | null;
    const field = (name: string, required: boolean): string | undefined => {
      const v = body?.[name];
      if (v === undefined && !required) return undefined;
      if (typeof v !== "string" || v === "") throw new UserError(`${name} must be text, got ${JSON.stringify(v) ?? "nothing"}`);
      return v;
    };
    const resourceAccount = field("resourceAccount", true) as string;
    const to = field("to", true) as string;
    const agentId = field("agentId", false);
    await authorizeAgent(request, runtime, agentId);
    // Loaded on first use: the number metadata (libphonenumber) costs ~100 ms to load, which cold starts of
    // the other functions should not pay.
    const { decideOutbound } = await import("../core/outbound");
    const decision = decideOutbound(runtime.core.config, { resourceAccount, to, country: field("country", false), agentId });
    if (!decision.allowed) {
      raiseAlerts(decision.alerts, context, runtime, `outbound-${to}-${runtime.core.clock.now()}`);
      context.warn(`outboundCall refused: ${decision.reason}`);
      return problem(decision.status, decision.reason);
    }
    const { callConnectionId } = await runtime.calls.createCall(decision.destination, {
      sourceCallerId: decision.resourceAccount.phoneNumber,
      onBehalfOfAppId: decision.resourceAccount.objectId,
      callbackUrl: runtime.settings.callbackUrl,
      operationContext: "",
    });
    context.log(`outboundCall to ${decision.destination} on behalf of ${decision.resourceAccount.upn}`);
    return json(201, { callConnectionId, destination: decision.destination });
  } catch (err) {
    if (!(err instanceof UserError)) context.error(`outboundCall failed: ${String(err)}`);
    return errorResponse(err);
  }
}
