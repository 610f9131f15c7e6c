/** The Teams example stacks and their generated scripts, shared by the Teams tests. */
import { join } from "node:path";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import type { VoiceChannelSpec } from "../../src/config/schema";
import { readStackFile } from "../../src/config/stackFile";
import { generateTeamsScripts, type TeamsScriptOptions, type TeamsScripts } from "../../src/teams/generateTeamsScripts";

/** Example stacks that use Teams. */
export const TEAMS_STACKS = ["teams-direct-routing", "teams-calling-plan"] as const;

/** The parsed spec of an example stack. */
export function stackSpec(stack: string): VoiceChannelSpec {
  return parseVoiceChannelSpec(readStackFile(join(__dirname, "../../stacks", `Pulumi.${stack}.yaml`)).ccvoice);
}

/** The scripts `ccvoice teams-script --stack <stack>` prints (no ACS id, numbers by PowerShell). */
export function stackScripts(stack: string, options: TeamsScriptOptions = {}): TeamsScripts {
  const spec = stackSpec(stack);
  if (!spec.teams) throw new Error(`stack ${stack} has no teams settings`);
  return generateTeamsScripts({ teams: spec.teams, emergency: spec.emergency, approach: spec.approach }, { stack, ...options });
}
