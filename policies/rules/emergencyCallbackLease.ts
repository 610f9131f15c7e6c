/**
 * `ccvoice-emergency-callback-lease`: a PSAP can call back the agent who dialed an emergency number for an
 * hour (DESIGN.md §5: the callback number is held for 60 minutes).
 *
 * Spec: `emergency.callbackLeaseMinutes` ≥ 60; stacks whose agents call through ACS (an `acs-*` approach, or
 * an agent of kind `acs`) have at least one number with purpose `callback-pool` (in `phoneNumbers.orders`,
 * `phoneNumbers.adopt` or `directRouting.numbers`) and a `fallbackTarget` for callbacks with no live lease.
 * Teams agents need no pool: Teams calls the agent's own number back. Resources: the runtime's
 * `CCVOICE_RUNTIME_CONFIG` app setting, when present and known, holds `emergency.leaseMinutes` ≥ 60.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import { TYPES, UNKNOWN, appSettingsOf, isRecord } from "../lib/resources";
import type { CcvoiceRule, CheckedResource, Finding } from "../lib/types";

/** Minimum time a callback number stays leased to the agent, in minutes. */
export const MIN_LEASE_MINUTES = 60;
/** The app setting that carries the runtime configuration (`src/runtime/runtimeConfigFromSpec.ts`). */
export const RUNTIME_CONFIG_SETTING = "CCVOICE_RUNTIME_CONFIG";

/** Whether agents of the stack place emergency calls through ACS (and so need a callback pool). */
export function needsCallbackPool(spec: VoiceChannelSpec): boolean {
  const acs = [spec.approach.inbound, spec.approach.outbound].some((a) => a.startsWith("acs-"));
  return acs || spec.runtime.agents.some((a) => a.kind === "acs");
}

/** Every callback-pool number or order of the stack, for messages: `order us-callback`, `+14255550180`. */
export function callbackPool(spec: VoiceChannelSpec): string[] {
  return [
    ...spec.phoneNumbers.orders.filter((o) => o.purpose === "callback-pool").map((o) => `order ${o.name}`),
    ...spec.phoneNumbers.adopt.filter((a) => a.purpose === "callback-pool").map((a) => a.phoneNumber),
    ...(spec.directRouting?.numbers ?? []).filter((n) => n.purpose === "callback-pool").map((n) => n.phoneNumber),
  ];
}

/**
 * Problems with how long and with which numbers PSAP callbacks are held.
 *
 * @param spec a validated spec
 */
export function findCallbackLeaseProblems(spec: VoiceChannelSpec): Finding[] {
  const findings: Finding[] = [];
  const lease = spec.emergency.callbackLeaseMinutes;
  if (lease < MIN_LEASE_MINUTES) {
    findings.push({
      resource: "ccvoice:emergency.callbackLeaseMinutes",
      message: `ccvoice:emergency.callbackLeaseMinutes is ${lease}, so a PSAP calling back after ${lease} minutes no longer reaches the agent who called. Set it to at least ${MIN_LEASE_MINUTES}.`,
    });
  }
  if (!needsCallbackPool(spec)) return findings;
  const pool = callbackPool(spec);
  if (pool.length === 0) {
    findings.push({
      resource: "ccvoice:phoneNumbers",
      message: `Agents call through ACS (approach ${spec.approach.inbound} / ${spec.approach.outbound}) but no number has purpose callback-pool, so a PSAP calling back cannot reach the agent who dialed an emergency number. Add a number with purpose callback-pool to ccvoice:phoneNumbers.orders, ccvoice:phoneNumbers.adopt or ccvoice:directRouting.numbers.`,
    });
  } else if (spec.emergency.fallbackTarget === undefined) {
    findings.push({
      resource: "ccvoice:emergency.fallbackTarget",
      message: `The callback pool (${pool.join(", ")}) has no ccvoice:emergency.fallbackTarget, so a PSAP callback to a pool number with no live lease reaches nobody. Set fallbackTarget to the E.164 number of the security desk.`,
    });
  }
  return findings;
}

function checkRuntimeConfig(resource: CheckedResource): Finding[] {
  if (resource.type !== TYPES.webApp) return [];
  const setting = appSettingsOf(resource)?.find((s) => s.name === RUNTIME_CONFIG_SETTING);
  if (!setting || setting.value === UNKNOWN || typeof setting.value !== "string") return [];
  let doc: unknown;
  try {
    doc = JSON.parse(setting.value);
  } catch {
    return []; // the runtime refuses it at start with its own message
  }
  const lease = isRecord(doc) && isRecord(doc.emergency) ? doc.emergency.leaseMinutes : undefined;
  if (typeof lease !== "number" || lease >= MIN_LEASE_MINUTES) return [];
  return [
    {
      resource: resource.name,
      setting: "ccvoice:emergency.callbackLeaseMinutes",
      message: `Function App ${resource.name} holds callback numbers for ${lease} minutes (app setting ${RUNTIME_CONFIG_SETTING}, emergency.leaseMinutes), so a later PSAP callback misses the agent. Regenerate the setting with ccvoice:emergency.callbackLeaseMinutes of at least ${MIN_LEASE_MINUTES}.`,
    },
  ];
}

export const emergencyCallbackLease: CcvoiceRule = {
  name: "ccvoice-emergency-callback-lease",
  description:
    "Callback numbers stay leased to the agent for at least 60 minutes after an emergency call, and stacks whose agents call through ACS have callback-pool numbers and a fallback target.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findCallbackLeaseProblems(spec) : []),
  checkResource: checkRuntimeConfig,
};
