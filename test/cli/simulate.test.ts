import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runSimulate, simulateCommand, type SimulateOptions } from "../../src/cli/simulate";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { SpecError } from "../../src/config/problems";
import { readStackFile } from "../../src/config/stackFile";

const STACKS_DIR = resolve(__dirname, "../../stacks");
const BROKEN = resolve(__dirname, "../fixtures/Pulumi.broken.yaml");

function run(opts: SimulateOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runSimulate({ stacksDir: STACKS_DIR, ...opts }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("ccvoice simulate on every example stack", () => {
  it.each([
    ["acs-direct-offer", "911", "path      acs-direct-offer"],
    ["acs-direct-routing", "911", "path      acs-direct-routing"],
    ["hybrid", "911", "path      acs-direct-offer"],
    ["teams-calling-plan", "911", "path      teams-calling-plan"],
    ["teams-direct-routing", "911", "path      teams-direct-routing"],
    ["acs-direct-offer", "+14255550123", "path      acs-direct-offer"],
    ["acs-direct-routing", "(425) 555-0123", "path      acs-direct-routing"],
    ["hybrid", "+4533123400", "path      acs-direct-routing"],
    ["teams-calling-plan", "+442071234567", "path      teams-calling-plan"],
    ["teams-direct-routing", "+442071234567", "path      teams-direct-routing"],
  ])("%s --dial %s exits 0", (stack, dial, pathLine) => {
    const r = run({ stack, dial });
    expect([r.code, r.err, r.out.includes(pathLine)]).toEqual([0, [], true]);
  });

  it("prints the hybrid 911 call with the emergency highlighted", () => {
    expect(run({ stack: "hybrid", dial: "911" }).out).toEqual([
      `stack     hybrid (${resolve(STACKS_DIR, "Pulumi.hybrid.yaml")})`,
      "call      911 from US as order:us-main",
      "EMERGENCY 911 is an emergency number in US",
      "path      acs-direct-offer",
      "dialed as 911",
      "route     -",
      "trunks    -",
      "reason    911 matches no direct routing route; the caller id is a Microsoft number (order us-main, assumed as no caller id was given), so the call leaves through direct offer to Microsoft's emergency service",
    ]);
  });

  it("prints the route, trunks and warnings of a direct routing call", () => {
    const r = run({ stack: "hybrid", dial: "112", country: "GB" });
    expect(r.out.slice(2)).toEqual([
      "EMERGENCY 112 is an emergency number in GB",
      "path      acs-direct-routing",
      "dialed as 112",
      "route     emergency-denmark",
      "trunks    sbc2.contoso.com",
      'reason    112 matches route "emergency-denmark" (^112$), so the call goes by ACS direct routing to sbc2.contoso.com; the SBC and its carrier must handle this emergency call',
      `warning   route "emergency-denmark" takes 112 from GB away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude 112 from the route's pattern unless the SBC is meant to carry it`,
    ]);
  });

  it("prints { stack, call, resolution } with --json", () => {
    const r = run({ stackFile: resolve(STACKS_DIR, "Pulumi.hybrid.yaml"), dial: "112", country: "dk", json: true });
    expect([r.code, JSON.parse(r.out.join("\n"))]).toEqual([
      0,
      {
        stack: "hybrid",
        call: { dial: "112", country: "DK" },
        resolution: {
          path: "acs-direct-routing", dialString: "112", emergency: true, testNumber: false, route: "emergency-denmark",
          trunks: ["sbc2.contoso.com"], callerId: "order:us-main",
          warnings: [
            `route "emergency-denmark" takes 112 from DK away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude 112 from the route's pattern unless the SBC is meant to carry it`,
          ],
          reason: '112 matches route "emergency-denmark" (^112$), so the call goes by ACS direct routing to sbc2.contoso.com; the SBC and its carrier must handle this emergency call',
        },
      },
    ]);
  });

  it("passes --from and --resource-account through", () => {
    const acs = run({ stack: "hybrid", dial: "911", from: "+4533123400", json: true });
    const teams = run({ stack: "teams-direct-routing", dial: "999", country: "GB", resourceAccount: "cc-support-eu@contoso.com", json: true });
    expect([JSON.parse(acs.out.join("")).resolution.path, JSON.parse(teams.out.join("")).resolution.route]).toEqual([
      "blocked",
      "cc-eu-emergency",
    ]);
  });
});

describe("ccvoice simulate exit codes", () => {
  it("fails when the configuration is invalid, listing every problem (exit 1)", () => {
    const expected = (() => {
      try {
        parseVoiceChannelSpec(readStackFile(BROKEN).ccvoice);
      } catch (e) {
        return (e as SpecError).problems.map((p) => `  ${p.message}`);
      }
      return [];
    })();
    const r = run({ stackFile: BROKEN, dial: "911" });
    expect([r.code, r.out, r.err]).toEqual([1, [], [`${BROKEN} has ${expected.length} configuration problems:`, ...expected]]);
    expect(r.err.join("\n")).not.toMatch(/\n\s+at /);
    expect(expected.map((m) => m.trim().split(" ")[0])).toEqual([
      "ccvoice:approach.inbound",
      "ccvoice:directRouting.trunks[1].fqdn",
      "ccvoice:directRouting.routes[0].numberPattern",
      "ccvoice:directRouting.routes[1].trunks[0]",
      "ccvoice:emergency.notificationContacts",
    ]);
  });

  it("fails when the call is blocked and --fail-on-blocked is set (exit 1), not otherwise", () => {
    const blocked = { stack: "acs-direct-offer", dial: "112", country: "DE" };
    const routed = { stack: "hybrid", dial: "112", country: "US", from: "+4533123400" };
    expect([run(blocked).code, run({ ...blocked, failOnBlocked: true }).code, run({ ...routed, failOnBlocked: true }).code]).toEqual([0, 1, 0]);
  });

  it.each([
    [{ dial: "911" }, "ccvoice simulate: give --stack <name> or --stack-file <path>"],
    [{ stack: "hybrid", stackFile: "x.yaml", dial: "911" }, "ccvoice simulate: give either --stack <name> or --stack-file <path>, not both"],
    [{ stack: "hybrid" }, "ccvoice simulate: give --dial <number>, such as --dial 911 or --dial +14255550100"],
    [{ stack: "nope", dial: "911" }, `ccvoice simulate: stack "nope" has no file ${STACKS_DIR}/Pulumi.nope.yaml; known stacks: acs-direct-offer, acs-direct-routing, hybrid, teams-calling-plan, teams-direct-routing`],
    [{ stackFile: "missing/Pulumi.x.yaml", dial: "911" }, "ccvoice simulate: stack file missing/Pulumi.x.yaml does not exist; check the path"],
    [{ stack: "hybrid", dial: "411" }, 'ccvoice simulate: dialed "411" is neither an emergency number in US (911, 933) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
    [{ stack: "hybrid", dial: "911", country: "XX" }, 'ccvoice simulate: country "XX" must be an ISO 3166-1 alpha-2 country code that has phone numbers, such as US or GB'],
    [{ stack: "hybrid", dial: "911", from: "order:eu" }, 'ccvoice simulate: from "order:eu" names no order in ccvoice:phoneNumbers.orders; known orders: us-main, us-callback, ca-callback, gb-main'],
    [{ stack: "teams-direct-routing", dial: "911", resourceAccount: "x@contoso.com" }, 'ccvoice simulate: resource account "x@contoso.com" is not in ccvoice:teams.resourceAccounts; known accounts: cc-support-us@contoso.com, cc-support-eu@contoso.com'],
  ])("fails when the options are %j (exit 2)", (opts, message) => {
    const r = run(opts);
    expect([r.code, r.out, r.err]).toEqual([2, [], [message]]);
  });
});

describe("simulateCommand (commander)", () => {
  it("parses the options and reports the exit code", async () => {
    const out: string[] = [];
    const codes: number[] = [];
    const command = simulateCommand({ out: (l) => out.push(l), err: (l) => out.push(l) }, (c) => codes.push(c));
    await command.parseAsync(["--stack-file", resolve(STACKS_DIR, "Pulumi.teams-direct-routing.yaml"), "--dial", "9911", "--json", "--fail-on-blocked"], { from: "user" });
    expect([codes, JSON.parse(out.join("\n")).resolution.route]).toEqual([[0], "cc-na-emergency"]);
  });

  it("documents every option in its help", () => {
    const help = simulateCommand().helpInformation();
    const flags = ["--stack <name>", "--stack-file <path>", "--dial <number>", "--from <number>", "--country <CC>", "--resource-account <upn>", "--json", "--fail-on-blocked"];
    expect(flags.filter((f) => !help.includes(f))).toEqual([]);
  });
});

describe("ccvoice simulate through the CLI entry (src/cli/main.ts)", () => {
  const cli = async (...args: string[]) => {
    const lines: string[] = [];
    const { main } = await import("../../src/cli/main");
    const code = await main(["node", "ccvoice", "simulate", ...args], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, lines };
  };

  it.each([
    [["--stack-file", resolve(STACKS_DIR, "Pulumi.hybrid.yaml"), "--dial", "911"], 0],
    [["--stack-file", BROKEN, "--dial", "911"], 1],
    [["--stack-file", resolve(STACKS_DIR, "Pulumi.acs-direct-offer.yaml"), "--dial", "112", "--country", "DE", "--fail-on-blocked"], 1],
    [["--stack-file", resolve(STACKS_DIR, "Pulumi.acs-direct-offer.yaml"), "--dial", "112", "--country", "DK", "--fail-on-blocked"], 0],
    [["--stack-file", resolve(STACKS_DIR, "Pulumi.hybrid.yaml"), "--dial", "911", "--bogus"], 2],
    [["--stack-file", resolve(STACKS_DIR, "Pulumi.hybrid.yaml"), "--dial"], 2],
    [["--stack-file", resolve(STACKS_DIR, "Pulumi.hybrid.yaml"), "--dial", "411"], 2],
  ])("ccvoice simulate %j exits %i", async (args, code) => {
    expect((await cli(...args)).code).toBe(code);
  });
});
