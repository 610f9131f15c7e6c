/**
 * Starts Azurite's Table service (npm `azurite`) for tests, `ccvoice dev` and the benchmark: a child process
 * on a free loopback port, in memory (`--inMemoryPersistence`), telemetry off, access log off.
 * Stopping and restarting it on the same port simulates a Table Storage outage.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Azurite's well-known development account and key (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** A running Azurite Table service. */
export interface AzuriteTable {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  readonly endpoint: string;
  readonly port: number;
  /** Connection string for `TableClient.fromConnectionString` (with `allowInsecureConnection`). */
  readonly connectionString: string;
  /** Stops the process (an outage); `start()` brings it back on the same port, empty. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops for good and removes the working folder. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function azuriteMain(): string {
  return require.resolve("azurite/dist/src/table/main.js");
}

async function launch(port: number, cwd: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [azuriteMain(), "--tableHost", "127.0.0.1", "--tablePort", String(port), "--inMemoryPersistence", "--disableTelemetry", "--silent", "--skipApiVersionCheck", "--loose"],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`azurite did not start on port ${port} within 15 s: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("successfully")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited with code ${code} before starting: ${output}`));
    });
  });
  // Do not outlive the process that started it (an uncaught error in a test or script still runs "exit").
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  child.stdout?.removeAllListeners("data");
  child.stderr?.removeAllListeners("data");
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

/**
 * Starts Azurite's Table service on a free port.
 *
 * @throws Error when it does not start within 15 s (three ports are tried)
 */
export async function startAzuriteTable(): Promise<AzuriteTable> {
  const cwd = mkdtempSync(join(tmpdir(), "ccvoice-azurite-"));
  let port = 0;
  let child: ChildProcess | undefined;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, cwd);
    } catch (err) {
      lastError = err;
    }
  }
  if (!child) throw lastError instanceof Error ? lastError : new Error(String(lastError));
  let current: ChildProcess | undefined = child;
  const endpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  const stop = async () => {
    const proc = current;
    current = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill("SIGKILL");
    });
  };
  return {
    endpoint,
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${endpoint};`,
    stop,
    start: async () => {
      if (!current) current = await launch(port, cwd);
    },
    dispose: async () => {
      await stop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
