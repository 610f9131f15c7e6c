/**
 * `ccvoice simulate`: where one outbound call would go, offline, from a stack file.
 *
 * Exit codes: 0 resolved (blocked included unless `--fail-on-blocked`); 1 invalid configuration, or blocked
 * with `--fail-on-blocked`; 2 usage error (bad or missing option, unknown stack, bad dial string or caller id).
 */
import { Command } from "commander";
import { parseVoiceChannelSpec } from "../config/parse";
import { SpecError } from "../config/problems";
import type { VoiceChannelSpec } from "../config/schema";
import { readStackFile, type StackConfig } from "../config/stackFile";
import { resolveCall, type CallInput, type CallResolution } from "../routing";
import { EXIT, printSpecError, processIo, type CliIo, type ExitFn, setProcessExitCode, resolveStackFile } from "./io";

/** Options of `ccvoice simulate`, as commander parses them. */
export interface SimulateOptions {
  /** Stack name: reads `stacks/Pulumi.<stack>.yaml`. Exactly one of `stack` and `stackFile`. */
  readonly stack?: string;
  /** Path of a stack file. */
  readonly stackFile?: string;
  /** Dialed number: `911`, `+14255550100`, `(425) 555-0100`. */
  readonly dial?: string;
  /** ACS caller id: E.164 or `order:<name>`. @default the first outbound-capable Microsoft number */
  readonly from?: string;
  /** ISO country of the caller. @default the first of `emergency.countries` */
  readonly country?: string;
  /** Teams resource account UPN. @default the first resource account */
  readonly resourceAccount?: string;
  /** Print `{ stack, call, resolution }` as JSON. @default false */
  readonly json?: boolean;
  /** Exit 1 when the call is blocked. @default false */
  readonly failOnBlocked?: boolean;
  /** Folder of stack files for `--stack`. @default "stacks" */
  readonly stacksDir?: string;
}

/** Where `runSimulate` writes: results to `out`, problems to `err` (the CLI's shared {@link CliIo}). */
export type SimulateIo = CliIo;

function usage(io: SimulateIo, message: string): number {
  io.err(`ccvoice simulate: ${message}`);
  return EXIT.usage;
}

function printResolution(io: SimulateIo, stack: StackConfig, call: CallInput, r: CallResolution): void {
  io.out(`stack     ${stack.stack} (${stack.file})`);
  io.out(`call      ${call.dial} from ${call.country}${r.callerId ? ` as ${r.callerId}` : ""}`);
  if (r.emergency) {
    io.out(`EMERGENCY ${r.dialString} is an emergency ${r.testNumber ? "test number (nobody is dispatched)" : "number"} in ${call.country}`);
  }
  io.out(`path      ${r.path === "blocked" ? "BLOCKED" : r.path}`);
  io.out(`dialed as ${r.dialString}`);
  io.out(`route     ${r.route ?? "-"}`);
  io.out(`trunks    ${r.trunks.length ? r.trunks.join(", ") : "-"}`);
  io.out(`reason    ${r.reason}`);
  for (const warning of r.warnings) io.out(`warning   ${warning}`);
}

/**
 * Runs `ccvoice simulate` in-process.
 *
 * @param opts parsed options
 * @param io where to print (defaults to stdout/stderr)
 * @returns the exit code: 0 ok, 1 invalid configuration or blocked with `failOnBlocked`, 2 usage error
 */
export function runSimulate(opts: SimulateOptions, io: SimulateIo = processIo): number {
  let file: string;
  try {
    file = resolveStackFile(opts);
  } catch (err) {
    return usage(io, (err as Error).message);
  }
  if (opts.dial === undefined || opts.dial.trim() === "") {
    return usage(io, "give --dial <number>, such as --dial 911 or --dial +14255550100");
  }

  let stack: StackConfig;
  let spec: VoiceChannelSpec;
  try {
    stack = readStackFile(file);
    spec = parseVoiceChannelSpec(stack.ccvoice);
  } catch (err) {
    if (err instanceof SpecError) {
      printSpecError(io, err, file);
    } else {
      io.err(`ccvoice simulate: ${(err as Error).message}`);
    }
    return EXIT.failed;
  }

  const country = opts.country?.toUpperCase() ?? spec.emergency.countries[0] ?? "US";
  const call: CallInput = {
    dial: opts.dial,
    country,
    ...(opts.from !== undefined ? { from: opts.from } : {}),
    ...(opts.resourceAccount !== undefined ? { resourceAccount: opts.resourceAccount } : {}),
  };
  let resolution: CallResolution;
  try {
    resolution = resolveCall(spec, call);
  } catch (err) {
    return usage(io, (err as Error).message);
  }
  if (opts.json) io.out(JSON.stringify({ stack: stack.stack, call, resolution }, null, 2));
  else printResolution(io, stack, call, resolution);
  return opts.failOnBlocked && resolution.path === "blocked" ? EXIT.failed : EXIT.ok;
}

/**
 * The `simulate` subcommand, registered by `src/cli/main.ts`, whose inherited exit override turns commander
 * usage errors (unknown option, missing value) into exit 2.
 *
 * @param io where to print @default stdout/stderr
 * @param exit sets the run's exit code @default sets `process.exitCode`
 */
export function simulateCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("simulate")
    .description("show where one outbound call would go (path, route, trunks and why), offline")
    .option("--stack <name>", "stack name; reads stacks/Pulumi.<name>.yaml")
    .option("--stack-file <path>", "path of a Pulumi.<stack>.yaml file")
    .option("--dial <number>", "number dialed, e.g. 911, +14255550100 or \"(425) 555-0100\"")
    .option("--from <number>", "ACS caller id: E.164 or order:<name> (default: first Microsoft number)")
    .option("--country <CC>", "ISO country of the caller (default: first emergency country of the stack)")
    .option("--resource-account <upn>", "Teams resource account (default: the first)")
    .option("--json", "print { stack, call, resolution } as JSON", false)
    .option("--fail-on-blocked", "exit 1 when the call is blocked", false)
    .action((opts: SimulateOptions) => exit(runSimulate(opts, io)));
}
