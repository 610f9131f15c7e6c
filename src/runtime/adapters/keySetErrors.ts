/**
 * Telling a token's fault from the verifier's. Kept free of imports so the handlers can classify errors
 * without loading `jose` at start-up.
 */

/**
 * `jose` error codes that mean the key set could not be obtained, not that the token is bad:
 * `ERR_JOSE_GENERIC` is what `jose` 5 throws when the JWKS endpoint answers other than 200 or with a body
 * that is not JSON; `ERR_JWKS_TIMEOUT` when it does not answer in time; `ERR_JWKS_INVALID` when the
 * document is not a key set.
 */
const KEY_SET_FAULTS = new Set(["ERR_JOSE_GENERIC", "ERR_JWKS_TIMEOUT", "ERR_JWKS_INVALID"]);

/**
 * Whether a verification error is the key set's (endpoint down, slow or answering garbage, or a transport
 * error) rather than the token's (signature, claims, algorithm, unknown key id: `jose` codes `ERR_J...`).
 * The caller should answer 503 (retry), never 401.
 */
export function isKeySetUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code !== "string" || !code.startsWith("ERR_J") || KEY_SET_FAULTS.has(code);
}
