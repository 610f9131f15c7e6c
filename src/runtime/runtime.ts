/**
 * Composes the runtime from its settings: the core's dependencies plus the adapters. Heavy SDKs are
 * loaded on first use (dynamic imports), so loading the app module stays fast; tests and `ccvoice dev`
 * replace any adapter through `overrides`.
 */
import type { CoreDeps } from "./core/coreDeps";
import { RecentIds } from "./core/idempotency";
import { LeaseCache } from "./core/leases";
import { systemClock, type Clock, type StateStore } from "./core/ports";
import type { CallControl, EmailSender, PresenceControl, TokenVerifier } from "./adapters/interfaces";
import { isLoopbackUrl, type RuntimeSettings } from "./settings";

/** Everything a handler needs. */
export interface Runtime {
  readonly settings: RuntimeSettings;
  readonly core: CoreDeps;
  readonly calls: CallControl;
  /** Graph presence; undefined when the stack has no Teams agents. */
  readonly presence?: PresenceControl;
  /** ACS Email; undefined when there are no notification contacts. */
  readonly email?: EmailSender;
  readonly callbackVerifier: TokenVerifier;
  /** Undefined when agent auth is not configured (the agent endpoints answer 403, naming the setting). */
  readonly agentVerifier?: TokenVerifier;
  /** Work started after a response (notification emails); see {@link Runtime.idle}. */
  background(work: Promise<unknown>): void;
  /** Resolves when every background job has settled (tests, shutdown). */
  idle(): Promise<void>;
}

/** Adapters to use instead of the real ones. */
export interface RuntimeOverrides {
  readonly store?: StateStore;
  readonly calls?: CallControl;
  readonly presence?: PresenceControl;
  readonly email?: EmailSender;
  readonly callbackVerifier?: TokenVerifier;
  readonly agentVerifier?: TokenVerifier;
  readonly clock?: Clock;
}

/**
 * Builds a runtime.
 *
 * @throws Error when an SDK cannot be loaded; credential problems surface on the first call instead
 */
export async function createRuntime(settings: RuntimeSettings, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const needsAzureCredential =
    (!overrides.store && !settings.tableConnectionString) ||
    (!overrides.calls && !settings.acsAccessKey) ||
    (!overrides.presence && settings.config.agents.some((a) => a.kind === "teams"));
  const credential = needsAzureCredential ? new (await import("@azure/identity")).DefaultAzureCredential() : undefined;
  const acsCredential = settings.acsAccessKey ? new (await import("@azure/core-auth")).AzureKeyCredential(settings.acsAccessKey) : credential;
  const insecure = isLoopbackUrl(settings.acsEndpoint);

  let store = overrides.store;
  if (!store) {
    const { TableStore } = await import("./adapters/tableStore");
    store = settings.tableConnectionString
      ? new TableStore({ connectionString: settings.tableConnectionString, tableName: settings.tableName })
      : new TableStore({ endpoint: settings.tableEndpoint ?? "", credential: credential!, tableName: settings.tableName });
  }
  let calls = overrides.calls;
  if (!calls) {
    const { CallAutomationAdapter } = await import("./adapters/callAutomation");
    calls = new CallAutomationAdapter({
      endpoint: settings.acsEndpoint,
      credential: acsCredential!,
      teamsTenantId: settings.config.teamsTenantId,
      acsResourceId: settings.acsResourceIds[0],
      allowInsecureConnection: insecure,
    });
  }
  let presence = overrides.presence;
  if (!presence && settings.config.agents.some((a) => a.kind === "teams") && settings.presenceSessionId) {
    const { GraphPresence } = await import("./adapters/graphPresence");
    presence = new GraphPresence({ credential: credential!, sessionId: settings.presenceSessionId, baseUrl: settings.graphBaseUrl });
  }
  let email = overrides.email;
  if (!email && settings.emailSender) {
    const { AcsEmail } = await import("./adapters/email");
    email = new AcsEmail({ endpoint: settings.acsEndpoint, credential: acsCredential!, sender: settings.emailSender, allowInsecureConnection: insecure });
  }
  const { JwtVerifier } = await import("./adapters/jwtVerifier");
  const callbackVerifier =
    overrides.callbackVerifier ??
    new JwtVerifier({ jwksUrl: settings.callbackJwksUrl, issuer: settings.callbackIssuer, audience: settings.acsResourceIds });
  const agentAuth = settings.agentAuth;
  const agentVerifier =
    overrides.agentVerifier ?? (agentAuth ? new JwtVerifier({ jwksUrl: agentAuth.jwksUrl, issuer: agentAuth.issuer, audience: agentAuth.audience }) : undefined);

  const pending = new Set<Promise<unknown>>();
  return {
    settings,
    core: {
      config: settings.config,
      store,
      clock: overrides.clock ?? systemClock,
      leases: new LeaseCache(),
      seen: new RecentIds(),
      emergencyStoreDeadlineMs: settings.emergencyStoreDeadlineMs,
      invitationTimeoutSeconds: settings.ringSeconds,
      holdMusic: settings.holdMusicUrl !== undefined,
    },
    calls,
    presence,
    email,
    callbackVerifier,
    agentVerifier,
    background(work) {
      const tracked = work.catch(() => undefined).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
