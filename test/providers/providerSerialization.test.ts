/**
 * The dynamic providers serialize (as Pulumi does for `__provider`) without any credential in the
 * text, and the serialized SIP provider runs in another Node process, reading the key from that
 * process's environment at call time.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { adoptedPhoneNumbersProvider, phoneNumberOrderProvider } from "../../src/providers/phoneNumbers/provider";
import { sipRoutingProvider } from "../../src/providers/sipRouting/provider";
import { emulatorEnv } from "./acsTestEnv";

let env: Awaited<ReturnType<typeof emulatorEnv>> | undefined;
afterEach(async () => {
  await env?.restore();
  env = undefined;
});

const serialize = async (provider: object): Promise<string> =>
  (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true } as Parameters<typeof pulumi.runtime.serializeFunction>[1])).text;

describe("serialized providers", () => {
  it.each([
    ["sipRoutingProvider", sipRoutingProvider],
    ["phoneNumberOrderProvider", phoneNumberOrderProvider],
    ["adoptedPhoneNumbersProvider", adoptedPhoneNumbersProvider],
  ])("%s holds no key or credential after it has been used", async (_name, provider) => {
    env = await emulatorEnv({ sip: { domains: { "contoso.com": { enabled: true } } } });
    const key = env.acs.accessKey;
    await sipRoutingProvider.create({ endpoint: env.acs.endpoint, domains: [], trunks: [], routes: [], adoptExisting: false });
    const text = await serialize(provider);
    expect(text).toContain("process.env[ACCESS_KEY_ENV]");
    expect(text).not.toContain(key);
    expect(text).not.toContain(Buffer.from(key, "base64").toString("hex"));
    expect(text).not.toMatch(/accesskey=|AzureKeyCredential\s*\{|"key":/i);
  });

  /** Runs `method(arg)` of a serialized provider in a fresh Node process with its own environment. */
  async function runSerialized(provider: object, method: string, arg: unknown, accessKey: string) {
    const dir = mkdtempSync(join(tmpdir(), "ccvoice-provider-"));
    const file = join(dir, "provider.js");
    writeFileSync(file, await serialize(provider));
    const script = `require(${JSON.stringify(file)}).handler().${method}(${JSON.stringify(arg)}).then((r) => console.log(JSON.stringify(r.outs)))`;
    // Asynchronous on purpose: a blocking child would stall this process, and the emulator with it.
    return new Promise<{ code: number; out: string; err: string }>((done) => {
      const childEnv = { ...process.env, CCVOICE_ACS_ACCESS_KEY: accessKey, NODE_PATH: resolve("node_modules") };
      execFile(process.execPath, ["-e", script], { env: childEnv }, (error, out, err) => done({ code: error ? 1 : 0, out, err }));
    });
  }

  it("runs the serialized SIP provider in another process that reads the key from its own environment", async () => {
    env = await emulatorEnv({ sip: { domains: { "contoso.com": { enabled: true } } } });
    const inputs = {
      endpoint: env.acs.endpoint,
      domains: ["contoso.com"],
      trunks: [{ fqdn: "sbc1.contoso.com", sipSignalingPort: 5061, enabled: true, emergencyCapable: true }],
      routes: [{ name: "all", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] }],
      adoptExisting: false,
    };
    const bad = await runSerialized(sipRoutingProvider, "create", inputs, Buffer.from("wrong").toString("base64"));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("failed with HTTP 401 Unauthorized");
    const good = await runSerialized(sipRoutingProvider, "create", inputs, env.acs.accessKey);
    expect(good.err).toBe("");
    expect(JSON.parse(good.out).trunks).toEqual(inputs.trunks);
    expect([...env.acs.sip.trunks.keys()]).toEqual(["sbc1.contoso.com"]);
  });

  it("runs the serialized phone number order provider in another process (journal and lock included)", async () => {
    env = await emulatorEnv();
    const inputs = {
      endpoint: env.acs.endpoint,
      orderName: "us-main",
      orderKey: "prod/us-main",
      countryCode: "US",
      phoneNumberType: "tollFree",
      assignmentType: "application",
      capabilities: { calling: "inbound+outbound", sms: "none" },
      areaCode: "833",
      quantity: 2,
      releaseOnDelete: false,
      agreeToNotResell: false,
    };
    const good = await runSerialized(phoneNumberOrderProvider, "create", inputs, env.acs.accessKey);
    expect(good.err).toBe("");
    expect(JSON.parse(good.out).phoneNumbers).toEqual(["+18330000001", "+18330000002"]);
    expect(env.acs.numbers.ledger.purchases).toHaveLength(1);
  });
});
