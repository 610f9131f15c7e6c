import { describe, expect, it } from "vitest";
import { toPulumiConfig } from "../../src/preview/pulumiConfig";

describe("toPulumiConfig", () => {
  it.each([
    [{ "ccvoice:environment": "prod" }, { "ccvoice:environment": "prod" }, []],
    [{ environment: "prod" }, { "ccvoice:environment": "prod" }, []],
    [{ "ccvoice:acs": { name: "a", dataLocation: "United States" } }, { "ccvoice:acs": '{"name":"a","dataLocation":"United States"}' }, []],
    [{ "ccvoice:emergency": { countries: ["US"] } }, { "ccvoice:emergency": '{"countries":["US"]}' }, []],
    [{ "ccvoice:list": [1, 2] }, { "ccvoice:list": "[1,2]" }, []],
    [{ "azure-native:location": "eastus", "ccvoice:n": 3, "ccvoice:b": true }, { "azure-native:location": "eastus", "ccvoice:n": "3", "ccvoice:b": "true" }, []],
    [{ "ccvoice:token": { secure: "AAABAx==" } }, { "ccvoice:token": "[secret]" }, ["ccvoice:token"]],
    [{ "ccvoice:empty": null }, {}, []],
  ])("passes %j to the program as %j", (all, config, secretKeys) => {
    expect(toPulumiConfig(all)).toEqual({ config, secretKeys });
  });
});
