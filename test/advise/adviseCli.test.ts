/**
 * `ccvoice advise` through `main` and `runAdvise`: the typical profiles write stacks that parse and route
 * every emergency number, --json, --force, bad answers, the non-interactive refusal, and the interactive
 * questions answered by a scripted prompter.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Choice, Prompter } from "../../src/advise/askQuestions";
import { runAdvise } from "../../src/cli/advise";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { readStackFile } from "../../src/config/stackFile";
import { emergencyDialStrings, resolveCall } from "../../src/routing";

const fixtures = join(__dirname, "../fixtures/answers");
const tmp = () => mkdtempSync(join(tmpdir(), "ccvoice-advise-"));

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

async function run(...args: string[]) {
  const c = capture();
  const code = await main(["node", "ccvoice", ...args], c.io);
  return { code, out: c.out, err: c.err };
}

describe("ccvoice advise --answers --write", () => {
  const byot = (c: string) => emergencyDialStrings(c).map((d) => [c, d, "acs-direct-routing"]);
  it.each<[string, string, string, string, string[][]]>([
    ["carrier-byot", "byot", "acs-direct-routing", "acs-direct-routing", [...byot("US"), ...byot("GB"), ...byot("DK")]],
    ["cloud-first", "direct-offer", "acs-direct-offer", "acs-direct-offer", [["US", "911", "acs-direct-offer"], ["US", "933", "acs-direct-offer"]]],
    ["teams-first", "teams-calling-plan", "teams-calling-plan", "teams-calling-plan", [["US", "911", "teams-calling-plan"], ["US", "933", "teams-calling-plan"], ["GB", "999", "teams-calling-plan"], ["GB", "112", "teams-calling-plan"]]],
    [
      "teams-direct-routing", "teams-direct-routing", "teams-direct-routing", "teams-direct-routing",
      [["US", "911", "teams-direct-routing"], ["US", "933", "teams-direct-routing"], ["GB", "999", "teams-direct-routing"], ["GB", "112", "teams-direct-routing"], ["DK", "112", "teams-direct-routing"]],
    ],
    [
      "mixed-countries", "hybrid", "acs-direct-offer", "acs-direct-routing",
      // No emergency route: Microsoft's emergency service takes 112 from DK as well as from GB (Microsoft Learn).
      [["US", "911", "acs-direct-offer"], ["US", "933", "acs-direct-offer"], ["GB", "999", "acs-direct-offer"], ["GB", "112", "acs-direct-offer"], ["DK", "112", "acs-direct-offer"]],
    ],
  ])("%s writes a %s stack that parses, with inbound %s and outbound %s, and routes every emergency number", async (name, profile, inbound, outbound, emergencyPaths) => {
    const file = join(tmp(), `Pulumi.${name}.yaml`);
    const { code, out, err } = await run("advise", "--answers", join(fixtures, `${name}.yaml`), "--write", file);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toContain(`stack written to ${file}`);
    const spec = parseVoiceChannelSpec(readStackFile(file).ccvoice);
    expect(spec.approach).toEqual({ inbound, outbound });
    expect(spec.emergency.countries).toEqual([...new Set(emergencyPaths.map(([c]) => c))]);
    const seen = spec.emergency.countries.flatMap((country) =>
      emergencyDialStrings(country).map((dial) => {
        const r = resolveCall(spec, { dial, country });
        expect(r.emergency).toBe(true);
        return [country, dial, r.path];
      }),
    );
    expect(seen).toEqual(emergencyPaths);
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe(`# Written by ccvoice advise (${profile}): inbound ${inbound}, outbound ${outbound}.`);
    const check = await run("check", "--stack-file", file);
    expect(check.out[check.out.length - 1]).toMatch(new RegExp(`^stack ${name} passed: 0 mandatory violations, 0 advisory violations; \\d+ policies passed$`));
    expect(check.code).toBe(0);
  });

  it("marks every example value in the written file and lists it", async () => {
    const file = join(tmp(), "Pulumi.prod.yaml");
    const { code, out } = await run("advise", "--answers", join(fixtures, "mixed-countries.yaml"), "--write", file);
    expect(code).toBe(0);
    expect(out.slice(out.indexOf(`stack written to ${file}`))).toEqual([
      `stack written to ${file}`,
      "  example values to replace before pulumi up:",
      "  - ccvoice:acs.name = cc-prod: the name of your ACS resource",
      "  - ccvoice:acs.dataLocation = United States: the data location of your ACS resource",
      "  - domain of SBC FQDNs and UPNs = example.com: your domain",
      "  - ccvoice:directRouting.trunks = sbc1.example.com, sbc2.example.com: the FQDNs of your SBCs",
      "  - ccvoice:emergency.notificationContacts[0].email = security@example.com: the address of your security desk",
      "  - ccvoice:emergency.fallbackTarget = +14255550199: the E.164 number of your security desk",
      "  - ccvoice:emergency.sites = site-us, site-gb, site-dk: your sites and their civic addresses (dispatchable location)",
    ]);
    const text = readFileSync(file, "utf8");
    expect(text).toContain('    # example value "cc-prod": replace with the name of your ACS resource\n    name: cc-prod\n');
    expect(text).toContain("    # example SBCs sbc1.example.com, sbc2.example.com: replace with the FQDNs of your SBCs\n    trunks:\n");
    expect(text).toContain("        numberPattern: ^\\+45\\d+$\n");
    expect(text).not.toContain("numberPattern: ^(112)$");
    expect(text).not.toContain("&a1");
  });

  it("prints the recommendation as text", async () => {
    const { code, out } = await run("advise", "--answers", join(fixtures, "cloud-first.yaml"));
    expect(code).toBe(0);
    expect(out.slice(0, 8)).toEqual([
      "recommended: direct-offer",
      "  inbound   acs-direct-offer",
      "  outbound  acs-direct-offer",
      "",
      "why",
      "  - Microsoft numbers are sold in every country you need (US, CA) and you want Microsoft to own call quality: calling plans (Microsoft numbers) bring simplified provisioning, billing, compliance and emergency services in supported countries (DESIGN.md §2, seed guidance)",
      "",
      "countries",
    ]);
    expect(out).toContain("  US  Microsoft numbers sold (azure-voice-api-facts §5.1); emergency calls to Microsoft's emergency service");
    expect(out).toContain("rejected");
  });

  it("prints JSON with --json, including the stack written", async () => {
    const file = join(tmp(), "Pulumi.x.yaml");
    const { code, out } = await run("advise", "--answers", join(fixtures, "carrier-byot.yaml"), "--json", "--write", file);
    expect(code).toBe(0);
    const json = JSON.parse(out.join("\n")) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "profile", "approach", "reasons", "tradeOffs", "rejected", "countries", "sbcCountries",
      "sbcEmergencyCountries", "microsoftEmergencyCountries", "emergencyCountries", "warnings", "stack",
    ]);
    expect(json.profile).toBe("byot");
    expect(json.stack).toEqual({ file, examples: [] });
  });

  it("fails when the --write file exists and --force is not given, leaving it unchanged", async () => {
    const file = join(tmp(), "Pulumi.prod.yaml");
    writeFileSync(file, "config: {}\n");
    const refused = await run("advise", "--answers", join(fixtures, "cloud-first.yaml"), "--write", file);
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([`ccvoice advise: ${file} already exists; pass --force to overwrite it, or choose another --write path`]);
    expect(readFileSync(file, "utf8")).toBe("config: {}\n");
    const forced = await run("advise", "--answers", join(fixtures, "cloud-first.yaml"), "--write", file, "--force");
    expect(forced.code).toBe(0);
    expect(parseVoiceChannelSpec(readStackFile(file).ccvoice).approach.inbound).toBe("acs-direct-offer");
  });

  it("fails when the answers file is bad, printing every problem", async () => {
    const file = join(fixtures, "bad-answers.yaml");
    const { code, out, err } = await run("advise", "--answers", file);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toBe(`answers file ${file} has 11 problems:`);
    expect(err).toHaveLength(12);
    expect(err[4]).toBe('  sipContext must be one of required, useful, not-needed, got "maybe"');
  });

  it("fails when no agent country supports emergency calls and --write is asked", async () => {
    const dir = tmp();
    const answers = join(dir, "answers.yaml");
    writeFileSync(answers, "carrier: { contracts: false, sbcs: none }\nsipContext: not-needed\ncountries: { callers: [DE], agents: [DE] }\nmicrosoftNumbers: { DE: sold }\nteamsPhone: none\ncallQuality: microsoft\n");
    const { code, err } = await run("advise", "--answers", answers, "--write", join(dir, "Pulumi.de.yaml"));
    expect(code).toBe(1);
    expect(err).toEqual([
      "ccvoice advise: cannot write a stack: emergency.countries needs at least one country where agent emergency calls are supported (US, GB, DK, CA, PR); add one to countries.emergency in the answers",
    ]);
  });

  it("fails with a usage error when stdin is not a terminal and no answers file is given", async () => {
    const { code, err } = await run("advise");
    expect(code).toBe(2);
    expect(err).toEqual(["ccvoice: stdin is not a terminal, so advise cannot ask its questions; give --answers <file> (see test/fixtures/answers/ for examples)"]);
  });
});

/** Answers prompts in order, recording each message. */
function scripted(answers: (string | boolean)[]): { prompter: Prompter; asked: string[] } {
  const asked: string[] = [];
  const next = () => {
    if (answers.length === 0) throw new Error(`no scripted answer left for ${asked[asked.length - 1]}`);
    return answers.shift() as string | boolean;
  };
  const prompter: Prompter = {
    select: async <T extends string>(q: { message: string; choices: Choice<T>[] }) => {
      asked.push(q.message);
      const value = next() as T;
      if (!q.choices.some((c) => c.value === value)) throw new Error(`${String(value)} is not a choice of ${q.message}`);
      return value;
    },
    confirm: async (q) => (asked.push(q.message), next() as boolean),
    input: async (q) => {
      asked.push(q.message);
      const typed = next() as string;
      const value = typed === "" ? (q.default ?? "") : typed;
      const valid = q.validate?.(value) ?? true;
      if (valid !== true) throw new Error(valid);
      return value;
    },
  };
  return { prompter, asked };
}

