/**
 * Benchmark of `ccvoice preview`: wall time and peak memory of `node bin/ccvoice.js preview --stack <s> --json`
 * (a fresh process each run: start, module loading, mock evaluation, routing summary) for every example
 * stack and for a large stack (250 routes, the service limit); and the cost of loading azure-native
 * by submodule versus from the package root (the naive way).
 *
 * Run alone with `npx tsx bench/preview.ts`; `npm run bench` includes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { listStacks } from "../src/config/stackFile";
import { measureNode, median, seconds, type Measured } from "./measure";
import { largeSpec } from "./routing";

/** Target from the task: preview of any example stack under 5 s. */
export const PREVIEW_TARGET_MS = 5_000;

/** Figures of one previewed stack. */
export interface PreviewFigure {
  readonly stack: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly maxRssMB: number;
  readonly resources: number;
  readonly routingLines: number;
}

function previewOnce(args: string[], env: Record<string, string> = {}): { m: Measured; resources: number; routing: number } {
  const m = measureNode(["bin/ccvoice.js", "preview", ...args, "--json"], process.cwd(), 600_000, env);
  if (m.exitCode !== 0) throw new Error(`ccvoice preview ${args.join(" ")} exited ${m.exitCode}: ${m.stderr.trim()}`);
  const json = JSON.parse(m.stdout) as { resources: unknown[]; routing: unknown[] };
  return { m, resources: json.resources.length, routing: json.routing.length };
}

function figure(stack: string, args: string[], runs: number, env: Record<string, string> = {}): PreviewFigure {
  const results = Array.from({ length: runs }, () => previewOnce(args, env));
  const times = results.map((r) => r.m.wallMs);
  const last = results[results.length - 1] as (typeof results)[number];
  return {
    stack,
    runs,
    medianMs: median(times),
    maxMs: Math.max(...times),
    maxRssMB: Math.max(...results.map((r) => r.m.maxRssMB)),
    resources: last.resources,
    routingLines: last.routing,
  };
}

/** Writes the 250-route spec of `bench/routing.ts` as a stack file; returns its path. */
function writeLargeStack(dir: string): string {
  const spec = largeSpec();
  const config = Object.fromEntries(Object.entries(spec).map(([key, value]) => [`ccvoice:${key}`, value]));
  const file = join(dir, "Pulumi.large.yaml");
  writeFileSync(file, stringify({ config }));
  return file;
}

const SUBMODULES = ["authorization", "communication", "eventgrid", "resources", "storage", "web"];

/** Load time of azure-native: the six submodules the program uses versus the package root. */
function importCost(runs: number): { how: string; medianMs: number; maxRssMB: number }[] {
  const cases: [string, string][] = [
    ["submodules (the program's way)", SUBMODULES.map((m) => `require("@pulumi/azure-native/${m}")`).join(";")],
    [
      "package root, then the same six modules (naive way)",
      `const az = require("@pulumi/azure-native"); for (const m of ${JSON.stringify(SUBMODULES)}) void az[m];`,
    ],
  ];
  return cases.map(([how, code]) => {
    const ms = Array.from({ length: runs }, () => measureNode(["-e", code]));
    return { how, medianMs: median(ms.map((m) => m.wallMs)), maxRssMB: Math.max(...ms.map((m) => m.maxRssMB)) };
  });
}

/**
 * Measures `ccvoice preview` and returns the BENCHMARKS.md section.
 *
 * @param runs runs per stack @default 3
 * @returns markdown
 */
export async function benchPreview(runs = 3): Promise<string> {
  const figures: PreviewFigure[] = listStacks().map((stack) => figure(stack, ["--stack", stack], runs));
  const dir = mkdtempSync(join(tmpdir(), "ccvbench-"));
  try {
    figures.push(figure("large (250 routes, generated)", ["--stack-file", writeLargeStack(dir)], runs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const worst = Math.max(...figures.map((f) => f.maxMs));
  const eager = figure("hybrid, every Pulumi module loaded up front (CCVOICE_EAGER_LOAD=1)", ["--stack", "hybrid"], runs, {
    CCVOICE_EAGER_LOAD: "1",
  });
  const serialized = figure("teams-calling-plan, --serialize-providers (as pulumi up)", ["--stack", "teams-calling-plan", "--serialize-providers"], runs);
  const imports = importCost(runs);
  const lines = [
    `Command per run: \`node bin/ccvoice.js preview --stack <stack> --json\` (a new process each time: Node start, tsx,`,
    `module loading, evaluation of the real program under the Pulumi mock runtime, routing summary). ${runs} runs per stack.`,
    "",
    "| stack | median | slowest | peak memory | resources | routing lines |",
    "|---|---:|---:|---:|---:|---:|",
    ...figures.map(
      (f) => `| ${f.stack} | ${seconds(f.medianMs)} | ${seconds(f.maxMs)} | ${f.maxRssMB} MB | ${f.resources} | ${f.routingLines} |`,
    ),
    "",
    `Target: every example stack under ${seconds(PREVIEW_TARGET_MS)}; slowest run seen: ${seconds(worst)} — ${worst < PREVIEW_TARGET_MS ? "met" : "NOT met"}.`,
    "The large stack declares about as many resources as the small ones: the SIP configuration is one resource",
    "(DESIGN.md section 7), so size shows in the routing summary and the `CCVOICE_SPEC` app setting.",
    "",
    "Side by side, the naive ways (same command, same number of runs):",
    "",
    "| variant | median | slowest | peak memory |",
    "|---|---:|---:|---:|",
    ...[eager, serialized].map((f) => `| ${f.stack} | ${seconds(f.medianMs)} | ${seconds(f.maxMs)} | ${f.maxRssMB} MB |`),
    "",
    "Loading azure-native (`node -e`, median of " + runs + " runs):",
    "",
    "| how | median | peak memory |",
    "|---|---:|---:|",
    ...imports.map((i) => `| ${i.how} | ${seconds(i.medianMs)} | ${i.maxRssMB} MB |`),
  ];
  return lines.join("\n");
}

if (require.main === module) {
  benchPreview().then(
    (md) => console.log(md),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
