/**
 * `ccvoice-emergency-not-recorded`: emergency calls are never recorded nor stored as an activity
 * (DESIGN.md §5). The only recording configuration of the stack is `runtime.recording`.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import type { CcvoiceRule, Finding } from "../lib/types";

/**
 * Recording settings that would record emergency calls.
 *
 * @param spec a validated spec
 */
export function findEmergencyRecording(spec: VoiceChannelSpec): Finding[] {
  if (spec.runtime.recording.includeEmergencyCalls !== true) return [];
  const enabled = spec.runtime.recording.enabled ? "recording is enabled and " : "";
  return [
    {
      resource: "ccvoice:runtime.recording.includeEmergencyCalls",
      message: `ccvoice:runtime.recording.includeEmergencyCalls is true, so ${enabled}emergency calls would be recorded. Set it to false: emergency calls are never recorded nor stored as an activity.`,
    },
  ];
}

export const emergencyNotRecorded: CcvoiceRule = {
  name: "ccvoice-emergency-not-recorded",
  description: "No recording configuration records emergency calls.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findEmergencyRecording(spec) : []),
};
