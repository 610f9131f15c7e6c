/**
 * `ccvoice export` against the local ACS emulator (real HTTP, HMAC, the SDK's PhoneNumbersClient): export,
 * parse, preview, then the SIP and adopted-numbers providers create the previewed resources against the
 * same emulator with zero writes, and their diff shows no change.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { readStackFile } from "../../src/config/stackFile";
import { adoptedPhoneNumbersProvider } from "../../src/providers/phoneNumbers/provider";
import { sipRoutingProvider } from "../../src/providers/sipRouting/provider";
import type { AcsEmulatorOptions } from "../emulators/acs/acsEmulator";
import type { SipSeed } from "../emulators/acs/sipStore";
import { emulatorEnv } from "../providers/acsTestEnv";

const sip = sipRoutingProvider as Required<pulumi.dynamic.ResourceProvider>;
const adopted = adoptedPhoneNumbersProvider as Required<pulumi.dynamic.ResourceProvider>;

let env: Awaited<ReturnType<typeof emulatorEnv>> | undefined;
afterEach(async () => {
  await env?.restore();
  env = undefined;
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(["node", "ccvoice", ...args], io);
  return { code, out, err };
}

/** Routes that name the same trunks in different orders, a disabled trunk, a disabled domain, a caller id override. */
const SEED: SipSeed = {
  domains: { "contoso.com": { enabled: true }, "fabrikam.net": { enabled: true }, "old.contoso.net": { enabled: false } },
  trunks: {
    "sbc1.contoso.com": { sipSignalingPort: 5061 },
    "sbc2.contoso.com": { sipSignalingPort: 5067 },
    "sbc3.fabrikam.net": { sipSignalingPort: 5061, enabled: false },
  },
  routes: [
    { name: "emergency", numberPattern: "^(911|933)$", trunks: ["sbc1.contoso.com"], description: "to the carrier's E911 service" },
    { name: "nanp", numberPattern: "^\\+1[2-9]\\d{9}$", trunks: ["sbc2.contoso.com", "sbc1.contoso.com"] },
    { name: "uk", numberPattern: "^\\+44\\d{9,10}$", trunks: ["sbc1.contoso.com", "sbc3.fabrikam.net", "sbc2.contoso.com"], callerIdOverride: "+442071234500" },
    { name: "denmark", numberPattern: "^\\+45\\d{8}$", trunks: ["sbc3.fabrikam.net", "sbc2.contoso.com"] },
  ],
};
const PURCHASED: AcsEmulatorOptions["purchased"] = [
  ...Array.from({ length: 104 }, (_, i) => ({ phoneNumber: `+1425555${String(i).padStart(4, "0")}` })),
  { phoneNumber: "+18335550100", phoneNumberType: "tollFree", capabilities: { calling: "inbound", sms: "none" } },
];
const FLAGS = [
  "--environment", "prod",
  "--acs-name", "contoso-cc",
  "--data-location", "United States",
  "--emergency-country", "US",
  "--notification-email", "security-desk@contoso.com",
  "--fallback-target", "+14255550199",
  "--number-purpose", "main-line",
  "--emergency-capable", "sbc1.contoso.com",
];

interface PreviewJson {
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
  errors: string[];
}

