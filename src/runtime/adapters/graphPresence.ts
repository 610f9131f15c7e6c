/**
 * {@link PresenceControl} over Microsoft Graph (`@microsoft/microsoft-graph-client`): the runtime holds its
 * own presence session per user (session id = the application id). Do Not Disturb is
 * `availability: DoNotDisturb, activity: Presenting`; clearing the session lets the user's presence return
 * to what the other sessions say (the previous presence). Needs the application permission
 * `Presence.ReadWrite.All`. Graph throttles presence at 1,500 requests per 30 s per app and tenant; the
 * client's retry handler honours `Retry-After`.
 *
 * @see azure-voice-api-facts.md §6.5; limits-and-reliability.md §3 G1
 */
import { Client } from "@microsoft/microsoft-graph-client";
import type { TokenCredential } from "@azure/core-auth";
import type { PresenceControl } from "./interfaces";

/** How the adapter reaches Graph. */
export interface GraphPresenceOptions {
  readonly credential: TokenCredential;
  /** Application (client) id: the `sessionId` of setPresence. */
  readonly sessionId: string;
  /** @default "https://graph.microsoft.com/v1.0" */
  readonly baseUrl?: string;
  /**
   * How long Do Not Disturb holds if the runtime never clears it, ISO 8601 (PT5M-PT4H).
   * @default "PT4H" — the longest Graph allows; an emergency call is not expected to last longer
   */
  readonly expirationDuration?: string;
}

/** The Graph presence adapter. */
export class GraphPresence implements PresenceControl {
  private readonly client: Client;

  constructor(private readonly options: GraphPresenceOptions) {
    const base = new URL(options.baseUrl ?? "https://graph.microsoft.com/v1.0");
    const version = base.pathname.replace(/^\/+|\/+$/g, "") || "v1.0";
    this.client = Client.initWithMiddleware({
      authProvider: {
        getAccessToken: async () => {
          const token = await options.credential.getToken("https://graph.microsoft.com/.default");
          if (!token) throw new Error("no Graph token: the managed identity needs Presence.ReadWrite.All");
          return token.token;
        },
      },
      baseUrl: `${base.origin}/`,
      defaultVersion: version,
      customHosts: new Set([base.hostname]),
    });
  }

  async setDoNotDisturb(userId: string): Promise<void> {
    await this.client.api(`/users/${encodeURIComponent(userId)}/presence/setPresence`).post({
      sessionId: this.options.sessionId,
      availability: "DoNotDisturb",
      activity: "Presenting",
      expirationDuration: this.options.expirationDuration ?? "PT4H",
    });
  }

  async clear(userId: string): Promise<void> {
    await this.client.api(`/users/${encodeURIComponent(userId)}/presence/clearPresence`).post({ sessionId: this.options.sessionId });
  }
}
