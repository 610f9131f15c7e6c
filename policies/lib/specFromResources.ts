/**
 * Where the policy pack finds the stack's spec. CrossGuard sees resources, not stack configuration, so the
 * program must carry the parsed spec on a resource. Two places are read, first match wins:
 *
 * 1. the `ccvoice:index:ContactCenterVoice` component's `spec` property (an object) or `specJson`
 *    property (its JSON text), when the component registers it;
 * 2. the Function App's app setting `CCVOICE_SPEC` (JSON text of the parsed spec; the runtime reads it too).
 *
 * The value is re-validated with the spec schema (shape and defaults; the program already ran the
 * cross-field checks before declaring anything).
 */
import { voiceChannelSpecSchema, type VoiceChannelSpec } from "../../src/config/schema";
import { UNKNOWN, appSettingsOf, isRecord, resourcesOfType, TYPES } from "./resources";
import type { CheckedResource } from "./types";

/** The app setting of the Function App that carries the spec as JSON. */
export const SPEC_APP_SETTING = "CCVOICE_SPEC";

/** Result of {@link specFromResources}. */
export interface SpecSource {
  /** The validated spec, when found. */
  readonly spec?: VoiceChannelSpec;
  /** Where it came from: `ccvoice-prod (spec)` or `ccvoice-prod-runtime-app (app setting CCVOICE_SPEC)`. */
  readonly from?: string;
  /** Why no spec is available, e.g. `no ccvoice:index:ContactCenterVoice spec and no CCVOICE_SPEC app setting`. */
  readonly problem?: string;
}

function fromValue(value: unknown, where: string): SpecSource | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === UNKNOWN) return { problem: `${where} is not known during this preview` };
  let raw: unknown = value;
  if (typeof value === "string") {
    try {
      raw = JSON.parse(value) as unknown;
    } catch {
      return { problem: `${where} is not JSON` };
    }
  }
  if (!isRecord(raw)) return { problem: `${where} is not a spec object` };
  const parsed = voiceChannelSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { problem: `${where} is not a valid spec (${first ? `${first.path.join(".")}: ${first.message}` : "invalid"})` };
  }
  return { spec: parsed.data, from: where };
}

/**
 * Finds the stack's spec among its resources.
 *
 * @param resources every resource of the stack
 * @returns the spec and where it came from, or why it is not available
 */
export function specFromResources(resources: readonly CheckedResource[]): SpecSource {
  const problems: string[] = [];
  for (const component of resourcesOfType(resources, TYPES.contactCenterVoice)) {
    for (const key of ["spec", "specJson"]) {
      const found = fromValue(component.inputs[key], `${component.name} (${key})`);
      if (found?.spec) return found;
      if (found?.problem) problems.push(found.problem);
    }
  }
  for (const app of resourcesOfType(resources, TYPES.webApp)) {
    const setting = appSettingsOf(app)?.find((s) => s.name === SPEC_APP_SETTING);
    const found = fromValue(setting?.value, `${app.name} (app setting ${SPEC_APP_SETTING})`);
    if (found?.spec) return found;
    if (found?.problem) problems.push(found.problem);
  }
  if (problems.length > 0) return { problem: problems.join("; ") };
  return {
    problem: `no ${TYPES.contactCenterVoice} resource has a spec property and no ${TYPES.webApp} has the app setting ${SPEC_APP_SETTING}`,
  };
}
