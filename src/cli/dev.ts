/**
 * `ccvoice dev`: runs the runtime on this machine with no Azure: Azurite (Table Storage), the local Call
 * Automation emulator (which also takes ACS Email), a local token issuer for the agent endpoints, and the
 * runtime's handlers on one HTTP server at the Functions host's local paths:
 * `POST /runtime/webhooks/EventGrid?functionName=incomingCall` (with the validation handshake),
 * `POST /api/callEvents|agentEmergency|agentState|outboundCall`, `POST /admin/functions/expireLeases`,
 * plus dev-only helpers used by `ccvoice call`: `POST /dev/calls`, `POST /dev/agentEmergency`,
 * `POST /dev/agentState`, `GET /dev/status`.
 *
 * Numbers of phone-number orders are simulated (fictional 555-01xx / 020 7946 0xxx ranges) and resource
 * accounts get object ids derived from their UPN, printed at start. Every agent starts `available`.
 */
import { createHash, randomUUID } from "node:crypto";
import { Command } from "commander";
import type { VoiceChannelSpec } from "../config/schema";
import type { Lease } from "../runtime/core/leases";
import type { RuntimeConfig } from "../runtime/core/runtimeConfig";
import type { EmailSender } from "../runtime/adapters/interfaces";
import type { LocalHost } from "../runtime/localHost";
import type { Runtime } from "../runtime/runtime";
import type { ResolvedNumbers } from "../runtime/runtimeConfigFromSpec";
import type { CallAutomationEmulator } from "../../test/emulators/callAutomation/callAutomationEmulator";
import type { TokenIssuer } from "../../test/emulators/callAutomation/tokenIssuer";
import type { AzuriteTable } from "../../test/support/azurite";
import { EXIT, processIo, type CliIo, type ExitFn, setProcessExitCode } from "./io";

/** The default port of the Functions host (`func start`). */
export const DEV_PORT = 7071;
/** The default stack of `ccvoice dev` and `ccvoice call`. */
export const DEV_STACK = "acs-direct-routing";

/** A running dev environment. */
export interface DevEnvironment {
  readonly url: string;
  readonly stack: string;
  readonly config: RuntimeConfig;
  readonly runtime: Runtime;
  readonly emulator: CallAutomationEmulator;
  readonly azurite: AzuriteTable;
  readonly issuer: TokenIssuer;
  readonly host: LocalHost;
  /** Lines describing what was simulated (order numbers, resource account ids). */
  readonly notes: string[];
  close(): Promise<void>;
}

/**
 * Fictional numbers for the orders of a stack: `+1<area>55501NN` (NANP fiction range) for US and CA,
 * `+4420794600NN` (Ofcom drama range) for GB; other countries are skipped with a note.
 */
export function simulatedResolution(spec: VoiceChannelSpec): { resolved: ResolvedNumbers; notes: string[] } {
  const notes: string[] = [];
  const orderNumbers: Record<string, string[]> = {};
  let n = 20;
  for (const order of spec.phoneNumbers.orders) {
    const numbers: string[] = [];
    for (let i = 0; i < Math.min(order.quantity, 5); i++, n++) {
      const nn = String(n % 100).padStart(2, "0");
      if (order.countryCode === "US" || order.countryCode === "CA") numbers.push(`+1${order.areaCode ?? "425"}55501${nn}`);
      else if (order.countryCode === "GB") numbers.push(`+4420794600${nn}`);
    }
    if (numbers.length === 0) notes.push(`order ${order.name} (${order.countryCode}): no fictional range; not simulated`);
    else notes.push(`order ${order.name} (${order.purpose}) simulated as ${numbers.join(", ")}`);
    orderNumbers[order.name] = numbers;
  }
  const resourceAccountObjectIds: Record<string, string> = {};
  for (const ra of spec.teams?.resourceAccounts ?? []) {
    const h = createHash("sha256").update(ra.upn.toLowerCase()).digest("hex");
    const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    resourceAccountObjectIds[ra.upn] = id;
    notes.push(`resource account ${ra.upn} simulated as 28:orgid:${id}`);
  }
  return { resolved: { orderNumbers, resourceAccountObjectIds }, notes };
}

