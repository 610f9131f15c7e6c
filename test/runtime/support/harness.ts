/**
 * Test harness of the runtime: Azurite (Table Storage), the Call Automation emulator, a local token issuer
 * for the agent endpoints, and the runtime built from real settings (`loadSettings`) with a fake clock.
 * Handlers are called directly with `new InvocationContext({...})`; callbacks reach `callEvents` through
 * the local host the emulator posts to.
 */
import { randomUUID } from "node:crypto";
import { HttpRequest, InvocationContext, type EventGridEvent } from "@azure/functions";
import { parseVoiceChannelSpec } from "../../../src/config/parse";
import { readStackFile, stackFilePath } from "../../../src/config/stackFile";
import type { VoiceChannelSpec } from "../../../src/config/schema";
import type { RuntimeConfig } from "../../../src/runtime/core/runtimeConfig";
import type { EmailSender, PresenceControl } from "../../../src/runtime/adapters/interfaces";
import { agentEmergency } from "../../../src/runtime/handlers/agentEmergency";
import { incomingCall, type IncomingCallResult } from "../../../src/runtime/handlers/incomingCall";
import { startLocalHost, type LocalHost } from "../../../src/runtime/localHost";
import { createRuntime, type Runtime, type RuntimeOverrides } from "../../../src/runtime/runtime";
import { runtimeConfigFromSpec, type ResolvedNumbers } from "../../../src/runtime/runtimeConfigFromSpec";
import { loadSettings } from "../../../src/runtime/settings";
import { CallAutomationEmulator } from "../../emulators/callAutomation/callAutomationEmulator";
import { TokenIssuer } from "../../emulators/callAutomation/tokenIssuer";
import { startAzuriteTable, type AzuriteTable } from "../../support/azurite";

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public t = Date.parse("2025-06-02T14:00:00Z")) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Records presence changes instead of calling Graph. */
export class RecordingPresence implements PresenceControl {
  readonly calls: string[] = [];
  async setDoNotDisturb(userId: string): Promise<void> {
    this.calls.push(`dnd ${userId}`);
  }
  async clear(userId: string): Promise<void> {
    this.calls.push(`clear ${userId}`);
  }
}

/** The spec of an example stack. */
export function stackSpec(stack: string): VoiceChannelSpec {
  return parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice);
}

/** Shared infrastructure of one test file. */
export interface Infra {
  readonly azurite: AzuriteTable;
  readonly emulator: CallAutomationEmulator;
  readonly issuer: TokenIssuer;
  stop(): Promise<void>;
}

/** Starts Azurite, the emulator and the token issuer. */
export async function startInfra(): Promise<Infra> {
  const [azurite, emulator, issuer] = await Promise.all([startAzuriteTable(), new CallAutomationEmulator().start(), new TokenIssuer().start()]);
  return {
    azurite,
    emulator,
    issuer,
    stop: async () => {
      await emulator.stop();
      await issuer.stop();
      await azurite.dispose();
    },
  };
}

/** A runtime under test. */
export interface Harness {
  readonly runtime: Runtime;
  readonly host: LocalHost;
  readonly clock: FakeClock;
  readonly config: RuntimeConfig;
  readonly logs: string[];
  /** Places a call and delivers its IncomingCall to the handler (`times` deliveries). */
  call(from: string, to: string): Promise<{ serverCallId: string; event: EventGridEvent; result: IncomingCallResult }>;
  /** Delivers an Event Grid event to `incomingCall`. */
  deliver(event: EventGridEvent): Promise<IncomingCallResult>;
  /** Reports an agent emergency call with a desktop token. */
  emergency(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Waits until no callback is in flight and no background job runs. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A new InvocationContext whose logs go to `logs`. */
export function invocation(functionName: string, logs: string[]): InvocationContext {
  return new InvocationContext({ functionName, invocationId: randomUUID(), logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(" ")}`) });
}

/**
 * Builds a runtime against the infrastructure. Each harness uses its own table (fresh state).
 *
 * @param options.stack example stack @default "acs-direct-routing"
 */
export async function startHarness(
  infra: Infra,
  options: {
    stack?: string;
    resolved?: ResolvedNumbers;
    /** Changes the derived configuration before the runtime reads it. */
    configure?: (config: RuntimeConfig) => RuntimeConfig;
    env?: Record<string, string>;
    overrides?: RuntimeOverrides;
    presence?: PresenceControl;
    email?: EmailSender;
    clock?: FakeClock;
  } = {},
): Promise<Harness> {
  const derived = runtimeConfigFromSpec(stackSpec(options.stack ?? "acs-direct-routing"), options.resolved);
  const config = options.configure ? options.configure(derived) : derived;
  const clock = options.clock ?? new FakeClock();
  const logs: string[] = [];
  const { emulator, issuer, azurite } = infra;
  let runtime: Runtime | undefined;
  const host = await startLocalHost(() => runtime as Runtime, { log: (fn, level, message) => logs.push(`${fn} ${level}: ${message}`) });
  const env: Record<string, string> = {
    CCVOICE_RUNTIME_CONFIG: JSON.stringify(config),
    ACS_ENDPOINT: emulator.endpoint,
    CCVOICE_ACS_ACCESS_KEY: emulator.accessKey,
    ACS_IMMUTABLE_RESOURCE_ID: emulator.resourceId,
    CCVOICE_CALLBACK_URL: `${host.url}/api/callEvents`,
    CCVOICE_CALLBACK_JWKS_URL: emulator.jwksUrl,
    CCVOICE_CALLBACK_ISSUER: emulator.issuer,
    CCVOICE_TABLE_CONNECTION_STRING: azurite.connectionString,
    CCVOICE_TABLE_NAME: `t${randomUUID().replace(/-/g, "").slice(0, 20)}`,
    CCVOICE_HOLD_MUSIC_URL: "https://example.blob.core.windows.net/audio/hold.wav",
    ACS_EMAIL_SENDER: "DoNotReply@contoso.com",
    CCVOICE_PRESENCE_SESSION_ID: "3f1c2b7a-5d4e-4a8b-9c6d-1e2f3a4b5c6d",
    CCVOICE_AGENT_AUTH_AUDIENCE: issuer.audience,
    CCVOICE_AGENT_AUTH_JWKS_URL: issuer.jwksUrl,
    CCVOICE_AGENT_AUTH_ISSUER: issuer.issuer,
    CCVOICE_EMERGENCY_STORE_DEADLINE_MS: "800",
    ...options.env,
  };
  const rt = await createRuntime(loadSettings(env), {
    clock,
    presence: options.presence ?? new RecordingPresence(),
    email: options.email,
    ...options.overrides,
  });
  runtime = rt;
  const settle = async () => {
    await emulator.settled();
    await rt.idle();
    await emulator.settled();
  };
  const deliver = (event: EventGridEvent) => incomingCall(event, invocation("incomingCall", logs), rt);
  return {
    runtime: rt,
    host,
    clock,
    config,
    logs,
    deliver,
    async call(from, to) {
      const { call, event } = await emulator.placeCall(from, to);
      const result = await deliver(event as EventGridEvent);
      return { serverCallId: call.serverCallId, event: event as EventGridEvent, result };
    },
    async emergency(body) {
      const token = await issuer.desktopToken();
      const request = new HttpRequest({
        method: "POST",
        url: "http://127.0.0.1/api/agentEmergency",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: { string: JSON.stringify(body) },
      });
      const response = await agentEmergency(request, invocation("agentEmergency", logs), rt);
      return { status: response.status ?? 200, body: response.jsonBody as Record<string, unknown> };
    },
    settle,
    async close() {
      await settle();
      await host.close();
    },
  };
}
