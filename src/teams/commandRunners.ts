/**
 * The command lines `@pulumi/command` `local.Command` runs for the Teams scripts. The generated scripts
 * travel on standard input (the `stdin` argument), not on the command line: a large tenant's script can
 * pass Linux's 128 KiB limit for one argument. Each runner reads standard input, turns it into a script
 * block and invokes it.
 *
 * Lifecycle (see `src/components/teams.ts`):
 * - the apply command runs the apply script on create and on update;
 * - the teardown command stores the object keys of the delete script in its `stdout` on create
 *   (`ccvoice-key:<key>` lines); on update it removes the objects of the previous keys that the new
 *   spec no longer has (pruning, via `PULUMI_COMMAND_STDOUT`, which `@pulumi/command` sets to the previous
 *   stdout) and stores the new keys; on delete it runs the delete script.
 *
 * Reading the script from `[Console]::In` under `pwsh -Command` is knowledge, not run here (no pwsh on
 * the build machines): UNCERTAIN until the live suite runs.
 */
import { psString } from "./psLiteral";

/** `interpreter` of every Teams command: PowerShell 7, no profile, never prompts. */
export const PWSH_INTERPRETER: readonly string[] = ["pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-Command"];

const READ_SCRIPT = "$ErrorActionPreference = 'Stop'; $ccvScript = [scriptblock]::Create([Console]::In.ReadToEnd())";

/** Prefix of the key lines the teardown command prints and reads back. */
export const KEY_LINE_PREFIX = "ccvoice-key:";

/**
 * Runs the apply script from standard input.
 *
 * @param acsResourceId ACS immutable resource id (GUID) passed as `-AcsResourceId`; omitted when empty
 */
export function applyRunner(acsResourceId: string): string {
  const arg = acsResourceId === "" ? "" : ` -AcsResourceId ${psString(acsResourceId, "acsImmutableResourceId")}`;
  return `${READ_SCRIPT}; & $ccvScript${arg}`;
}

/** Teardown create: prints the delete script's keys as `ccvoice-key:` lines (kept in state as stdout). */
export const TEARDOWN_CREATE = `${READ_SCRIPT}; & $ccvScript -ListKeys | ForEach-Object { '${KEY_LINE_PREFIX}' + $_ }`;

/**
 * Teardown update: removes the objects whose keys were stored by the previous run and are not in the new
 * delete script (pruning objects taken out of the spec), then prints the new keys.
 */
export const TEARDOWN_UPDATE = [
  READ_SCRIPT,
  `$ccvPrevious = @(([string] $env:PULUMI_COMMAND_STDOUT) -split '\\r?\\n' | Where-Object { $_.StartsWith('${KEY_LINE_PREFIX}') } | ForEach-Object { $_.Substring(${KEY_LINE_PREFIX.length}) })`,
  "$ccvCurrent = @(& $ccvScript -ListKeys)",
  "if ($ccvPrevious.Count -gt 0) { & $ccvScript -Keys $ccvPrevious -Keep $ccvCurrent }",
  `$ccvCurrent | ForEach-Object { '${KEY_LINE_PREFIX}' + $_ }`,
].join("; ");

/** Teardown delete: runs the delete script with its own keys. */
export const TEARDOWN_DELETE = `${READ_SCRIPT}; & $ccvScript`;
