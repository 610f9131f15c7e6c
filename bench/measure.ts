/**
 * Wall time and peak memory of a child process, for `npm run bench`.
 *
 * With GNU time (`/usr/bin/time -v`) the figures are the kernel's (elapsed wall clock, maximum resident
 * set size). Without it, Node commands are run with a preloaded script that writes
 * `process.resourceUsage().maxRSS` at exit, and the wall time is measured around the spawn.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What one measured run gave. */
export interface Measured {
  /** Wall-clock time, in milliseconds. */
  readonly wallMs: number;
  /** Peak resident memory of the child, in MB (1 MB = 1024 KB). */
  readonly maxRssMB: number;
  /** Exit code (null when killed). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** How memory was measured. */
  readonly how: "gnu-time" | "resourceUsage";
}

const GNU_TIME = "/usr/bin/time";

function parseGnuTime(text: string): { wallMs: number; maxRssKB: number } | undefined {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1];
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(text);
  if (!rss || !wall) return undefined;
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  return { wallMs: Math.round(seconds * 1000), maxRssKB: Number(rss) };
}

/**
 * Runs a Node script in a child process and measures it.
 *
 * @param args arguments after `node` (script and its arguments)
 * @param cwd working directory @default process.cwd()
 * @param timeoutMs kill after @default 600000
 * @param env extra environment variables for the child @default {}
 * @throws Error when the child cannot be started or its figures cannot be read
 */
export function measureNode(
  args: readonly string[],
  cwd = process.cwd(),
  timeoutMs = 600_000,
  env: Record<string, string> = {},
): Measured {
  const node = process.execPath;
  const childEnv = { ...process.env, ...env };
  if (existsSync(GNU_TIME)) {
    const started = Date.now();
    const r = spawnSync(GNU_TIME, ["-v", node, ...args], { cwd, env: childEnv, encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 << 20 });
    if (r.error) throw r.error;
    const figures = parseGnuTime(r.stderr);
    if (!figures) throw new Error(`could not read /usr/bin/time -v output for node ${args.join(" ")}`);
    const timeAt = r.stderr.lastIndexOf("\tCommand being timed:");
    return {
      wallMs: figures.wallMs || Date.now() - started,
      maxRssMB: Math.round(figures.maxRssKB / 1024),
      exitCode: r.status,
      stdout: r.stdout,
      stderr: timeAt >= 0 ? r.stderr.slice(0, timeAt) : r.stderr,
      how: "gnu-time",
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "ccvbench-"));
  try {
    const out = join(dir, "usage.json");
    const preload = join(dir, "usage.js");
    writeFileSync(
      preload,
      `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.resourceUsage())));\n`,
    );
    const started = Date.now();
    const r = spawnSync(node, ["-r", preload, ...args], { cwd, env: childEnv, encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 << 20 });
    const wallMs = Date.now() - started;
    if (r.error) throw r.error;
    const usage = JSON.parse(readFileSync(out, "utf8")) as { maxRSS: number };
    return { wallMs, maxRssMB: Math.round(usage.maxRSS / 1024), exitCode: r.status, stdout: r.stdout, stderr: r.stderr, how: "resourceUsage" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of numbers (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Formats milliseconds as seconds with two decimals, e.g. `2.41 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
