import { describe, expect, it } from "vitest";
import type { CheckedResource } from "../../policies/lib/types";
import { acsRaw, at, findings, goodResources, resourcesWith, specFrom } from "./fixtures";

type Raw = Record<string, unknown>;
const ORDER = "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder";
const ADOPTED = "pulumi-nodejs:dynamic/ccvoice-numbers:AdoptedPhoneNumbers";
const orders = (raw: Raw) => at(raw, "phoneNumbers").orders as Raw[];
const WAIVE = "Remove the stack-wide releaseOnDelete, or set releaseOnDelete: true on the entry itself to waive retention for it.";

describe("ccvoice-numbers-retained", () => {
  it.each<[string, (raw: Raw) => void, { resource: string; message: string }[]]>([
    [
      "fails when only the stack-wide releaseOnDelete would release orders and adopted numbers",
      (raw) => (at(raw, "phoneNumbers").releaseOnDelete = true),
      [
        {
          resource: "ccvoice:phoneNumbers.orders[0]",
          message: `Order "us-main" (2 US tollFree numbers, main-line) would release its numbers when deleted, only because ccvoice:phoneNumbers.releaseOnDelete is true. ${WAIVE}`,
        },
        {
          resource: "ccvoice:phoneNumbers.orders[1]",
          message: `Order "us-callback" (5 US geographic numbers, callback-pool) would release its numbers when deleted, only because ccvoice:phoneNumbers.releaseOnDelete is true. ${WAIVE}`,
        },
        {
          resource: "ccvoice:phoneNumbers.adopt[0]",
          message: `Adopted number +14255550100 (outbound-caller-id) would be released when removed, only because ccvoice:phoneNumbers.releaseOnDelete is true. ${WAIVE}`,
        },
      ],
    ],
    [
      "passes when every entry sets releaseOnDelete itself",
      (raw) => {
        at(raw, "phoneNumbers").releaseOnDelete = true;
        (orders(raw)[0] as Raw).releaseOnDelete = true;
        (orders(raw)[1] as Raw).releaseOnDelete = false;
        ((at(raw, "phoneNumbers").adopt as Raw[])[0] as Raw).releaseOnDelete = false;
      },
      [],
    ],
  ])("%s", (_name, change, expected) => {
    const spec = specFrom(acsRaw(), change);
    expect(findings("ccvoice-numbers-retained", { spec, resources: goodResources(spec) })).toEqual(expected);
  });

  it.each<[string, string, (inputs: Raw) => void, "spec" | "waived" | "none", { resource: string; message: string }[]]>([
    [
      "fails when an order resource releases numbers its spec entry does not waive",
      ORDER,
      (i) => (i.releaseOnDelete = true),
      "spec",
      [
        {
          resource: "ccvoice-prod-numbers-order-us-main",
          message:
            'PhoneNumberOrder ccvoice-prod-numbers-order-us-main has releaseOnDelete true but ccvoice:phoneNumbers.orders entry "us-main" does not set it, so deleting it would release its numbers. Set releaseOnDelete: true on the order in the spec to waive retention, or pass false.',
        },
      ],
    ],
    ["passes an order resource whose spec entry waives retention", ORDER, (i) => (i.releaseOnDelete = true), "waived", []],
    [
      "fails when the spec is not visible and an order resource releases numbers",
      ORDER,
      (i) => (i.releaseOnDelete = true),
      "none",
      [
        {
          resource: "ccvoice-prod-numbers-order-us-main",
          message:
            "PhoneNumberOrder ccvoice-prod-numbers-order-us-main has releaseOnDelete true but the stack's spec is not visible to this check, so deleting it would release its numbers. Set releaseOnDelete: true on the order in the spec to waive retention, or pass false.",
        },
      ],
    ],
    ["skips an order resource whose releaseOnDelete is not known", ORDER, (i) => (i.releaseOnDelete = "[unknown]"), "spec", []],
    [
      "fails when an adopted number resource releases a number its spec entry does not waive",
      ADOPTED,
      (i) => (((i.numbers as Raw[])[0] as Raw).releaseOnDelete = true),
      "spec",
      [
        {
          resource: "ccvoice-prod-numbers-adopted",
          message:
            "AdoptedPhoneNumbers ccvoice-prod-numbers-adopted releases +14255550100 on removal but its ccvoice:phoneNumbers.adopt entry does not set releaseOnDelete: true itself. Set releaseOnDelete: true on that entry to waive retention, or pass false.",
        },
      ],
    ],
  ])("%s", (_name, type, change, specMode, expected) => {
    const spec =
      specMode === "waived" ? specFrom(acsRaw(), (raw) => ((orders(raw)[0] as Raw).releaseOnDelete = true)) : specFrom(acsRaw());
    const resources = resourcesWith(type, change, spec);
    expect(findings("ccvoice-numbers-retained", { ...(specMode === "none" ? {} : { spec }), resources })).toEqual(expected);
  });
});

