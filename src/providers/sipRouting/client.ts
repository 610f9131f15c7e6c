/**
 * Client factory for `/sip`: `GET` and merge-patch `PATCH` of the whole SIP configuration, on the
 * Azure SDK's own pipeline (the retry policy that honours `Retry-After`, and the ACS authentication
 * policy of `@azure/communication-common`: HMAC-SHA256 access key or Entra ID token).
 *
 * Why not `SipRoutingClient` from `@azure/communication-phone-numbers` 1.5.0: its models carry only
 * `sipSignalingPort` on trunks and no `domains` or route `callerIdOverride`, so it would drop them
 * silently; and its methods write one trunk per PATCH (`setTrunk`) or replace all trunks
 * (`setTrunks`), while this resource writes every change of an update in one PATCH. The wire paths,
 * verbs, content type and error shape are the ones that SDK's generated operation specs use
 * (`GET /sip`, `PATCH /sip` with `application/merge-patch+json`, `CommunicationErrorResponse`).
 *
 * @see https://learn.microsoft.com/rest/api/communication/siprouting/sip-routing
 */
import type { PipelineResponse } from "@azure/core-rest-pipeline";
import { acsClientSettings, acsCredential } from "../shared/acsClientSettings";
import { retryAfterCapPolicy } from "../shared/retryAfterCap";
import type { WireSipConfiguration, WireSipPatch } from "./plan";

/** Reads and patches the SIP configuration of one ACS resource. */
export interface SipConfigurationClient {
  readonly endpoint: string;
  readonly apiVersion: string;
  /** `GET /sip`. @throws RestError with `statusCode` and `code` on a non-200 answer */
  get(): Promise<WireSipConfiguration>;
  /** `PATCH /sip` with a merge-patch body; returns the full updated configuration. */
  patch(body: WireSipPatch): Promise<WireSipConfiguration>;
}

/**
 * Builds a client for `endpoint`, reading the credential and retry settings from the environment now
 * (see `acsClientSettings`). Call it inside each provider method, never at module load.
 *
 * @param endpoint `https://<name>.<geo>.communication.azure.com` (or a loopback emulator)
 * @param apiVersion `2023-03-01` or a preview version
 */
export function createSipConfigurationClient(endpoint: string, apiVersion: string): SipConfigurationClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const corePipeline = require("@azure/core-rest-pipeline") as typeof import("@azure/core-rest-pipeline");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const common = require("@azure/communication-common") as typeof import("@azure/communication-common");
  const settings = acsClientSettings(endpoint);
  const pipeline = corePipeline.createPipelineFromOptions({
    retryOptions: settings.retryOptions,
    userAgentOptions: { userAgentPrefix: "ccvoice-sip" },
  });
  pipeline.addPolicy(common.createCommunicationAuthPolicy(acsCredential()));
  pipeline.addPolicy(retryAfterCapPolicy(settings.retryOptions.maxRetryDelayInMs), { afterPhase: "Retry" });
  const httpClient = corePipeline.createDefaultHttpClient();
  const url = `${endpoint.replace(/\/+$/, "")}/sip?api-version=${encodeURIComponent(apiVersion)}`;

  const send = async (method: "GET" | "PATCH", body?: WireSipPatch): Promise<WireSipConfiguration> => {
    const request = corePipeline.createPipelineRequest({
      url,
      method,
      allowInsecureConnection: settings.allowInsecureConnection,
      headers: corePipeline.createHttpHeaders({
        accept: "application/json",
        ...(body ? { "content-type": "application/merge-patch+json" } : {}),
      }),
      body: body ? JSON.stringify(body) : undefined,
    });
    const response: PipelineResponse = await pipeline.sendRequest(httpClient, request);
    if (response.status !== 200) {
      let code = response.headers.get("x-ms-error-code");
      let message = `${method} /sip answered ${response.status}`;
      try {
        const parsed = JSON.parse(response.bodyAsText ?? "") as { error?: { code?: string; message?: string } };
        code = parsed.error?.code ?? code;
        message = parsed.error?.message ?? message;
      } catch {
        // keep the status text
      }
      throw new corePipeline.RestError(message, { code, statusCode: response.status, request, response });
    }
    return JSON.parse(response.bodyAsText ?? "{}") as WireSipConfiguration;
  };

  return { endpoint, apiVersion, get: () => send("GET"), patch: (body) => send("PATCH", body) };
}
