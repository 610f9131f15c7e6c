/**
 * Answers validation: every problem of a bad answers file with its path, and the defaults.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswersError, parseAdviceAnswers, readAdviceAnswers } from "../../src/advise/answers";

const fixtures = join(__dirname, "../fixtures/answers");

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof AnswersError) return err.problems;
    throw err;
  }
  throw new Error("expected an AnswersError");
}

const minimal = {
  carrier: { contracts: false, sbcs: "none" },
  sipContext: "not-needed",
  countries: { callers: ["US"], agents: ["US"] },
  teamsPhone: "none",
  callQuality: "microsoft",
};

describe("parseAdviceAnswers", () => {
  it("applies the defaults", () => {
    expect(parseAdviceAnswers(minimal)).toEqual({
      ...minimal,
      environment: "prod",
      carrier: { contracts: false, sbcs: "none", emergencyCalls: false },
      microsoftNumbers: {},
      stack: {},
    });
  });

  it("fails when the answers file has every kind of mistake, listing each with its path", () => {
    const file = join(fixtures, "bad-answers.yaml");
    expect(problemsOf(() => readAdviceAnswers(file))).toEqual([
      'environment must be 1-12 lower-case letters, digits or dashes, such as prod, got "Production"',
      'carrier.contracts must be true or false, got "yes please"',
      "carrier.sbcs is required and must be one of none, certified, uncertified",
      'sipContext must be one of required, useful, not-needed, got "maybe"',
      'countries.callers[0] must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB, got "us"',
      'countries.callers[1] must be a country with a telephone numbering plan, such as US or GB, got "ZZ"',
      "countries.agents must list at least one country such as [US], got []",
      'microsoftNumbers.DK must be one of sold, not-sold, got "perhaps"',
      "teamsPhone is required and must be one of none, calling-plan, direct-routing",
      'callQuality must be one of microsoft, own, got "carrier"',
      "teamPhone is not a known answer; remove it or check its spelling",
    ]);
  });

  it.each<[string, unknown, string[]]>([
    ["the document is a list", ["US"], ['(top level) must be a map of answers (environment, carrier, sipContext, countries, microsoftNumbers, teamsPhone, callQuality, stack), got ["US"]']],
    ["carrier is text", { ...minimal, carrier: "yes" }, ['carrier must be a map with contracts (true/false), sbcs (none, certified, uncertified) and emergencyCalls (true/false), got "yes"']],
    ["an SBC is not an FQDN", { ...minimal, stack: { sbcs: ["SBC1"] } }, ['stack.sbcs[0] must be an SBC FQDN in lower case such as sbc1.contoso.com, got "SBC1"']],
    ["the tenant id is not a GUID", { ...minimal, stack: { tenantId: "contoso" } }, ['stack.tenantId must be the Entra tenant id, a GUID, got "contoso"']],
    ["the security desk number is not E.164", { ...minimal, stack: { securityDeskNumber: "911" } }, ['stack.securityDeskNumber must be an E.164 number with + and country code, such as +14255550100, got "911"']],
    [
      "a carrier number has no purpose",
      { ...minimal, stack: { carrierNumbers: [{ phoneNumber: "+14255550100" }] } },
      ["stack.carrierNumbers[0].purpose is required and must be one of main-line, callback-pool, outbound-caller-id, queue"],
    ],
    ["a site has no address", { ...minimal, stack: { sites: [{ name: "hq", country: "US" }] } }, ["stack.sites[0].address is required and must be a map"]],
    ["a microsoftNumbers key is not a country", { ...minimal, microsoftNumbers: { Denmark: "sold" } }, ['microsoftNumbers has key "Denmark", which is not a country code; use ISO 3166-1 alpha-2 codes such as DK']],
  ])("fails when %s", (_name, raw, expected) => {
    expect(problemsOf(() => parseAdviceAnswers(raw))).toEqual(expected);
  });

  it("fails when the file is missing or not YAML, naming the file", () => {
    expect(problemsOf(() => readAdviceAnswers("/nonexistent/answers.yaml"))).toEqual(["/nonexistent/answers.yaml cannot be read; check the path"]);
    const dir = mkdtempSync(join(tmpdir(), "ccvoice-answers-"));
    const file = join(dir, "answers.yaml");
    writeFileSync(file, "carrier: [unclosed\n");
    const problems = problemsOf(() => readAdviceAnswers(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not valid YAML: `));
  });

  it("names the source and the count in the error message", () => {
    const err = (() => {
      try {
        readAdviceAnswers(join(fixtures, "bad-answers.yaml"));
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message.split("\n")[0]).toBe(`answers file ${join(fixtures, "bad-answers.yaml")} has 11 problems:`);
  });
});
