/**
 * HTTP helpers shared by the HTTP-triggered functions.
 */
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { isKeySetUnavailable } from "../adapters/keySetErrors";
import { UserError } from "../core/errors";
import { StateUnavailableError } from "../core/ports";

/** A JSON response. */
export function json(status: number, body: unknown): HttpResponseInit {
  return { status, jsonBody: body, headers: { "content-type": "application/json" } };
}

/** A problem response: `{ error: "<message>" }`. */
export function problem(status: number, message: string): HttpResponseInit {
  return json(status, { error: message });
}

/**
 * Reads a JSON body.
 *
 * @throws UserError 400 when the body is not JSON
 */
export async function readJson(request: HttpRequest): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserError(`the request body must be JSON, got ${JSON.stringify(text.slice(0, 40))}`, 400);
  }
}

/**
 * Maps an error to a response: user errors keep their status and message; the state store being unavailable
 * is 503 (a system fault the client should retry); anything else is 500.
 */
export function errorResponse(err: unknown): HttpResponseInit {
  if (err instanceof UserError) return problem(err.status, err.message);
  if (err instanceof StateUnavailableError) return problem(503, "the state store is unavailable right now; retry");
  return problem(500, "internal error; see the function's logs");
}

/**
 * Whether a token verification failure is the verifier's problem (key set unreachable, timing out, answering
 * an error status or garbage) rather than the token's: answer 503 so the sender retries, not 401.
 */
export function isTransientVerificationError(err: unknown): boolean {
  return isKeySetUnavailable(err);
}

/**
 * The token of an `Authorization: Bearer <token>` header.
 *
 * @returns the token, or `undefined` when the header is absent or not a bearer header
 */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
