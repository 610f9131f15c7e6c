/**
 * Verifies the HMAC-SHA256 access-key signature the ACS SDKs put on every request
 * (`@azure/communication-common` access-key policy): `Authorization: HMAC-SHA256
 * SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>` over
 * `VERB\n<path>?<query>\n<x-ms-date>;<host>;<x-ms-content-sha256>` with the base64-decoded key.
 *
 * @see azure-voice-api-facts.md §1.7
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Checks one request.
 *
 * @returns `undefined` when valid, else why not (for the 401 body)
 */
export function hmacProblem(request: IncomingMessage, body: string, accessKey: string, nowMs = Date.now()): string | undefined {
  const auth = request.headers.authorization ?? "";
  const match = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(auth);
  if (!match?.[1]) return "missing or malformed HMAC-SHA256 Authorization header";
  const date = String(request.headers["x-ms-date"] ?? "");
  const when = Date.parse(date);
  if (!Number.isFinite(when) || Math.abs(nowMs - when) > 15 * 60_000) return `x-ms-date ${JSON.stringify(date)} is missing or more than 15 minutes off`;
  const contentHash = createHash("sha256").update(body).digest("base64");
  if (request.headers["x-ms-content-sha256"] !== contentHash) return "x-ms-content-sha256 does not match the body";
  const url = new URL(request.url ?? "/", "http://emulator");
  const query = url.searchParams.toString();
  const pathAndQuery = query ? `${url.pathname}?${query}` : url.pathname;
  const host = String(request.headers.host ?? "");
  const key = Buffer.from(accessKey, "base64");
  const candidates = [host, `${host}:${host.split(":")[1] ?? ""}`];
  for (const h of candidates) {
    const expected = createHmac("sha256", key).update(`${request.method}\n${pathAndQuery}\n${date};${h};${contentHash}`).digest();
    const given = Buffer.from(match[1], "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  }
  return "HMAC signature does not match (wrong access key or tampered request)";
}