describe("ccvoice advise, interactive", () => {
  it("asks the questions and recommends hybrid for US and DK with a Danish carrier", async () => {
    const { prompter, asked } = scripted([true, "certified", true, "useful", "none", "us, dk", "", "", "not-sold", "microsoft", "prod", false]);
    const c = capture();
    const code = await runAdvise({ json: true }, c.io, { prompter, interactive: true });
    expect(code).toBe(0);
    expect(asked).toEqual([
      "Do you have carrier contracts (numbers, minutes) you want to keep?",
      "Which session border controllers (SBCs) do you run?",
      "Does your carrier take emergency calls (911, 112, 999) through your SBCs?",
      "Must SIP context (caller id, intent, auth tokens) survive transfers and callbacks?",
      "Is Teams Phone already in use for PSTN calls?",
      "Countries your callers call from (ISO codes, e.g. US, GB):",
      "Countries your agents work in:",
      "Countries whose agents must be able to dial emergency numbers:",
      "Are Microsoft numbers (ACS) sold in DK?",
      "Who should own call quality and the SLA of the phone network leg?",
      "Environment name of the stack (dev, test, prod):",
      "Fill in stack details now (ACS name, domain, security desk email)? Otherwise example values are written.",
    ]);
    const json = JSON.parse(c.out.join("\n")) as { profile: string; sbcEmergencyCountries: string[] };
    expect([json.profile, json.sbcEmergencyCountries]).toEqual(["hybrid", []]);
  });

  it("fails when a country answer is not a country code (the prompt's validation)", async () => {
    const { prompter } = scripted([false, "none", "not-needed", "none", "USA"]);
    await expect(runAdvise({}, capture().io, { prompter, interactive: true })).rejects.toThrow(
      "not country codes: USA; use ISO 3166-1 alpha-2 codes such as US, GB, DK",
    );
  });
});
