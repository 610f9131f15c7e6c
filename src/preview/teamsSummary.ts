/**
 * The Teams objects a stack manages through generated PowerShell (no API exists for them), summarised for
 * `ccvoice preview`: the same plan `ccvoice teams-script` and the Teams component use.
 */
import type { VoiceChannelSpec } from "../config/schema";
import { buildTeamsPlan } from "../teams/teamsPlan";

/**
 * Lines that tell what the Teams PowerShell of a stack covers and how it runs.
 *
 * @param spec the parsed stack spec
 * @param stack the stack name, for the command to run
 * @returns no lines for a stack without `ccvoice:teams`; otherwise a heading, the object counts by kind
 *   (e.g. `pstn-gateway 2`), and how the script runs (`apply: true`: inside `pulumi up`; else by an admin)
 */
export function teamsPowerShellSummary(spec: VoiceChannelSpec, stack: string): string[] {
  if (!spec.teams) return [];
  // The program assigns numbers through Graph, so the script leaves them out (as the Teams component does).
  const plan = buildTeamsPlan({ teams: spec.teams, emergency: spec.emergency, approach: spec.approach }, "graph");
  const counts = new Map<string, number>();
  for (const key of plan.keys) {
    const kind = key.slice(0, key.indexOf("|"));
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const how = spec.teams.apply
    ? "runs inside pulumi up (ccvoice:teams.apply: true; needs pwsh and the MicrosoftTeams module)"
    : `an admin runs it under change control before pulumi up: ccvoice teams-script --stack ${stack} --out teams.ps1`;
  return [
    "",
    `teams PowerShell (${plan.keys.length} objects no API can manage)`,
    `  ${[...counts].map(([kind, n]) => `${kind} ${n}`).join(", ")}`,
    `  ${how}`,
  ];
}
