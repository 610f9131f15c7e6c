/**
 * Which caller id an ACS call carries, and whether it is a Microsoft number on the resource (which decides
 * whether an unmatched call may leave through direct offer).
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { VoiceChannelSpec } from "../config/schema";

/** The caller id of an ACS call. */
export interface CallerId {
  /** `+14255550100` or `order:us-main`; absent when the resource has no Microsoft number and none was given. */
  readonly callerId?: string;
  /** For messages: `order us-main`, `adopted number +14255550100`, `carrier number +4533123400`. */
  readonly label: string;
  /** A Microsoft number on the resource with outbound calling. */
  readonly microsoftOutbound: boolean;
  /** True when `from` was omitted and the caller id was chosen by {@link resolveCallerId}. */
  readonly assumed: boolean;
  /** Why the number cannot carry a direct offer call, when `microsoftOutbound` is false. */
  readonly whyNot?: string;
  /**
   * Index in `phoneNumbers.adopt` of the caller id when it is an adopted number that declares no capabilities:
   * `microsoftOutbound` then rests on an assumption, because the deployment keeps the live number's
   * capabilities as they are (see {@link assumedCapabilitiesWarning}).
   */
  readonly assumedCapabilities?: number;
}

/**
 * The warning for a call that rests on an adopted number whose capabilities are not declared.
 *
 * @param spec the validated spec
 * @param index index in `phoneNumbers.adopt`
 */
export function assumedCapabilitiesWarning(spec: VoiceChannelSpec, index: number): string {
  const number = spec.phoneNumbers.adopt[index]?.phoneNumber;
  return `adopted number ${number} does not declare its capabilities, so ccvoice assumes it makes calls but keeps whatever it has live; declare capabilities: { calling: inbound+outbound } on ccvoice:phoneNumbers.adopt[${index}] so the deployment sets it`;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const OUTBOUND = new Set(["outbound", "inbound+outbound"]);

type Capabilities = { calling: string } | undefined;

/**
 * Adopted numbers with no `capabilities` are assumed to make calls (ACS numbers default to inbound+outbound),
 * but callers learn it through `assumedCapabilities`: the deployment does not enforce it.
 */
function callsOut(capabilities: Capabilities): boolean {
  return capabilities === undefined || OUTBOUND.has(capabilities.calling);
}

function countryOf(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/**
 * Resolves the caller id of an ACS call.
 *
 * - `from` omitted: the first outbound-capable Microsoft number, preferring numbers whose outbound calling the
 *   deployment guarantees (orders, adopted numbers that declare capabilities), then the caller's country:
 *   orders in list order (`order:<name>`), then adopted numbers; `assumed` is true.
 * - `from: "order:<name>"`: that order's numbers (known only after purchase).
 * - `from: "+E164"`: Microsoft if it is an adopted number with outbound calling; a number bought by an
 *   order is not known offline, so it counts as not Microsoft (pass `order:<name>` instead).
 *
 * @param spec the validated spec
 * @param from caller id as given to `simulate --from`
 * @param country ISO country of the caller, to prefer a local number when `from` is omitted
 * @throws Error when `from` is neither E.164 nor `order:<name>` of a declared order
 */
export function resolveCallerId(spec: VoiceChannelSpec, from: string | undefined, country: string): CallerId {
  const { orders, adopt } = spec.phoneNumbers;
  if (from === undefined) {
    const candidates = [
      ...orders
        .filter((o) => callsOut(o.capabilities))
        .map((o) => ({ callerId: `order:${o.name}`, label: `order ${o.name}`, country: o.countryCode, adoptIndex: undefined })),
      ...adopt
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => callsOut(a.capabilities))
        .map(({ a, i }) => ({
          callerId: a.phoneNumber,
          label: `adopted number ${a.phoneNumber}`,
          country: countryOf(a.phoneNumber),
          adoptIndex: a.capabilities === undefined ? i : undefined,
        })),
    ];
    // numbers whose outbound calling the deployment guarantees first, then the caller's country
    const declared = candidates.filter((c) => c.adoptIndex === undefined);
    const chosen =
      declared.find((c) => c.country === country) ?? declared[0] ?? candidates.find((c) => c.country === country) ?? candidates[0];
    if (chosen) {
      return {
        callerId: chosen.callerId, label: chosen.label, microsoftOutbound: true, assumed: true,
        ...(chosen.adoptIndex !== undefined ? { assumedCapabilities: chosen.adoptIndex } : {}),
      };
    }
    return {
      label: "none",
      microsoftOutbound: false,
      assumed: true,
      whyNot: "the resource has no Microsoft number with outbound calling (ccvoice:phoneNumbers)",
    };
  }
  if (from.startsWith("order:")) {
    const name = from.slice("order:".length);
    const order = orders.find((o) => o.name === name);
    if (!order) {
      const known = orders.map((o) => o.name).join(", ") || "none";
      throw new Error(
        `from ${JSON.stringify(from)} names no order in ccvoice:phoneNumbers.orders; known orders: ${known}`,
      );
    }
    const label = `order ${name}`;
    if (!callsOut(order.capabilities)) {
      const whyNot = `order ${name} has calling capability ${order.capabilities.calling}, not outbound`;
      return { callerId: from, label, microsoftOutbound: false, assumed: false, whyNot };
    }
    return { callerId: from, label, microsoftOutbound: true, assumed: false };
  }
  if (!E164.test(from)) {
    throw new Error(
      `from ${JSON.stringify(from)} must be an E.164 number such as +14255550100, or order:<name> of a phone number order`,
    );
  }
  const index = adopt.findIndex((a) => a.phoneNumber === from);
  const adopted = adopt[index];
  if (adopted) {
    const label = `adopted number ${from}`;
    if (!callsOut(adopted.capabilities)) {
      const whyNot = `${label} has calling capability ${adopted.capabilities?.calling}, not outbound`;
      return { callerId: from, label, microsoftOutbound: false, assumed: false, whyNot };
    }
    return {
      callerId: from, label, microsoftOutbound: true, assumed: false,
      ...(adopted.capabilities === undefined ? { assumedCapabilities: index } : {}),
    };
  }
  const carrier = spec.directRouting?.numbers.some((n) => n.phoneNumber === from) ?? false;
  const label = carrier ? `carrier number ${from}` : from;
  const whyNot = carrier
    ? `${from} is a carrier number (ccvoice:directRouting.numbers), not a Microsoft number`
    : `${from} is not a Microsoft number on the resource (order numbers are known only after purchase; pass order:<name>)`;
  return { callerId: from, label, microsoftOutbound: false, assumed: false, whyNot };
}
