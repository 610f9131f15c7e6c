/**
 * Pure parsing of the `ccvoice:` stack configuration into a typed {@link VoiceChannelSpec}.
 * Reads no Pulumi config itself: `load.ts` is the only reader of `pulumi.Config`.
 */
import type { z } from "zod";
import { crossCheck } from "./crossChecks";
import { NAMESPACE, SpecError, settingPath, showValue, type SpecProblem } from "./problems";
import { SPEC_KEYS, voiceChannelSpecSchema, type VoiceChannelSpec } from "./schema";

/** The parts of a zod schema's definition that {@link settingsAt} walks. */
interface SchemaNode {
  readonly _zod: {
    readonly def: { readonly type: string; readonly innerType?: SchemaNode; readonly element?: SchemaNode; readonly shape?: Record<string, SchemaNode> };
  };
}

/** The setting names of the map expected at a path: `["runtime", "recording"]` → `["enabled", "includeEmergencyCalls"]`. */
function settingsAt(path: readonly PropertyKey[]): string[] | undefined {
  let node: SchemaNode | undefined = voiceChannelSpecSchema as unknown as SchemaNode;
  const unwrap = () => {
    while (node && (node._zod.def.type === "optional" || node._zod.def.type === "default") && node._zod.def.innerType) {
      node = node._zod.def.innerType;
    }
  };
  for (const key of path) {
    unwrap();
    const def: SchemaNode["_zod"]["def"] | undefined = node?._zod.def;
    if (def?.type === "array" && typeof key === "number") node = def.element;
    else if (def?.type === "object" && typeof key === "string") node = def.shape?.[key];
    else return undefined;
  }
  unwrap();
  const def = node?._zod.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : undefined;
}

/** zod's own wording, used where the schema gives no message of its own. */
const ZOD_WORDING = /^(Invalid input|Too small|Too big|Invalid option)/;

/**
 * The issue's message, with zod's own wording (`Invalid input: expected object, received string`) replaced
 * by what the setting must be, in the house style (`must be a map of settings (enabled, includeEmergencyCalls)`).
 */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_WORDING.test(issue.message)) return issue.message;
  const entries = (n: number | bigint) => `${n} ${Number(n) === 1 ? "entry" : "entries"}`;
  switch (issue.code) {
    case "invalid_type":
      switch (issue.expected) {
        case "object": {
          const keys = settingsAt(issue.path);
          return `must be a map of settings${keys ? ` (${keys.join(", ")})` : ""}`;
        }
        case "array":
          return 'must be a list (one "- item" per line, or [a, b])';
        case "number":
          return "must be a number without quotes";
        case "int":
          return "must be a whole number";
        case "string":
          return "must be text (in quotes when it looks like a number)";
        case "boolean":
          return "must be true or false";
        default:
          return issue.message;
      }
    case "too_small":
      if (issue.origin === "array") return `must list at least ${entries(issue.minimum)}`;
      if (issue.origin === "string") return Number(issue.minimum) === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      return `must be ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `must list at most ${entries(issue.maximum)}`;
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    default:
      return issue.message;
  }
}

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
  const message = plainMessage(issue);
  if (input === undefined) {
    return [{ path, message: `${path} is required and ${message}` }];
  }
  return [{ path, message: `${path} ${message}, got ${showValue(input)}` }];
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
