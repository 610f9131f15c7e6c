/**
 * Benchmark of the routing core on a large contact center: 250 ACS direct routing routes (the service limit),
 * 10 trunks, Microsoft numbers for the direct offer fallback.
 *
 * Measures, per call: `resolveCall` (dial parsing + routing + fallback), `resolveAcsDirectRouting` alone on
 * pre-parsed dial strings (compiled patterns cached), and the naive way (compile every route pattern on every
 * call, then first match). Run alone with `npx tsx bench/routing.ts`; `npm run bench` imports `benchRouting`.
 */
import { parseVoiceChannelSpec } from "../src/config/parse";
import type { Route, VoiceChannelSpec } from "../src/config/schema";
import { parseDialed, resolveAcsDirectRouting, resolveCall } from "../src/routing";

/** Throughput and latency of one measured operation. */
export interface RoutingFigures {
  /** Calls resolved per second (single thread, whole loop). */
  readonly callsPerSecond: number;
  /** Median time of one call, in microseconds. */
  readonly p50Micros: number;
  /** 99th percentile time of one call, in microseconds. */
  readonly p99Micros: number;
}

/** Result of {@link benchRouting}. */
export interface RoutingBenchResult {
  /** Routes in the configuration (250). */
  readonly routes: number;
  /** Measured calls per operation. */
  readonly calls: number;
  /** `resolveCall`: parse the dial string, try the routes, fall back to direct offer. */
  readonly resolveCall: RoutingFigures;
  /** `resolveAcsDirectRouting` on pre-parsed dial strings, compiled patterns cached. */
  readonly directRouting: RoutingFigures;
  /** The naive way: `new RegExp` for every route on every call, first match wins. */
  readonly naiveDirectRouting: RoutingFigures;
}

const ROUTES = 250;
const TRUNKS = 10;

/** The 250-route stack: 249 NANP area-code routes (`^\+1<area>\d{7}$`), then one international route. */
export function largeSpec(): VoiceChannelSpec {
  const trunks = Array.from({ length: TRUNKS }, (_, i) => ({ fqdn: `sbc${i + 1}.contoso.com`, emergencyCapable: true }));
  const routes = Array.from({ length: ROUTES - 1 }, (_, i) => ({
    name: `area-${201 + i}`,
    numberPattern: `^\\+1${201 + i}\\d{7}$`,
    trunks: [`sbc${(i % TRUNKS) + 1}.contoso.com`, `sbc${((i + 1) % TRUNKS) + 1}.contoso.com`],
  }));
  routes.push({ name: "international", numberPattern: "^\\+(?!1)[1-9]\\d{6,14}$", trunks: ["sbc1.contoso.com"] });
  return parseVoiceChannelSpec({
    environment: "bench",
    approach: { inbound: "acs-direct-offer", outbound: "acs-direct-routing" },
    acs: { name: "contoso-cc-bench", dataLocation: "United States" },
    directRouting: { domains: ["contoso.com"], trunks, routes },
    phoneNumbers: {
      orders: [
        { name: "us-main", countryCode: "US", phoneNumberType: "tollFree", quantity: 2, purpose: "main-line" },
      ],
    },
    emergency: { countries: ["US"], notificationContacts: [{ email: "security-desk@contoso.com" }] },
  });
}

/** Dialed numbers spread over the list: early, middle and late routes, international, emergency (no route). */
const DIALS = ["+12015550100", "(330) 555-0100", "+14255550100", "+14495550100", "+4533123400", "911", "933", "+447700900123"];

function figures(samples: bigint[], totalNs: bigint): RoutingFigures {
  const sorted = samples.map(Number).sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000;
  return {
    callsPerSecond: Math.round(samples.length / (Number(totalNs) / 1e9)),
    p50Micros: Number(at(0.5).toFixed(2)),
    p99Micros: Number(at(0.99).toFixed(2)),
  };
}

function measure(calls: number, op: (i: number) => unknown): RoutingFigures {
  for (let i = 0; i < Math.min(2000, calls); i++) op(i); // warm-up: JIT and pattern cache
  const samples: bigint[] = new Array(calls);
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    op(i);
    samples[i] = process.hrtime.bigint() - t0;
  }
  return figures(samples, process.hrtime.bigint() - start);
}

function naiveFirstMatch(dialString: string, routes: readonly Route[]): string | undefined {
  for (const route of routes) if (new RegExp(route.numberPattern).test(dialString)) return route.name;
  return undefined;
}

/**
 * Measures route resolution on the 250-route configuration.
 *
 * @param calls measured calls per operation @default 20000
 * @returns calls per second and p50/p99 in microseconds for each operation
 */
export async function benchRouting(calls = 20_000): Promise<RoutingBenchResult> {
  const spec = largeSpec();
  const routes = spec.directRouting?.routes ?? [];
  const dialStrings = DIALS.map((d) => parseDialed(d, "US").dialString);
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
  return {
    routes: routes.length,
    calls,
    resolveCall: measure(calls, (i) => resolveCall(spec, { dial: pick(DIALS, i), country: "US" })),
    directRouting: measure(calls, (i) => resolveAcsDirectRouting(pick(dialStrings, i), spec.directRouting)),
    naiveDirectRouting: measure(calls, (i) => naiveFirstMatch(pick(dialStrings, i), routes)),
  };
}

if (require.main === module) {
  benchRouting().then(
    (r) => {
      console.log(`routing core, ${r.routes} routes, ${r.calls} calls per operation`);
      for (const [name, f] of [
        ["resolveCall", r.resolveCall],
        ["resolveAcsDirectRouting (cached patterns)", r.directRouting],
        ["naive first match (new RegExp per route per call)", r.naiveDirectRouting],
      ] as const) {
        console.log(`${name.padEnd(52)} ${String(f.callsPerSecond).padStart(9)} calls/s  p50 ${f.p50Micros} µs  p99 ${f.p99Micros} µs`);
      }
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
