/**
 * `ccvoice-sip-trunk-tls` (advisory): ACS direct routing trunks signal over TLS. Port 5061 is SIP over TLS;
 * another port counts when the trunk says `tls: true`.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import type { CcvoiceRule, Finding } from "../lib/types";

/** The SIP-over-TLS port. */
export const SIP_TLS_PORT = 5061;

/**
 * Trunks that may signal without TLS.
 *
 * @param spec a validated spec
 */
export function findPlainSipTrunks(spec: VoiceChannelSpec): Finding[] {
  const findings: Finding[] = [];
  (spec.directRouting?.trunks ?? []).forEach((trunk, i) => {
    if (trunk.sipSignalingPort === SIP_TLS_PORT || trunk.tls === true) return;
    findings.push({
      resource: `ccvoice:directRouting.trunks[${i}].sipSignalingPort`,
      message: `Trunk ${JSON.stringify(trunk.fqdn)} signals on port ${trunk.sipSignalingPort} without tls: true, so its SIP signaling may travel unencrypted. Use port ${SIP_TLS_PORT}, or set tls: true if that port is TLS.`,
    });
  });
  return findings;
}

export const sipTrunkTls: CcvoiceRule = {
  name: "ccvoice-sip-trunk-tls",
  description: "Every direct routing trunk signals over TLS, on port 5061 or with tls set to true for another TLS port.",
  enforcementLevel: "advisory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findPlainSipTrunks(spec) : []),
};
