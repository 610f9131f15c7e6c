/**
 * Bearer-token verification with `jose`: RS256 only, issuer, audience and expiry checked, keys from a JWKS
 * URL fetched once and cached (`createRemoteJWKSet`, refetched on an unknown key id with a cool-down); when a
 * refresh fails the cached keys stay in use, so a key-set outage does not turn every callback away.
 *
 * Used for Call Automation callbacks (JWKS `https://acscallautomation.communication.azure.com/calling/keys`,
 * issuer `https://acscallautomation.communication.azure.com`, audience = the ACS immutable resource id, one
 * token per event with a 5-minute lifetime) and for the agent endpoints (Entra tokens).
 *
 * The official JS sample calls `jsonwebtoken.verify` with a key callback and no completion callback, which
 * can never succeed, and builds a new JWKS client per request; this verifier is asynchronous and shares one
 * cached key set per process.
 *
 * @see limits-and-reliability.md §6 S1, S2
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwksCache,
  jwtVerify,
  type JSONWebKeySet,
  type JWKSCacheInput,
  type JWTVerifyGetKey,
} from "jose";
import type { TokenVerifier } from "./interfaces";
import { isKeySetUnavailable } from "./keySetErrors";

/** What a token must satisfy. */
export interface JwtVerifierOptions {
  readonly jwksUrl: string;
  readonly issuer: string;
  /** Accepted audiences (any one). */
  readonly audience: readonly string[];
  /** Allowed clock skew, seconds. @default 60 */
  readonly clockToleranceSeconds?: number;
  /** Current time, for tests. @default the wall clock */
  readonly now?: () => Date;
  /** How long fetched keys are used before a refresh, ms. @default 600000 (10 minutes) */
  readonly cacheMaxAgeMs?: number;
  /**
   * Least time between two fetches of the key set for unknown key ids, and between two refresh attempts while
   * the endpoint fails (the cached keys are used meanwhile), ms. @default 30000
   */
  readonly cooldownMs?: number;
}

/** A verifier with a cached key set. */
export class JwtVerifier implements TokenVerifier {
  private readonly remote: JWTVerifyGetKey;
  /** Filled by `jose` with the last key set fetched successfully. */
  private readonly cache: { jwks?: JSONWebKeySet; uat?: number } = {};
  private failedAt: number | undefined;
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwtVerifierOptions) {
    const cooldownMs = options.cooldownMs ?? 30_000;
    this.remote = createRemoteJWKSet(new URL(options.jwksUrl), {
      cooldownDuration: cooldownMs,
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
      timeoutDuration: 5_000,
      [jwksCache]: this.cache as JWKSCacheInput,
    });
    // When the key set cannot be refreshed, the keys fetched last still verify tokens (Call Automation keeps
    // signing with them); the endpoint is tried again after the cool-down, not on every request.
    this.keys = async (header, token) => {
      const stale = this.cache.jwks;
      if (stale && this.failedAt !== undefined && Date.now() - this.failedAt < cooldownMs) {
        return this.fromStale(stale, header, token, undefined);
      }
      try {
        const key = await this.remote(header, token);
        this.failedAt = undefined;
        return key;
      } catch (err) {
        if (!isKeySetUnavailable(err)) throw err;
        this.failedAt = Date.now();
        if (!stale) throw err;
        return this.fromStale(stale, header, token, err);
      }
    };
  }

  /** A key from the last good key set; a key id it lacks is the outage's fault (`cause`), not the token's. */
  private async fromStale(
    stale: JSONWebKeySet,
    header: Parameters<JWTVerifyGetKey>[0],
    token: Parameters<JWTVerifyGetKey>[1],
    cause: unknown,
  ): Promise<Awaited<ReturnType<JWTVerifyGetKey>>> {
    try {
      return await createLocalJWKSet(stale)(header, token);
    } catch (err) {
      if ((err as { code?: unknown }).code === "ERR_JWKS_NO_MATCHING_KEY") {
        throw cause ?? Object.assign(new Error("the key set is unreachable and the cached keys lack this key id"), { code: "KEY_SET_UNAVAILABLE" });
      }
      throw err;
    }
  }

  /**
   * @throws Error from jose (`JWTExpired`, `JWSSignatureVerificationFailed`, `JWTClaimValidationFailed`, ...);
   *   an error for which `isKeySetUnavailable` is true when the key set cannot be obtained
   */
  async verify(token: string): Promise<Record<string, unknown>> {
    const { payload } = await jwtVerify(token, this.keys, {
      algorithms: ["RS256"],
      issuer: this.options.issuer,
      audience: [...this.options.audience],
      requiredClaims: ["exp"],
      clockTolerance: this.options.clockToleranceSeconds ?? 60,
      currentDate: this.options.now?.(),
    });
    return payload as Record<string, unknown>;
  }
}