describe("ccvoice-numbers-no-repurchase", () => {
  const baseline = specFrom(acsRaw());
  it.each<[string, (raw: Raw) => void, { resource: string; message: string }[]]>([
    [
      "fails when an order changes its area code",
      (raw) => ((orders(raw)[1] as Raw).areaCode = "206"),
      [
        {
          resource: "ccvoice:phoneNumbers.orders[1]",
          message:
            'Order "us-callback" changes areaCode from "425" to "206", which means giving up its 5 numbers and buying 5 others. Keep the order as it was and add a new order for the new numbers.',
        },
      ],
    ],
    [
      "fails when an order is renamed",
      (raw) => ((orders(raw)[1] as Raw).name = "us-callbacks"),
      [
        {
          resource: "ccvoice:phoneNumbers.orders[1]",
          message:
            'Order "us-callback" is gone and order "us-callbacks" (US geographic area code 425) is new, which looks like a rename: the 5 numbers of "us-callback" would be left unmanaged and 5 others bought. Keep the name "us-callback" (order names are resource identities).',
        },
      ],
    ],
    [
      "fails when one change releases numbers and buys others",
      (raw) => {
        (orders(raw)[0] as Raw).quantity = 1;
        (orders(raw)[0] as Raw).releaseOnDelete = true;
        orders(raw).push({ name: "gb-main", countryCode: "GB", phoneNumberType: "geographic", quantity: 2, purpose: "main-line" });
      },
      [
        {
          resource: "ccvoice:phoneNumbers",
          message:
            'This change releases numbers (order "us-main" (1)) and buys others (order "gb-main" (2)). Deploy the purchase first, move callers and queues to the new numbers, and release the old ones in a later change.',
        },
      ],
    ],
    ["passes a change that only buys numbers", (raw) => ((orders(raw)[1] as Raw).quantity = 8), []],
    ["passes a change that only keeps numbers it stops managing", (raw) => orders(raw).splice(1, 1), []],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-numbers-no-repurchase", { spec: specFrom(acsRaw(), change), baseline })).toEqual(expected);
  });

  it("passes without a baseline, whatever the orders say", () => {
    const spec = specFrom(acsRaw(), (raw) => ((orders(raw)[1] as Raw).areaCode = "206"));
    expect(findings("ccvoice-numbers-no-repurchase", { spec, resources: goodResources(spec) })).toEqual([]);
  });

  it.each<[string, (resources: CheckedResource[]) => CheckedResource[], { resource: string; message: string }[]]>([
    [
      "fails when an order's key does not follow its name",
      () => resourcesWith(ORDER, (i) => (i.orderKey = "prod/us-main-old")),
      [
        {
          resource: "ccvoice-prod-numbers-order-us-main",
          message:
            'PhoneNumberOrder ccvoice-prod-numbers-order-us-main has orderKey "prod/us-main-old" for order "us-main"; the provider finds earlier purchases by this key, so a key that does not end in "/us-main" would buy the numbers again. Derive orderKey as <stack>/<order name>.',
        },
      ],
    ],
    [
      "fails when two orders share a key",
      (resources) => [...resources, { ...(resources.find((r) => r.type === ORDER) as CheckedResource), name: "ccvoice-prod-numbers-order-copy" }],
      [
        {
          resource: "ccvoice-prod-numbers-order-copy",
          message:
            'PhoneNumberOrder ccvoice-prod-numbers-order-copy has orderKey "prod/us-main", already used by ccvoice-prod-numbers-order-us-main, so one of them would find or replace the other\'s numbers. Give each order its own name.',
        },
      ],
    ],
    ["skips an order key not known during preview", () => resourcesWith(ORDER, (i) => (i.orderKey = "04da6b54-80e4-46f7-96ec-b56ff0331ba9")), []],
  ])("%s", (_name, build, expected) => {
    expect(findings("ccvoice-numbers-no-repurchase", { spec: specFrom(acsRaw()), resources: build(goodResources()) })).toEqual(expected);
  });
});
