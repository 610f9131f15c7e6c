/**
 * What every `ccvoice` command shares: where it writes, how it sets the exit code, and the errors
 * `main` turns into exit codes. Results go to stdout (`out`), progress and problems to stderr (`err`).
 *
 * A command is a factory `(io, exit) => Command`; its action calls `exit(code)` for a non-zero result,
 * or throws {@link UsageError} (exit 2), `SpecError` (exit 1, every problem printed) or any other error
 * (exit 1, one line; the stack with `CCVOICE_DEBUG=1`).
 */
import { existsSync } from "node:fs";
import { SpecError } from "../config/problems";
import { stackFilePath } from "../config/stackFile";

/** Where a command writes; each call is one line without its trailing newline. */
export interface CliIo {
  /** Results (stdout). */
  readonly out: (line: string) => void;
  /** Progress, warnings and problems (stderr). */
  readonly err: (line: string) => void;
}

/** Sets the exit code of the run; the highest code given wins. */
export type ExitFn = (code: number) => void;

/** Exit codes of every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The default {@link ExitFn}: sets `process.exitCode`. */
export const setProcessExitCode: ExitFn = (code) => {
  process.exitCode = code;
};

/** Writes to the process's stdout and stderr. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in how the command was called (bad option, unknown stack): exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Whether `CCVOICE_DEBUG=1` asks for stack traces. */
export function isDebug(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CCVOICE_DEBUG === "1";
}

/**
 * Prints every problem of an invalid configuration, one per line, after a heading line.
 *
 * @param io where to write (stderr)
 * @param err the parser's error
 * @param source what was read, e.g. the stack file path
 */
export function printSpecError(io: CliIo, err: SpecError, source?: string): void {
  const n = err.problems.length;
  io.err(`${source ?? "the configuration"} has ${n} configuration problem${n === 1 ? "" : "s"}:`);
  for (const problem of err.problems) io.err(`  ${problem.message}`);
}

/**
 * The exit code and message for an error that reached `main`.
 *
 * @param err what was thrown
 * @param io where to write (stderr)
 * @param debug print the stack trace too
 * @returns 2 for usage errors, 1 otherwise
 */
export function reportError(err: unknown, io: CliIo, debug = isDebug()): number {
  if (err instanceof SpecError) {
    printSpecError(io, err);
    return EXIT.failed;
  }
  const text = err instanceof Error ? err.message : String(err);
  io.err(`ccvoice: ${text.split("\n")[0] ?? text}`);
  if (debug && err instanceof Error && err.stack) io.err(err.stack);
  return err instanceof UsageError ? EXIT.usage : EXIT.failed;
}

/**
 * Loads a module on first use: Pulumi, azure-native and the routing core take about two seconds to load,
 * which `--help`, usage errors and other commands should not pay. `require` serves CommonJS (the bin's tsx
 * hooks, compiled JS); vitest's module runner has no `require` for TypeScript, so `import()` serves it.
 *
 * @param viaRequire loads the module with `require`
 * @param viaImport loads it with `import()` when `require` cannot find it
 * @throws whatever loading the module throws, except a `MODULE_NOT_FOUND` from `require`
 */
export async function lazy<T>(viaRequire: () => T, viaImport: () => Promise<T>): Promise<T> {
  try {
    return viaRequire();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw err;
    return viaImport();
  }
}

/** The options by which a command names its stack: `--stack <name>` or `--stack-file <path>`. */
export interface StackFileOptions {
  readonly stack?: string;
  readonly stackFile?: string;
  /** Folder of stack files for `--stack`. @default "stacks" */
  readonly stacksDir?: string;
}

/**
 * Resolves `--stack <name>` (to `stacks/Pulumi.<name>.yaml`) or `--stack-file <path>` to an existing file.
 *
 * @param opts the command's options
 * @returns the path of the stack file
 * @throws UsageError when both or neither option is given, the stack has no file (the message lists the
 *   known stacks), or the file does not exist
 */
export function resolveStackFile(opts: StackFileOptions): string {
  if (opts.stack !== undefined && opts.stackFile !== undefined) {
    throw new UsageError("give either --stack <name> or --stack-file <path>, not both");
  }
  if (opts.stackFile !== undefined) {
    if (!existsSync(opts.stackFile)) throw new UsageError(`stack file ${opts.stackFile} does not exist; check the path`);
    return opts.stackFile;
  }
  if (opts.stack === undefined) throw new UsageError("give --stack <name> or --stack-file <path>");
  try {
    return stackFilePath(opts.stack, opts.stacksDir);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
