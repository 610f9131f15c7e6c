/**
 * `npm run bench` (= `tsx bench/run.ts`): runs every benchmark section and writes BENCHMARKS.md with the
 * figures, the machine and the exact command.
 *
 * Adding a section: write `bench/<name>.ts` exporting an async function that returns figures, and add one
 * entry to {@link SECTIONS} that turns them into markdown. Options: `--only <title words>` runs the sections
 * whose title contains the words; `--npm-ci` also measures `npm ci` in a temporary clone (network, minutes);
 * `--no-write` prints instead of writing BENCHMARKS.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { measureNode, median, seconds } from "./measure";
import { benchCheck } from "./check";
import { benchDataPlane } from "./dataPlane";
import { benchPreview } from "./preview";
import { benchRouting } from "./routing";
import { benchRuntime } from "./runtime";

/** One part of BENCHMARKS.md. */
export interface BenchSection {
  /** Heading, e.g. `Type-check`. */
  readonly title: string;
  /** Measures and returns the section body in markdown. */
  readonly run: () => Promise<string>;
}

/** Targets from the task: type-check under 30 s and 1.5 GB. */
const TYPECHECK_TARGET = { ms: 30_000, mb: 1536 };
const TSC = "node_modules/typescript/bin/tsc";

function errorCount(output: string): number {
  return (output.match(/error TS\d+/g) ?? []).length;
}

/** `tsc --noEmit -p .` on the whole tree, twice, and the naive-import comparison. */
async function benchTypecheck(): Promise<string> {
  const runs = [measureNode([TSC, "--noEmit", "-p", "."]), measureNode([TSC, "--noEmit", "-p", "."])];
  const ms = median(runs.map((r) => r.wallMs));
  const mb = Math.max(...runs.map((r) => r.maxRssMB));
  const errors = errorCount((runs[0]?.stdout ?? "") + (runs[0]?.stderr ?? ""));
  const met = ms < TYPECHECK_TARGET.ms && mb < TYPECHECK_TARGET.mb;
  const naive = naiveTypecheck();
  return [
    "Command: `node node_modules/typescript/bin/tsc --noEmit -p .` (the whole tree: src, policies, test, bench), 2 runs.",
    "",
    "| wall time (median) | peak memory | type errors at the time |",
    "|---:|---:|---:|",
    `| ${seconds(ms)} | ${mb} MB | ${errors} |`,
    "",
    `Target: under ${seconds(TYPECHECK_TARGET.ms)} and ${TYPECHECK_TARGET.mb} MB — ${met ? "met" : "NOT met"}.` +
      (errors > 0 ? " Type errors (in files being edited by others at the time) do not change the cost of checking." : ""),
    "",
    "A one-file program naming the six azure-native modules the program uses, type-checked alone:",
    "",
    "| import style | wall time | peak memory |",
    "|---|---:|---:|",
    ...naive.map((n) => `| ${n.how} | ${seconds(n.ms)} | ${n.mb} MB |`),
  ].join("\n");
}

