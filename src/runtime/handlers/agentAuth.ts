/**
 * Authentication of the agent endpoints (`agentEmergency`, `agentState`, `outboundCall`).
 *
 * Two factors: the Functions host checks the function key (`x-functions-key`, auth level `function`)
 * before the handler runs; the handler then verifies an Entra bearer token (RS256, issuer, audience =
 * `CCVOICE_AGENT_AUTH_AUDIENCE`, expiry) against the tenant's JWKS. The token authorises:
 * - an agent acting for themself: its `oid` claim is the agent's `userId` (Teams agents), or
 * - a desktop backend acting for any agent: its `roles` claim holds `CCVOICE_AGENT_AUTH_ROLE`
 *   (default `CCVoice.AgentDesktop`, an app role of the API's Entra app; ACS agents use this path).
 */
import type { HttpRequest } from "@azure/functions";
import { agentById } from "../core/coreDeps";
import { UserError } from "../core/errors";
import { bearerToken, isTransientVerificationError } from "./http";
import type { Runtime } from "../runtime";

/**
 * Checks the caller may act for `agentId` (or for the service when `agentId` is undefined).
 *
 * @throws UserError 401 (no or bad token), 403 (token for someone else, or agent auth not configured),
 *   503 (the key set cannot be fetched: retry)
 */
export async function authorizeAgent(request: HttpRequest, runtime: Runtime, agentId: string | undefined): Promise<Record<string, unknown>> {
  const verifier = runtime.agentVerifier;
  if (!verifier) {
    throw new UserError("agent endpoints are disabled: set CCVOICE_AGENT_AUTH_AUDIENCE (and the tenant) in the Function App settings", 403);
  }
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) throw new UserError("an Entra bearer token is required (Authorization: Bearer <token>)", 401);
  let claims: Record<string, unknown>;
  try {
    claims = await verifier.verify(token);
  } catch (err) {
    if (isTransientVerificationError(err)) {
      throw new UserError(`the bearer token cannot be verified right now (${err instanceof Error ? err.message : String(err)}); retry`, 503);
    }
    throw new UserError(`the bearer token was refused (${err instanceof Error ? err.name : "invalid"})`, 401);
  }
  const role = runtime.settings.agentAuth?.role ?? "CCVoice.AgentDesktop";
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  if (roles.includes(role)) return claims;
  const agent = agentById(runtime.core.config, agentId);
  if (agent && agent.kind === "teams" && typeof claims.oid === "string" && claims.oid.toLowerCase() === agent.userId.toLowerCase()) return claims;
  throw new UserError(
    agentId === undefined
      ? `the token lacks the app role ${role}`
      : `the token is neither agent ${agentId}'s own (oid) nor a desktop backend's (app role ${role})`,
    403,
  );
}
