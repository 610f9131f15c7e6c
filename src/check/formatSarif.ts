/**
 * SARIF 2.1.0 output of `ccvoice check`, for code scanning (GitHub, Azure DevOps): one run, one rule per
 * policy (id = policy name, description, default level), one result per violation located in the stack
 * file at the setting it is about (line and column from the YAML), or at the deepest part of that setting
 * written in the file.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { RuleLevel } from "../../policies/lib/types";
import { RULES } from "../../policies/ruleList";
import { CONFIG_POLICY } from "./configPolicy";
import { locateSetting } from "./locateSetting";
import type { CheckReport } from "./runChecks";

/** The schema URI written in `$schema` (the OASIS 2.1.0 schema). */
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";

/** Options of {@link formatSarif}. */
export interface SarifOptions {
  /** Absolute path of the stack file the violations are located in. */
  readonly file: string;
  /** Its text, to find line numbers; without it results point at the file only. */
  readonly text?: string;
  /** Folder that artifact URIs are relative to (the repository root). @default process.cwd() */
  readonly baseDir?: string;
  /** Tool version written in the log. @default "0.1.0" */
  readonly version?: string;
}

const level = (l: RuleLevel): "error" | "warning" => (l === "mandatory" ? "error" : "warning");

/** Policy metadata as SARIF rules: the configuration check, then every policy rule. */
export function sarifRules(): ReportingDescriptor[] {
  return [CONFIG_POLICY, ...RULES].map((r) => ({
    id: r.name,
    name: r.name,
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: level(r.enforcementLevel) },
    properties: { enforcementLevel: r.enforcementLevel, tags: ["ccvoice", r.name.split("-")[1] ?? "ccvoice"] },
  }));
}

/** The artifact URI of the stack file: relative to `baseDir` with `/` when inside it, else a file URL. */
export function artifactUri(file: string, baseDir: string): string {
  const rel = relative(baseDir, file);
  if (rel && !rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)) return rel.split(sep).join("/");
  return pathToFileURL(file).href;
}

/**
 * Builds the SARIF log of a report.
 *
 * @param report a check report
 * @param opts the stack file and its text
 * @returns the log object; serialise with `JSON.stringify(log, null, 2)`
 */
export function formatSarif(report: CheckReport, opts: SarifOptions): Log {
  const rules = sarifRules();
  const uri = artifactUri(opts.file, opts.baseDir ?? process.cwd());
  const results: Result[] = report.violations.map((v) => {
    const at = opts.text !== undefined ? locateSetting(opts.text, v.resource.startsWith("ccvoice:") ? v.resource : (v.setting ?? "")) : undefined;
    const isSetting = v.resource.startsWith("ccvoice:");
    return {
      ruleId: v.policy,
      ruleIndex: Math.max(0, rules.findIndex((r) => r.id === v.policy)),
      level: level(v.enforcementLevel),
      message: { text: v.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, index: 0 },
            region: { startLine: at?.line ?? 1, startColumn: at?.column ?? 1 },
          },
          logicalLocations: [{ fullyQualifiedName: v.resource, kind: isSetting ? "member" : "resource" }],
        },
      ],
      properties: { stack: report.stack, resource: v.resource, ...(v.setting ? { setting: v.setting } : {}) },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "ccvoice check",
            version: opts.version ?? "0.1.0",
            rules,
          },
        },
        artifacts: [{ location: { uri }, roles: ["analysisTarget"] }],
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: [
              ...report.errors.map((e) => ({ level: "error" as const, message: { text: e } })),
              ...report.notEvaluated.map((n) => ({ level: "note" as const, message: { text: `${n.policy} not evaluated: ${n.reason}` } })),
            ],
          },
        ],
        results,
      },
    ],
  };
}
