/**
 * Benchmark of `ccvoice check` on a large contact center: 250 trunks and 250 routes (the service limits),
 * 2,000 numbers in 20 orders of 100 plus 1,000 adopted numbers, four emergency countries. The stack file
 * is generated in a temporary folder.
 *
 * Measures (in this process, after one warm-up run so module loading is not counted twice):
 * - the preview itself (`previewStack`: the real program under the Pulumi mock runtime);
 * - the policy rules beyond the preview (`runChecks` on the preview's spec and resources), with the slowest
 *   rules; target under 2 s;
 * - the route-shadowing analysis for the 250 routes (`findShadowedRoutes`, used by
 *   `ccvoice-sip-route-unreachable`);
 * and end to end, `node bin/ccvoice.js check` against `node bin/ccvoice.js preview --json` (fresh processes).
 *
 * Run alone with `npx tsx bench/check.ts`; `npm run bench` can include it through `benchCheck`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "yaml";
import { RULES } from "../policies/ruleList";
import { runChecks } from "../src/check/runChecks";
import { parseVoiceChannelSpec } from "../src/config/parse";
import { previewStack } from "../src/preview/previewStack";
import { findShadowedRoutes } from "../src/routing";
import { measureNode, median, seconds } from "./measure";

/** Target from the task: the checks add less than 2 s to the preview. */
export const CHECK_TARGET_MS = 2_000;
const TRUNKS = 250;
const ROUTES = 250;
const ORDERS = 20;
const PER_ORDER = 100;
const ADOPTED = 1_000;

const address = (companyName: string, streetName: string, city: string, postalCode: string, countryOrRegion: string) => ({
  companyName, houseNumber: "1", streetName, city, postalCode, countryOrRegion,
});

/** The `ccvoice:` settings of the large stack (valid: it passes the parser). */
export function largeCheckConfig(): Record<string, unknown> {
  const trunks = Array.from({ length: TRUNKS }, (_, i) => ({
    fqdn: `sbc${i + 1}.contoso.com`,
    emergencyCapable: i < 2,
    ...(i === 0 ? { emergencyCountries: ["US", "CA"] } : i === 1 ? { emergencyCountries: ["GB", "DK"] } : {}),
  }));
  const trunk = (i: number) => `sbc${(i % TRUNKS) + 1}.contoso.com`;
  const routes = [
    { name: "emergency-nanp", numberPattern: "^(911|933)$", trunks: [trunk(0)] },
    { name: "emergency-europe", numberPattern: "^(112|999)$", trunks: [trunk(1)] },
    ...Array.from({ length: ROUTES - 3 }, (_, i) => ({
      name: `area-${201 + i}`,
      numberPattern: `^\\+1${201 + i}\\d{7}$`,
      trunks: [trunk(i + 2), trunk(i + 3)],
    })),
    { name: "international", numberPattern: "^\\+(?!1)[1-9]\\d{6,14}$", trunks: [trunk(2), trunk(3)] },
  ];
  const orders = Array.from({ length: ORDERS }, (_, i) => ({
    name: `us-bulk-${String(i + 1).padStart(2, "0")}`,
    countryCode: "US",
    phoneNumberType: "geographic",
    areaCode: String(201 + i),
    quantity: PER_ORDER,
    purpose: i === 0 ? "callback-pool" : "queue",
  }));
  const adopt = Array.from({ length: ADOPTED }, (_, i) => ({
    phoneNumber: `+1425555${String(i).padStart(4, "0")}`,
    purpose: i % 10 === 0 ? "callback-pool" : "outbound-caller-id",
  }));
  return {
    environment: "prod",
    approach: { inbound: "acs-direct-offer", outbound: "acs-direct-routing" },
    acs: { name: "contoso-cc-large", dataLocation: "United States" },
    directRouting: { domains: ["contoso.com"], trunks, routes },
    phoneNumbers: { orders, adopt },
    emergency: {
      countries: ["US", "GB", "DK", "CA"],
      notificationContacts: [{ email: "security-desk@contoso.com" }],
      fallbackTarget: "+14255550199",
      sites: [
        { name: "seattle", country: "US", agents: 400, address: address("Contoso", "Microsoft Way", "Redmond", "98052", "US") },
        { name: "toronto", country: "CA", agents: 100, address: address("Contoso Canada", "Bay Street", "Toronto", "M5J 0E7", "CA") },
        { name: "london", country: "GB", agents: 200, address: address("Contoso UK", "Kingdom Street", "London", "W2 6BD", "GB") },
        { name: "copenhagen", country: "DK", agents: 50, address: address("Contoso Danmark", "Kanalvej", "Lyngby", "2800", "DK") },
      ],
    },
    runtime: { alwaysReadyInstances: 1 },
  };
}

