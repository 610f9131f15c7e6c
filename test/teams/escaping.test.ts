/**
 * No spec value can inject PowerShell: hostile free-text values (display names, descriptions, address
 * fields, place names) come out as single string literals whose PowerShell value is the original text,
 * and the parse tree holds no command that the generator did not write.
 */
import { describe, expect, it } from "vitest";
import type { Node } from "web-tree-sitter";
import type { VoiceChannelSpec } from "../../src/config/schema";
import { generateTeamsScripts } from "../../src/teams/generateTeamsScripts";
import { commandName, commands, parsePowerShell, syntaxErrors } from "./psParse";
import { stackSpec } from "./teamsStacks";

const HOSTILE = [
  "O'Brien's desk",
  "x'; Remove-Item -Recurse -Force C:\\ ; '",
  "$(Stop-Computer -Force)",
  "${env:PATH} $env:CCVOICE_TEAMS_CERT_PASSWORD",
  "`$(Invoke-Expression 'calc')`",
  "a; b | c & d && e || f",
  "\u2019; Start-Process calc; \u2018",
  "#> <# comment breaker",
  '"double" @(array) @{hash}',
];

/** The PowerShell value of a single-quoted literal: quotes stripped, doubled quote characters halved. */
function literalValue(node: Node): string {
  return node.text.slice(1, -1).replace(/(['\u2018\u2019\u201a\u201b])\1/g, "$1");
}

function hostileSpec(value: string): VoiceChannelSpec {
  const spec = structuredClone(stackSpec("teams-direct-routing"));
  const teams = spec.teams!;
  teams.resourceAccounts[0]!.displayName = value;
  teams.directRouting.voiceRoutes[0]!.description = value;
  teams.emergencyCallingPolicies[0]!.description = value;
  spec.emergency.sites[0]!.address.companyName = value;
  spec.emergency.sites[0]!.address.location = value;
  return spec;
}

describe.each(HOSTILE)("a spec value of %j", (value) => {
  const spec = hostileSpec(value);
  const scripts = generateTeamsScripts({ teams: spec.teams!, emergency: spec.emergency, approach: spec.approach });

  it.each(["apply", "delete"] as const)("leaves the %s script free of syntax errors and of foreign commands", async (kind) => {
    const root = await parsePowerShell(scripts[kind]);
    const clean = generateTeamsScripts({
      teams: stackSpec("teams-direct-routing").teams!,
      emergency: stackSpec("teams-direct-routing").emergency,
      approach: spec.approach,
    });
    const expected = commands(await parsePowerShell(clean[kind])).map(commandName);
    expect(syntaxErrors(root)).toEqual([]);
    expect(commands(root).map(commandName)).toEqual(expected);
  });

  it("reaches the apply script only as string literals equal to the value", async () => {
    const root = await parsePowerShell(scripts.apply);
    const literals = root.descendantsOfType("string_literal").filter((n): n is Node => !!n && n.text.startsWith("'"));
    const decoded = literals.map(literalValue).filter((v) => v === value);
    // displayName, route description, policy description, companyName, place
    expect(decoded.length).toBe(5);
  });
});

it("fails when a spec value holds a line break, naming every setting path", () => {
  const spec = structuredClone(stackSpec("teams-direct-routing"));
  spec.teams!.resourceAccounts[1]!.displayName = "two\nlines";
  spec.emergency.sites[2]!.address.city = "Lon\tdon";
  expect(() => generateTeamsScripts({ teams: spec.teams!, emergency: spec.emergency, approach: spec.approach })).toThrow(
    [
      'ccvoice:teams.resourceAccounts[1].displayName must not contain control characters such as line breaks or tabs (found U+000A), got "two\\nlines"; remove them',
      'ccvoice:emergency.sites[2].address.city must not contain control characters such as line breaks or tabs (found U+0009), got "Lon\\tdon"; remove them',
    ].join("\n"),
  );
});

it("fails when the ACS resource id is not a GUID", () => {
  const spec = stackSpec("teams-calling-plan");
  expect(() => generateTeamsScripts({ teams: spec.teams!, emergency: spec.emergency }, { acsResourceId: "'; Remove-Item x; '" })).toThrow(
    `acsResourceId must be the ACS immutable resource id, a GUID such as 00000000-0000-0000-0000-000000000000, got "'; Remove-Item x; '"; read it with az communication show --query immutableResourceId`,
  );
});
