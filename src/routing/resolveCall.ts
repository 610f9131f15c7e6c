/**
 * The path one outbound call takes through the stack: the single entry point used by `ccvoice simulate`,
 * `ccvoice preview`, the policies and the runtime.
 */
import type { VoiceChannelSpec } from "../config/schema";
import type { CallInput, CallResolution } from "./callResolution";
import { resolveAcsCall } from "./resolveAcsCall";
import { resolveTeamsCall } from "./resolveTeamsCall";

/**
 * Resolves where an outbound call goes, by `approach.outbound`:
 * - `acs-direct-routing` / `acs-direct-offer` (hybrid included): direct routing first, then direct offer with
 *   a Microsoft caller id, else `blocked` (see `resolveAcsCall`);
 * - `teams-direct-routing` / `teams-calling-plan`: the resource account's policies (see `resolveTeamsCall`).
 *
 * @param spec a validated spec (`parseVoiceChannelSpec`)
 * @param call the dialed string, the caller's ISO country, and optionally the caller id (ACS) or resource account (Teams)
 * @returns the path, route, trunks or gateways, and a human-readable reason; `warnings` for fixable risks
 * @throws Error with a message naming the bad value when the dial string, country, caller id or resource account is unusable
 */
export function resolveCall(spec: VoiceChannelSpec, call: CallInput): CallResolution {
  switch (spec.approach.outbound) {
    case "acs-direct-routing":
    case "acs-direct-offer":
      return resolveAcsCall(spec, call);
    case "teams-direct-routing":
    case "teams-calling-plan":
      return resolveTeamsCall(spec, call);
  }
}
