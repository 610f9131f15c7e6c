/**
 * HMAC-SHA256 verification of ACS data-plane requests, as the service does it
 * (azure-voice-api-facts §1.7; `@azure/communication-common` communicationAccessKeyCredentialPolicy).
 *
 * string-to-sign = VERB "\n" pathAndQuery "\n" x-ms-date ";" host ";" x-ms-content-sha256
 * signature      = base64(HMAC-SHA256(base64decode(accessKey), string-to-sign))
 * header         = `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<sig>`
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const AUTH = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/;

/** The request parts the signature covers. */
export interface SignedRequest {
  method: string;
  /** Raw request target, e.g. `/sip?api-version=2023-03-01`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Signs a string the way the SDK does (used by tests to forge or check signatures). */
export function sign(accessKey: string, stringToSign: string): string {
  return createHmac("sha256", Buffer.from(accessKey, "base64")).update(stringToSign, "utf8").digest("base64");
}

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Why the request's signature does not verify, or undefined when it does.
 *
 * The host is checked as received in the `Host` header and, because some SDK versions sign
 * `host:port:port` on non-default ports (facts §1.7 pitfall), also in that form.
 *
 * @param req the received request
 * @param accessKey the resource's base64 access key
 * @param port the port the emulator listens on
 * @param maxSkewMs how far `x-ms-date` may be from now. @default 15 minutes
 */
export function hmacProblem(req: SignedRequest, accessKey: string, port: number, maxSkewMs = 15 * 60_000): string | undefined {
  const auth = header(req, "authorization");
  if (!auth) return "missing Authorization header";
  const match = AUTH.exec(auth);
  if (!match?.[1]) return "Authorization is not an HMAC-SHA256 header with SignedHeaders=x-ms-date;host;x-ms-content-sha256";
  const date = header(req, "x-ms-date");
  if (!date || Number.isNaN(Date.parse(date))) return "missing or unreadable x-ms-date header";
  if (Math.abs(Date.now() - Date.parse(date)) > maxSkewMs) return `x-ms-date ${date} is more than ${maxSkewMs / 60_000} minutes from the service clock`;
  const hash = createHash("sha256").update(req.body, "utf8").digest("base64");
  if (header(req, "x-ms-content-sha256") !== hash) return "x-ms-content-sha256 does not match the body";
  const target = new URL(req.url, "http://emulator.invalid");
  const query = target.searchParams.toString();
  const pathAndQuery = query ? `${target.pathname}?${query}` : target.pathname;
  const host = header(req, "host") ?? "";
  const candidates = [host, `${host}:${port}`];
  const given = Buffer.from(match[1], "base64");
  for (const h of candidates) {
    const expected = Buffer.from(sign(accessKey, `${req.method.toUpperCase()}\n${pathAndQuery}\n${date};${h};${hash}`), "base64");
    if (expected.length === given.length && timingSafeEqual(expected, given)) return undefined;
  }
  return "the HMAC signature does not match (check the access key)";
}
