/** azure-native must be imported by submodule only: a root import costs tens of seconds of preview and over a GB of type-checking. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)["']@pulumi\/azure-native["']/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "node_modules" ? [] : files(path);
    return /\.(ts|js|mts|cts)$/.test(entry) ? [path] : [];
  });
}

describe("azure-native imports", () => {
  // bench/ is left out on purpose: it measures the naive root import side by side.
  const sources = ["src", "policies"].flatMap((d) => {
    try {
      return files(d);
    } catch {
      return [];
    }
  });

  it("finds the program's sources", () => {
    expect(sources.map((f) => relative(".", f))).toContain(join("src", "components", "contactCenterVoice.ts"));
  });

  it("never imports the @pulumi/azure-native package root", () => {
    const offenders = sources.filter((f) => ROOT_IMPORT.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it.each([
    ['import * as az from "@pulumi/azure-native";', true],
    ["const az = require('@pulumi/azure-native');", true],
    ['import { web } from "@pulumi/azure-native";', true],
    ['import * as web from "@pulumi/azure-native/web";', false],
  ])("tells a root import from a submodule import: %s", (line, isRoot) => {
    expect(ROOT_IMPORT.test(line)).toBe(isRoot);
  });
});
