/**
 * Fault injection for the ACS emulator: throttling (429 + Retry-After), unavailability (503 +
 * Retry-After), added latency, and responses lost after the request was processed.
 */

/** A request whose response is dropped (socket destroyed) after the emulator applied it. */
export interface LostResponseRule {
  method: string;
  /** Matched against the path without query, e.g. `/availablePhoneNumbers/:purchase`. */
  path: RegExp;
  /** How many matching responses to lose. @default 1 */
  times?: number;
}

/** Fault settings; may be changed while the emulator runs (`emulator.faults = {...}`). */
export interface FaultOptions {
  /** Share of requests answered with a fault status before being processed, 0-1. @default 0 */
  rate?: number;
  /** Statuses to draw from. @default [429, 503] */
  statuses?: Array<429 | 503>;
  /** Retry-After sent with faults, in ms (`retry-after-ms`, and `Retry-After` in whole seconds). @default 10 */
  retryAfterMs?: number;
  /** Only requests whose path matches are faulted. @default all */
  only?: RegExp;
  /** Latency added to every request, ms. @default 0 */
  latencyMs?: number;
  /** Responses to lose after processing. */
  lose?: LostResponseRule[];
  /** Seed of the pseudo-random draw, for repeatable runs. @default 1 */
  seed?: number;
}

/** Deterministic PRNG (mulberry32) so a fault rate gives the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, per request, whether to inject a fault. */
export class FaultInjector {
  private random: () => number;
  private lost = new Map<LostResponseRule, number>();

  constructor(public options: FaultOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Replaces the options (and reseeds). */
  set(options: FaultOptions): void {
    this.options = options;
    this.random = seededRandom(options.seed ?? 1);
    this.lost.clear();
  }

  /** A status to answer instead of processing, or undefined. */
  statusFor(path: string): 429 | 503 | undefined {
    const { rate = 0, statuses = [429, 503], only } = this.options;
    if (rate <= 0 || (only && !only.test(path))) return undefined;
    if (this.random() >= rate) return undefined;
    return statuses[Math.floor(this.random() * statuses.length)] ?? 503;
  }

  /** Whether to drop the response of this processed request. */
  loseResponse(method: string, path: string): boolean {
    for (const rule of this.options.lose ?? []) {
      if (rule.method.toUpperCase() !== method.toUpperCase() || !rule.path.test(path)) continue;
      const used = this.lost.get(rule) ?? 0;
      if (used < (rule.times ?? 1)) {
        this.lost.set(rule, used + 1);
        return true;
      }
    }
    return false;
  }

  /** Retry headers sent with a fault. */
  retryHeaders(): Record<string, string> {
    const ms = this.options.retryAfterMs ?? 10;
    return { "retry-after": String(Math.ceil(ms / 1000)), "retry-after-ms": String(ms) };
  }
}
