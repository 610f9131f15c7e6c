/**
 * `ccvoice teams-script`: prints (or writes) the Teams PowerShell of a stack: the apply script by
 * default, the delete script with `--delete`. The same scripts the `Teams` component runs inside
 * `pulumi up` when `teams.apply` is true (`src/teams/generateTeamsScripts.ts`).
 *
 * Exit codes: 0 written; 1 invalid configuration, a stack without `ccvoice:teams`, or a spec value the
 * script cannot hold; 2 usage error (no or both of --stack/--stack-file, unknown stack, missing file,
 * malformed --acs-resource-id or --number-assignment).
 */
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { parseVoiceChannelSpec } from "../config/parse";
import { SpecError } from "../config/problems";
import { readStackFile } from "../config/stackFile";
import { generateTeamsScripts } from "../teams/generateTeamsScripts";
import { ScriptValueError } from "../teams/psLiteral";
import { EXIT, printSpecError, processIo, UsageError, type CliIo, type ExitFn, resolveStackFile, setProcessExitCode } from "./io";

/** Options of `ccvoice teams-script`, as commander parses them. */
export interface TeamsScriptCliOptions {
  /** Stack name: reads `<stacksDir>/Pulumi.<stack>.yaml`. Exactly one of `stack` and `stackFile`. */
  readonly stack?: string;
  /** Path of a stack file. */
  readonly stackFile?: string;
  /** Write the script to this file instead of stdout. @default stdout */
  readonly out?: string;
  /**
   * ACS immutable resource id (GUID), written as the default of `-AcsResourceId`.
   * @default none — the script then asks for `-AcsResourceId` when it runs
   */
  readonly acsResourceId?: string;
  /** Print the delete script instead of the apply script. @default false */
  readonly delete?: boolean;
  /**
   * `powershell` (the script assigns numbers) or `graph` (leave numbers to the Graph resource of the
   * Pulumi program). @default "powershell"
   */
  readonly numberAssignment?: string;
  /** Folder of stack files for `--stack`. @default "stacks" */
  readonly stacksDir?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


/**
 * Runs `ccvoice teams-script` in-process.
 *
 * @param opts parsed options
 * @param io where to print @default stdout/stderr
 * @returns the exit code: 0 written; 1 invalid configuration, no `ccvoice:teams`, or a value the script
 *   cannot hold (each problem on stderr)
 * @throws UsageError for option mistakes
 */
export function runTeamsScript(opts: TeamsScriptCliOptions, io: CliIo = processIo): number {
  const file = resolveStackFile(opts);
  if (opts.acsResourceId !== undefined && !GUID.test(opts.acsResourceId)) {
    throw new UsageError(
      `--acs-resource-id must be the ACS immutable resource id, a GUID such as 00000000-0000-0000-0000-000000000000, got ${JSON.stringify(opts.acsResourceId)}; read it with az communication show --query immutableResourceId`,
    );
  }
  const mode = opts.numberAssignment ?? "powershell";
  if (mode !== "powershell" && mode !== "graph") {
    throw new UsageError(`--number-assignment must be powershell or graph, got ${JSON.stringify(mode)}`);
  }
  let stack;
  let spec;
  try {
    stack = readStackFile(file);
    spec = parseVoiceChannelSpec(stack.ccvoice);
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    printSpecError(io, err, file);
    return EXIT.failed;
  }
  if (spec.teams === undefined) {
    io.err(
      `ccvoice teams-script: stack ${stack.stack} has no ccvoice:teams settings, so there is no Teams PowerShell to generate; its approach is ${spec.approach.inbound} / ${spec.approach.outbound}`,
    );
    return EXIT.failed;
  }
  let scripts;
  try {
    scripts = generateTeamsScripts(
      { teams: spec.teams, emergency: spec.emergency, approach: spec.approach },
      { stack: stack.stack, numberAssignment: mode, ...(opts.acsResourceId !== undefined ? { acsResourceId: opts.acsResourceId } : {}) },
    );
  } catch (err) {
    if (!(err instanceof ScriptValueError) && !/^ccvoice:/.test((err as Error).message)) throw err;
    for (const line of (err as Error).message.split("\n")) io.err(`ccvoice teams-script: ${line}`);
    return EXIT.failed;
  }
  const text = opts.delete ? scripts.delete : scripts.apply;
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text, "utf8");
    io.err(`ccvoice teams-script: wrote the ${opts.delete ? "delete" : "apply"} script of stack ${stack.stack} (${scripts.keys.length} Teams objects) to ${opts.out}`);
  } else {
    for (const line of text.replace(/\n$/, "").split("\n")) io.out(line);
  }
  return EXIT.ok;
}

/**
 * The `teams-script` subcommand, for `src/cli/main.ts`: `add(teamsScriptCommand(io, exit));`.
 *
 * @param io where to print @default stdout/stderr
 * @param exit sets the exit code @default sets `process.exitCode`
 */
export function teamsScriptCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("teams-script")
    .description("print the Teams PowerShell (resource accounts, direct routing, emergency policies, LIS) of a stack")
    .option("--stack <name>", "stack name; reads stacks/Pulumi.<name>.yaml")
    .option("--stack-file <path>", "path of a Pulumi.<stack>.yaml file")
    .option("--out <file.ps1>", "write the script to this file instead of stdout")
    .option("--acs-resource-id <guid>", "ACS immutable resource id; otherwise the script asks for -AcsResourceId")
    .option("--delete", "print the delete script instead of the apply script", false)
    .option("--number-assignment <mode>", "powershell (the script assigns numbers) or graph (the Pulumi program does)", "powershell")
    .action((opts: TeamsScriptCliOptions) => {
      const code = runTeamsScript(opts, io);
      if (code !== EXIT.ok) exit(code);
    });
}
