/**
 * `ccvoice-numbers-retained`: phone numbers are never released by accident (DESIGN.md §7). Deleting an
 * order or an adopted number keeps the numbers on the ACS resource unless that order or number itself says
 * `releaseOnDelete: true`; the stack-wide `phoneNumbers.releaseOnDelete` alone is not enough.
 *
 * Spec: every order and adopted number whose effective `releaseOnDelete` comes from the stack-wide default.
 * Resources (`PhoneNumberOrder`, `AdoptedPhoneNumbers`): a `releaseOnDelete: true` input that the matching
 * spec entry does not set itself (a component that applied a default); without the spec, every such input.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import { TYPES, UNKNOWN, isRecord, resourcesOfType, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckInput, Finding } from "../lib/types";

const WAIVE = "set releaseOnDelete: true on the entry itself to waive retention for it";

/**
 * Orders and adopted numbers that only the stack-wide default would release.
 *
 * @param spec a validated spec
 */
export function findStackWideReleases(spec: VoiceChannelSpec): Finding[] {
  const { orders, adopt, releaseOnDelete } = spec.phoneNumbers;
  if (!releaseOnDelete) return [];
  const findings: Finding[] = [];
  orders.forEach((order, i) => {
    if (order.releaseOnDelete !== undefined) return;
    findings.push({
      resource: `ccvoice:phoneNumbers.orders[${i}]`,
      message: `Order "${order.name}" (${order.quantity} ${order.countryCode} ${order.phoneNumberType} numbers, ${order.purpose}) would release its numbers when deleted, only because ccvoice:phoneNumbers.releaseOnDelete is true. Remove the stack-wide releaseOnDelete, or ${WAIVE}.`,
    });
  });
  adopt.forEach((number, i) => {
    if (number.releaseOnDelete !== undefined) return;
    findings.push({
      resource: `ccvoice:phoneNumbers.adopt[${i}]`,
      message: `Adopted number ${number.phoneNumber} (${number.purpose}) would be released when removed, only because ccvoice:phoneNumbers.releaseOnDelete is true. Remove the stack-wide releaseOnDelete, or ${WAIVE}.`,
    });
  });
  return findings;
}

function resourceFindings({ spec, resources }: CheckInput): Finding[] {
  const findings: Finding[] = [];
  const stackWide = spec?.phoneNumbers.releaseOnDelete === true;
  for (const order of resourcesOfType(resources, TYPES.phoneNumberOrder)) {
    if (valueAt(order.inputs, "releaseOnDelete") !== true) continue;
    const name = valueAt(order.inputs, "orderName");
    const entry = spec?.phoneNumbers.orders.find((o) => o.name === name);
    if (entry?.releaseOnDelete === true) continue; // waived on the order itself
    if (entry && stackWide && entry.releaseOnDelete === undefined) continue; // reported on the spec entry
    const where = spec ? (entry ? `ccvoice:phoneNumbers.orders entry "${String(name)}" does not set it` : `order ${JSON.stringify(name)} is not in ccvoice:phoneNumbers.orders`) : "the stack's spec is not visible to this check";
    findings.push({
      resource: order.name,
      message: `PhoneNumberOrder ${order.name} has releaseOnDelete true but ${where}, so deleting it would release its numbers. Set releaseOnDelete: true on the order in the spec to waive retention, or pass false.`,
    });
  }
  for (const adopted of resourcesOfType(resources, TYPES.adoptedPhoneNumbers)) {
    const numbers = valueAt(adopted.inputs, "numbers");
    if (numbers === UNKNOWN || !Array.isArray(numbers)) continue;
    for (const n of numbers.filter(isRecord)) {
      if (n.releaseOnDelete !== true || typeof n.phoneNumber !== "string") continue;
      const entry = spec?.phoneNumbers.adopt.find((a) => a.phoneNumber === n.phoneNumber);
      if (entry?.releaseOnDelete === true) continue;
      if (entry && stackWide && entry.releaseOnDelete === undefined) continue;
      findings.push({
        resource: adopted.name,
        message: `AdoptedPhoneNumbers ${adopted.name} releases ${n.phoneNumber} on removal but ${spec ? "its ccvoice:phoneNumbers.adopt entry does not set releaseOnDelete: true itself" : "the stack's spec is not visible to this check"}. Set releaseOnDelete: true on that entry to waive retention, or pass false.`,
      });
    }
  }
  return findings;
}

export const numbersRetained: CcvoiceRule = {
  name: "ccvoice-numbers-retained",
  description:
    "Purchased and adopted phone numbers are kept when their order or entry is deleted unless that order or entry itself sets releaseOnDelete to true.",
  enforcementLevel: "mandatory",
  inputs: "both",
  check: (input) => [...(input.spec ? findStackWideReleases(input.spec) : []), ...resourceFindings(input)],
};
