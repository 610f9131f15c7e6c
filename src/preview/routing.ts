/**
 * The routing summary shown by `ccvoice preview`: where each emergency number and sample numbers go.
 * Comes from the routing core (`src/routing`), the same code the policies and the runtime use.
 */
import type { VoiceChannelSpec } from "../config/schema";

/** One line of the routing summary (shape of `summarizeRouting` in `src/routing`). */
export interface RoutingLine {
  readonly country: string;
  readonly dial: string;
  readonly from?: string;
  readonly resolution: {
    readonly path: string;
    readonly dialString?: string;
    readonly emergency: boolean;
    readonly testNumber?: boolean;
    readonly route?: string;
    readonly trunks?: readonly string[];
    readonly reason: string;
  };
}

/**
 * Summarizes where calls of a stack go.
 *
 * @param spec validated spec
 * @returns one line per emergency number and sample number; empty until `src/routing` exports `summarizeRouting`
 */
export function routingSummary(spec: VoiceChannelSpec): RoutingLine[] {
  void spec; // wired to summarizeRouting(spec) as soon as src/routing lands
  return [];
}
