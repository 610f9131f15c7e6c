/**
 * Phone number resources on an ACS resource: `PhoneNumberOrder` (search then purchase of a batch)
 * and `AdoptedPhoneNumbers` (numbers already there, brought under management). Type tokens
 * `pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder` and `...:AdoptedPhoneNumbers`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AdoptedNumberDetail, AdoptedNumberInput } from "./adoptedLogic";
import type { Capabilities, PhoneNumberOrderInputs } from "./logic";
import { adoptedPhoneNumbersProvider, phoneNumberOrderProvider } from "./provider";

/** Arguments of {@link PhoneNumberOrder}, in the service's terms. */
export interface PhoneNumberOrderArgs {
  /** ACS endpoint; it can never change (numbers belong to one resource). */
  endpoint: pulumi.Input<string>;
  /** The order's name in `ccvoice:phoneNumbers.orders`, used in messages. */
  orderName: string;
  /** Deterministic key, `<stack>/<name>`: a retried create finds what an interrupted one bought. */
  orderKey: string;
  /** ISO 3166-1 alpha-2, e.g. `US`; cannot change. */
  countryCode: string;
  /** `geographic`, `tollFree` or `mobile`; cannot change. */
  phoneNumberType: PhoneNumberOrderInputs["phoneNumberType"];
  /** `application` or `person`; cannot change. @default "application" */
  assignmentType?: PhoneNumberOrderInputs["assignmentType"];
  /** Capabilities, updated in place. @default { calling: "inbound+outbound", sms: "none" } */
  capabilities?: Capabilities;
  /** Area code, e.g. `425`; cannot change. @default none — any area */
  areaCode?: string;
  /** Numbers in the order, 1-100; raising it buys the difference. */
  quantity: number;
  /** What the numbers are for (read by policies), not sent. */
  purpose?: string;
  /**
   * Release the numbers on delete, and allow lowering the quantity (releasing the newest).
   * @default false — deleting the order keeps its numbers on the ACS resource
   */
  releaseOnDelete?: boolean;
  /** Agree not to resell, for countries that require it. @default false — the purchase fails there */
  agreeToNotResell?: boolean;
}

/**
 * An order of Microsoft numbers on an ACS resource: one search (the tenant has about 5 a week) and
 * one purchase before the search expires, serialised per deployment. Capability and quantity
 * increases are in-place updates; a change of country, type, assignment, area code or endpoint
 * fails with an explanation instead of releasing and re-buying; delete keeps the numbers unless
 * `releaseOnDelete`.
 *
 * @see https://learn.microsoft.com/azure/communication-services/quickstarts/telephony/get-phone-number
 */
export class PhoneNumberOrder extends pulumi.dynamic.Resource {
  declare readonly endpoint: pulumi.Output<string>;
  declare readonly orderName: pulumi.Output<string>;
  declare readonly countryCode: pulumi.Output<string>;
  declare readonly phoneNumberType: pulumi.Output<string>;
  declare readonly capabilities: pulumi.Output<Capabilities>;
  declare readonly quantity: pulumi.Output<number>;
  declare readonly releaseOnDelete: pulumi.Output<boolean>;
  /** Purchased numbers (E.164), oldest first. */
  declare readonly phoneNumbers: pulumi.Output<string[]>;
  /** Searches whose numbers were bought. */
  declare readonly searchIds: pulumi.Output<string[]>;
  /** Numbers whose capabilities were changed outside ccvoice (after a refresh). */
  declare readonly capabilityDrift: pulumi.Output<string[]>;

  constructor(name: string, args: PhoneNumberOrderArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      phoneNumberOrderProvider,
      name,
      {
        endpoint: args.endpoint,
        orderName: args.orderName,
        orderKey: args.orderKey,
        countryCode: args.countryCode,
        phoneNumberType: args.phoneNumberType,
        assignmentType: args.assignmentType ?? "application",
        capabilities: args.capabilities ?? { calling: "inbound+outbound", sms: "none" },
        areaCode: args.areaCode,
        quantity: args.quantity,
        purpose: args.purpose,
        releaseOnDelete: args.releaseOnDelete ?? false,
        agreeToNotResell: args.agreeToNotResell ?? false,
        phoneNumbers: undefined,
        searchIds: undefined,
        capabilityDrift: undefined,
      },
      opts,
      "ccvoice-numbers",
      "PhoneNumberOrder",
    );
  }
}

/** Arguments of {@link AdoptedPhoneNumbers}. */
export interface AdoptedPhoneNumbersArgs {
  /** ACS endpoint the numbers are on; it cannot change. */
  endpoint: pulumi.Input<string>;
  /** Numbers to manage, each with optional capabilities and `releaseOnDelete` (@default false). */
  numbers: Array<Omit<AdoptedNumberInput, "releaseOnDelete"> & { releaseOnDelete?: boolean }>;
}

/**
 * Numbers already on the ACS resource (bought earlier or ported) under management: `create`
 * verifies they exist, the capabilities given are enforced, refresh reports numbers gone or
 * changed, and a number is released only when it leaves management with `releaseOnDelete` true.
 */
export class AdoptedPhoneNumbers extends pulumi.dynamic.Resource {
  declare readonly endpoint: pulumi.Output<string>;
  declare readonly numbers: pulumi.Output<AdoptedNumberInput[]>;
  /** Live details of the adopted numbers. */
  declare readonly details: pulumi.Output<AdoptedNumberDetail[]>;
  /** Adopted numbers no longer on the resource (after a refresh). */
  declare readonly missing: pulumi.Output<string[]>;

  constructor(name: string, args: AdoptedPhoneNumbersArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      adoptedPhoneNumbersProvider,
      name,
      {
        endpoint: args.endpoint,
        numbers: args.numbers.map((n) => ({ ...n, releaseOnDelete: n.releaseOnDelete ?? false })),
        details: undefined,
        missing: undefined,
      },
      opts,
      "ccvoice-numbers",
      "AdoptedPhoneNumbers",
    );
  }
}
