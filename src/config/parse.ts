/**
 * Pure parsing of the `ccvoice:` stack configuration into a typed {@link VoiceChannelSpec}.
 * Reads no Pulumi config itself: `load.ts` is the only reader of `pulumi.Config`.
 */
import type { z } from "zod";
import { crossCheck } from "./crossChecks";
import { NAMESPACE, SpecError, settingPath, showValue, type SpecProblem } from "./problems";
import { SPEC_KEYS, voiceChannelSpecSchema, type VoiceChannelSpec } from "./schema";

function problemFromIssue(issue: z.core.$ZodIssue): SpecProblem[] {
  const path = settingPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const keyPath = settingPath([...issue.path, key]);
      return {
        path: keyPath,
        message: `${keyPath} is not a known setting; remove it or check its spelling`,
      };
    });
  }
  const input = (issue as { input?: unknown }).input;
  if (input === undefined) {
    return [{ path, message: `${path} is required and ${issue.message}` }];
  }
  return [{ path, message: `${path} ${issue.message}, got ${showValue(input)}` }];
}

/**
 * Parses and validates the `ccvoice:` configuration of one stack.
 *
 * @param raw the values of the `ccvoice:` namespace with the prefix removed, e.g.
 *   `{ environment: "prod", approach: { inbound: "acs-direct-routing", outbound: "acs-direct-routing" }, ... }`
 * @returns the typed spec, with every documented default applied
 * @throws SpecError listing every problem with its path, the value seen and the fix
 */
export function parseVoiceChannelSpec(raw: unknown): VoiceChannelSpec {
  const problems: SpecProblem[] = [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new SpecError([
      {
        path: `${NAMESPACE}:`,
        message: `${NAMESPACE}: configuration must be a map of settings (${SPEC_KEYS.join(", ")}), got ${showValue(raw)}`,
      },
    ]);
  }
  const result = voiceChannelSpecSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...problemFromIssue(issue));
  }
  problems.push(...crossCheck(raw as Record<string, unknown>));
  if (problems.length > 0 || !result.success) {
    const seen = new Set<string>();
    throw new SpecError(problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true))));
  }
  return result.data;
}
