/**
 * `ccvoice preview`: the resources a stack declares, the stack outputs and where calls would go,
 * evaluated offline with the Pulumi SDK mock runtime (see `src/preview/previewStack.ts`).
 *
 * Exit codes: 0 previewed; 1 invalid configuration or errors while resources registered; 2 usage error
 * (no or both of --stack/--stack-file, unknown stack, missing file).
 */
import { basename } from "node:path";
import { Command } from "commander";
import { SpecError } from "../config/problems";
import { previewPolicyResults } from "../check/previewPolicyResults";
import { teamsPowerShellSummary } from "../preview/teamsSummary";
import { EXIT, printSpecError, processIo, UsageError, type CliIo, type ExitFn, resolveStackFile, setProcessExitCode, lazy } from "./io";

/** Options of `ccvoice preview`, as commander parses them. */
export interface PreviewOptions {
  /** Stack name: reads `<stacksDir>/Pulumi.<stack>.yaml`. Exactly one of `stack` and `stackFile`. */
  readonly stack?: string;
  /** Path of a stack file. */
  readonly stackFile?: string;
  /** Print `{ stack, resources, outputs, routing, errors }` as JSON. @default false */
  readonly json?: boolean;
  /** Folder of stack files for `--stack`. @default "stacks" */
  readonly stacksDir?: string;
  /** Serialize dynamic providers' code as `pulumi up` does. @default false */
  readonly serializeProviders?: boolean;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const loadPreviewStack = () =>
  lazy<typeof import("../preview/previewStack")>(
    () =>
      (require("../preview/deferredModules") as typeof import("../preview/deferredModules")).withDeferredModules(
        () => require("../preview/previewStack") as typeof import("../preview/previewStack"),
      ),
    () => import("../preview/previewStack"),
  );
const loadFormatPreview = () =>
  lazy<typeof import("../preview/formatPreview")>(
    () => require("../preview/formatPreview"),
    () => import("../preview/formatPreview"),
  );
/* eslint-enable @typescript-eslint/no-require-imports */


/**
 * Runs `ccvoice preview` in-process.
 *
 * @param opts parsed options
 * @param io where to print @default stdout/stderr
 * @returns the exit code: 0 ok; 1 when the configuration is invalid (every problem on stderr, one per
 *   line; with --json also the JSON with `errors`) or resources failed to register. Policy results (the
 *   same rules as `ccvoice check`) are printed but do not change the exit code: `ccvoice check` is the gate
 * @throws UsageError for option mistakes (no or both of --stack/--stack-file, unknown stack, missing file)
 */
export async function runPreview(opts: PreviewOptions, io: CliIo = processIo): Promise<number> {
  const file = resolveStackFile(opts);
  io.err(`ccvoice preview: evaluating ${file} with the Pulumi mock runtime (nothing is sent to Azure)`);
  const { previewStack } = await loadPreviewStack();
  let result;
  try {
    result = await previewStack({
      stackFile: file,
      ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
      serializeDynamicProviders: opts.serializeProviders ?? false,
    });
  } catch (err) {
    if (!(err instanceof SpecError)) throw err;
    printSpecError(io, err, file);
    if (opts.json) {
      const errors = err.problems.map((p) => p.message);
      const stack = opts.stack ?? /Pulumi\.(.+)\.ya?ml$/.exec(basename(file))?.[1] ?? file;
      io.out(JSON.stringify({ stack, resources: [], outputs: {}, routing: [], errors }, null, 2));
    }
    return EXIT.failed;
  }
  // The same rules as `ccvoice check` (and the CrossGuard pack), over what this preview evaluated.
  const policies = previewPolicyResults(result);
  const { spec: _spec, ...printable } = result;
  if (opts.json) {
    const { violations, passed } = policies.report;
    io.out(JSON.stringify({ ...printable, policies: { violations, passed } }, null, 2));
  } else {
    const { formatPreview } = await loadFormatPreview();
    for (const line of formatPreview(result)) io.out(line);
    for (const line of teamsPowerShellSummary(result.spec, result.stack)) io.out(line);
    for (const line of policies.lines) io.out(line);
  }
  for (const error of result.errors) io.err(`error: ${error}`);
  return result.errors.length > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * The `preview` subcommand, for `src/cli/main.ts`.
 *
 * @param io where to print @default stdout/stderr
 * @param exit how to set a non-zero exit code @default sets `process.exitCode`
 */
export function previewCommand(
  io: CliIo = processIo,
  exit: ExitFn = setProcessExitCode,
): Command {
  return new Command("preview")
    .description("show the resources a stack declares and where calls go, offline (Pulumi mock runtime)")
    .option("--stack <name>", "stack name; reads stacks/Pulumi.<name>.yaml")
    .option("--stack-file <path>", "path of a Pulumi.<stack>.yaml file")
    .option("--stacks-dir <dir>", "folder of stack files for --stack", "stacks")
    .option("--json", "print { stack, resources, outputs, routing, errors } as JSON", false)
    .option("--serialize-providers", "serialize dynamic providers' code as pulumi up does (slower)", false)
    .action(async (opts: PreviewOptions) => exit(await runPreview(opts, io)));
}
