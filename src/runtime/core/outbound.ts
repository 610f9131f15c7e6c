/**
 * Outbound calls the runtime places on behalf of a Teams resource account. Allowed only to destinations
 * matching `ccvoice:runtime.outboundAllowedPatterns`. An emergency number is refused at once with a reason
 * telling the client to dial it directly (emergency calls are placed by the agent's client, which carries
 * the agent's location and emergency policies; server-side Call Automation calls to emergency numbers are not
 * documented as supported), and an alert is raised: never a silent drop.
 *
 * @see azure-voice-api-facts.md §5.1 (server-side Call Automation to 911: undocumented, assume not allowed)
 */
import { matchesNumberPattern } from "../../routing/matchesNumberPattern";
import { isEmergencyNumber } from "../../routing/emergencyNumbers";
import { parseDialed } from "../../routing/parseDialed";
import { UserError } from "./errors";
import type { RuntimeConfig, RuntimeResourceAccount } from "./runtimeConfig";
import type { Alert } from "./types";

/** A request to call out on behalf of a resource account. */
export interface OutboundRequest {
  /** Resource account UPN or Entra object id. */
  readonly resourceAccount: string;
  /** What was dialed (E.164, national format, or a short number). */
  readonly to: string;
  /** Where the caller is (ISO country); defaults to the resource account's usage location. */
  readonly country?: string;
  readonly agentId?: string;
}

/** The decision. */
export type OutboundDecision =
  | { readonly allowed: true; readonly destination: string; readonly resourceAccount: RuntimeResourceAccount; readonly pattern: string }
  | { readonly allowed: false; readonly status: 403 | 422; readonly reason: string; readonly alerts: readonly Alert[] };

/**
 * Decides an outbound call.
 *
 * @throws UserError 404 when the resource account is unknown, 400 when the destination is not a number
 */
export function decideOutbound(config: RuntimeConfig, request: OutboundRequest): OutboundDecision {
  const ra = config.resourceAccounts.find(
    (r) => r.upn.toLowerCase() === request.resourceAccount.toLowerCase() || r.objectId?.toLowerCase() === request.resourceAccount.toLowerCase(),
  );
  if (!ra) {
    throw new UserError(
      `resourceAccount ${JSON.stringify(request.resourceAccount)} is not in ccvoice:teams.resourceAccounts; known: ${config.resourceAccounts.map((r) => r.upn).join(", ") || "none"}`,
      404,
    );
  }
  const country = request.country ?? ra.usageLocation;
  const countries = [...new Set([country, ...config.emergency.countries])];
  const emergencyIn = countries.filter((c) => {
    try {
      return isEmergencyNumber(request.to, c);
    } catch {
      return false;
    }
  });
  if (emergencyIn.length > 0) {
    const reason = `${request.to} is an emergency number (${emergencyIn.join(", ")}); the server does not place emergency calls: dial ${request.to} directly from the agent's phone or client, now`;
    return {
      allowed: false,
      status: 422,
      reason,
      alerts: [
        {
          severity: "critical",
          code: "emergency-dialed-on-server-path",
          message: `an outbound call to emergency number ${request.to} on behalf of ${ra.upn}${request.agentId ? ` (agent ${request.agentId})` : ""} was refused; the client was told to dial it directly`,
        },
      ],
    };
  }
  let destination: string;
  try {
    const dialed = parseDialed(request.to, country);
    destination = dialed.e164 ?? dialed.dialString;
  } catch (err) {
    throw new UserError(`to ${err instanceof Error ? err.message.replace(/^dialed /, "") : String(err)}`, 400);
  }
  const pattern = config.outboundAllowedPatterns.find((p) => matchesNumberPattern(p, destination));
  if (!pattern) {
    return {
      allowed: false,
      status: 403,
      reason: `${destination} matches none of ccvoice:runtime.outboundAllowedPatterns (${config.outboundAllowedPatterns.join(", ") || "none set"}); add a pattern to allow it`,
      alerts: [],
    };
  }
  return { allowed: true, destination, resourceAccount: ra, pattern };
}
