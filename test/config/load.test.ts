/**
 * `loadSpec` reads the `ccvoice:` namespace the way Pulumi passes config to a program: every value is
 * text, structured values are JSON text. Config is set through the SDK, as `ccvoice preview` does.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/config/load";
import { SpecError } from "../../src/config/problems";
import { readStackFile, stackFilePath } from "../../src/config/stackFile";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { toPulumiConfig } from "../../src/preview/pulumiConfig";

const VALID: Record<string, string> = {
  "ccvoice:environment": "dev",
  "ccvoice:approach": JSON.stringify({ inbound: "acs-direct-offer", outbound: "acs-direct-offer" }),
  "ccvoice:acs": JSON.stringify({ name: "contoso-dev", dataLocation: "Europe" }),
  "ccvoice:emergency": JSON.stringify({ countries: ["GB"], notificationContacts: [{ email: "desk@contoso.com" }] }),
};

beforeEach(() => {
  pulumi.runtime.setAllConfig({});
});

describe("loadSpec", () => {
  it.each(["acs-direct-routing", "acs-direct-offer", "hybrid", "teams-direct-routing", "teams-calling-plan"])(
    "reads the %s stack through Pulumi config the same as the parser reads the file",
    (stack) => {
      const file = readStackFile(stackFilePath(stack));
      const { config } = toPulumiConfig(file.all);
      pulumi.runtime.setAllConfig(config);
      expect(loadSpec()).toEqual(parseVoiceChannelSpec(file.ccvoice));
    },
  );

  it("reads JSON text as structured values and applies defaults", () => {
    pulumi.runtime.setAllConfig({ ...VALID, "ccvoice:location": "westeurope" });
    const spec = loadSpec();
    expect(spec.acs).toEqual({ name: "contoso-dev", dataLocation: "Europe" });
    expect(spec.location).toBe("westeurope");
    expect(spec.runtime.incomingCallEventTtlMinutes).toBe(1);
  });

  it("fails when a number is given where text is expected (text stays text)", () => {
    pulumi.runtime.setAllConfig({ ...VALID, "ccvoice:environment": "123" });
    expect(() => loadSpec()).toThrow('ccvoice:environment must be 1-12 lower-case letters, digits or dashes, such as prod, got "123"');
  });

  it("fails when a structured value is not valid JSON, naming the setting", () => {
    pulumi.runtime.setAllConfig({ ...VALID, "ccvoice:acs": "{name: contoso" });
    expect(() => loadSpec()).toThrow(SpecError);
    expect(() => loadSpec()).toThrow(new SpecError([{ path: "ccvoice:acs", message: 'ccvoice:acs must be a map with name and dataLocation, got "{name: contoso"' }]));
  });
});
