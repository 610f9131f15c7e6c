/**
 * `ccvoice-eventgrid-incoming-call-ttl` (advisory): the IncomingCall subscription gives up quickly. An
 * IncomingCall is worthless once the caller has hung up, while Event Grid's defaults retry for 24 hours (30
 * attempts), and late deliveries delay new ones to the same endpoint.
 *
 * Resources: a subscription whose `filter.includedEventTypes` holds `Microsoft.Communication.IncomingCall`
 * has `retryPolicy.eventTimeToLiveInMinutes` ≤ 5 and `retryPolicy.maxDeliveryAttempts` ≤ 5 (absent values
 * are Event Grid's defaults, 1440 and 30). When no resource was evaluated (offline, configuration with
 * problems), the spec's `runtime.incomingCallEventTtlMinutes` and `incomingCallMaxDeliveryAttempts`.
 *
 * @see limits-and-reliability.md E1, §5
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import { EVENT_SUBSCRIPTION_TYPES, UNKNOWN, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckInput, CheckedResource, Finding } from "../lib/types";

/** The event ACS publishes for a call to one of its numbers or identities. */
export const INCOMING_CALL_EVENT = "Microsoft.Communication.IncomingCall";
/** Longest useful event time-to-live, in minutes. */
export const MAX_TTL_MINUTES = 5;
/** Most useful delivery attempts. */
export const MAX_ATTEMPTS = 5;
/** Event Grid's defaults when `retryPolicy` leaves them out. */
const DEFAULT_TTL = 1440;
const DEFAULT_ATTEMPTS = 30;
const TTL_SETTING = "ccvoice:runtime.incomingCallEventTtlMinutes";
const ATTEMPTS_SETTING = "ccvoice:runtime.incomingCallMaxDeliveryAttempts";

function ttlMessage(who: string, ttl: number): string {
  return `${who} keeps an undelivered IncomingCall for ${ttl} minutes (retryPolicy.eventTimeToLiveInMinutes), long after the caller has hung up. Set ${TTL_SETTING} to ${MAX_TTL_MINUTES} or less (default 1).`;
}

function attemptsMessage(who: string, attempts: number): string {
  return `${who} tries to deliver an IncomingCall ${attempts} times (retryPolicy.maxDeliveryAttempts), and late retries delay new calls to the same endpoint. Set ${ATTEMPTS_SETTING} to ${MAX_ATTEMPTS} or less (default 3).`;
}

function isIncomingCallSubscription(resource: CheckedResource): boolean {
  if (!EVENT_SUBSCRIPTION_TYPES.includes(resource.type)) return false;
  const types = valueAt(resource.inputs, "filter.includedEventTypes");
  return Array.isArray(types) && types.includes(INCOMING_CALL_EVENT);
}

/**
 * Whether an IncomingCall subscription retries for too long.
 *
 * @param resource any resource; other types and subscriptions give no finding
 */
export function checkIncomingCallRetry(resource: CheckedResource): Finding[] {
  if (!isIncomingCallSubscription(resource)) return [];
  const findings: Finding[] = [];
  const policy = valueAt(resource.inputs, "retryPolicy");
  if (policy === UNKNOWN) return [];
  const ttl = valueAt(resource.inputs, "retryPolicy.eventTimeToLiveInMinutes") ?? DEFAULT_TTL;
  const attempts = valueAt(resource.inputs, "retryPolicy.maxDeliveryAttempts") ?? DEFAULT_ATTEMPTS;
  const who = `IncomingCall subscription ${resource.name}`;
  if (typeof ttl === "number" && ttl > MAX_TTL_MINUTES) {
    findings.push({ resource: resource.name, setting: TTL_SETTING, message: ttlMessage(who, ttl) });
  }
  if (typeof attempts === "number" && attempts > MAX_ATTEMPTS) {
    findings.push({ resource: resource.name, setting: ATTEMPTS_SETTING, message: attemptsMessage(who, attempts) });
  }
  return findings;
}

/**
 * The same limits on the spec settings that produce the subscription.
 *
 * @param spec a validated spec
 */
export function findSlowIncomingCallSettings(spec: VoiceChannelSpec): Finding[] {
  const { incomingCallEventTtlMinutes: ttl, incomingCallMaxDeliveryAttempts: attempts } = spec.runtime;
  const who = "The IncomingCall subscription";
  return [
    ...(ttl > MAX_TTL_MINUTES ? [{ resource: TTL_SETTING, message: ttlMessage(who, ttl) }] : []),
    ...(attempts > MAX_ATTEMPTS ? [{ resource: ATTEMPTS_SETTING, message: attemptsMessage(who, attempts) }] : []),
  ];
}

export const eventgridIncomingCallTtl: CcvoiceRule = {
  name: "ccvoice-eventgrid-incoming-call-ttl",
  description:
    "The IncomingCall event subscription gives up quickly, with an event time-to-live of at most 5 minutes and at most 5 delivery attempts.",
  enforcementLevel: "advisory",
  inputs: "both",
  check: ({ spec, resourcesEvaluated }: CheckInput) =>
    resourcesEvaluated === false && spec ? findSlowIncomingCallSettings(spec) : [],
  checkResource: checkIncomingCallRetry,
};
