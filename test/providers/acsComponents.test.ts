/**
 * DirectRouting and PhoneNumbers under the Pulumi mock runtime: what they register (types, names,
 * key inputs, counts). Mocks cannot prove parentage or aliases, and they do not run the providers.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const registered: Registered[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "ccvoice",
  "prod",
  true,
);

let DirectRouting: typeof import("../../src/components/directRouting").DirectRouting;
let PhoneNumbers: typeof import("../../src/components/phoneNumbers").PhoneNumbers;

beforeAll(async () => {
  ({ DirectRouting } = await import("../../src/components/directRouting"));
  ({ PhoneNumbers } = await import("../../src/components/phoneNumbers"));
});

const output = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
const ENDPOINT = "https://contoso-cc.unitedstates.communication.azure.com";

describe("ACS components under mocks", () => {
  it("registers one SipConfiguration with the spec's trunks and ordered routes", async () => {
    const dr = new DirectRouting("ccvoice-prod-direct-routing", {
      acsEndpoint: pulumi.output(ENDPOINT),
      domains: ["contoso.com"],
      trunks: [{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: true }],
      routes: [{ name: "emergency", numberPattern: "^(911|933)$", trunks: ["sbc1.contoso.com"] }],
    });
    expect(await output(dr.routeNames)).toEqual(["emergency"]);
    const sip = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/ccvoice-sip:SipConfiguration");
    expect(sip.map((r) => r.name)).toEqual(["ccvoice-prod-direct-routing-sip"]);
    expect(sip[0]?.inputs).toMatchObject({
      endpoint: ENDPOINT,
      domains: ["contoso.com"],
      trunks: [{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: true }],
      routes: [{ name: "emergency", numberPattern: "^(911|933)$", trunks: ["sbc1.contoso.com"] }],
      adoptExisting: false,
    });
    expect(typeof sip[0]?.inputs.__provider).toBe("string");
    expect(registered.find((r) => r.name === "ccvoice-prod-direct-routing")?.type).toBe("ccvoice:acs:DirectRouting");
  });

  it("registers one PhoneNumberOrder per order and one AdoptedPhoneNumbers, releaseOnDelete defaulting to false", async () => {
    const numbers = new PhoneNumbers("ccvoice-prod-numbers", {
      acsEndpoint: ENDPOINT,
      orders: [
        { name: "us-main", countryCode: "US", phoneNumberType: "tollFree", assignmentType: "application", capabilities: { calling: "inbound+outbound", sms: "none" }, areaCode: "833", quantity: 2, purpose: "main-line" },
        { name: "gb-main", countryCode: "GB", phoneNumberType: "geographic", assignmentType: "application", capabilities: { calling: "inbound+outbound", sms: "none" }, quantity: 1, purpose: "main-line", releaseOnDelete: true },
      ],
      adopt: [{ phoneNumber: "+14255550100", purpose: "outbound-caller-id" }],
    });
    expect(Object.keys(numbers.orders)).toEqual(["us-main", "gb-main"]);
    await output(pulumi.all([numbers.orders["us-main"]?.urn, numbers.orders["gb-main"]?.urn, numbers.adopted?.urn]));
    const orderInputs = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder");
    expect(orderInputs.map((r) => [r.name, r.inputs.orderKey, r.inputs.quantity, r.inputs.releaseOnDelete]).sort()).toEqual([
      ["ccvoice-prod-numbers-order-gb-main", "prod/gb-main", 1, true],
      ["ccvoice-prod-numbers-order-us-main", "prod/us-main", 2, false],
    ]);
    const adoptedInputs = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/ccvoice-numbers:AdoptedPhoneNumbers");
    expect(adoptedInputs.map((r) => r.inputs.numbers)).toEqual([[{ phoneNumber: "+14255550100", purpose: "outbound-caller-id", releaseOnDelete: false }]]);
    expect(registered.find((r) => r.name === "ccvoice-prod-numbers")?.type).toBe("ccvoice:acs:PhoneNumbers");
  });
});
