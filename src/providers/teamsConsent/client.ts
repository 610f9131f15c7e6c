/**
 * Requests to the ACS Teams-extension consent endpoint, built at call time.
 *
 * No higher-level SDK covers `/access/teamsExtension/...` (neither `@azure/communication-identity`,
 * `-phone-numbers` nor `-call-automation` has a client for it; checked in the installed packages), so
 * the requests go through an `@azure/core-rest-pipeline` pipeline with the standard retry policies
 * (429 with `Retry-After`, 5xx, network errors) and the ACS authentication policy of
 * `@azure/communication-common` (`createCommunicationAuthPolicy`: HMAC-SHA256 with an access key, or
 * a bearer token for a `TokenCredential`) rather than hand-signed requests.
 *
 * Credential: `CCVOICE_ACS_ACCESS_KEY` (HMAC) or `DefaultAzureCredential` (managed identity, Azure CLI),
 * via `acsCredential()`; retry settings from `CCVOICE_ACS_MAX_RETRIES` etc. (`acsClientSettings`).
 * Plain http is allowed only for a loopback endpoint (the emulator).
 */
import type { PipelineResponse } from "@azure/core-rest-pipeline";
import { acsClientSettings, acsCredential } from "../shared/acsClientSettings";
import { describeAcsError } from "../shared/acsError";
import { retryAfterCapPolicy } from "../shared/retryAfterCap";
import { consentUrl, type ConsentInputs } from "./logic";

/**
 * Sends one request to the consent endpoint.
 *
 * @param method `GET`, `PUT` or `DELETE`
 * @param inputs which consent
 * @param body JSON body for `PUT`
 * @returns the response (any status: the caller decides what is an error)
 * @throws Error (from `describeAcsError`) on transport failures after the retries
 */
export async function sendConsentRequest(
  method: "GET" | "PUT" | "DELETE",
  inputs: ConsentInputs,
  body?: unknown,
): Promise<PipelineResponse> {
  // Required here, not imported at the top: the serialized dynamic provider must reference these
  // packages by name (require at run time), never capture them by value.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createDefaultHttpClient, createPipelineFromOptions, createPipelineRequest } = require("@azure/core-rest-pipeline") as typeof import("@azure/core-rest-pipeline");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createCommunicationAuthPolicy } = require("@azure/communication-common") as typeof import("@azure/communication-common");
  const settings = acsClientSettings(inputs.acsEndpoint);
  const pipeline = createPipelineFromOptions({ retryOptions: settings.retryOptions });
  pipeline.addPolicy(createCommunicationAuthPolicy(acsCredential()));
  pipeline.addPolicy(retryAfterCapPolicy(settings.retryOptions.maxRetryDelayInMs), { afterPhase: "Retry" });
  const request = createPipelineRequest({
    url: consentUrl(inputs),
    method,
    allowInsecureConnection: settings.allowInsecureConnection,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  request.headers.set("Accept", "application/json");
  if (body !== undefined) request.headers.set("Content-Type", "application/json");
  try {
    return await pipeline.sendRequest(createDefaultHttpClient(), request);
  } catch (err) {
    throw describeAcsError(err, `${method} of the Teams-extension consent for resource account ${inputs.resourceAccountObjectId}`, inputs.acsEndpoint);
  }
}

/**
 * Turns a non-success response into the shared ACS error message.
 *
 * @param response what the endpoint answered
 * @param action what was being done
 * @param endpoint the ACS endpoint
 */
export function consentResponseError(response: PipelineResponse, action: string, endpoint: string): Error {
  return describeAcsError(
    { statusCode: response.status, message: `HTTP ${response.status}`, response: { status: response.status, bodyAsText: response.bodyAsText ?? null, headers: response.headers } },
    action,
    endpoint,
  );
}
