/**
 * `ccvoice diagram`: the call paths of a stack (numbers → queues or resource accounts, the callback pool,
 * dial strings → routes → SBCs or Microsoft's network; emergency paths highlighted) as Mermaid text, or as
 * a self-contained HTML page that renders it offline.
 *
 * Exit codes: 0 written; 1 invalid configuration (every problem printed); 2 usage error (no or both of
 * --stack/--stack-file, unknown stack, missing file, unknown format).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command } from "commander";
import { parseVoiceChannelSpec } from "../config/parse";
import { SpecError } from "../config/problems";
import { readStackFile } from "../config/stackFile";
import { diagramSpec } from "../diagram/diagramSpec";
import { htmlPage } from "../diagram/htmlPage";
import { EXIT, printSpecError, processIo, UsageError, type CliIo, type ExitFn, resolveStackFile, setProcessExitCode } from "./io";

/** Options of `ccvoice diagram`. */
export interface DiagramOptions {
  /** Stack name: reads `<stacksDir>/Pulumi.<stack>.yaml`. Exactly one of `stack` and `stackFile`. */
  readonly stack?: string;
  /** Path of a stack file. */
  readonly stackFile?: string;
  /** `mermaid` (text) or `html` (page with the Mermaid library inlined). @default "mermaid" */
  readonly format?: string;
  /** Write to this file instead of stdout. */
  readonly out?: string;
  /** Folder of stack files for `--stack`. @default "stacks" */
  readonly stacksDir?: string;
}


/**
 * Runs `ccvoice diagram` in-process.
 *
 * @param opts parsed options
 * @param io the diagram to stdout (without `--out`), problems to stderr
 * @returns the exit code (see the module comment)
 * @throws UsageError for option mistakes
 */
export function runDiagram(opts: DiagramOptions, io: CliIo = processIo): number {
  const format = opts.format ?? "mermaid";
  if (format !== "mermaid" && format !== "html") throw new UsageError(`--format must be mermaid or html, got ${JSON.stringify(format)}`);
  const file = resolveStackFile(opts);
  const stack = readStackFile(file);
  let text: string;
  try {
    text = diagramSpec(parseVoiceChannelSpec(stack.ccvoice));
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    printSpecError(io, err, file);
    return EXIT.failed;
  }
  if (format === "html") {
    text = htmlPage(`ccvoice diagram: ${stack.stack}`, `call paths of ${file}; emergency paths are thick and red`, text);
  }
  if (opts.out !== undefined) {
    mkdirSync(dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, text);
    io.err(`ccvoice diagram: wrote ${format} diagram of stack ${stack.stack} to ${opts.out}`);
  } else {
    io.out(text.replace(/\n$/, ""));
  }
  return EXIT.ok;
}

/**
 * The `diagram` subcommand, registered by `src/cli/main.ts`.
 *
 * @param io where to print @default stdout/stderr
 * @param exit sets the run's exit code @default sets `process.exitCode`
 */
export function diagramCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("diagram")
    .description("draw the call paths of a stack (numbers, queues, routes, SBCs, emergency paths) as Mermaid or HTML")
    .option("--stack <name>", "stack name; reads stacks/Pulumi.<name>.yaml")
    .option("--stack-file <path>", "path of a Pulumi.<stack>.yaml file")
    .option("--format <format>", "mermaid (text for Markdown) or html (self-contained page)", "mermaid")
    .option("--out <file>", "write to this file instead of stdout")
    .action((opts: DiagramOptions) => exit(runDiagram(opts, io)));
}