describe("ccvoice export → parse → preview → providers against the emulator", () => {
  it("adopts the SIP configuration and 105 numbers so that creating them writes nothing", async () => {
    env = await emulatorEnv({ sip: SEED, purchased: PURCHASED });
    const acs = env.acs;
    const file = join(mkdtempSync(join(tmpdir(), "ccvoice-export-")), "Pulumi.adopted.yaml");

    const exported = await run("export", "--endpoint", acs.endpoint, "--stack", "adopted", "--out", file, ...FLAGS);
    expect(exported.code).toBe(0);
    expect(exported.out).toEqual([`exported 3 domain(s), 3 trunk(s), 4 route(s) and 105 number(s) from ${acs.endpoint} to ${file}`]);
    expect(exported.err).toEqual([
      `ccvoice export: reading the SIP configuration of ${acs.endpoint} (GET /sip, api-version 2024-11-15-preview)`,
      "ccvoice export: read 3 domain(s), 3 trunk(s), 4 route(s)",
      "ccvoice export: listing purchased phone numbers (GET /phoneNumbers)",
      "ccvoice export:   100 number(s) so far",
      "ccvoice export:   105 number(s) so far",
      "ccvoice export: read 105 purchased number(s)",
      `ccvoice export: next, run ccvoice check --stack-file ${file}: the policies list what the live service cannot tell (sites, callback pool, emergency countries of trunks)`,
    ]);
    expect(acs.writes()).toEqual([]);

    const spec = parseVoiceChannelSpec(readStackFile(file).ccvoice);
    expect(spec.approach).toEqual({ inbound: "acs-direct-offer", outbound: "acs-direct-routing" });
    expect(spec.directRouting?.domains).toEqual(["contoso.com", "fabrikam.net"]);
    expect(spec.directRouting?.adoptExisting).toBe(true);
    expect(spec.emergency.fallbackTarget).toBe("+14255550199");
    expect(spec.directRouting?.routes.map((r) => [r.name, r.trunks])).toEqual([
      ["emergency", ["sbc1.contoso.com"]],
      ["nanp", ["sbc2.contoso.com", "sbc1.contoso.com"]],
      ["uk", ["sbc1.contoso.com", "sbc3.fabrikam.net", "sbc2.contoso.com"]],
      ["denmark", ["sbc3.fabrikam.net", "sbc2.contoso.com"]],
    ]);
    expect(spec.directRouting?.trunks.map((t) => [t.fqdn, t.sipSignalingPort, t.enabled, t.emergencyCapable])).toEqual([
      ["sbc1.contoso.com", 5061, true, true],
      ["sbc2.contoso.com", 5067, true, false],
      ["sbc3.fabrikam.net", 5061, false, false],
    ]);
    expect(spec.phoneNumbers.adopt.find((a) => a.phoneNumber === "+18335550100")).toEqual({
      phoneNumber: "+18335550100",
      purpose: "main-line",
      capabilities: { calling: "inbound", sms: "none" },
    });

    const preview = await run("preview", "--stack-file", file, "--json");
    expect(preview.code).toBe(0);
    const resources = (JSON.parse(preview.out.join("\n")) as PreviewJson).resources;
    const sipInputs = resources.find((r) => r.type === "pulumi-nodejs:dynamic/ccvoice-sip:SipConfiguration")?.inputs;
    const numberInputs = resources.find((r) => r.type === "pulumi-nodejs:dynamic/ccvoice-numbers:AdoptedPhoneNumbers")?.inputs;
    expect(sipInputs).toBeDefined();
    expect(numberInputs).toBeDefined();
    expect(resources.filter((r) => r.type === "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder")).toEqual([]);

    // The previewed inputs, pointed at the emulator instead of the mock endpoint.
    const sipCheck = await sip.check({}, { ...sipInputs, endpoint: acs.endpoint });
    expect(sipCheck.failures).toEqual([]);
    acs.clearLog();
    const created = await sip.create(sipCheck.inputs);
    expect(acs.writes()).toEqual([]);
    expect(acs.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /sip"]);
    const diff = await sip.diff(created.id, created.outs, sipCheck.inputs);
    expect(diff).toMatchObject({ changes: false, replaces: [], summary: [] });

    const numbersCheck = await adopted.check({}, { ...numberInputs, endpoint: acs.endpoint });
    expect(numbersCheck.failures).toEqual([]);
    acs.clearLog();
    const createdNumbers = await adopted.create(numbersCheck.inputs);
    expect(acs.writes()).toEqual([]);
    expect((await adopted.diff(createdNumbers.id, createdNumbers.outs, numbersCheck.inputs)).changes).toBe(false);
    expect(acs.sip.routes.map((r) => r.name)).toEqual(["emergency", "nanp", "uk", "denmark"]);
  });

  it("writes fill-ins for what the service cannot tell, and they fail validation with their hints", async () => {
    env = await emulatorEnv({ sip: SEED, purchased: PURCHASED.slice(103) });
    const file = join(mkdtempSync(join(tmpdir(), "ccvoice-export-")), "Pulumi.adopted.yaml");
    const { code, err } = await run("export", "--endpoint", env.acs.endpoint, "--stack", "adopted", "--out", file);
    expect(code).toBe(0);
    expect(err.slice(err.indexOf("ccvoice export: 8 setting(s) to fill in before the stack validates:"))).toEqual([
      "ccvoice export: 8 setting(s) to fill in before the stack validates:",
      "  ccvoice:environment: environment name such as prod",
      "  ccvoice:acs.name: ACS resource name (first label of its host)",
      "  ccvoice:acs.dataLocation: data location of the ACS resource, e.g. United States",
      "  ccvoice:directRouting.trunks[0].emergencyCapable: true if this SBC's carrier takes emergency calls",
      "  ccvoice:phoneNumbers.adopt[0].purpose: main-line, callback-pool, outbound-caller-id, queue",
      "  ccvoice:phoneNumbers.adopt[1].purpose: main-line, callback-pool, outbound-caller-id, queue",
      "  ccvoice:emergency.countries[0]: countries of agents who dial emergency: US GB DK CA PR",
      "  ccvoice:emergency.notificationContacts[0].email: email of the security desk",
      `ccvoice export: next, run ccvoice check --stack-file ${file}: the policies list what the live service cannot tell (sites, callback pool, emergency countries of trunks)`,
    ]);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("  ccvoice:environment: { fillIn: environment name such as prod }\n");
    expect(text).toContain("      # live routes send 911, 933 here: set emergencyCapable to true only if its carrier takes emergency calls, else route them elsewhere\n");
    const check = await run("preview", "--stack-file", file);
    expect(check.code).toBe(1);
    expect(check.err.slice(1)).toEqual([
      `${file} has 8 configuration problems:`,
      '  ccvoice:environment must be an environment name such as prod, got {"fillIn":"environment name such as prod"}',
      '  ccvoice:acs.name must be the ACS resource name, got {"fillIn":"ACS resource name (first label of its host)"}',
      '  ccvoice:acs.dataLocation must be a data location such as United States, got {"fillIn":"data location of the ACS resource, e.g. United States"}',
      '  ccvoice:directRouting.trunks[0].emergencyCapable must be true or false, got {"fillIn":"true if this SBC\'s carrier takes emergency calls"}',
      '  ccvoice:phoneNumbers.adopt[0].purpose must be one of main-line, callback-pool, outbound-caller-id, queue, got {"fillIn":"main-line, callback-pool, outbound-caller-id, queue"}',
      '  ccvoice:phoneNumbers.adopt[1].purpose must be one of main-line, callback-pool, outbound-caller-id, queue, got {"fillIn":"main-line, callback-pool, outbound-caller-id, queue"}',
      '  ccvoice:emergency.countries[0] must be one of US, GB, DK, CA, PR (agent emergency calls are supported there; use GB for the UK), got {"fillIn":"countries of agents who dial emergency: US GB DK CA PR"}',
      '  ccvoice:emergency.notificationContacts[0].email must be an email address, got {"fillIn":"email of the security desk"}',
    ]);
  });
});
