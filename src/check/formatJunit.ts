/**
 * JUnit XML output of `ccvoice check`, for CI test reports: one test suite per stack, one test case per
 * policy. A mandatory violation is a `<failure>` (type `mandatory`, every message in the body); an advisory
 * violation keeps the case passing and lists its messages in `<system-out>`; waived and not-evaluated
 * policies are `<skipped>`; preview errors are one extra case `preview` with an `<error>`.
 */
import type { RuleLevel } from "../../policies/lib/types";
import { RULES } from "../../policies/ruleList";
import { CONFIG_POLICY } from "./configPolicy";
import type { CheckReport } from "./runChecks";

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

const attr = (name: string, value: string | number) => `${name}="${xmlEscape(String(value))}"`;

/**
 * Builds the JUnit XML of a report.
 *
 * @param report a check report
 * @returns the XML document text, ending with a newline
 */
export function formatJunit(report: CheckReport): string {
  const policies: { name: string; enforcementLevel: RuleLevel }[] = [CONFIG_POLICY, ...RULES];
  const classname = `ccvoice.${report.stack}`;
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const policy of policies) {
    const open = `    <testcase ${attr("classname", classname)} ${attr("name", policy.name)}`;
    const mine = report.violations.filter((v) => v.policy === policy.name);
    const notEvaluated = report.notEvaluated.find((n) => n.policy === policy.name);
    if (report.waived.includes(policy.name)) {
      skipped++;
      cases.push(`${open}>\n      <skipped ${attr("message", "waived with --waive")}/>\n    </testcase>`);
    } else if (notEvaluated) {
      skipped++;
      cases.push(`${open}>\n      <skipped ${attr("message", `not evaluated: ${notEvaluated.reason}`)}/>\n    </testcase>`);
    } else if (mine.length === 0) {
      cases.push(`${open}/>`);
    } else {
      const body = xmlEscape(mine.map((v) => `${v.resource}: ${v.message}`).join("\n"));
      if (policy.enforcementLevel === "mandatory") {
        failures++;
        const first = mine[0]?.message ?? "";
        cases.push(`${open}>\n      <failure ${attr("type", "mandatory")} ${attr("message", first)}>${body}</failure>\n    </testcase>`);
      } else {
        cases.push(`${open}>\n      <system-out>${xmlEscape("advisory: ")}${body}</system-out>\n    </testcase>`);
      }
    }
  }
  let errors = 0;
  if (report.errors.length > 0) {
    errors = 1;
    const body = xmlEscape(report.errors.join("\n"));
    cases.push(`    <testcase ${attr("classname", classname)} ${attr("name", "preview")}>\n      <error ${attr("type", "preview")} ${attr("message", report.errors[0] ?? "")}>${body}</error>\n    </testcase>`);
  }
  const tests = cases.length;
  const counts = `${attr("tests", tests)} ${attr("failures", failures)} ${attr("errors", errors)} ${attr("skipped", skipped)}`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites ${attr("name", "ccvoice check")} ${counts}>`,
    `  <testsuite ${attr("name", `ccvoice check ${report.stack}`)} ${counts}>`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
