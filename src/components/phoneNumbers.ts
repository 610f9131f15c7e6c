/**
 * Microsoft numbers on the ACS resource: one `PhoneNumberOrder` per order and one
 * `AdoptedPhoneNumbers` for the numbers already there.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AdoptedNumber, NumberOrder } from "../config/schema";
import { AdoptedPhoneNumbers, PhoneNumberOrder } from "../providers/phoneNumbers/resource";

/** Arguments of {@link PhoneNumbers} (the `ccvoice:phoneNumbers` section). */
export interface PhoneNumbersArgs {
  /** ACS endpoint, `https://<host>` (`CommunicationChannel.endpoint`). */
  acsEndpoint: pulumi.Input<string>;
  /** Number orders (search then purchase). @default [] */
  orders?: NumberOrder[];
  /** Numbers already on the resource to manage. @default [] */
  adopt?: AdoptedNumber[];
  /**
   * Default of `releaseOnDelete` for orders and adopted numbers that do not set it.
   * @default false — numbers are never released by deleting their resource
   */
  releaseOnDelete?: boolean;
}

/**
 * `ccvoice:acs:PhoneNumbers`: children `<name>-order-<order name>` (type
 * `pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder`) and, when numbers are adopted,
 * `<name>-adopted` (`...:AdoptedPhoneNumbers`). Each order's key is `<stack>/<order name>`, so renaming
 * an order is a new order: rename with an alias to keep its numbers.
 */
export class PhoneNumbers extends pulumi.ComponentResource {
  /** The order resources by order name. */
  public readonly orders: Record<string, PhoneNumberOrder>;
  /** The adopted numbers resource, when any number is adopted. */
  public readonly adopted?: AdoptedPhoneNumbers;
  /** Purchased numbers by order name. */
  public readonly numbersByOrder: pulumi.Output<Record<string, string[]>>;

  /**
   * @param name logical name
   * @param args see {@link PhoneNumbersArgs}
   * @param opts component options
   */
  constructor(name: string, args: PhoneNumbersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:acs:PhoneNumbers", name, {}, opts);
    const stack = pulumi.getStack();
    const releaseDefault = args.releaseOnDelete ?? false;
    this.orders = {};
    for (const order of args.orders ?? []) {
      this.orders[order.name] = new PhoneNumberOrder(
        `${name}-order-${order.name}`,
        {
          endpoint: args.acsEndpoint,
          orderName: order.name,
          orderKey: `${stack}/${order.name}`,
          countryCode: order.countryCode,
          phoneNumberType: order.phoneNumberType,
          assignmentType: order.assignmentType,
          capabilities: order.capabilities,
          ...(order.areaCode !== undefined ? { areaCode: order.areaCode } : {}),
          quantity: order.quantity,
          purpose: order.purpose,
          releaseOnDelete: order.releaseOnDelete ?? releaseDefault,
        },
        { parent: this },
      );
    }
    const adopt = args.adopt ?? [];
    if (adopt.length > 0) {
      this.adopted = new AdoptedPhoneNumbers(
        `${name}-adopted`,
        {
          endpoint: args.acsEndpoint,
          numbers: adopt.map((n) => ({
            phoneNumber: n.phoneNumber,
            purpose: n.purpose,
            ...(n.capabilities ? { capabilities: n.capabilities } : {}),
            releaseOnDelete: n.releaseOnDelete ?? releaseDefault,
          })),
        },
        { parent: this },
      );
    }
    const entries = Object.entries(this.orders).map(([n, o]) => o.phoneNumbers.apply((p) => [n, p ?? []] as const));
    this.numbersByOrder = pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
    this.registerOutputs({ numbersByOrder: this.numbersByOrder });
  }
}
