/**
 * Client factory for the ACS phone numbers data plane: the SDK's `PhoneNumbersClient`
 * (`@azure/communication-phone-numbers`), built at call time with the credential and retry settings
 * of `acsClientSettings`, plus the poller options its long-running operations take.
 *
 * `updateIntervalInMs` is passed through to the SDK's pollers (the generated operations read it for
 * search, purchase, release and capabilities although the public option types only declare it for
 * reservation purchase).
 */
import type { BeginReleasePhoneNumberOptions, PhoneNumbersClient } from "@azure/communication-phone-numbers";
import { acsClientSettings, acsCredential } from "../shared/acsClientSettings";
import { retryAfterCapPolicy } from "../shared/retryAfterCap";

/** A phone numbers client and the options for its pollers. */
export interface PhoneNumbersContext {
  endpoint: string;
  client: PhoneNumbersClient;
  /** Options for `begin*` methods: `{ updateIntervalInMs }` (every begin option type extends the same `OperationOptions`). */
  poll: BeginReleasePhoneNumberOptions & { updateIntervalInMs: number };
  /** The poll interval, also used between look-ups after an unclear purchase. */
  pollIntervalMs: number;
  /** Longest wait for one long-running operation (`CCVOICE_ACS_LRO_TIMEOUT_MS`). */
  lroTimeoutMs: number;
}

/**
 * Builds a `PhoneNumbersClient` for `endpoint`, reading the credential and settings now. Call it
 * inside each provider method, never at module load.
 *
 * @param endpoint `https://<name>.<geo>.communication.azure.com` (or a loopback emulator)
 */
export function createPhoneNumbersContext(endpoint: string): PhoneNumbersContext {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("@azure/communication-phone-numbers") as typeof import("@azure/communication-phone-numbers");
  const settings = acsClientSettings(endpoint);
  const credential = acsCredential();
  const client = new sdk.PhoneNumbersClient(endpoint, credential as never, {
    allowInsecureConnection: settings.allowInsecureConnection,
    retryOptions: settings.retryOptions,
    userAgentOptions: { userAgentPrefix: "ccvoice-numbers" },
    additionalPolicies: [{ policy: retryAfterCapPolicy(settings.retryOptions.maxRetryDelayInMs), position: "perRetry" }],
  });
  return { endpoint, client, poll: { updateIntervalInMs: settings.pollIntervalMs }, pollIntervalMs: settings.pollIntervalMs, lroTimeoutMs: settings.lroTimeoutMs };
}
