/**
 * Structure of the generated Teams scripts, asserted on a parse tree (tree-sitter PowerShell grammar;
 * pwsh itself is not installable from Debian packages on the build machines, so this is the parser
 * used): no syntax errors; every Teams change (New-/Set-/Grant-/Sync-/Remove-Cs*) sits inside
 * `if (... $PSCmdlet.ShouldProcess(...))`, after a Get-Cs* lookup in the same function, inside a try
 * whose catch rethrows with the object's name; no Teams cmdlet runs outside those functions.
 */
import { describe, expect, it } from "vitest";
import type { Node } from "web-tree-sitter";
import { ancestor, ancestors, commandName, commands, parsePowerShell, syntaxErrors } from "./psParse";
import { stackScripts, TEAMS_STACKS } from "./teamsStacks";

const CHANGE = /^(New|Set|Grant|Sync|Remove)-Cs/;

function guardedByShouldProcess(node: Node): boolean {
  return ancestors(node, "if_statement").some((ifNode) => {
    if (!(ifNode.childForFieldName("condition")?.text ?? "").includes("$PSCmdlet.ShouldProcess(")) return false;
    const block = ifNode.children.find((c) => c?.type === "statement_block");
    return !!block && block.startIndex <= node.startIndex && node.endIndex <= block.endIndex;
  });
}

function lookupBefore(node: Node): string | undefined {
  const fn = ancestor(node, "function_statement");
  if (!fn) return undefined;
  return commands(fn).find((c) => /^Get-Cs/.test(commandName(c)) && c.startIndex < node.startIndex)?.text;
}

function rethrownWithName(node: Node): boolean {
  const tryNode = ancestor(node, "try_statement");
  return !!tryNode && (tryNode.children.find((c) => c?.type === "catch_clauses")?.text ?? "").includes("Stop-CcvObject $object $_");
}

const cases = TEAMS_STACKS.flatMap((stack) => (["apply", "delete"] as const).map((kind) => ({ stack, kind })));

describe.each(cases)("the $kind script of $stack", ({ stack, kind }) => {
  const text = stackScripts(stack)[kind];

  it("parses without syntax errors", async () => {
    expect(syntaxErrors(await parsePowerShell(text))).toEqual([]);
  });

  it("guards every Teams change with ShouldProcess, a Get- lookup before it, and a named rethrow", async () => {
    const changes = commands(await parsePowerShell(text)).filter((c) => CHANGE.test(commandName(c)));
    expect(changes.length).toBeGreaterThan(10);
    const unguarded = changes.filter((c) => !guardedByShouldProcess(c)).map((c) => c.text);
    const unlooked = changes.filter((c) => lookupBefore(c) === undefined).map((c) => c.text);
    const unnamed = changes.filter((c) => !rethrownWithName(c)).map((c) => c.text);
    expect({ unguarded, unlooked, unnamed }).toEqual({ unguarded: [], unlooked: [], unnamed: [] });
  });

  it("runs Teams cmdlets only inside functions that support -WhatIf", async () => {
    const root = await parsePowerShell(text);
    const teams = commands(root).filter((c) => /-Cs/.test(commandName(c)));
    const outside = teams.filter((c) => !ancestor(c, "function_statement")).map((c) => c.text);
    const noWhatIf = [...new Set(teams.map((c) => ancestor(c, "function_statement")).filter((f): f is Node => !!f))]
      .filter((f) => /function (Sync|Remove)-Ccv/.test(f.text) && !f.text.includes("[CmdletBinding(SupportsShouldProcess)]"))
      .map((f) => f.text.split("\n")[0]);
    expect({ outside, noWhatIf }).toEqual({ outside: [], noWhatIf: [] });
  });

  it("declares SupportsShouldProcess for the script and stops on the first error", async () => {
    const root = await parsePowerShell(text);
    const param = root.descendantsOfType("param_block")[0];
    const topLevel = root.children.find((c) => c?.type === "statement_list")?.children.map((c) => c?.text) ?? [];
    expect(param?.text.startsWith("[CmdletBinding(SupportsShouldProcess)]")).toBe(true);
    expect(topLevel).toContain("$ErrorActionPreference = 'Stop'");
  });
});

it("the apply script of teams-direct-routing changes every kind of object the spec declares", async () => {
  const root = await parsePowerShell(stackScripts("teams-direct-routing").apply);
  const names = [...new Set(commands(root).map(commandName).filter((n) => CHANGE.test(n)))].sort();
  expect(names).toEqual([
    "Grant-CsOnlineVoiceRoutingPolicy",
    "Grant-CsTeamsEmergencyCallRoutingPolicy",
    "Grant-CsTeamsEmergencyCallingPolicy",
    "New-CsOnlineApplicationInstance",
    "New-CsOnlineLisCivicAddress",
    "New-CsOnlineLisLocation",
    "New-CsOnlinePSTNGateway",
    "New-CsOnlineVoiceRoute",
    "New-CsOnlineVoiceRoutingPolicy",
    "New-CsTeamsEmergencyCallRoutingPolicy",
    "New-CsTeamsEmergencyCallingExtendedNotification",
    "New-CsTeamsEmergencyCallingPolicy",
    "New-CsTeamsEmergencyNumber",
    "Set-CsOnlineApplicationInstance",
    "Set-CsOnlineLisCivicAddress",
    "Set-CsOnlinePSTNGateway",
    "Set-CsOnlinePstnUsage",
    "Set-CsOnlineVoiceRoute",
    "Set-CsOnlineVoiceRoutingPolicy",
    "Set-CsPhoneNumberAssignment",
    "Set-CsTeamsEmergencyCallRoutingPolicy",
    "Set-CsTeamsEmergencyCallingPolicy",
    "Sync-CsOnlineApplicationInstance",
  ]);
});

it("fails when a change is not guarded: the checks see a bare New- call (negative control)", async () => {
  const root = await parsePowerShell(
    "function Sync-CcvX {\n    [CmdletBinding(SupportsShouldProcess)]\n    param()\n    New-CsOnlineVoiceRoute -Identity 'x'\n}\n",
  );
  const change = commands(root).find((c) => CHANGE.test(commandName(c)))!;
  expect([guardedByShouldProcess(change), lookupBefore(change), rethrownWithName(change)]).toEqual([false, undefined, false]);
});

it("fails when the script is malformed: the parser reports the error (negative control)", async () => {
  expect(syntaxErrors(await parsePowerShell("if ($a { Set-CsOnlinePstnUsage }")).length).toBeGreaterThan(0);
});
