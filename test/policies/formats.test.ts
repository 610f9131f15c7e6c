/**
 * Report formats of `ccvoice check`: SARIF validated against the OASIS SARIF 2.1.0 JSON schema (the copy
 * shipped in the npm package @datadog/datadog-ci-plugin-sarif), JUnit XML checked well formed with
 * fast-xml-parser, setting locations found in the YAML.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { formatCheckText } from "../../src/check/formatCheckText";
import { formatJunit } from "../../src/check/formatJunit";
import { artifactUri, formatSarif } from "../../src/check/formatSarif";
import { locateSetting, splitSettingPath } from "../../src/check/locateSetting";
import { runChecks, type CheckReport } from "../../src/check/runChecks";
import { acsRaw, at, goodResources, specFrom } from "./fixtures";

type Raw = Record<string, unknown>;
const SCHEMA_FILE = join(dirname(require.resolve("@datadog/datadog-ci-plugin-sarif/package.json")), "dist/json-schema/sarif-schema-2.1.0.json");
const STACK_FILE = join(__dirname, "../fixtures/policies/Pulumi.good.yaml");
const STACK_TEXT = readFileSync(STACK_FILE, "utf8");

/** A report with a mandatory violation (lease), an advisory one (TLS), a waived rule and an error. */
function sampleReport(): CheckReport {
  const spec = specFrom(acsRaw(), (raw) => {
    at(raw, "emergency").callbackLeaseMinutes = 30;
    ((at(raw, "directRouting").trunks as Raw[])[0] as Raw).sipSignalingPort = 5060;
  });
  const report = runChecks({ stack: "good", spec, resources: goodResources(spec), waive: ["ccvoice-sip-route-unreachable"] });
  report.errors.push("resource ccvoice-prod-teams failed: <boom> & \"quotes\"");
  return report;
}

describe("SARIF output", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as object);

  it("validates against the SARIF 2.1.0 schema", () => {
    const log = formatSarif(sampleReport(), { file: STACK_FILE, text: STACK_TEXT, baseDir: join(__dirname, "../..") });
    const valid = validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("fails schema validation when a result has no message (the validator is effective)", () => {
    const log = formatSarif(sampleReport(), { file: STACK_FILE, text: STACK_TEXT }) as unknown as { runs: { results: Raw[] }[] };
    delete (log.runs[0]?.results[0] as Raw).message;
    expect(validate(log)).toBe(false);
  });

  it("has one rule per policy and results with levels, rule indexes and YAML lines", () => {
    const log = formatSarif(sampleReport(), { file: STACK_FILE, text: STACK_TEXT, baseDir: join(__dirname, "../..") });
    const run = log.runs[0];
    expect(run?.tool.driver.rules?.map((r) => r.id)).toHaveLength(19);
    expect(run?.tool.driver.rules?.[0]?.id).toBe("ccvoice-config-valid");
    expect(
      run?.results?.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations?.[0]?.physicalLocation?.artifactLocation?.uri, r.locations?.[0]?.physicalLocation?.region?.startLine]),
    ).toEqual([
      ["ccvoice-emergency-callback-lease", 4, "error", "test/fixtures/policies/Pulumi.good.yaml", 46],
      ["ccvoice-sip-trunk-tls", 13, "warning", "test/fixtures/policies/Pulumi.good.yaml", 13],
    ]);
    expect(run?.invocations?.[0]?.executionSuccessful).toBe(false);
  });

  it.each([
    ["/repo/stacks/Pulumi.prod.yaml", "/repo", "stacks/Pulumi.prod.yaml"],
    ["/elsewhere/Pulumi.prod.yaml", "/repo", "file:///elsewhere/Pulumi.prod.yaml"],
  ])("gives %s relative to %s as %s", (file, base, uri) => {
    expect(artifactUri(file, base)).toBe(uri);
  });
});

describe("JUnit output", () => {
  it("is well-formed XML with one test case per policy plus the preview error", () => {
    const xml = formatJunit(sampleReport());
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: { testcase: Raw[] } };
    };
    const { testsuites } = doc;
    expect([testsuites.tests, testsuites.failures, testsuites.errors, testsuites.skipped]).toEqual(["20", "1", "1", "1"]);
    const cases = testsuites.testsuite.testcase;
    expect(cases.map((c) => c.name)).toContain("ccvoice-emergency-route-reachable");
    const lease = cases.find((c) => c.name === "ccvoice-emergency-callback-lease") as { failure: { type: string } };
    expect(lease.failure.type).toBe("mandatory");
    const tls = cases.find((c) => c.name === "ccvoice-sip-trunk-tls") as { "system-out": string };
    expect(tls["system-out"]).toMatch(/^advisory: ccvoice:directRouting\.trunks\[0\]\.sipSignalingPort: Trunk "sbc1\.contoso\.com" signals on port 5060/);
    const preview = cases.find((c) => c.name === "preview") as { error: { message: string } };
    expect(preview.error.message).toBe('resource ccvoice-prod-teams failed: <boom> & "quotes"');
  });

  it("fails validation when the XML is broken (the validator is effective)", () => {
    expect(XMLValidator.validate(formatJunit(sampleReport()).replace("</testsuites>", ""))).not.toBe(true);
  });
});

describe("setting locations in the stack file", () => {
  it.each([
    ["ccvoice:directRouting.routes[1].numberPattern", ["ccvoice:directRouting", "routes", 1, "numberPattern"], 23, 9, "ccvoice:directRouting.routes[1].numberPattern"],
    ["ccvoice:emergency.callbackLeaseMinutes", ["ccvoice:emergency", "callbackLeaseMinutes"], 46, 5, "ccvoice:emergency.callbackLeaseMinutes"],
    ["ccvoice:runtime.incomingCallEventTtlMinutes", ["ccvoice:runtime", "incomingCallEventTtlMinutes"], 61, 3, "ccvoice:runtime"],
    ["ccvoice:teams.resourceAccounts[0]", ["ccvoice:teams", "resourceAccounts", 0], 2, 1, "config"],
  ] as const)("finds %s", (path, keys, line, column, found) => {
    expect(splitSettingPath(path)).toEqual(keys);
    expect(locateSetting(STACK_TEXT, path)).toEqual({ line, column, found });
  });
});

describe("text output", () => {
  it("lists mandatory violations first, then advisory ones, waivers, errors and the summary", () => {
    expect(formatCheckText(sampleReport())).toEqual([
      "MANDATORY ccvoice-emergency-callback-lease  ccvoice:emergency.callbackLeaseMinutes",
      "    ccvoice:emergency.callbackLeaseMinutes is 30, so a PSAP calling back after 30 minutes no longer reaches the agent who called. Set it to at least 60.",
      "advisory  ccvoice-sip-trunk-tls  ccvoice:directRouting.trunks[0].sipSignalingPort",
      '    Trunk "sbc1.contoso.com" signals on port 5060 without tls: true, so its SIP signaling may travel unencrypted. Use port 5061, or set tls: true if that port is TLS.',
      "waived ccvoice-sip-route-unreachable (--waive)",
      'error: resource ccvoice-prod-teams failed: <boom> & "quotes"',
      "stack good FAILED: 1 mandatory violation, 1 advisory violation; 15 policies passed, 1 waived",
    ]);
  });
});
