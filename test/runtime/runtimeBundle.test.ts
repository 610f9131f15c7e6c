/**
 * The deployable bundle: esbuild output loads in a Node process where a stand-in `@azure/functions-core`
 * (what the Functions host's worker provides) records the registrations.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildRuntimeBundle, runtimeBundleArchive, type RuntimeBundle } from "../../src/components/runtimeBundle";

const FAKE_CORE = `
const registered = [];
module.exports = {
  registered,
  setProgrammingModel() {},
  registerFunction(metadata) { registered.push(metadata); return { dispose() {} }; },
  registerHook() { return { dispose() {} }; },
  log() {},
};`;

let bundle: RuntimeBundle;
let nodePath: string;
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "ccvoice-bundle-"));
  bundle = await buildRuntimeBundle({ outDir: join(root, "app") });
  nodePath = join(root, "host", "node_modules");
  mkdirSync(join(nodePath, "@azure", "functions-core"), { recursive: true });
  writeFileSync(join(nodePath, "@azure", "functions-core", "index.js"), FAKE_CORE);
});

function loadBundle(): { initMs: number; functions: [string, string[]][] } {
  const script = `
    const t0 = process.hrtime.bigint();
    require(${JSON.stringify(join(bundle.dir, "main.js"))});
    const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const core = require("@azure/functions-core");
    const functions = core.registered.map((m) => [m.name, Object.values(m.bindings).map((b) => [b.type, b.authLevel || b.schedule || ""].join(" ").trim())]);
    process.stdout.write(JSON.stringify({ initMs, functions }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { env: { ...process.env, NODE_PATH: nodePath }, encoding: "utf8" })) as ReturnType<typeof loadBundle>;
}

describe("runtime bundle", () => {
  it("is one minified file with host.json and a package.json whose main points at it, under 5 MB", () => {
    expect(bundle.files).toEqual(["host.json", "main.js", "main.js.LEGAL.txt", "package.json"]);
    expect(JSON.parse(readFileSync(join(bundle.dir, "package.json"), "utf8")).main).toBe("main.js");
    expect(JSON.parse(readFileSync(join(bundle.dir, "host.json"), "utf8")).extensionBundle).toEqual({ id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" });
    expect(bundle.totalBytes).toBeLessThan(5 * 1024 * 1024);
    expect(bundle.warnings).toEqual([]);
  });

  it("registers the six functions, with their triggers and auth levels, when the host loads it", () => {
    const { functions } = loadBundle();
    expect(functions).toEqual([
      ["incomingCall", ["eventGridTrigger"]],
      ["callEvents", ["httpTrigger anonymous", "http"]],
      ["agentEmergency", ["httpTrigger function", "http"]],
      ["agentState", ["httpTrigger function", "http"]],
      ["outboundCall", ["httpTrigger function", "http"]],
      ["expireLeases", ["timerTrigger 0 */1 * * * *"]],
    ]);
  });

  it("initialises fast: SDKs and number metadata load on first use, not at module load", () => {
    const { initMs } = loadBundle();
    expect(initMs).toBeLessThan(500);
  });

  it("keeps registration in app.ts only: no other runtime file calls app.http / app.eventGrid / app.timer", () => {
    const root = join(__dirname, "..", "..", "src", "runtime");
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const registering = walk(root).filter((f) => /\bapp\.(http|eventGrid|timer|get|post)\(/.test(readFileSync(f, "utf8")));
    expect(registering.map((f) => relative(root, f))).toEqual(["app.ts"]);
  });

  it("is packaged as a Pulumi archive of the folder's files", async () => {
    const archive = runtimeBundleArchive(bundle);
    expect(Object.keys(await archive.assets).sort()).toEqual(bundle.files);
  });
});
