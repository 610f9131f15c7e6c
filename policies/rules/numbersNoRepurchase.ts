/**
 * `ccvoice-numbers-no-repurchase`: no change releases phone numbers and buys others (Twilio #138, Amazon
 * Connect #45572 in peers.md: callers keep dialing the old numbers).
 *
 * What each side can see:
 * - offline with a baseline (`ccvoice check --baseline <previous stack file>`): an order whose country,
 *   type, assignment or area code changes (the numbers would be released and others bought); an order
 *   renamed (removed, and a new one with the same country, type and area code added); any change that both
 *   releases numbers (removed or shrunk orders, removed adopted numbers, that would be released) and buys some;
 * - in the pack and offline, per `PhoneNumberOrder` resource: its `orderKey` follows its `orderName`
 *   (`<stack>/<name>`), since the provider finds earlier purchases by that key and a wrong key buys again;
 *   and two orders never share a key. CrossGuard sees no previous state, so the pack cannot compare
 *   versions: there the provider's own diff (which refuses such changes) is the guard.
 */
import type { NumberOrder, VoiceChannelSpec } from "../../src/config/schema";
import { TYPES, UNKNOWN, resourcesOfType, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckedResource, CheckInput, Finding } from "../lib/types";

/** Order fields whose change means releasing the numbers and buying others. */
export const IDENTITY_FIELDS = ["countryCode", "phoneNumberType", "assignmentType", "areaCode"] as const;

const describe = (o: NumberOrder) => `${o.countryCode} ${o.phoneNumberType}${o.areaCode ? ` area code ${o.areaCode}` : ""}`;
const sameKind = (a: NumberOrder, b: NumberOrder) => IDENTITY_FIELDS.every((f) => a[f] === b[f]);
const releases = (spec: VoiceChannelSpec, o: { releaseOnDelete?: boolean }) => o.releaseOnDelete ?? spec.phoneNumbers.releaseOnDelete;

/**
 * Changes from `baseline` to `spec` that release numbers and buy others.
 *
 * @param spec the new spec
 * @param baseline the spec deployed before
 */
export function findRepurchases(spec: VoiceChannelSpec, baseline: VoiceChannelSpec): Finding[] {
  const findings: Finding[] = [];
  const now = spec.phoneNumbers.orders;
  const before = baseline.phoneNumbers.orders;
  const index = (name: string) => now.findIndex((o) => o.name === name);
  const reported = new Set<string>();

  for (const old of before) {
    const cur = now.find((o) => o.name === old.name);
    if (!cur) continue;
    const changed = IDENTITY_FIELDS.filter((f) => old[f] !== cur[f]);
    if (changed.length === 0) continue;
    reported.add(cur.name);
    const what = changed.map((f) => `${f} from ${JSON.stringify(old[f] ?? null)} to ${JSON.stringify(cur[f] ?? null)}`).join(", ");
    findings.push({
      resource: `ccvoice:phoneNumbers.orders[${index(cur.name)}]`,
      message: `Order "${cur.name}" changes ${what}, which means giving up its ${old.quantity} numbers and buying ${cur.quantity} others. Keep the order as it was and add a new order for the new numbers.`,
    });
  }

  const removed = before.filter((o) => !now.some((n) => n.name === o.name));
  const added = now.filter((o) => !before.some((b) => b.name === o.name));
  for (const gone of removed) {
    const twin = added.find((a) => sameKind(a, gone) && !reported.has(a.name));
    if (!twin) continue;
    reported.add(twin.name).add(gone.name);
    const fate = releases(baseline, gone) ? "released" : "left unmanaged";
    findings.push({
      resource: `ccvoice:phoneNumbers.orders[${index(twin.name)}]`,
      message: `Order "${gone.name}" is gone and order "${twin.name}" (${describe(twin)}) is new, which looks like a rename: the ${gone.quantity} numbers of "${gone.name}" would be ${fate} and ${twin.quantity} others bought. Keep the name "${gone.name}" (order names are resource identities).`,
    });
  }

  const released: string[] = [];
  const bought: string[] = [];
  for (const gone of removed) if (!reported.has(gone.name) && releases(baseline, gone)) released.push(`order "${gone.name}" (${gone.quantity})`);
  for (const old of before) {
    const cur = now.find((o) => o.name === old.name);
    if (!cur || reported.has(cur.name)) continue;
    if (cur.quantity < old.quantity && releases(spec, cur)) released.push(`order "${cur.name}" (${old.quantity - cur.quantity})`);
    if (cur.quantity > old.quantity) bought.push(`order "${cur.name}" (${cur.quantity - old.quantity})`);
  }
  for (const a of added) if (!reported.has(a.name)) bought.push(`order "${a.name}" (${a.quantity})`);
  for (const old of baseline.phoneNumbers.adopt) {
    if (!spec.phoneNumbers.adopt.some((n) => n.phoneNumber === old.phoneNumber) && releases(baseline, old)) {
      released.push(`adopted ${old.phoneNumber}`);
    }
  }
  if (released.length > 0 && bought.length > 0) {
    findings.push({
      resource: "ccvoice:phoneNumbers",
      message: `This change releases numbers (${released.join(", ")}) and buys others (${bought.join(", ")}). Deploy the purchase first, move callers and queues to the new numbers, and release the old ones in a later change.`,
    });
  }
  return findings;
}

function checkOrderKey(resource: CheckedResource): Finding[] {
  if (resource.type !== TYPES.phoneNumberOrder) return [];
  const key = valueAt(resource.inputs, "orderKey");
  const name = valueAt(resource.inputs, "orderName");
  if (typeof key !== "string" || typeof name !== "string" || key === UNKNOWN || name === UNKNOWN) return [];
  if (key.endsWith(`/${name}`)) return [];
  return [
    {
      resource: resource.name,
      message: `PhoneNumberOrder ${resource.name} has orderKey ${JSON.stringify(key)} for order ${JSON.stringify(name)}; the provider finds earlier purchases by this key, so a key that does not end in "/${name}" would buy the numbers again. Derive orderKey as <stack>/<order name>.`,
    },
  ];
}

function duplicateKeys(resources: readonly CheckedResource[]): Finding[] {
  const seen = new Map<string, string>();
  const findings: Finding[] = [];
  for (const order of resourcesOfType(resources, TYPES.phoneNumberOrder)) {
    const key = valueAt(order.inputs, "orderKey");
    if (typeof key !== "string" || key === UNKNOWN) continue;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, order.name);
      continue;
    }
    findings.push({
      resource: order.name,
      message: `PhoneNumberOrder ${order.name} has orderKey ${JSON.stringify(key)}, already used by ${first}, so one of them would find or replace the other's numbers. Give each order its own name.`,
    });
  }
  return findings;
}

export const numbersNoRepurchase: CcvoiceRule = {
  name: "ccvoice-numbers-no-repurchase",
  description:
    "No change releases phone numbers while buying others, such as changing an order's country, type, assignment or area code, or renaming the order.",
  enforcementLevel: "mandatory",
  inputs: "both",
  check: ({ spec, baseline, resources }: CheckInput) => [
    ...(spec && baseline ? findRepurchases(spec, baseline) : []),
    ...duplicateKeys(resources),
  ],
  checkResource: checkOrderKey,
};
