/**
 * Capabilities of a phone number and the property-level failure shape, shared by the order and the
 * adopted-numbers resources. Pure.
 */

export const CAPABILITY_TYPES = ["none", "inbound", "outbound", "inbound+outbound"] as const;
export type CapabilityType = (typeof CAPABILITY_TYPES)[number];

/** Calling and SMS capabilities of a number. */
export interface Capabilities {
  calling: CapabilityType;
  sms: CapabilityType;
}

/** One property-level check failure, the shape of Pulumi's `CheckFailure`. */
export interface Failure {
  property: string;
  reason: string;
}

const show = (v: unknown): string => JSON.stringify(v);

/** Checks `{calling, sms}`, applying `fallback` to missing members. */
export function checkCapabilities(raw: unknown, path: string, failures: Failure[], fallback: Capabilities): Capabilities {
  const caps = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && (typeof raw !== "object" || raw === null)) {
    failures.push({ property: "capabilities", reason: `${path}.capabilities must be {calling, sms}, got ${show(raw)}` });
  }
  const one = (key: "calling" | "sms"): CapabilityType => {
    const v = caps[key] ?? fallback[key];
    if (!CAPABILITY_TYPES.includes(v as CapabilityType)) {
      failures.push({ property: `capabilities.${key}`, reason: `${path}.capabilities.${key} must be one of ${CAPABILITY_TYPES.join(", ")}, got ${show(caps[key])}` });
    }
    return v as CapabilityType;
  };
  return { calling: one("calling"), sms: one("sms") };
}

