/**
 * The Microsoft Graph client of the Graph-backed providers, built inside each provider method: the
 * credential and the endpoint are read from the environment **at call time**, never passed as inputs
 * and never captured by the serialized provider.
 *
 * - Endpoint: `CCVOICE_GRAPH_ENDPOINT` @default `https://graph.microsoft.com`. Plain http is accepted
 *   only for a loopback host (the local emulator in `test/emulators/graph`).
 * - Credential: `CCVOICE_GRAPH_ACCESS_TOKEN` (a bearer token obtained elsewhere, e.g.
 *   `az account get-access-token --resource-type ms-graph`) when set, else `DefaultAzureCredential` with the
 *   scope `https://graph.microsoft.com/.default` (application permissions `User.ReadWrite.All`,
 *   `Organization.Read.All` and `TeamsTelephoneNumber.ReadWrite.All`).
 * - Throttling: the Graph SDK's `RetryHandler` retries 429, 503 and 504, waiting `Retry-After` seconds
 *   when the service sends it; `CCVOICE_GRAPH_MAX_RETRIES` @default 5 attempts after the first.
 *
 * The SDK's own `AuthenticationHandler` adds the token only to https Graph hosts, so the token is added
 * by a small middleware here, for the one configured endpoint only.
 *
 * @see https://learn.microsoft.com/graph/throttling (honour Retry-After)
 * @see https://learn.microsoft.com/graph/sdks/customize-client
 */
import type { Client, Context, Middleware } from "@microsoft/microsoft-graph-client";
import { isLoopbackEndpoint } from "../shared/acsEndpoint";

/** Environment variable overriding the Graph base URL (tests point it at the emulator). */
export const GRAPH_ENDPOINT_ENV = "CCVOICE_GRAPH_ENDPOINT";
/** Environment variable holding a ready Graph bearer token. */
export const GRAPH_TOKEN_ENV = "CCVOICE_GRAPH_ACCESS_TOKEN";
/** Default Graph base URL. */
export const GRAPH_DEFAULT_ENDPOINT = "https://graph.microsoft.com";
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/**
 * The Graph endpoint from the environment, without trailing slash.
 *
 * @throws Error naming `CCVOICE_GRAPH_ENDPOINT` when it is not an https URL (or http to loopback)
 */
export function graphEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  const value = env[GRAPH_ENDPOINT_ENV];
  if (value === undefined || value === "") return GRAPH_DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${GRAPH_ENDPOINT_ENV} must be a URL such as https://graph.microsoft.com, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackEndpoint(value))) {
    throw new Error(
      `${GRAPH_ENDPOINT_ENV} must use https (plain http only for a local emulator on 127.0.0.1 or localhost), got ${JSON.stringify(value)}`,
    );
  }
  return `${url.protocol}//${url.host}`;
}

/** Where the Graph token comes from, for messages (never the token). */
export function graphCredentialSource(env: NodeJS.ProcessEnv = process.env): string {
  return env[GRAPH_TOKEN_ENV] ? `the token in ${GRAPH_TOKEN_ENV}` : "DefaultAzureCredential";
}

async function graphToken(): Promise<string> {
  const token = process.env[GRAPH_TOKEN_ENV];
  if (token) return token;
  // Loaded lazily: @azure/identity is large and not needed with a ready token.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
  const access = await new DefaultAzureCredential().getToken(GRAPH_SCOPE);
  if (!access) throw new Error(`DefaultAzureCredential returned no token for ${GRAPH_SCOPE}; sign in with az login or set ${GRAPH_TOKEN_ENV}`);
  return access.token;
}

/**
 * Adds `Authorization: Bearer <token>` to requests for the configured endpoint only.
 *
 * The headers stay a plain object keyed `Authorization`: the SDK's `RedirectHandler` drops the token
 * before following a redirect to another origin with `delete headers["Authorization"]`, which does
 * nothing on a `Headers` instance (the token then went to the other origin).
 */
class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly endpoint: string) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    if (url.startsWith(`${this.endpoint}/`)) {
      const headers: Record<string, string> = {};
      new Headers((context.options?.headers as ConstructorParameters<typeof Headers>[0]) ?? {}).forEach((value, name) => {
        if (name !== "authorization") headers[name] = value;
      });
      headers.Authorization = `Bearer ${await graphToken()}`;
      context.options = { ...(context.options ?? {}), headers };
    }
    if (!this.next) throw new Error("graph middleware chain has no next handler");
    await this.next.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

function maxRetries(): number {
  const text = process.env.CCVOICE_GRAPH_MAX_RETRIES;
  if (text === undefined || text === "") return 5;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 10) {
    throw new Error(`CCVOICE_GRAPH_MAX_RETRIES must be a whole number between 0 and 10, got ${JSON.stringify(text)}; unset it to use 5`);
  }
  return n;
}

/**
 * A Graph client for the endpoint and credential of the environment. Call it inside each provider method.
 *
 * @returns the client (default version `v1.0`) and the endpoint it calls
 * @throws Error from {@link graphEndpoint} or for a bad `CCVOICE_GRAPH_MAX_RETRIES`
 */
export function createGraphClient(): { client: Client; endpoint: string } {
  // Required here, not imported at the top: the serialized dynamic provider must reference the package
  // by name (require at run time), never capture it by value.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@microsoft/microsoft-graph-client") as typeof import("@microsoft/microsoft-graph-client");
  const { HTTPMessageHandler, RedirectHandler, RetryHandler, RetryHandlerOptions } = sdk;
  const endpoint = graphEndpoint();
  const middleware: Middleware[] = [
    new BearerTokenMiddleware(endpoint),
    new RetryHandler(new RetryHandlerOptions(3, maxRetries())),
    new RedirectHandler(),
    new HTTPMessageHandler(),
  ];
  const client = sdk.Client.initWithMiddleware({ middleware, baseUrl: `${endpoint}/`, defaultVersion: "v1.0" });
  return { client, endpoint };
}
