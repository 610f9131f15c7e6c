/**
 * Turns a {@link CcvoiceRule} into a CrossGuard policy: `validateStack` runs the rule's stack check on every
 * resource of the stack (the spec is read from the resources, see `specFromResources.ts`), and `validateResource`
 * runs its per-resource check on each resource's inputs.
 *
 * Values not known during a preview: the policy SDK wraps `props` in a proxy that throws on an unknown value
 * (CrossGuard then reports "can't run policy during preview" as advisory). The adapter reads the proxy's
 * target instead and turns every unknown sentinel into `"[unknown]"`, which the rules skip, so a mandatory
 * rule still runs on everything that is known.
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { isRecord, normalizeUnknowns } from "./resources";
import { specFromResources } from "./specFromResources";
import type { CcvoiceRule, CheckedResource, Finding } from "./types";

/** The property the policy SDK's proxy answers with its target (`@pulumi/policy` proxy.js). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The plain value behind the policy SDK's unknown-checking proxy, with unknowns as `"[unknown]"`.
 *
 * @param props `args.props` of a validation (a proxy) or a plain object
 */
export function plainProps(props: unknown): Record<string, unknown> {
  const target = isRecord(props) ? ((props as Record<string, unknown>)[PROXY_TARGET] ?? props) : props;
  const plain = normalizeUnknowns(target);
  return isRecord(plain) ? plain : {};
}

/** A stack resource as the rules see it. */
export function fromPolicyResource(resource: PolicyResource): CheckedResource {
  return {
    type: resource.type,
    name: resource.name,
    parent: resource.parent?.name ?? null,
    inputs: plainProps(resource.props),
  };
}

/** The message CrossGuard shows: setting-path findings are prefixed with the path. */
export function violationText(finding: Finding): string {
  return finding.resource.startsWith("ccvoice:") ? `${finding.resource}: ${finding.message}` : finding.message;
}

/** The CrossGuard policy of one rule: a stack policy, plus a resource policy when the rule checks resources. */
export type CcvoicePulumiPolicy = StackValidationPolicy & { validateResource?: ResourceValidation };

/**
 * Builds the CrossGuard policy for a rule.
 *
 * @param rule a rule from `policies/ruleList.ts`
 * @returns a policy object for `new PolicyPack(name, { policies })`
 */
export function toPulumiPolicy(rule: CcvoiceRule): CcvoicePulumiPolicy {
  const policy: CcvoicePulumiPolicy = {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const resources = args.resources.map(fromPolicyResource);
      const { spec, problem } = specFromResources(resources);
      if (!spec && rule.inputs === "spec") {
        args.notApplicable(`the stack's spec was not found: ${problem ?? "unknown reason"}`);
      }
      const urns = new Map(args.resources.map((r) => [r.name, r.urn]));
      for (const finding of rule.check({ ...(spec ? { spec } : {}), resources, resourcesEvaluated: true })) {
        report(violationText(finding), urns.get(finding.resource));
      }
    },
  };
  const checkResource = rule.checkResource;
  if (checkResource) {
    policy.validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
      const resource: CheckedResource = { type: args.type, name: args.name, inputs: plainProps(args.props) };
      for (const finding of checkResource(resource)) report(violationText(finding));
    };
  }
  return policy;
}
