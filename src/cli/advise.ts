/**
 * `ccvoice advise`: asks the questions that decide the deployment approach (or reads them from
 * `--answers answers.yaml`), prints the recommended inbound and outbound approach with the reasons,
 * trade-offs and rejected alternatives, and with `--write` writes a starting stack file.
 *
 * Exit codes: 0 advised (and written); 1 invalid answers (every problem with its path), a stack that
 * cannot be written (no supported emergency country), or a file that exists without `--force`;
 * 2 usage error (no `--answers` when stdin is not a terminal).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command } from "commander";
import { parse } from "yaml";
import { AnswersError, parseAdviceAnswers, readAdviceAnswers, type AdviceAnswers } from "../advise/answers";
import { askAdviceQuestions, inquirerPrompter, type Prompter } from "../advise/askQuestions";
import { decideApproach } from "../advise/decideApproach";
import { formatAdvice, type AdviceJson } from "../advise/formatAdvice";
import { starterStack } from "../advise/starterStack";
import { parseVoiceChannelSpec } from "../config/parse";
import { SpecError } from "../config/problems";
import { stackYamlText } from "../export/stackYaml";
import { EXIT, printSpecError, processIo, UsageError, type CliIo, type ExitFn, setProcessExitCode } from "./io";

/** Options of `ccvoice advise`. */
export interface AdviseOptions {
  /** Answers file (YAML or JSON); without it the questions are asked interactively. */
  readonly answers?: string;
  /** Print the recommendation as one JSON document. @default false */
  readonly json?: boolean;
  /** Write a starting stack file here, e.g. `stacks/Pulumi.prod.yaml`. */
  readonly write?: string;
  /** Overwrite the `--write` file when it exists. @default false */
  readonly force?: boolean;
}

/** How `runAdvise` asks questions; tests pass a scripted prompter. */
export interface AdviseDeps {
  /** @default `@inquirer/prompts` */
  readonly prompter?: Prompter;
  /** Whether questions may be asked. @default `process.stdin.isTTY` */
  readonly interactive?: boolean;
}

async function getAnswers(opts: AdviseOptions, deps: AdviseDeps): Promise<AdviceAnswers> {
  if (opts.answers !== undefined) return readAdviceAnswers(opts.answers);
  const interactive = deps.interactive ?? process.stdin.isTTY === true;
  if (!interactive) throw new UsageError("stdin is not a terminal, so advise cannot ask its questions; give --answers <file> (see test/fixtures/answers/ for examples)");
  return parseAdviceAnswers(await askAdviceQuestions(deps.prompter ?? inquirerPrompter()), "your answers");
}

/**
 * Runs `ccvoice advise` in-process.
 *
 * @param opts parsed options
 * @param io where to print: the recommendation to stdout, problems to stderr
 * @param deps the prompter (interactive mode)
 * @returns the exit code (see the module comment)
 * @throws UsageError when no answers file is given and stdin is not a terminal
 */
export async function runAdvise(opts: AdviseOptions, io: CliIo = processIo, deps: AdviseDeps = {}): Promise<number> {
  let answers: AdviceAnswers;
  try {
    answers = await getAnswers(opts, deps);
  } catch (err) {
    if (!(err instanceof AnswersError)) throw err;
    for (const line of err.message.split("\n")) io.err(line);
    return EXIT.failed;
  }
  const advice = decideApproach(answers);
  let stack: AdviceJson["stack"];
  if (opts.write !== undefined) {
    const file = opts.write;
    if (existsSync(file) && !opts.force) {
      io.err(`ccvoice advise: ${file} already exists; pass --force to overwrite it, or choose another --write path`);
      return EXIT.failed;
    }
    let starter: ReturnType<typeof starterStack>;
    try {
      starter = starterStack(advice, answers);
    } catch (err) {
      io.err(`ccvoice advise: ${(err as Error).message}`);
      return EXIT.failed;
    }
    const header = [
      `Written by ccvoice advise (${advice.profile}): inbound ${advice.approach.inbound}, outbound ${advice.approach.outbound}.`,
      "A starting point: replace the example values marked below, then run ccvoice check and ccvoice preview.",
    ];
    const text = stackYamlText(header, starter.config, starter.notes);
    const ccvoice = Object.fromEntries(
      Object.entries((parse(text) as { config: Record<string, unknown> }).config).map(([k, v]) => [k.replace(/^ccvoice:/, ""), v]),
    );
    try {
      parseVoiceChannelSpec(ccvoice);
    } catch (err) {
      if (!(err instanceof SpecError)) throw err;
      io.err(`ccvoice advise: the stack built for these answers does not validate, so ${file} was not written (a bug in advise; please report it):`);
      printSpecError(io, err, file);
      return EXIT.failed;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    stack = { file, examples: starter.examples };
  }
  if (opts.json) {
    const json: AdviceJson = { ...advice, ...(stack ? { stack } : {}) };
    io.out(JSON.stringify(json, null, 2));
  } else {
    for (const line of formatAdvice(advice, stack)) io.out(line);
  }
  return EXIT.ok;
}

/**
 * The `advise` subcommand, registered by `src/cli/main.ts`.
 *
 * @param io where to print @default stdout/stderr
 * @param exit sets the run's exit code @default sets `process.exitCode`
 */
export function adviseCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("advise")
    .description("recommend the inbound and outbound approach (BYOT, Microsoft numbers, Teams) from your answers, and write a starting stack")
    .option("--answers <file>", "answers file (YAML/JSON); without it the questions are asked interactively")
    .option("--json", "print the recommendation as JSON", false)
    .option("--write <file>", "write a starting stack file, e.g. stacks/Pulumi.prod.yaml")
    .option("--force", "overwrite the --write file if it exists", false)
    .action(async (opts: AdviseOptions) => exit(await runAdvise(opts, io)));
}
