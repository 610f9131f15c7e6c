/**
 * ACS endpoint checks shared by the data-plane providers. Pure: no Pulumi or Azure imports.
 */

/** The value Pulumi puts in a dynamic provider's inputs for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Host names that count as the local machine; only these may be reached over plain http.
 * An array, not a Set: Pulumi's function serialization does not carry a Set's contents.
 */
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Whether an endpoint is a loopback address (a local emulator), the only case where the providers
 * set the SDK's `allowInsecureConnection`.
 *
 * @param endpoint e.g. `http://127.0.0.1:7443`
 * @returns true for `http(s)://127.0.0.1`, `localhost` or `[::1]` on any port
 */
export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return LOOPBACK_HOSTS.includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/**
 * Normalises an ACS endpoint to `scheme://host[:port]` in lower case, without a trailing slash.
 *
 * @param endpoint e.g. `https://Contoso.communication.azure.com/`
 * @returns the normalised endpoint, or the input unchanged when it is not a URL (see {@link endpointProblem})
 */
export function normalizeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}`.toLowerCase();
  } catch {
    return endpoint;
  }
}

/**
 * What is wrong with an ACS endpoint, or undefined when it is usable: https, or http to a loopback
 * host only, and no path, query or credentials.
 *
 * @param endpoint the endpoint as given
 * @param settingPath the setting the message names, e.g. `endpoint`
 */
export function endpointProblem(endpoint: unknown, settingPath: string): string | undefined {
  const example = "such as https://contoso-cc.unitedstates.communication.azure.com";
  if (typeof endpoint !== "string" || endpoint.length === 0) {
    return `${settingPath} must be the ACS endpoint ${example}, got ${JSON.stringify(endpoint)}`;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `${settingPath} must be the ACS endpoint ${example}, got ${JSON.stringify(endpoint)}`;
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    return `${settingPath} must be the bare ACS endpoint with no path, query or user ${example}, got ${JSON.stringify(endpoint)}`;
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopbackEndpoint(endpoint)) return undefined;
  return `${settingPath} must use https (plain http is allowed only for a local emulator on 127.0.0.1 or localhost), got ${JSON.stringify(endpoint)}`;
}
