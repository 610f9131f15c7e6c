/**
 * `ccvoice check`: runs the policy rules (the same as the CrossGuard pack in `policies/`) offline, over what
 * `ccvoice preview` evaluates for a stack, and reports in text, JSON, SARIF 2.1.0 or JUnit XML.
 *
 * Exit codes: 0 no mandatory violation (advisory ones are printed); 1 a mandatory violation, a configuration
 * problem or a preview error; 2 usage error (no or both of --stack/--stack-file, unknown stack, missing
 * file or baseline, unknown format, waiving an unknown or mandatory policy).
 */
import { existsSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { EXIT, processIo, UsageError, type CliIo, type ExitFn, resolveStackFile, setProcessExitCode, lazy } from "./io";

/** Output formats of `ccvoice check`. */
export const CHECK_FORMATS = ["text", "json", "sarif", "junit"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** Options of `ccvoice check`, as commander parses them. */
export interface CheckOptions {
  /** Stack name: reads `<stacksDir>/Pulumi.<stack>.yaml`. Exactly one of `stack` and `stackFile`. */
  readonly stack?: string;
  /** Path of a stack file. */
  readonly stackFile?: string;
  /** Folder of stack files for `--stack`. @default "stacks" */
  readonly stacksDir?: string;
  /** Output format. @default "text" */
  readonly format?: string;
  /** Write the report to this file instead of stdout (a summary line still goes to stderr). */
  readonly out?: string;
  /** The stack file as last deployed, for `ccvoice-numbers-no-repurchase`. */
  readonly baseline?: string;
  /** Advisory policies to skip. @default [] */
  readonly waive?: string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
const loadCheckStack = () =>
  lazy<typeof import("../check/checkStack")>(() => require("../check/checkStack"), () => import("../check/checkStack"));
const loadRunChecks = () =>
  lazy<typeof import("../check/runChecks")>(() => require("../check/runChecks"), () => import("../check/runChecks"));
const loadText = () =>
  lazy<typeof import("../check/formatCheckText")>(() => require("../check/formatCheckText"), () => import("../check/formatCheckText"));
const loadSarif = () =>
  lazy<typeof import("../check/formatSarif")>(() => require("../check/formatSarif"), () => import("../check/formatSarif"));
const loadJunit = () =>
  lazy<typeof import("../check/formatJunit")>(() => require("../check/formatJunit"), () => import("../check/formatJunit"));
/* eslint-enable @typescript-eslint/no-require-imports */


function resolveFormat(format: string | undefined): CheckFormat {
  const f = format ?? "text";
  if (!(CHECK_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(", ")}, got ${JSON.stringify(f)}`);
  }
  return f as CheckFormat;
}

/**
 * Runs `ccvoice check` in-process.
 *
 * @param opts parsed options
 * @param io where to print @default stdout/stderr
 * @returns 0 when no mandatory policy is violated, 1 otherwise (or on configuration problems or preview errors)
 * @throws UsageError for option mistakes
 */
export async function runCheck(opts: CheckOptions, io: CliIo = processIo): Promise<number> {
  const file = resolveStackFile(opts);
  const format = resolveFormat(opts.format);
  if (opts.baseline !== undefined && !existsSync(opts.baseline)) {
    throw new UsageError(`baseline ${opts.baseline} does not exist; give the stack file as it was last deployed`);
  }
  const waive = opts.waive ?? [];
  const { checkWaivers, checkExitCode } = await loadRunChecks();
  const waiverProblems = checkWaivers(waive);
  if (waiverProblems.length > 0) throw new UsageError(waiverProblems.join("; "));

  io.err(`ccvoice check: evaluating ${file} with the Pulumi mock runtime and running the ccvoice policies`);
  const { checkStack } = await loadCheckStack();
  const checked = await checkStack({
    stackFile: file,
    ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
    ...(opts.baseline !== undefined ? { baselineFile: opts.baseline } : {}),
    waive,
  });
  const { report } = checked;
  const { formatCheckText, checkSummary } = await loadText();
  let text: string;
  switch (format) {
    case "text":
      text = `${formatCheckText(report).join("\n")}\n`;
      break;
    case "json":
      text = `${JSON.stringify(report, null, 2)}\n`;
      break;
    case "sarif": {
      const { formatSarif } = await loadSarif();
      text = `${JSON.stringify(formatSarif(report, { file: checked.file, text: checked.text }), null, 2)}\n`;
      break;
    }
    case "junit": {
      const { formatJunit } = await loadJunit();
      text = formatJunit(report);
      break;
    }
  }
  if (opts.out !== undefined) {
    writeFileSync(opts.out, text);
    io.err(`${checkSummary(report)} (report written to ${opts.out})`);
  } else {
    for (const line of text.replace(/\n$/, "").split("\n")) io.out(line);
  }
  return checkExitCode(report) === 0 ? EXIT.ok : EXIT.failed;
}

/**
 * The `check` subcommand, for `src/cli/main.ts`.
 *
 * @param io where to print @default stdout/stderr
 * @param exit sets the run's exit code @default sets `process.exitCode`
 */
export function checkCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("check")
    .description("run the ccvoice policies (emergency safety first) on a stack, offline; exit 1 on a mandatory violation")
    .option("--stack <name>", "stack name; reads stacks/Pulumi.<name>.yaml")
    .option("--stack-file <path>", "path of a Pulumi.<stack>.yaml file")
    .option("--stacks-dir <dir>", "folder of stack files for --stack", "stacks")
    .option("--format <format>", `report format: ${CHECK_FORMATS.join(", ")}`, "text")
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--baseline <path>", "the stack file as last deployed, to catch changes that release and re-buy numbers")
    .option("--waive <policy>", "skip an advisory policy (repeatable)", (value: string, acc: string[]) => [...acc, value], [] as string[])
    .action(async (opts: CheckOptions) => exit(await runCheck(opts, io)));
}
