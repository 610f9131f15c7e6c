import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/io";
import { runTeamsScript, teamsScriptCommand } from "../../src/cli/teamsScript";
import { stackScripts } from "./teamsStacks";

const STACKS = join(__dirname, "../../stacks");

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe("runTeamsScript", () => {
  it("prints the apply script of a Teams stack", () => {
    const t = io();
    expect(runTeamsScript({ stack: "teams-direct-routing", stacksDir: STACKS }, t.io)).toBe(0);
    expect(`${t.out.join("\n")}\n`).toBe(stackScripts("teams-direct-routing").apply);
  });

  it("writes the delete script to --out and says so on stderr", () => {
    const t = io();
    const out = join(mkdtempSync(join(tmpdir(), "ccv-teams-")), "delete.ps1");
    expect(runTeamsScript({ stack: "teams-calling-plan", stacksDir: STACKS, out, delete: true }, t.io)).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(stackScripts("teams-calling-plan").delete);
    expect(t.err).toEqual([`ccvoice teams-script: wrote the delete script of stack teams-calling-plan (12 Teams objects) to ${out}`]);
  });

  it("writes --acs-resource-id into the script", () => {
    const t = io();
    runTeamsScript({ stack: "teams-calling-plan", stacksDir: STACKS, acsResourceId: "19f6e516-048c-5ae7-a7d3-faa18eb425fe" }, t.io);
    expect(t.out).toContain("    [string] $AcsResourceId = '19f6e516-048c-5ae7-a7d3-faa18eb425fe'");
  });

  it("fails when the stack has no teams settings", () => {
    const t = io();
    expect(runTeamsScript({ stack: "acs-direct-routing", stacksDir: STACKS }, t.io)).toBe(1);
    expect(t.err).toEqual([
      "ccvoice teams-script: stack acs-direct-routing has no ccvoice:teams settings, so there is no Teams PowerShell to generate; its approach is acs-direct-routing / acs-direct-routing",
    ]);
    expect(t.out).toEqual([]);
  });

  it("fails when the configuration is invalid, listing the problems", () => {
    const t = io();
    const file = join(__dirname, "../fixtures/Pulumi.broken.yaml");
    expect(runTeamsScript({ stackFile: file }, t.io)).toBe(1);
    expect(t.err[0]).toMatch(/Pulumi\.broken\.yaml has \d+ configuration problems?:$/);
  });

  it("fails when a value cannot be written into PowerShell", () => {
    const t = io();
    const dir = mkdtempSync(join(tmpdir(), "ccv-teams-"));
    const file = join(dir, "Pulumi.bad.yaml");
    const text = readFileSync(join(STACKS, "Pulumi.teams-calling-plan.yaml"), "utf8").replace(
      "displayName: Contoso Support (US)",
      'displayName: "Contoso\\tSupport"',
    );
    writeFileSync(file, text);
    expect(runTeamsScript({ stackFile: file }, t.io)).toBe(1);
    expect(t.err).toEqual([
      'ccvoice teams-script: ccvoice:teams.resourceAccounts[0].displayName must not contain control characters such as line breaks or tabs (found U+0009), got "Contoso\\tSupport"; remove them',
    ]);
  });

  it.each([
    [{}, "give --stack <name> or --stack-file <path>"],
    [{ stack: "a", stackFile: "b" }, "give either --stack <name> or --stack-file <path>, not both"],
    [{ stackFile: "/nope/Pulumi.x.yaml" }, "stack file /nope/Pulumi.x.yaml does not exist; check the path"],
    [
      { stack: "teams-calling-plan", stacksDir: STACKS, acsResourceId: "abc" },
      '--acs-resource-id must be the ACS immutable resource id, a GUID such as 00000000-0000-0000-0000-000000000000, got "abc"; read it with az communication show --query immutableResourceId',
    ],
    [{ stack: "teams-calling-plan", stacksDir: STACKS, numberAssignment: "both" }, '--number-assignment must be powershell or graph, got "both"'],
  ])("fails with a usage error for %j", (opts, message) => {
    expect(() => runTeamsScript(opts, io().io)).toThrow(new UsageError(message));
  });
});

it("teamsScriptCommand sets exit code 1 for a stack without teams", async () => {
  const t = io();
  let code = 0;
  const command = teamsScriptCommand(t.io, (c) => (code = c));
  await command.parseAsync(["--stack-file", join(STACKS, "Pulumi.hybrid.yaml")], { from: "user" });
  expect(code).toBe(1);
});
