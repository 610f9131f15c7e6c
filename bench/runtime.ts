/**
 * Benchmark of the runtime: 1,000 mixed `IncomingCall` events (85% main-line calls, 5% PSAP callbacks to a
 * leased number, 10% Event Grid duplicates of earlier events) through the `incomingCall` handler, in
 * process, with Table Storage on Azurite and Call Automation on the local emulator (which then posts its
 * signed callbacks to the runtime, as in production). Also the deployable bundle: size and module
 * initialisation time (a Node process loading it with a stand-in for the host's `@azure/functions-core`).
 *
 * Run alone: `npx tsx bench/runtime.ts`; `npm run bench` imports {@link benchRuntime}.
 * Targets: decision p99 under 50 ms in process, bundle under 5 MB, module initialisation under 250 ms.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventGridEvent } from "@azure/functions";
import { buildRuntimeBundle } from "../src/components/runtimeBundle";
import { setAgentPresence } from "../src/runtime/core/agents";
import type { RuntimeAgent } from "../src/runtime/core/runtimeConfig";
import type { CallControl } from "../src/runtime/adapters/interfaces";
import { CallAutomationAdapter } from "../src/runtime/adapters/callAutomation";
import { FakeClock, startHarness, startInfra } from "../test/runtime/support/harness";

const EVENTS = 1000;
const TARGETS = { p99Ms: 50, bundleMB: 5, initMs: 250 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Wall clock for the runtime (the harness's clock type, moving with real time). */
class WallClock extends FakeClock {
  override now = (): number => Date.now();
}

/** Times the Call Automation requests each event makes, so the decision time can be told apart. */
class TimedCalls implements CallControl {
  spentMs = 0;
  constructor(private readonly inner: CallControl) {}
  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.spentMs += performance.now() - t0;
    }
  }
  answer: CallControl["answer"] = (...a) => this.timed(() => this.inner.answer(...a));
  reject: CallControl["reject"] = (...a) => this.timed(() => this.inner.reject(...a));
  addParticipant: CallControl["addParticipant"] = (...a) => this.timed(() => this.inner.addParticipant(...a));
  play: CallControl["play"] = (...a) => this.timed(() => this.inner.play(...a));
  hangUp: CallControl["hangUp"] = (...a) => this.timed(() => this.inner.hangUp(...a));
  createCall: CallControl["createCall"] = (...a) => this.timed(() => this.inner.createCall(...a));
}

/** Figures of one run. */
export interface RuntimeBenchFigures {
  readonly events: number;
  readonly decision: { p50: number; p99: number; max: number };
  readonly handler: { p50: number; p99: number; max: number };
  readonly eventsPerSecond: number;
  readonly routes: Record<string, number>;
  readonly callbacks: { delivered: number; failed: number };
  readonly bundle: { mainBytes: number; totalBytes: number; buildMs: number };
  readonly init: { p50: number; max: number; runs: number };
}

async function measureEvents(): Promise<Omit<RuntimeBenchFigures, "bundle" | "init">> {
  const infra = await startInfra();
  const extraAgents: RuntimeAgent[] = Array.from({ length: 48 }, (_, i) => ({
    id: `agent${i}`,
    displayName: `Agent ${i}`,
    kind: "acs",
    userId: `8:acs:00000000-0000-0000-0000-000000000001_00000002-0000-0000-0000-${String(i).padStart(12, "0")}`,
    skills: ["support", "english"],
    country: "US",
    maxConcurrentCalls: 2,
  }));
  let timed: TimedCalls | undefined;
  const h = await startHarness(infra, {
    clock: new WallClock(),
    configure: (c) => ({ ...c, agents: [...c.agents, ...extraAgents] }),
    overrides: {
      calls: (timed = new TimedCalls(
        new CallAutomationAdapter({ endpoint: infra.emulator.endpoint, credential: { key: infra.emulator.accessKey }, allowInsecureConnection: true }),
      )),
    },
  });
  try {
    // Callers on hold hear one long play during the run (no retry storm); everyone hangs up at the end.
    infra.emulator.playDurationMs = 60_000;
    for (const agent of h.config.agents) await setAgentPresence(h.runtime.core.store, agent.id, "available", Date.now());
    await h.emergency({ event: "started", agentId: "alice", requestId: "bench-alice", dialed: "911" });
    await h.emergency({ event: "ended", agentId: "alice", requestId: "bench-alice" });
    const mainLines = ["+14255550100", "+442071234500", "+4533123400"];
    const sent: EventGridEvent[] = [];
    const decision: number[] = [];
    const handler: number[] = [];
    const routes: Record<string, number> = {};
    const started = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      let event: EventGridEvent;
      if (i % 10 === 9 && sent.length > 0) event = sent[(i * 7) % sent.length] as EventGridEvent;
      else if (i % 20 === 4) event = (await infra.emulator.placeCall("+12065550911", "+14255550180")).event as EventGridEvent;
      else event = (await infra.emulator.placeCall(`+1206555${String(1000 + (i % 9000)).slice(-4)}`, mainLines[i % mainLines.length] as string)).event as EventGridEvent;
      sent.push(event);
      timed.spentMs = 0;
      const t0 = performance.now();
      const result = await h.deliver(event);
      const total = performance.now() - t0;
      handler.push(total);
      decision.push(total - timed.spentMs);
      routes[result.route] = (routes[result.route] ?? 0) + 1;
    }
    const elapsed = performance.now() - started;
    for (const call of infra.emulator.calls.values()) infra.emulator.hangUpCaller(call.serverCallId);
    await h.settle();
    const callbacks = infra.emulator.log.filter((e) => e.kind === "callback");
    decision.sort((a, b) => a - b);
    handler.sort((a, b) => a - b);
    return {
      events: EVENTS,
      decision: { p50: percentile(decision, 50), p99: percentile(decision, 99), max: decision.at(-1) ?? 0 },
      handler: { p50: percentile(handler, 50), p99: percentile(handler, 99), max: handler.at(-1) ?? 0 },
      eventsPerSecond: (EVENTS / elapsed) * 1000,
      routes,
      callbacks: { delivered: callbacks.length, failed: callbacks.filter((c) => c.status !== 200).length },
    };
  } finally {
    await h.close();
    await infra.stop();
  }
}

