/**
 * Entry of the `ccvoice` command (`bin/ccvoice.js` calls `main(process.argv)` and exits with its result).
 *
 * Exit codes: 0 success; 1 failure (invalid configuration: every problem printed, no stack trace;
 * unexpected error: one line, the stack with `CCVOICE_DEBUG=1`); 2 usage error.
 *
 * Adding a command: one import and one `add(...)` line in {@link buildCli}. A command is a factory
 * `(io, exit) => Command` (see `src/cli/io.ts`); commands load heavy modules (Pulumi, Azure SDKs) lazily
 * inside their action so `ccvoice --help` and light commands start fast.
 */
import { Command, CommanderError } from "commander";
import { checkCommand } from "./check";
import { adviseCommand } from "./advise";
import { callCommand } from "./call";
import { devCommand } from "./dev";
import { diagramCommand } from "./diagram";
import { exportCommand } from "./export";
import { EXIT, processIo, reportError, type CliIo, type ExitFn } from "./io";
import { previewCommand } from "./preview";
import { simulateCommand } from "./simulate";
import { teamsScriptCommand } from "./teamsScript";

/** Commander codes that end the run successfully (help or version was asked for). */
const SUCCESS_CODES = new Set(["commander.helpDisplayed", "commander.version"]);

/**
 * Builds the command tree.
 *
 * @param io where commands and commander write
 * @param exit sets the run's exit code
 */
export function buildCli(io: CliIo, exit: ExitFn): Command {
  const program = new Command("ccvoice")
    .description("infrastructure as code for the voice channel of a contact center (ACS and Teams Phone)")
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, "")),
      writeErr: (text) => io.err(text.replace(/\n$/, "")),
    });
  // Subcommands take the program's settings (exit override, output), so usage errors reach `main`.
  const add = (command: Command) => program.addCommand(command.copyInheritedSettings(program));

  add(previewCommand(io, exit));
  add(simulateCommand(io, exit));
  add(checkCommand(io, exit));
  add(adviseCommand(io, exit));
  add(exportCommand(io, exit));
  add(diagramCommand(io, exit));
  add(teamsScriptCommand(io, exit));
  add(devCommand(io, exit));
  add(callCommand(io, exit));
  return program;
}

/**
 * Runs the CLI.
 *
 * @param argv `process.argv` (node, script, then arguments)
 * @param io where to write @default stdout/stderr
 * @returns the exit code: 0 ok, 1 failed, 2 usage error
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const exit: ExitFn = (c) => {
    code = Math.max(code, c);
  };
  const program = buildCli(io, exit);
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return SUCCESS_CODES.has(err.code) ? EXIT.ok : EXIT.usage;
    return reportError(err, io);
  }
}
