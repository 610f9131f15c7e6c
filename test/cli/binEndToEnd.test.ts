/**
 * The installed command as a user runs it (`node bin/ccvoice.js ...`), for the commands that load
 * modules lazily with `import()`: `ccvoice dev` and `ccvoice call` through the real tsx loaders, which
 * vitest's module runner does not exercise.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";

const BIN = "bin/ccvoice.js";
let dev: ChildProcess | undefined;

afterAll(() => {
  dev?.kill("SIGTERM");
});

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; got:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`ccvoice dev exited with ${code}:\n${seen}`));
    });
  });
}

describe("node bin/ccvoice.js dev + call", () => {
  it("routes a call to an agent, then a PSAP callback to the agent who dialed 911", async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const url = `http://127.0.0.1:${port}`;
    dev = spawn(process.execPath, [BIN, "dev", "--port", port], { stdio: ["ignore", "pipe", "pipe"] });
    await waitForLine(dev, /stop with Ctrl\+C/, 45_000);

    const normal = spawnSync(process.execPath, [BIN, "call", "--from", "+12065550111", "--to", "+14255550100", "--dev-url", url], { encoding: "utf8" });
    expect(normal.status).toBe(0);
    expect(normal.stdout).toContain("route: queue: queue support-nanp: offered to agent alice");
    expect(normal.stdout).toContain("<- AddParticipantSucceeded (runtime answered 200)");

    const emergency = spawnSync(process.execPath, [BIN, "call", "--from", "+12065550911", "--agent-emergency", "alice", "--dev-url", url], { encoding: "utf8" });
    expect(emergency.status).toBe(0);
    expect(emergency.stdout).toMatch(/agent alice reported an emergency call \(911\): callback number \+\d+, held until .*; presence Do Not Disturb/);
    expect(emergency.stdout).toMatch(/route: psap-callback: callback number \+\d+ is leased to agent alice/);
  });
});
