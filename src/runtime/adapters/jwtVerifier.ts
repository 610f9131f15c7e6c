/**
 * Bearer-token verification with `jose`: RS256 only, issuer, audience and expiry checked, keys from a JWKS
 * URL fetched once and cached (`createRemoteJWKSet`, refetched on an unknown key id with a cool-down).
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
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { TokenVerifier } from "./interfaces";

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
}

/** A verifier with a cached key set. */
export class JwtVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwtVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 });
  }

  /**
   * @throws Error from jose (`JWTExpired`, `JWSSignatureVerificationFailed`, `JWTClaimValidationFailed`, ...)
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

