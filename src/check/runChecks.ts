/**
 * The offline policy runner: the rules of `policies/ruleList.ts` over a spec and the resources a preview
 * declares, with the same pure checks the CrossGuard pack runs. Pure: no I/O, no Pulumi runtime.
 */
import type { CcvoiceRule, CheckedResource, Finding, RuleLevel } from "../../policies/lib/types";
import { RULES } from "../../policies/ruleList";
import type { VoiceChannelSpec } from "../config/schema";

/** One violation, as `ccvoice check --format json` prints it. */
export interface CheckViolation {
  /** Rule name, e.g. `ccvoice-emergency-route-reachable`. */
  readonly policy: string;
  readonly enforcementLevel: RuleLevel;
  /** A resource's logical name, or the stack setting path (`ccvoice:directRouting.routes[0]`). */
  readonly resource: string;
  /** What is wrong, the value seen and the fix. */
  readonly message: string;
  /** The stack setting to point at when `resource` is a resource name. */
  readonly setting?: string;
}

/** A rule that could not run, and why. */
export interface NotEvaluated {
  readonly policy: string;
  readonly reason: string;
}

/** What `ccvoice check` reports for one stack. */
export interface CheckReport {
  /** Stack name. */
  readonly stack: string;
  /** Violations in rule order, then finding order. */
  readonly violations: CheckViolation[];
  /** Rules that ran and found nothing. */
  readonly passed: string[];
  /** Advisory rules skipped with `--waive`. */
  readonly waived: string[];
  /** Rules that could not run (no spec, or resources not evaluated). */
  readonly notEvaluated: NotEvaluated[];
  /** Errors that stop the check from being complete (preview registration errors). */
  readonly errors: string[];
}

/** Input of {@link runChecks}. */
export interface RunChecksInput {
  readonly stack: string;
  /** The spec; undefined when the configuration could not be read even leniently. */
  readonly spec?: VoiceChannelSpec;
  /** Previewed resources; empty when not evaluated. */
  readonly resources: readonly CheckedResource[];
  /** False when the preview did not run (configuration problems). @default true */
  readonly resourcesEvaluated?: boolean;
  /** The previous spec, for `ccvoice-numbers-no-repurchase`. */
  readonly baseline?: VoiceChannelSpec;
  /** Advisory rules to skip. Must be validated by {@link checkWaivers} first. */
  readonly waive?: readonly string[];
  /** The rules to run. @default RULES */
  readonly rules?: readonly CcvoiceRule[];
}

/**
 * Validates `--waive` names: only known advisory rules can be waived.
 *
 * @param names rule names given with `--waive`
 * @param rules the rule list @default RULES
 * @returns the problems, one per bad name (empty when all are fine), e.g.
 *   `ccvoice-emergency-not-recorded is mandatory and cannot be waived; fix the stack instead`
 */
export function checkWaivers(names: readonly string[], rules: readonly CcvoiceRule[] = RULES): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const rule = rules.find((r) => r.name === name);
    if (!rule) {
      const advisory = rules.filter((r) => r.enforcementLevel === "advisory").map((r) => r.name);
      problems.push(`--waive ${name} names no policy; advisory policies that can be waived: ${advisory.join(", ")}`);
    } else if (rule.enforcementLevel === "mandatory") {
      problems.push(`--waive ${name}: ${name} is mandatory and cannot be waived; fix the stack instead`);
    }
  }
  return problems;
}

function toViolation(rule: CcvoiceRule, finding: Finding): CheckViolation {
  return {
    policy: rule.name,
    enforcementLevel: rule.enforcementLevel,
    resource: finding.resource,
    message: finding.message,
    ...(finding.setting ? { setting: finding.setting } : {}),
  };
}

/**
 * Runs every rule once over the stack: its stack check, then its resource check on each resource.
 *
 * @param input the spec, resources and options
 * @returns violations, passed, waived and not-evaluated rules; `errors` is empty (callers add theirs)
 * @throws Error when a rule itself fails (a bug: the message names the rule)
 */
export function runChecks(input: RunChecksInput): CheckReport {
  const rules = input.rules ?? RULES;
  const waive = new Set(input.waive ?? []);
  const evaluated = input.resourcesEvaluated !== false;
  const report: CheckReport = { stack: input.stack, violations: [], passed: [], waived: [], notEvaluated: [], errors: [] };
  for (const rule of rules) {
    if (waive.has(rule.name) && rule.enforcementLevel === "advisory") {
      report.waived.push(rule.name);
      continue;
    }
    if (!input.spec && rule.inputs !== "resources") {
      report.notEvaluated.push({ policy: rule.name, reason: "the stack's configuration could not be read" });
      continue;
    }
    if (!evaluated && rule.inputs === "resources") {
      report.notEvaluated.push({ policy: rule.name, reason: "resources were not evaluated because the configuration has problems" });
      continue;
    }
    let findings: Finding[];
    try {
      findings = [
        ...rule.check({
          ...(input.spec ? { spec: input.spec } : {}),
          resources: input.resources,
          ...(input.baseline ? { baseline: input.baseline } : {}),
          resourcesEvaluated: evaluated,
        }),
        ...(rule.checkResource ? input.resources.flatMap((r) => rule.checkResource?.(r) ?? []) : []),
      ];
    } catch (err) {
      throw new Error(`policy ${rule.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (findings.length === 0) report.passed.push(rule.name);
    else report.violations.push(...findings.map((f) => toViolation(rule, f)));
  }
  return report;
}

/** Mandatory violations of a report. */
export function mandatoryViolations(report: CheckReport): CheckViolation[] {
  return report.violations.filter((v) => v.enforcementLevel === "mandatory");
}

/**
 * The exit code of `ccvoice check`: 1 when any mandatory rule is violated or the check is incomplete
 * (errors), 0 otherwise (advisory violations are printed only).
 */
export function checkExitCode(report: CheckReport): 0 | 1 {
  return mandatoryViolations(report).length > 0 || report.errors.length > 0 ? 1 : 0;
}
