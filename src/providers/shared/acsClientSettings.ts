/**
 * Credentials and pipeline settings for the ACS data-plane clients, read from the environment **at
 * call time** by every provider method. Nothing here is captured by a serialized provider: the
 * functions read `process.env` when they run, in the dynamic-provider process.
 */
import type { KeyCredential, TokenCredential } from "@azure/core-auth";
import { isLoopbackEndpoint } from "./acsEndpoint";

/** Environment variable holding the ACS access key (base64) for the endpoint being managed. */
export const ACCESS_KEY_ENV = "CCVOICE_ACS_ACCESS_KEY";

/**
 * The credential for the ACS data plane: an HMAC-SHA256 access key from `CCVOICE_ACS_ACCESS_KEY`
 * when set, otherwise `DefaultAzureCredential` (managed identity, workload identity, Azure CLI, ...).
 * Never an input, never stored in state: call it inside each provider method.
 *
 * @returns a `KeyCredential` or a `TokenCredential` accepted by every ACS SDK client
 * @see https://learn.microsoft.com/rest/api/communication/authentication
 */
export function acsCredential(): KeyCredential | TokenCredential {
  const key = process.env[ACCESS_KEY_ENV];
  if (key !== undefined && key.length > 0) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AzureKeyCredential } = require("@azure/core-auth") as typeof import("@azure/core-auth");
    return new AzureKeyCredential(key);
  }
  // Loaded lazily: @azure/identity is large and only needed without an access key.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
  return new DefaultAzureCredential();
}

/** Names the credential in use, for error messages (never its value). */
export function credentialSource(): string {
  const key = process.env[ACCESS_KEY_ENV];
  return key !== undefined && key.length > 0 ? `the access key in ${ACCESS_KEY_ENV}` : "DefaultAzureCredential";
}

/** Retry and polling settings of the ACS clients. */
export interface AcsClientSettings {
  /**
   * Passed as the SDK client's `retryOptions` (429 honours `Retry-After`; 408/5xx and network errors back
   * off); `maxRetryDelayInMs` is also the longest `Retry-After` waited for (see `retryAfterCap.ts`).
   */
  retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number };
  /** Interval between long-running-operation polls, the SDK's `updateIntervalInMs`. */
  pollIntervalMs: number;
  /** Longest wait for one long-running operation (search, purchase, release, capabilities) to finish. */
  lroTimeoutMs: number;
  /** The SDK's `allowInsecureConnection`: true only for loopback endpoints (a local emulator). */
  allowInsecureConnection: boolean;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got ${JSON.stringify(text)}; unset it to use ${fallback}`);
  }
  return value;
}

/**
 * Client settings for one endpoint, from the environment at call time.
 *
 * - `CCVOICE_ACS_MAX_RETRIES` @default 6 — retries per request on 429/5xx/network errors
 * - `CCVOICE_ACS_RETRY_DELAY_MS` @default 800 — first exponential back-off delay (the SDK default)
 * - `CCVOICE_ACS_MAX_RETRY_DELAY_MS` @default 60000 — back-off ceiling, and the longest `Retry-After`
 *   waited for: a longer one fails the request at once
 * - `CCVOICE_ACS_POLL_INTERVAL_MS` @default 2000 — long-running-operation poll interval (the SDK default)
 * - `CCVOICE_ACS_LRO_TIMEOUT_MS` @default 1800000 (30 min) — longest wait for one long-running
 *   operation; the SDK's pollers have no limit of their own
 *
 * @param endpoint the ACS endpoint; `allowInsecureConnection` is set only when it is loopback
 * @throws Error naming the variable when a value is not a whole number in range
 */
export function acsClientSettings(endpoint: string): AcsClientSettings {
  return {
    retryOptions: {
      maxRetries: intFromEnv("CCVOICE_ACS_MAX_RETRIES", 6, 0, 20),
      retryDelayInMs: intFromEnv("CCVOICE_ACS_RETRY_DELAY_MS", 800, 0, 60_000),
      maxRetryDelayInMs: intFromEnv("CCVOICE_ACS_MAX_RETRY_DELAY_MS", 60_000, 0, 600_000),
    },
    pollIntervalMs: intFromEnv("CCVOICE_ACS_POLL_INTERVAL_MS", 2000, 1, 60_000),
    lroTimeoutMs: intFromEnv("CCVOICE_ACS_LRO_TIMEOUT_MS", 1_800_000, 1, 86_400_000),
    allowInsecureConnection: isLoopbackEndpoint(endpoint),
  };
}
