/**
 * `ccvoice export`: reads the live SIP configuration (domains, trunks, routes in order) and the purchased
 * numbers of an ACS resource and writes a stack file that adopts them, so the first `pulumi up` changes
 * nothing on the data plane. Settings the service cannot tell come from flags or are written as
 * `{ fillIn: ... }` placeholders that fail validation until the admin fills them in.
 *
 * Exit codes: 0 exported (placeholders left are listed on stderr); 1 the ACS resource could not be read,
 * or the file exists without `--force`; 2 usage error (bad endpoint, missing option, bad flag value).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command } from "commander";
import { parseVoiceChannelSpec } from "../config/parse";
import { SpecError } from "../config/problems";
import { AGENT_EMERGENCY_COUNTRIES, NUMBER_PURPOSES, type NumberPurpose } from "../config/schema";
import { STACKS_DIR } from "../config/stackFile";
import { readLiveAcs } from "../export/readLiveAcs";
import { stackFromLive, type ExportSettings } from "../export/stackFromLive";
import { stackYamlText } from "../export/stackYaml";
import { endpointProblem, normalizeEndpoint } from "../providers/shared/acsEndpoint";
import { EXIT, processIo, UsageError, type CliIo, type ExitFn, setProcessExitCode } from "./io";

/** Options of `ccvoice export`, as commander parses them. */
export interface ExportOptions {
  /** ACS endpoint to read, `https://<name>.<geo>.communication.azure.com`. */
  readonly endpoint?: string;
  /** Stack name; the file is `stacks/Pulumi.<stack>.yaml` unless `--out` is given. */
  readonly stack?: string;
  /** Where to write the stack file. @default `<stacksDir>/Pulumi.<stack>.yaml` */
  readonly out?: string;
  /** Folder of stack files. @default "stacks" */
  readonly stacksDir?: string;
  /** Overwrite the output file. @default false */
  readonly force?: boolean;
  readonly environment?: string;
  readonly location?: string;
  readonly acsName?: string;
  readonly dataLocation?: string;
  readonly emergencyCountry?: string[];
  readonly notificationEmail?: string[];
  readonly fallbackTarget?: string;
  readonly numberPurpose?: string;
  readonly emergencyCapable?: string[];
}

function settingsFrom(opts: ExportOptions): ExportSettings {
  const countries = opts.emergencyCountry?.map((c) => c.toUpperCase());
  const bad = countries?.filter((c) => !(AGENT_EMERGENCY_COUNTRIES as readonly string[]).includes(c)) ?? [];
  if (bad.length > 0) throw new UsageError(`--emergency-country must be one of ${AGENT_EMERGENCY_COUNTRIES.join(", ")}, got ${bad.join(", ")}`);
  if (opts.numberPurpose !== undefined && !(NUMBER_PURPOSES as readonly string[]).includes(opts.numberPurpose)) {
    throw new UsageError(`--number-purpose must be one of ${NUMBER_PURPOSES.join(", ")}, got ${JSON.stringify(opts.numberPurpose)}`);
  }
  if (opts.fallbackTarget !== undefined && !/^\+[1-9]\d{6,14}$/.test(opts.fallbackTarget)) {
    throw new UsageError(`--fallback-target must be an E.164 number such as +14255550199, got ${JSON.stringify(opts.fallbackTarget)}`);
  }
  return {
    ...(opts.environment !== undefined ? { environment: opts.environment } : {}),
    ...(opts.fallbackTarget !== undefined ? { fallbackTarget: opts.fallbackTarget } : {}),
    ...(opts.location !== undefined ? { location: opts.location } : {}),
    ...(opts.acsName !== undefined ? { acsName: opts.acsName } : {}),
    ...(opts.dataLocation !== undefined ? { dataLocation: opts.dataLocation } : {}),
    ...(countries !== undefined ? { emergencyCountries: countries } : {}),
    ...(opts.notificationEmail !== undefined ? { notificationEmails: opts.notificationEmail } : {}),
    ...(opts.numberPurpose !== undefined ? { numberPurpose: opts.numberPurpose as NumberPurpose } : {}),
    ...(opts.emergencyCapable !== undefined ? { emergencyCapable: opts.emergencyCapable.map((f) => f.toLowerCase()) } : {}),
  };
}

/**
 * Runs `ccvoice export` in-process.
 *
 * @param opts parsed options
 * @param io summary to stdout; progress, placeholders and problems to stderr
 * @returns the exit code (see the module comment)
 * @throws UsageError for a missing or bad option
 */
