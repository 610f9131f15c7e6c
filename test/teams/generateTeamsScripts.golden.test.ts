/**
 * Golden tests: the scripts generated for each Teams example stack must equal the files under
 * `test/teams/golden/`. After an intended change, regenerate them with
 * `CCVOICE_UPDATE_GOLDEN=1 npx vitest run test/teams/generateTeamsScripts.golden.test.ts` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackScripts, TEAMS_STACKS } from "./teamsStacks";

const GOLDEN = join(__dirname, "golden");
const update = process.env.CCVOICE_UPDATE_GOLDEN === "1";

describe.each(TEAMS_STACKS)("Teams scripts of stack %s", (stack) => {
  it.each(["apply", "delete"] as const)("the %s script equals its golden file", (kind) => {
    const text = stackScripts(stack)[kind];
    const file = join(GOLDEN, `${stack}.${kind}.ps1`);
    if (update) writeFileSync(file, text, "utf8");
    expect(text).toBe(readFileSync(file, "utf8"));
  });
});

it("the golden files exist for every Teams example stack", () => {
  const missing = TEAMS_STACKS.flatMap((s) => ["apply", "delete"].map((k) => `${s}.${k}.ps1`)).filter((f) => !existsSync(join(GOLDEN, f)));
  expect(missing).toEqual([]);
});
