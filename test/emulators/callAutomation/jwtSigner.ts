/**
 * An RSA key pair that signs JWTs and publishes its JWKS, as Call Automation does for callbacks (and as
 * Entra does for the agent endpoints' tokens in tests and `ccvoice dev`).
 */
import { randomUUID } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike } from "jose";

/** A signing key with its public JWKS. */
export class JwtSigner {
  private constructor(
    private readonly privateKey: KeyLike,
    readonly publicJwk: JWK,
    readonly kid: string,
  ) {}

  /** Creates a fresh RS256 key. */
  static async create(): Promise<JwtSigner> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
    return new JwtSigner(privateKey, jwk, kid);
  }

  /** The JWKS document (`{ keys: [...] }`). */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /**
   * Signs a token.
   *
   * @param options.expiresInSeconds lifetime @default 300 (Call Automation: a new 5-minute token per event)
   * @param options.now issue time, epoch seconds @default now
   */
  async sign(
    claims: JWTPayload,
    options: { issuer: string; audience: string; expiresInSeconds?: number; now?: number; kid?: string },
  ): Promise<string> {
    const now = options.now ?? Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: options.kid ?? this.kid, typ: "JWT" })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + (options.expiresInSeconds ?? 300))
      .sign(this.privateKey);
  }
}