export async function runExport(opts: ExportOptions, io: CliIo = processIo): Promise<number> {
  if (opts.endpoint === undefined) throw new UsageError("give --endpoint <acs endpoint>, such as https://contoso-cc.unitedstates.communication.azure.com");
  const problem = endpointProblem(opts.endpoint, "--endpoint");
  if (problem) throw new UsageError(problem);
  if (opts.stack === undefined || !/^[A-Za-z0-9._-]+$/.test(opts.stack)) {
    throw new UsageError(`give --stack <name> of letters, digits, dots, dashes or underscores, got ${JSON.stringify(opts.stack)}`);
  }
  const settings = settingsFrom(opts);
  const file = opts.out ?? join(opts.stacksDir ?? STACKS_DIR, `Pulumi.${opts.stack}.yaml`);
  if (existsSync(file) && !opts.force) {
    io.err(`ccvoice export: ${file} already exists; pass --force to overwrite it, or choose another --out path`);
    return EXIT.failed;
  }
  const endpoint = normalizeEndpoint(opts.endpoint);
  let live;
  try {
    live = await readLiveAcs(endpoint, (line) => io.err(`ccvoice export: ${line}`));
  } catch (err) {
    io.err(`ccvoice export: ${(err as Error).message}`);
    return EXIT.failed;
  }
  const exported = stackFromLive(live, settings);
  const header = [
    `Exported by ccvoice export from ${endpoint}: adopts its SIP configuration and purchased numbers as they are.`,
    "The ACS resource itself (ARM) is not adopted by this file: import it with pulumi import before the first pulumi up.",
    ...(exported.fillIns.length > 0 ? ["Settings written as { fillIn: ... } must be filled in; ccvoice check lists them."] : []),
  ];
  const text = stackYamlText(header, exported.config, exported.notes);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const c = exported.counts;
  io.out(`exported ${c.domains} domain(s), ${c.trunks} trunk(s), ${c.routes} route(s) and ${c.numbers} number(s) from ${endpoint} to ${file}`);
  const next = `ccvoice export: next, run ccvoice check --stack-file ${file}: the policies list what the live service cannot tell (sites, callback pool, emergency countries of trunks)`;
  if (exported.fillIns.length > 0) {
    io.err(`ccvoice export: ${exported.fillIns.length} setting(s) to fill in before the stack validates:`);
    for (const f of exported.fillIns) io.err(`  ${f.setting}: ${f.hint}`);
    io.err(next);
    return EXIT.ok;
  }
  try {
    parseVoiceChannelSpec(Object.fromEntries(Object.entries(exported.config).map(([k, v]) => [k.replace(/^ccvoice:/, ""), v])));
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    io.err(`ccvoice export: the live configuration does not validate as a ccvoice stack; fix these in ${file}:`);
    for (const p of err.problems) io.err(`  ${p.message}`);
    return EXIT.ok;
  }
  io.err(next);
  return EXIT.ok;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((v) => v.trim()).filter(Boolean)];

/**
 * The `export` subcommand, registered by `src/cli/main.ts`.
 *
 * @param io where to print @default stdout/stderr
 * @param exit sets the run's exit code @default sets `process.exitCode`
 */
export function exportCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("export")
    .description("write a stack file that adopts the live SIP configuration and purchased numbers of an ACS resource")
    .option("--endpoint <url>", "ACS endpoint, e.g. https://contoso-cc.unitedstates.communication.azure.com")
    .option("--stack <name>", "stack name; writes stacks/Pulumi.<name>.yaml")
    .option("--out <file>", "write here instead of stacks/Pulumi.<stack>.yaml")
    .option("--force", "overwrite the output file if it exists", false)
    .option("--environment <name>", "ccvoice:environment, e.g. prod")
    .option("--location <region>", "ccvoice:location (Azure region of the resource group)")
    .option("--acs-name <name>", "ccvoice:acs.name (default: the first label of the endpoint host)")
    .option("--data-location <text>", "ccvoice:acs.dataLocation, e.g. \"United States\"")
    .option("--emergency-country <cc>", "country whose agents dial emergency numbers (repeat or comma-separate)", collect)
    .option("--notification-email <email>", "emergency notification contact (repeat or comma-separate)", collect)
    .option("--fallback-target <e164>", "ccvoice:emergency.fallbackTarget: the security desk, for PSAP callbacks with no live lease")
    .option("--number-purpose <purpose>", `purpose of every adopted number: ${NUMBER_PURPOSES.join(", ")}`)
    .option("--emergency-capable <fqdn>", "trunk whose carrier takes emergency calls (repeat or comma-separate)", collect)
    .action(async (opts: ExportOptions) => exit(await runExport(opts, io)));
}
