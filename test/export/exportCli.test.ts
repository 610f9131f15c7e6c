/**
 * `ccvoice export` usage errors and service errors through `main`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { emulatorEnv } from "../providers/acsTestEnv";

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

describe("ccvoice export usage", () => {
  it.each<[string, string[], string]>([
    ["no endpoint", ["--stack", "x"], "ccvoice: give --endpoint <acs endpoint>, such as https://contoso-cc.unitedstates.communication.azure.com"],
    [
      "a plain-http endpoint that is not loopback",
      ["--endpoint", "http://contoso-cc.communication.azure.com", "--stack", "x"],
      'ccvoice: --endpoint must use https (plain http is allowed only for a local emulator on 127.0.0.1 or localhost), got "http://contoso-cc.communication.azure.com"',
    ],
    ["no stack", ["--endpoint", "https://contoso-cc.unitedstates.communication.azure.com"], "ccvoice: give --stack <name> of letters, digits, dots, dashes or underscores, got undefined"],
    [
      "an unknown number purpose",
      ["--endpoint", "https://contoso-cc.unitedstates.communication.azure.com", "--stack", "x", "--number-purpose", "sales"],
      'ccvoice: --number-purpose must be one of main-line, callback-pool, outbound-caller-id, queue, got "sales"',
    ],
    [
      "a fallback target that is not E.164",
      ["--endpoint", "https://contoso-cc.unitedstates.communication.azure.com", "--stack", "x", "--fallback-target", "911"],
      'ccvoice: --fallback-target must be an E.164 number such as +14255550199, got "911"',
    ],
    [
      "an emergency country agents cannot call from",
      ["--endpoint", "https://contoso-cc.unitedstates.communication.azure.com", "--stack", "x", "--emergency-country", "us,de"],
      "ccvoice: --emergency-country must be one of US, GB, DK, CA, PR, got DE",
    ],
  ])("fails with exit 2 when %s", async (_name, args, message) => {
    const { code, err } = await run("export", ...args);
    expect(code).toBe(2);
    expect(err).toEqual([message]);
  });
});

describe("ccvoice export failures", () => {
  it("fails when the output file exists and --force is not given, reading nothing", async () => {
    env = await emulatorEnv({});
    const file = join(mkdtempSync(join(tmpdir(), "ccvoice-export-")), "Pulumi.x.yaml");
    writeFileSync(file, "config: {}\n");
    const { code, err } = await run("export", "--endpoint", env.acs.endpoint, "--stack", "x", "--out", file);
    expect(code).toBe(1);
    expect(err).toEqual([`ccvoice export: ${file} already exists; pass --force to overwrite it, or choose another --out path`]);
    expect(readFileSync(file, "utf8")).toBe("config: {}\n");
    expect(env.acs.requests).toEqual([]);
  });

  it("fails when the access key is wrong, explaining the 401 and writing nothing", async () => {
    env = await emulatorEnv({});
    process.env.CCVOICE_ACS_ACCESS_KEY = Buffer.from("not the key").toString("base64");
    const file = join(mkdtempSync(join(tmpdir(), "ccvoice-export-")), "Pulumi.x.yaml");
    const { code, err } = await run("export", "--endpoint", env.acs.endpoint, "--stack", "x", "--out", file);
    expect(code).toBe(1);
    expect(err[err.length - 1]).toMatch(
      /^ccvoice export: reading the SIP configuration \(GET \/sip\) on http:\/\/127\.0\.0\.1:\d+ failed with HTTP 401 Unauthorized: .*; the service did not accept the request signature or token from the access key in CCVOICE_ACS_ACCESS_KEY/,
    );
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});
