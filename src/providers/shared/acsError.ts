/**
 * Turns transport and service errors of the ACS data plane into messages that say what was being
 * done, on which endpoint, what the service answered, and what to do. Pure: no Azure imports.
 */
import { credentialSource } from "./acsClientSettings";

/** The parts of an Azure SDK `RestError` (or a thrown `{code, message}`) this module reads. */
interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { status?: number; bodyAsText?: string | null; headers?: { get(name: string): string | undefined } };
}

/** Status, service error code and message of an SDK error, as far as they can be read. */
export interface AcsErrorInfo {
  status?: number;
  code?: string;
  message: string;
}

/**
 * Reads the HTTP status, the service error code (`x-ms-error-code` or `error.code` in the body) and
 * the message of an error thrown by an ACS SDK client.
 *
 * @param error anything thrown
 */
export function acsErrorInfo(error: unknown): AcsErrorInfo {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorLike;
  const status = e.statusCode ?? e.response?.status;
  let code = e.response?.headers?.get("x-ms-error-code") ?? e.code;
  let message = e.message ?? String(error);
  const body = e.response?.bodyAsText;
  if (body) {
    try {
      const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
    } catch {
      // not JSON: keep the SDK's message
    }
  }
  return { status, code, message };
}

/**
 * An Error whose message names the action, the endpoint, the service's answer and the fix.
 * 401 explains the signature/credential; 403 the missing role; 429 the quota.
 *
 * @param error what the SDK threw
 * @param action e.g. `reading the SIP configuration`
 * @param endpoint the ACS endpoint
 */
export function describeAcsError(error: unknown, action: string, endpoint: string): Error {
  const { status, code, message } = acsErrorInfo(error);
  const answer = status === undefined ? `failed: ${message}` : `failed with HTTP ${status}${code ? ` ${code}` : ""}: ${message}`;
  let fix = "";
  if (status === 401) {
    fix = `; the service did not accept the request signature or token from ${credentialSource()}: set CCVOICE_ACS_ACCESS_KEY to a current access key of this ACS resource (az communication list-key), or unset it to sign in with DefaultAzureCredential`;
  } else if (status === 403) {
    fix = `; the identity used by ${credentialSource()} lacks a data-plane role on this ACS resource (Contributor or Communication and Email Service Owner)`;
  } else if (status === 429) {
    fix = "; the ACS quota was exceeded (phone numbers: about 5 searches a week and one purchase at a time per tenant); wait and run again";
  }
  const result = new Error(`${action} on ${endpoint} ${answer}${fix}`);
  (result as Error & { status?: number; code?: string }).status = status;
  (result as Error & { status?: number; code?: string }).code = code;
  return result;
}