async function measureBundle(): Promise<Pick<RuntimeBenchFigures, "bundle" | "init">> {
  const root = mkdtempSync(join(tmpdir(), "ccvbench-runtime-"));
  try {
    const bundle = await buildRuntimeBundle({ outDir: join(root, "app") });
    const core = join(root, "host", "node_modules", "@azure", "functions-core");
    mkdirSync(core, { recursive: true });
    writeFileSync(join(core, "index.js"), "module.exports={setProgrammingModel(){},registerFunction(){return{dispose(){}}},registerHook(){return{dispose(){}}},log(){}};");
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(join(bundle.dir, "main.js"))});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
    const runs = Array.from({ length: 7 }, () => Number(execFileSync(process.execPath, ["-e", script], { env: { ...process.env, NODE_PATH: join(root, "host", "node_modules") }, encoding: "utf8" }))).sort((a, b) => a - b);
    return {
      bundle: { mainBytes: bundle.mainBytes, totalBytes: bundle.totalBytes, buildMs: bundle.buildMs },
      init: { p50: percentile(runs, 50), max: runs.at(-1) ?? 0, runs: runs.length },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs the benchmark and returns the figures. */
export async function measureRuntime(): Promise<RuntimeBenchFigures> {
  const events = await measureEvents();
  return { ...events, ...(await measureBundle()) };
}

/** Runs the benchmark and returns the BENCHMARKS.md section. */
export async function benchRuntime(): Promise<string> {
  const f = await measureRuntime();
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const mb = f.bundle.totalBytes / 1024 / 1024;
  return [
    `${f.events} IncomingCall events through the \`incomingCall\` handler, one at a time, in process: 85% main-line calls (50 agents), 5% PSAP callbacks to a leased number, 10% Event Grid duplicates. Table Storage on Azurite (child process), Call Automation on the local emulator (HMAC-verified requests; its signed callbacks were posted back to the runtime meanwhile).`,
    "",
    "| measure | p50 | p99 | max |",
    "|---|---:|---:|---:|",
    `| decision (handler minus Call Automation requests) | ${ms(f.decision.p50)} | ${ms(f.decision.p99)} | ${ms(f.decision.max)} |`,
    `| whole handler (incl. answer/reject to the emulator) | ${ms(f.handler.p50)} | ${ms(f.handler.p99)} | ${ms(f.handler.max)} |`,
    "",
    `Throughput: ${f.eventsPerSecond.toFixed(0)} events/s (sequential). Routes: ${Object.entries(f.routes).map(([k, v]) => `${k} ${v}`).join(", ")}. Callbacks processed: ${f.callbacks.delivered} (${f.callbacks.failed} not 200).`,
    "",
    "| bundle | size | build | module initialisation (p50 / max of " + f.init.runs + ") |",
    "|---|---:|---:|---:|",
    `| esbuild, node20 cjs, minified | ${mb.toFixed(2)} MB | ${f.bundle.buildMs} ms | ${ms(f.init.p50)} / ${ms(f.init.max)} |`,
    "",
    `Targets: decision p99 under ${TARGETS.p99Ms} ms — ${met(f.decision.p99 < TARGETS.p99Ms)}; bundle under ${TARGETS.bundleMB} MB — ${met(mb < TARGETS.bundleMB)}; initialisation under ${TARGETS.initMs} ms — ${met(f.init.p50 < TARGETS.initMs)}.`,
    "Not measured here: a real Functions host cold start, and ACS/Table latency in Azure (both add to these figures).",
  ].join("\n");
}

if (require.main === module) {
  benchRuntime().then(
    (markdown) => {
      process.stdout.write(`${markdown}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
