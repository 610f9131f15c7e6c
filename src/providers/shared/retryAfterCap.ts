/**
 * A pipeline policy that stops the ACS clients from waiting longer than the back-off ceiling when the
 * service answers 429 or 503 with a `Retry-After`.
 *
 * Why: the Azure SDK's retry policy honours `Retry-After` without a ceiling, so a throttled search
 * answered with a wait of hours or days (the tenant has about 5 searches a week) would stall
 * `pulumi up` silently, `maxRetries` times over. Waits up to the ceiling are still left to the SDK.
 *
 * The policy runs inside each retry (after the retry policy, next to the transport) and, for a wait
 * above the ceiling, throws an error that is not a `RestError`, which the retry policy passes on
 * without retrying. The error carries `statusCode` and `code`, so `describeAcsError` names the action,
 * the endpoint and the status.
 */
import type { PipelinePolicy, PipelineResponse } from "@azure/core-rest-pipeline";

/** Name of the policy in the pipeline. */
export const RETRY_AFTER_CAP_POLICY = "ccvoiceRetryAfterCap";

/**
 * The wait a 429 or 503 answer asks for, in ms, read as the SDK reads it: `retry-after-ms`,
 * `x-ms-retry-after-ms`, then `Retry-After` in seconds or as an HTTP date.
 *
 * @returns the wait, or undefined for other statuses or without a readable header
 */
export function retryAfterMs(response: Pick<PipelineResponse, "status" | "headers">): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  for (const [name, factor] of [["retry-after-ms", 1], ["x-ms-retry-after-ms", 1], ["retry-after", 1000]] as const) {
    const text = response.headers.get(name);
    if (text === undefined || text === "") continue;
    const value = Number(text);
    if (Number.isFinite(value)) return value * factor;
    if (name === "retry-after") {
      const date = Date.parse(text);
      if (Number.isFinite(date)) return Math.max(0, date - Date.now());
    }
  }
  return undefined;
}

/**
 * The policy, for a ceiling of `maxWaitMs` (the client's `maxRetryDelayInMs`, from
 * `CCVOICE_ACS_MAX_RETRY_DELAY_MS`).
 *
 * @throws (from `sendRequest`) Error with `statusCode` and `code` when the wait asked for is above the ceiling
 */
export function retryAfterCapPolicy(maxWaitMs: number): PipelinePolicy {
  return {
    name: RETRY_AFTER_CAP_POLICY,
    async sendRequest(request, next) {
      const response = await next(request);
      const wait = retryAfterMs(response);
      if (wait === undefined || wait <= maxWaitMs) return response;
      let code = response.headers.get("x-ms-error-code");
      try {
        code = (JSON.parse(response.bodyAsText ?? "") as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // not JSON: the header's code, if any
      }
      const error = new Error(
        `the service asked to wait ${Math.ceil(wait / 1000)} s before retrying (Retry-After), more than CCVOICE_ACS_MAX_RETRY_DELAY_MS allows (${maxWaitMs} ms)`,
      );
      Object.assign(error, { statusCode: response.status, code });
      throw error;
    },
  };
}
