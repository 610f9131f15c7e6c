/**
 * The shape of a ccvoice policy rule, shared by the CrossGuard pack (`policies/index.ts`) and the offline
 * runner (`ccvoice check`, `src/check/`). A rule is pure data plus pure functions over the spec and the
 * resources a preview declares: no Pulumi runtime, no I/O.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";

/** How a violation is enforced: mandatory blocks the deployment (exit 1), advisory is printed only. */
export type RuleLevel = "mandatory" | "advisory";

/**
 * One resource as the rules see it: its type token, logical name and inputs. Values not known during a
 * preview are the string `"[unknown]"` (see `isUnknown`), secrets may be `"[secret]"`.
 */
export interface CheckedResource {
  /** Type token, e.g. `azure-native:web:WebApp` or `pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder`. */
  readonly type: string;
  /** Logical name, e.g. `ccvoice-prod-runtime-app`. */
  readonly name: string;
  /** Logical name of the parent; `null` or absent at the root. */
  readonly parent?: string | null;
  /** Inputs as declared (in the pack: the inputs for resource checks, the outputs for stack checks). */
  readonly inputs: Record<string, unknown>;
}

/** One thing a rule found wrong. */
export interface Finding {
  /**
   * What the finding is about: a resource's logical name (`ccvoice-prod-events-incoming-call`), or, for a
   * setting of the stack, its path (`ccvoice:directRouting.routes[2]`).
   */
  readonly resource: string;
  /** What is wrong, the value seen and the fix, as one or two sentences. */
  readonly message: string;
  /**
   * The stack setting to point at in reports (SARIF line), e.g. `ccvoice:runtime.incomingCallEventTtlMinutes`,
   * when `resource` is a resource name; absent when `resource` is itself a setting path.
   */
  readonly setting?: string;
}

/** What a stack-level check gets. */
export interface CheckInput {
  /** The stack's spec; undefined only in the pack when no resource carries it (then spec rules are skipped). */
  readonly spec?: VoiceChannelSpec;
  /** Every resource of the stack, in declaration order. */
  readonly resources: readonly CheckedResource[];
  /** The spec the stack had before this change (`ccvoice check --baseline`); absent when unknown. */
  readonly baseline?: VoiceChannelSpec;
  /**
   * False when the resources were not evaluated (the configuration has problems), so rules that read only
   * resources cannot conclude anything. @default true
   */
  readonly resourcesEvaluated?: boolean;
}

/** What a rule reads, which decides when it can run. */
export type RuleInputs =
  /** Only the spec; skipped in the pack when the spec cannot be found. */
  | "spec"
  /** Only resources (Event Grid, Function App); each skips resource types that are not present. */
  | "resources"
  /** Resources when present, otherwise the spec settings that would produce them. */
  | "both";

/**
 * A policy rule: metadata plus pure checks.
 *
 * - `check` runs once per stack (CrossGuard `validateStack`; offline: once per `ccvoice check`).
 * - `checkResource`, when present, runs once per resource on its inputs (CrossGuard `validateResource`;
 *   offline: on every previewed resource). It must skip resource types it does not know.
 */
export interface CcvoiceRule {
  /** `ccvoice-<area>-<rule>` in kebab case; part of the interface (pack config keys, `--waive`, reports). */
  readonly name: string;
  /** One full sentence saying what the rule guarantees. */
  readonly description: string;
  /** `mandatory` for life safety and number loss; `advisory` otherwise. */
  readonly enforcementLevel: RuleLevel;
  readonly inputs: RuleInputs;
  /** Stack-level check; must skip unknown values rather than report them. */
  readonly check: (input: CheckInput) => Finding[];
  /** Per-resource check on the resource's own inputs. */
  readonly checkResource?: (resource: CheckedResource) => Finding[];
}