/** Type-checks a one-file program importing azure-native by submodule, then from the package root. */
function naiveTypecheck(): { how: string; ms: number; mb: number }[] {
  const types: Record<string, string> = {
    authorization: "RoleAssignment",
    communication: "CommunicationService",
    eventgrid: "SystemTopic",
    resources: "ResourceGroup",
    storage: "StorageAccount",
    web: "WebApp",
  };
  const mods = Object.keys(types);
  const uses = (prefix: string) => `export type T = [${mods.map((m) => `${prefix}${m}.${types[m]}`).join(", ")}];\n`;
  const files: [string, string][] = [
    ["submodules", mods.map((m) => `import * as ${m} from "@pulumi/azure-native/${m}";`).join("\n") + "\n" + uses("")],
    ["package root (naive)", `import * as az from "@pulumi/azure-native";\n${uses("az.")}`],
  ];
  const dir = mkdtempSync(join(tmpdir(), "ccvbench-tsc-"));
  try {
    symlinkSync(resolve("node_modules"), join(dir, "node_modules"), "dir");
    return files.map(([how, source]) => {
      writeFileSync(join(dir, "index.ts"), source);
      const flags = ["--noEmit", "--strict", "--skipLibCheck", "--module", "commonjs", "--target", "ES2022", "--types", "node"];
      const r = measureNode([resolve(TSC), ...flags, join(dir, "index.ts")], dir);
      if (r.exitCode !== 0) throw new Error(`tsc failed on the ${how} sample: ${r.stdout}${r.stderr}`);
      return { how, ms: r.wallMs, mb: r.maxRssMB };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchRoutingSection(): Promise<string> {
  const r = await benchRouting();
  const row = (name: string, f: { callsPerSecond: number; p50Micros: number; p99Micros: number }) =>
    `| ${name} | ${f.callsPerSecond.toLocaleString("en-US")} | ${f.p50Micros} µs | ${f.p99Micros} µs |`;
  return [
    `\`benchRouting()\` from bench/routing.ts: ${r.routes} ACS routes, ${r.calls.toLocaleString("en-US")} calls per operation, in this process.`,
    "",
    "| operation | calls/s | p50 | p99 |",
    "|---|---:|---:|---:|",
    row("resolveCall (parse, routes, direct offer fallback)", r.resolveCall),
    row("resolveAcsDirectRouting (compiled patterns cached)", r.directRouting),
    row("naive: new RegExp per route per call", r.naiveDirectRouting),
  ].join("\n");
}

/** Size of node_modules, and (with `--npm-ci`) the time of `npm ci` in a temporary clone. */
async function benchInstall(withNpmCi: boolean): Promise<string> {
  const du = (path: string) => execFileSync("du", ["-sh", path], { encoding: "utf8" }).split("\t")[0];
  const lines = [`\`du -sh node_modules\`: ${du("node_modules")}.`];
  if (!withNpmCi) {
    lines.push("", "`npm ci` time: not measured in this run (pass `--npm-ci`; it needs the npm registry and takes minutes).");
    return lines.join("\n");
  }
  const dir = mkdtempSync(join(tmpdir(), "ccvbench-ci-"));
  try {
    execFileSync("git", ["clone", "--quiet", resolve("."), dir]);
    const started = Date.now();
    const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
    const ms = Date.now() - started;
    if (r.status !== 0) throw new Error(`npm ci failed: ${r.stderr.slice(-500)}`);
    lines.push("", `\`npm ci --no-audit --no-fund\` in a fresh clone (npm cache warm): ${seconds(ms)}, node_modules ${du(join(dir, "node_modules"))}.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join("\n");
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const only = args.includes("--only") ? (args[args.indexOf("--only") + 1] ?? "").toLowerCase() : undefined;

/** The sections, in the order they appear in BENCHMARKS.md. */
export const SECTIONS: BenchSection[] = [
  { title: "Type-check", run: benchTypecheck },
  { title: "ccvoice preview", run: () => benchPreview() },
  { title: "Routing core", run: benchRoutingSection },
  { title: "ACS data plane and large contact center", run: () => benchDataPlane() },
  { title: "ccvoice check", run: () => benchCheck() },
  { title: "Runtime", run: () => benchRuntime() },
  { title: "Install size", run: () => benchInstall(flag("--npm-ci")) },
];

async function main(): Promise<void> {
  const load = loadavg().map((l) => l.toFixed(2)).join(", ");
  const parts: string[] = [];
  for (const section of SECTIONS) {
    if (only && !section.title.toLowerCase().includes(only)) continue;
    process.stderr.write(`bench: ${section.title}...\n`);
    const started = Date.now();
    const body = await section.run();
    parts.push(`## ${section.title}\n\n${body}\n`);
    process.stderr.write(`bench: ${section.title} done in ${seconds(Date.now() - started)}\n`);
  }
  const cpu = cpus();
  const doc = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` (\`tsx bench/run.ts${args.length ? ` ${args.join(" ")}` : ""}\`) on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpu.length} cores (${cpu[0]?.model ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GB memory, Node ${process.version}, ${process.platform}.`,
    `Load average when the run started: ${load}; end: ${loadavg().map((l) => l.toFixed(2)).join(", ")} (other work on the machine slows every figure).`,
    `Memory is the peak resident set size of the child process (${existsSync("/usr/bin/time") ? "GNU time -v" : "process.resourceUsage().maxRSS"}).`,
    "",
    ...parts,
  ].join("\n");
  if (flag("--no-write")) process.stdout.write(doc);
  else {
    writeFileSync("BENCHMARKS.md", doc);
    process.stderr.write("bench: wrote BENCHMARKS.md\n");
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