/** Writes the large stack file into `dir`; returns its path. */
export function writeLargeCheckStack(dir: string): string {
  const raw = largeCheckConfig();
  parseVoiceChannelSpec(raw); // fail early if the generated stack is not valid
  const config = Object.fromEntries(Object.entries(raw).map(([key, value]) => [`ccvoice:${key}`, value]));
  const file = join(dir, "Pulumi.large.yaml");
  writeFileSync(file, stringify({ config }));
  return file;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

/**
 * Measures `ccvoice check` on the large stack and returns the BENCHMARKS.md section.
 *
 * @param runs measured runs of each step @default 3
 * @returns markdown
 */
export async function benchCheck(runs = 3): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "ccvcheck-"));
  try {
    const file = writeLargeCheckStack(dir);
    await previewStack({ stackFile: file }); // warm-up: module loading and regex compilation
    const previews: number[] = [];
    const checks: number[] = [];
    let preview = await previewStack({ stackFile: file });
    let report = runChecks({ stack: "large", spec: preview.spec, resources: preview.resources });
    for (let i = 0; i < runs; i++) {
      const p = await timed(() => previewStack({ stackFile: file }));
      previews.push(p.ms);
      preview = p.value;
      const c = await timed(() => runChecks({ stack: "large", spec: preview.spec, resources: preview.resources }));
      checks.push(c.ms);
      report = c.value;
    }
    const perRule = RULES.map((rule) => {
      const times = Array.from({ length: runs }, () => {
        const start = performance.now();
        runChecks({ stack: "large", spec: preview.spec, resources: preview.resources, rules: [rule] });
        return performance.now() - start;
      });
      return { name: rule.name, ms: median(times) };
    }).sort((a, b) => b.ms - a.ms);
    const routes = preview.spec.directRouting?.routes ?? [];
    const shadow = Array.from({ length: runs }, () => {
      const start = performance.now();
      findShadowedRoutes(routes);
      return performance.now() - start;
    });

    const cli = (args: string[]) => median(Array.from({ length: runs }, () => measureNode(["bin/ccvoice.js", ...args]).wallMs));
    const cliPreview = cli(["preview", "--stack-file", file, "--json"]);
    const cliCheck = cli(["check", "--stack-file", file, "--format", "json"]);

    const checkMs = median(checks);
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return [
      `Stack (generated): ${TRUNKS} trunks, ${routes.length} routes, ${ORDERS * PER_ORDER} numbers in ${ORDERS} orders, ${ADOPTED} adopted numbers,`,
      `4 emergency countries; ${preview.resources.length} resources previewed. Median of ${runs} runs after one warm-up, in one process.`,
      "",
      "| step | median |",
      "|---|---:|",
      `| preview (\`previewStack\`: program under the mock runtime) | ${ms(median(previews))} |`,
      `| policies beyond the preview (\`runChecks\`, ${RULES.length} rules) | ${ms(checkMs)} |`,
      `| route shadowing, ${routes.length} routes (\`findShadowedRoutes\`) | ${ms(median(shadow))} |`,
      "",
      `Target: policies add under ${seconds(CHECK_TARGET_MS)} to the preview — ${checkMs < CHECK_TARGET_MS ? "met" : "NOT met"} (${ms(checkMs)}).`,
      `Result on this stack: ${report.violations.length} violations (${mandatory} mandatory), ${report.passed.length} rules passed.`,
      "",
      "Slowest rules (median, each run alone):",
      "",
      "| rule | median |",
      "|---|---:|",
      ...perRule.slice(0, 5).map((r) => `| ${r.name} | ${ms(r.ms)} |`),
      "",
      `End to end, fresh processes (median of ${runs}): \`ccvoice preview --json\` ${seconds(cliPreview)}, \`ccvoice check --format json\` ${seconds(cliCheck)}`,
      `(difference ${seconds(cliCheck - cliPreview)}: the rules plus the check module's own loading).`,
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchCheck().then(
    (md) => console.log(md),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