/** Presence changes print instead of calling Graph. */
function loggedPresence(log: (line: string) => void) {
  return {
    setDoNotDisturb: async (userId: string) => log(`graph (simulated): setPresence DoNotDisturb for ${userId}`),
    clear: async (userId: string) => log(`graph (simulated): clearPresence for ${userId}`),
  };
}

/**
 * Starts the dev environment.
 *
 * @param options.stack stack whose spec configures the runtime @default "acs-direct-routing"
 * @param options.port @default 7071; 0 picks a free port
 * @param options.log where runtime logs go @default nowhere
 * @throws Error when the stack file is missing or invalid (SpecError), or a port is taken
 */
export async function startDevEnvironment(options: { stack?: string; port?: number; log?: (line: string) => void; email?: EmailSender } = {}): Promise<DevEnvironment> {
  // Loaded here, not at the top: `ccvoice --help` and other commands stay fast.
  const [{ parseVoiceChannelSpec }, { readStackFile, stackFilePath }, { setAgentPresence }, { startLocalHost }, { createRuntime }, { runtimeConfigFromSpec }, { loadSettings }, { CallAutomationEmulator }, { TokenIssuer }, { startAzuriteTable }] =
    await Promise.all([
      import("../config/parse"),
      import("../config/stackFile"),
      import("../runtime/core/agents"),
      import("../runtime/localHost"),
      import("../runtime/runtime"),
      import("../runtime/runtimeConfigFromSpec"),
      import("../runtime/settings"),
      import("../../test/emulators/callAutomation/callAutomationEmulator"),
      import("../../test/emulators/callAutomation/tokenIssuer"),
      import("../../test/support/azurite"),
    ]);
  const stack = options.stack ?? DEV_STACK;
  const log = options.log ?? (() => undefined);
  const spec = parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice);
  const { resolved, notes } = simulatedResolution(spec);
  const config = runtimeConfigFromSpec(spec, resolved);
  const [azurite, emulator, issuer] = await Promise.all([startAzuriteTable(), new CallAutomationEmulator().start(), new TokenIssuer().start()]);
  let runtime: Runtime | undefined;
  let host: LocalHost | undefined;
  const settle = async () => {
    await emulator.settled();
    await runtime?.idle();
    await emulator.settled();
  };
  const self = () => host?.url ?? "";
  const raIds = resolved.resourceAccountObjectIds ?? {};
  const extra = async (method: string, url: URL, text: string) => {
    if (!url.pathname.startsWith("/dev/")) return undefined;
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (method === "POST" && url.pathname === "/dev/calls") {
      const from = String(body.from ?? "");
      let to = String(body.to ?? "");
      const upn = Object.keys(raIds).find((k) => k.toLowerCase() === to.toLowerCase());
      if (upn) to = `28:orgid:${raIds[upn]}`;
      const { call, event } = await emulator.placeCall(from, to);
      const delivered = await fetch(`${self()}/runtime/webhooks/EventGrid?functionName=incomingCall`, {
        method: "POST",
        headers: { "content-type": "application/json", "aeg-event-type": "Notification" },
        body: JSON.stringify([event]),
      });
      await settle();
      const result = host?.incomingResults.get(event.id);
      const timeline = emulator.entriesFor(call.serverCallId).map((e) => ({ kind: e.kind, what: e.what, detail: e.detail, status: e.status }));
      return { status: 200, body: { from, to, serverCallId: call.serverCallId, eventGridStatus: delivered.status, route: result?.route, reason: result?.reason, timeline } };
    }
    if (method === "POST" && (url.pathname === "/dev/agentEmergency" || url.pathname === "/dev/agentState")) {
      const token = await issuer.desktopToken();
      const payload = url.pathname === "/dev/agentEmergency" ? { requestId: randomUUID(), ...body } : body;
      const response = await fetch(`${self()}/api/${url.pathname.slice(5)}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(payload),
      });
      await settle();
      return { status: response.status, body: { requestId: (payload as { requestId?: string }).requestId, ...((await response.json()) as object) } };
    }
    if (method === "GET" && url.pathname === "/dev/status") {
      const store = runtime!.core.store;
      const leases = (await store.list<Lease>("lease")).map((l) => ({ number: l.key, agentId: l.value.agentId, expiresAt: new Date(l.value.expiresAt).toISOString() }));
      const agents = await Promise.all(config.agents.map(async (a) => ({ id: a.id, ...((await store.get("agent", a.id))?.value ?? {}) })));
      return { status: 200, body: { stack, agents, leases, emails: emulator.emails.map((e) => ({ to: e.to, subject: e.subject })) } };
    }
    return { status: 404, body: { error: `${method} ${url.pathname} is not a dev route` } };
  };
  try {
    host = await startLocalHost(() => runtime as Runtime, { port: options.port ?? DEV_PORT, log: (fn, level, message) => log(`[${fn}] ${level}: ${message}`), extra });
    const env = {
      CCVOICE_RUNTIME_CONFIG: JSON.stringify(config),
      ACS_ENDPOINT: emulator.endpoint,
      CCVOICE_ACS_ACCESS_KEY: emulator.accessKey,
      ACS_IMMUTABLE_RESOURCE_ID: emulator.resourceId,
      CCVOICE_CALLBACK_URL: `${host.url}/api/callEvents`,
      CCVOICE_CALLBACK_JWKS_URL: emulator.jwksUrl,
      CCVOICE_CALLBACK_ISSUER: emulator.issuer,
      CCVOICE_TABLE_CONNECTION_STRING: azurite.connectionString,
      CCVOICE_HOLD_MUSIC_URL: `${emulator.endpoint}/audio/hold.wav`,
      ACS_EMAIL_SENDER: "DoNotReply@ccvoice.dev",
      CCVOICE_PRESENCE_SESSION_ID: "00000000-0000-4000-8000-00000000dev0",
      CCVOICE_AGENT_AUTH_AUDIENCE: issuer.audience,
      CCVOICE_AGENT_AUTH_JWKS_URL: issuer.jwksUrl,
      CCVOICE_AGENT_AUTH_ISSUER: issuer.issuer,
    };
    runtime = await createRuntime(loadSettings(env), { presence: loggedPresence(log), email: options.email });
    for (const agent of config.agents) await setAgentPresence(runtime.core.store, agent.id, "available", Date.now());
  } catch (err) {
    await host?.close();
    await Promise.allSettled([emulator.stop(), issuer.stop(), azurite.dispose()]);
    throw err;
  }
  const started = runtime;
  const listening = host;
  return {
    url: listening.url,
    stack,
    config,
    runtime: started,
    emulator,
    azurite,
    issuer,
    host: listening,
    notes: [...notes, ...config.notes],
    close: async () => {
      await settle();
      await listening.close();
      await Promise.allSettled([emulator.stop(), issuer.stop(), azurite.dispose()]);
    },
  };
}

/**
 * The `dev` command.
 *
 * @example ccvoice dev --stack acs-direct-routing --port 7071
 */
export function devCommand(io: CliIo = processIo, exit: ExitFn = setProcessExitCode): Command {
  return new Command("dev")
    .description("run the runtime locally: Azurite, the Call Automation emulator and the handlers on one HTTP server")
    .option("--stack <name>", "stack whose spec configures the runtime", DEV_STACK)
    .option("--port <port>", "port of the local Functions host paths", String(DEV_PORT))
    .option("--verbose", "print the runtime's logs")
    .action(async (opts: { stack: string; port: string; verbose?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`--port must be a port number between 0 and 65535, got ${JSON.stringify(opts.port)}`);
        exit(EXIT.usage);
        return;
      }
      const env = await startDevEnvironment({ stack: opts.stack, port, log: opts.verbose ? io.err : undefined });
      io.out(`ccvoice dev: runtime of stack ${env.stack} on ${env.url}`);
      io.out(`  Event Grid  POST ${env.url}/runtime/webhooks/EventGrid?functionName=incomingCall`);
      io.out(`  callbacks   POST ${env.url}/api/callEvents (emulator at ${env.emulator.endpoint})`);
      io.out(`  agents      POST ${env.url}/api/agentEmergency, /api/agentState, /api/outboundCall`);
      io.out(`  timer       POST ${env.url}/admin/functions/expireLeases`);
      for (const note of env.notes) io.out(`  note: ${note}`);
      const sample = env.config.queues.find((q) => q.numbers[0])?.numbers[0] ?? env.config.resourceAccounts[0]?.upn ?? "<number>";
      io.out(`  try: ccvoice call --from +12065550111 --to ${sample} --dev-url ${env.url}`);
      io.out("  stop with Ctrl+C");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await env.close();
    });
}
