/**
 * `ccvoice check` in-process through `main`: each deliberately broken stack under test/fixtures/policies
 * names the right policy with a fix and exits 1; advisory-only stacks exit 0; waivers; every output format;
 * usage errors exit 2.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";

const FIXTURES = "test/fixtures/policies";
const fixture = (name: string) => `${FIXTURES}/Pulumi.${name}.yaml`;

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(["node", "ccvoice", ...args], io);
  return { code, out, err };
}

interface CheckJson {
  stack: string;
  violations: { policy: string; enforcementLevel: string; resource: string; message: string }[];
  passed: string[];
  waived: string[];
  notEvaluated: { policy: string; reason: string }[];
  errors: string[];
}

async function json(...args: string[]): Promise<{ code: number; report: CheckJson }> {
  const { code, out } = await run("check", ...args, "--format", "json");
  return { code, report: JSON.parse(out.join("\n")) as CheckJson };
}

describe("ccvoice check on broken stacks", () => {
  it.each<[string, string[], string, string, string]>([
    [
      "dk-unreachable", [], "ccvoice-emergency-route-reachable", "ccvoice:directRouting.routes",
      "112 dialed by agents in DK reaches no emergency service: 112 matches no direct routing route and the resource has no Microsoft number with outbound calling (ccvoice:phoneNumbers), so the call fails; add a direct routing route for 112 or call from a Microsoft number with outbound calling. Add a route whose numberPattern matches 112 to a trunk marked emergencyCapable, or keep a Microsoft number with outbound calling (ccvoice:phoneNumbers) and no route matching it, so Microsoft's emergency service takes it.",
    ],
    [
      "cross-country", [], "ccvoice-emergency-route-not-shadowed", "ccvoice:directRouting.routes[0]",
      'Route "emergency-dk" (^112$) sends 112 dialed by agents in GB to sbc2.contoso.com, which does not declare GB in emergencyCountries, although Microsoft\'s emergency service would otherwise take this call through the stack\'s Microsoft numbers. Declare emergencyCountries including GB on sbc2.contoso.com if its carrier delivers GB emergency calls to GB PSAPs, or exclude 112 from the pattern.',
    ],
    [
      "no-gb-contact", [], "ccvoice-emergency-notification", "ccvoice:emergency.notificationContacts",
      "No notification contact covers GB, where agents work (the contacts cover US), so nobody is told when an agent there dials an emergency number. Add a contact whose countries include GB, or one without countries.",
    ],
    [
      "short-lease", [], "ccvoice-emergency-callback-lease", "ccvoice:emergency.callbackLeaseMinutes",
      "ccvoice:emergency.callbackLeaseMinutes is 30, so a PSAP calling back after 30 minutes no longer reaches the agent who called. Set it to at least 60.",
    ],
    [
      "no-site-dk", [], "ccvoice-emergency-dispatchable-location", "ccvoice:emergency.sites",
      "No site is declared in DK, one of ccvoice:emergency.countries, so emergency calls from agents there carry no dispatchable location. Add a site with its civic address in DK to ccvoice:emergency.sites.",
    ],
    [
      "records-emergency", [], "ccvoice-emergency-not-recorded", "ccvoice:runtime.recording.includeEmergencyCalls",
      "ccvoice:runtime.recording.includeEmergencyCalls is true, so recording is enabled and emergency calls would be recorded. Set it to false: emergency calls are never recorded nor stored as an activity.",
    ],
    [
      "release-stack-wide", [], "ccvoice-numbers-retained", "ccvoice:phoneNumbers.orders[0]",
      'Order "us-main" (2 US tollFree numbers, main-line) would release its numbers when deleted, only because ccvoice:phoneNumbers.releaseOnDelete is true. Remove the stack-wide releaseOnDelete, or set releaseOnDelete: true on the entry itself to waive retention for it.',
    ],
    [
      "repurchase", ["--baseline", fixture("good")], "ccvoice-numbers-no-repurchase", "ccvoice:phoneNumbers.orders[1]",
      'Order "us-callback" changes areaCode from "425" to "206", which means giving up its 5 numbers and buying 5 others. Keep the order as it was and add a new order for the new numbers.',
    ],
    [
      "pattern-without-plus", [], "ccvoice-sip-route-pattern", "ccvoice:directRouting.routes[1].numberPattern",
      'Route "denmark" (^45\\d{8}$) matches "4599267494", which is neither an E.164 number with + nor an emergency number, and the service only matches those. Match E.164 numbers with their +, such as ^\\+1\\d{10}$.',
    ],
    [
      "disabled-trunk", [], "ccvoice-sip-route-trunks-declared", "ccvoice:directRouting.routes[1].trunks[1]",
      'Route "denmark" names trunk "sbc1.contoso.com", which is disabled (enabled: false), so the route silently skips it. Enable the trunk, or remove it from the route while it is out of service.',
    ],
    [
      "undeclared-trunk", [], "ccvoice-sip-route-trunks-declared", "ccvoice:directRouting.routes[1].trunks[1]",
      'Route "denmark" names trunk "sbc9.contoso.com", which is not declared in ccvoice:directRouting.trunks. Declare the trunk or remove it from the route.',
    ],
    [
      "foreign-domain", [], "ccvoice-sip-trunk-domain", "ccvoice:directRouting.trunks[0].fqdn",
      'Trunk "sbc1.fabrikam.com" lies under fabrikam.com, which is not in ccvoice:directRouting.domains (contoso.com). Add and verify fabrikam.com, or give the SBC an FQDN under a declared domain.',
    ],
    [
      "offer-with-sbc", [], "ccvoice-approach-consistent", "ccvoice:directRouting.trunks",
      "The approach acs-direct-offer inbound / acs-direct-offer outbound uses no ACS direct routing, yet ccvoice:directRouting declares 2 trunk(s) (sbc1.contoso.com, sbc2.contoso.com), so calls could leave through SBCs the approach does not plan for. Remove ccvoice:directRouting, or set approach.inbound or approach.outbound to acs-direct-routing.",
    ],
    [
      "hybrid-trap", [], "ccvoice-emergency-route-not-shadowed", "ccvoice:directRouting.routes[0]",
      'Route "everything" (^\\+?\\d+$) matches 911, 933, 999 and 112 and sends them to sbc3.contoso.com, which is not marked emergencyCapable. Add an emergency route before it, or exclude 911/933/999/112 from its pattern.',
    ],
    [
      "unparseable", [], "ccvoice-config-valid", "ccvoice:approach.inbound",
      'ccvoice:approach.inbound must be one of acs-direct-routing, teams-direct-routing, acs-direct-offer, teams-calling-plan, got "acs-direct-ofer"',
    ],
  ])("fails %s naming the right policy with a fix, exit 1", async (name, extra, policy, resource, message) => {
    const { code, report } = await json("--stack-file", fixture(name), ...extra);
    expect(code).toBe(1);
    expect(report.stack).toBe(name);
    expect(report.violations.filter((v) => v.policy === policy)[0]).toEqual({ policy, enforcementLevel: "mandatory", resource, message });
  });

  it("reports configuration problems once, under the policy that covers them, and leaves resource-only policies not evaluated", async () => {
    const { report } = await json("--stack-file", fixture("short-lease"));
    expect(report.violations.map((v) => v.policy)).toEqual(["ccvoice-emergency-callback-lease"]);
    expect(report.notEvaluated.map((n) => n.policy)).toEqual(["ccvoice-eventgrid-dead-letter", "ccvoice-runtime-no-connection-strings"]);
  });
});

describe("ccvoice check on stacks with advisory findings only", () => {
  it.each([
    ["slow-incoming-call", ["ccvoice-eventgrid-incoming-call-ttl", "ccvoice-eventgrid-incoming-call-ttl"]],
    ["plain-sip", ["ccvoice-sip-trunk-tls"]],
  ])("prints %s's advisory violations and exits 0", async (name, policies) => {
    const { code, report } = await json("--stack-file", fixture(name));
    expect(code).toBe(0);
    expect(report.violations.map((v) => [v.policy, v.enforcementLevel])).toEqual(policies.map((p) => [p, "advisory"]));
  });

  it("skips an advisory policy waived with --waive", async () => {
    const { code, report } = await json("--stack-file", fixture("plain-sip"), "--waive", "ccvoice-sip-trunk-tls");
    expect([code, report.violations, report.waived]).toEqual([0, [], ["ccvoice-sip-trunk-tls"]]);
  });

  it("prints the text report with the summary line", async () => {
    const { code, out } = await run("check", "--stack-file", fixture("plain-sip"));
    expect(code).toBe(0);
    expect(out[0]).toBe("advisory  ccvoice-sip-trunk-tls  ccvoice:directRouting.trunks[0].sipSignalingPort");
    expect(out.at(-1)).toBe("stack plain-sip passed: 0 mandatory violations, 1 advisory violation; 18 policies passed");
  });
});

describe("ccvoice check output formats", () => {
  it("writes SARIF that validates against the SARIF 2.1.0 schema to --out, with the summary on stderr", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ccvoice-check-")), "check.sarif");
    const { code, err } = await run("check", "--stack-file", fixture("cross-country"), "--format", "sarif", "--out", out);
    expect(code).toBe(1);
    expect(err.at(-1)).toBe(`stack cross-country FAILED: 2 mandatory violations, 0 advisory violations; 18 policies passed (report written to ${out})`);
    const schemaFile = join(require.resolve("@datadog/datadog-ci-plugin-sarif/package.json"), "../dist/json-schema/sarif-schema-2.1.0.json");
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const log = JSON.parse(readFileSync(out, "utf8")) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(ajv.validate(JSON.parse(readFileSync(schemaFile, "utf8")) as object, log)).toBe(true);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.region.startLine).toBe(18);
  });

  it("prints well-formed JUnit XML", async () => {
    const { code, out } = await run("check", "--stack-file", fixture("good"), "--format", "junit");
    expect(code).toBe(0);
    expect(XMLValidator.validate(out.join("\n"))).toBe(true);
    expect(out[1]).toBe('<testsuites name="ccvoice check" tests="19" failures="0" errors="0" skipped="0">');
  });
});

describe("ccvoice check usage errors", () => {
  it.each<[string, string[], string]>([
    ["fails when both --stack and --stack-file are given", ["--stack", "hybrid", "--stack-file", fixture("good")], "ccvoice: give either --stack <name> or --stack-file <path>, not both"],
    ["fails when the format is unknown", ["--stack-file", fixture("good"), "--format", "xml"], 'ccvoice: --format must be one of text, json, sarif, junit, got "xml"'],
    [
      "fails when a mandatory policy is waived",
      ["--stack-file", fixture("good"), "--waive", "ccvoice-emergency-not-recorded"],
      "ccvoice: --waive ccvoice-emergency-not-recorded: ccvoice-emergency-not-recorded is mandatory and cannot be waived; fix the stack instead",
    ],
    [
      "fails when the waived policy does not exist",
      ["--stack-file", fixture("good"), "--waive", "ccvoice-sip-trunk-tsl"],
      "ccvoice: --waive ccvoice-sip-trunk-tsl names no policy; advisory policies that can be waived: ccvoice-sip-route-unreachable, ccvoice-sip-trunk-tls, ccvoice-eventgrid-incoming-call-ttl, ccvoice-runtime-always-ready",
    ],
    ["fails when the baseline is missing", ["--stack-file", fixture("good"), "--baseline", "nope.yaml"], "ccvoice: baseline nope.yaml does not exist; give the stack file as it was last deployed"],
    ["fails when the stack is unknown", ["--stack", "nope"], `ccvoice: stack "nope" has no file stacks/Pulumi.nope.yaml; known stacks: acs-direct-offer, acs-direct-routing, hybrid, teams-calling-plan, teams-direct-routing`],
  ])("%s, exit 2", async (_name, args, message) => {
    const { code, err } = await run("check", ...args);
    expect(code).toBe(2);
    expect(err).toEqual([message]);
  });
});
