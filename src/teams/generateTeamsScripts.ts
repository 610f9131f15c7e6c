/**
 * Generates the Teams PowerShell of a stack from its spec: one apply script (creates or updates every
 * Teams object the spec declares, changing only what differs) and one delete script (removes them in
 * dependency order). The same text is printed by `ccvoice teams-script` and run by the `Teams`
 * component through `@pulumi/command` when `teams.apply` is true.
 *
 * Both scripts: `[CmdletBinding(SupportsShouldProcess)]` (so `-WhatIf` and `-Confirm` work),
 * `$ErrorActionPreference = 'Stop'`, each object in its own try/catch that rethrows with the object's
 * name, and every spec value written as an escaped literal (`psLiteral.ts`). Needs PowerShell 7 and the
 * MicrosoftTeams module.
 */
import { buildTeamsPlan, teamsPlanHash, type NumberAssignmentMode, type TeamsScriptInput, type TeamsStep } from "./teamsPlan";
import { psLiteral, psString, psTableBlock, ScriptValueError, type PsTable, type PsValue } from "./psLiteral";
import { PS_COMMON_FUNCTIONS } from "./psCommonFunctions";
import { PS_APPLY_FUNCTIONS } from "./psApplyFunctions";
import { DELETE_ORDER, PS_DELETE_FUNCTIONS } from "./psDeleteFunctions";

/** Options of {@link generateTeamsScripts}. */
export interface TeamsScriptOptions {
  /**
   * ACS immutable resource id (GUID) written as the default of the script's `-AcsResourceId`.
   * @default undefined — the apply script then requires `-AcsResourceId` when it runs
   */
  readonly acsResourceId?: string;
  /** Who assigns resource-account numbers. @default "powershell" (`Set-CsPhoneNumberAssignment`) */
  readonly numberAssignment?: NumberAssignmentMode;
  /** Stack name shown in the header comment. @default none */
  readonly stack?: string;
}

/** The generated scripts and what they manage. */
export interface TeamsScripts {
  /** Apply script (PowerShell 7 text, LF line ends). */
  readonly apply: string;
  /** Delete script; `-Keys`, `-Keep` and `-ListKeys` drive pruning (see `commandRunners.ts`). */
  readonly delete: string;
  /** Keys of the managed objects, in apply order. */
  readonly keys: readonly string[];
  /** SHA-256 of the plan, for `triggers`. */
  readonly hash: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PS_GUID_PATTERN = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const SECTION_OF: Record<string, string> = {
  "Sync-CcvResourceAccount": "Resource accounts (New-/Set-CsOnlineApplicationInstance), linked to the ACS resource",
  "Sync-CcvPstnGateway": "PSTN gateways (New-/Set-CsOnlinePSTNGateway)",
  "Sync-CcvPstnUsage": "PSTN usages (Set-CsOnlinePstnUsage -Identity Global)",
  "Sync-CcvVoiceRoute": "Voice routes (New-/Set-CsOnlineVoiceRoute)",
  "Sync-CcvVoiceRoutingPolicy": "Voice routing policies (New-/Set-CsOnlineVoiceRoutingPolicy)",
  "Sync-CcvEmergencyCallingPolicy": "Emergency calling policies (New-/Set-CsTeamsEmergencyCallingPolicy)",
  "Sync-CcvEmergencyCallRoutingPolicy": "Emergency call routing policies (New-/Set-CsTeamsEmergencyCallRoutingPolicy)",
  "Sync-CcvEmergencyAddress": "LIS civic addresses and places of the emergency sites (New-CsOnlineLisCivicAddress, New-CsOnlineLisLocation)",
  "Sync-CcvAccountAssignment": "Numbers and policy grants of the resource accounts (Set-CsPhoneNumberAssignment, Grant-Cs*)",
};

/**
 * Every string in a value that a script cannot hold, with its setting path.
 *
 * @param value a spec object (e.g. `spec.teams`)
 * @param path its setting path (e.g. `ccvoice:teams`)
 * @returns one problem per bad string, with the message of {@link psString}'s error
 */
export function scriptValueProblems(value: unknown, path: string): { path: string; message: string }[] {
  if (typeof value === "string") {
    if (!FORBIDDEN.test(value)) return [];
    try {
      psString(value, path);
    } catch (err) {
      return [{ path, message: (err as Error).message }];
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => scriptValueProblems(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => scriptValueProblems(v, `${path}.${k}`));
  }
  return [];
}

function renderValue(value: PsValue, path: string): string {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))) {
    const lines = (value as PsTable[]).map((t, i) => `    ${psLiteral(t, `${path}[${i}]`)}`);
    return `@(\n${lines.join("\n")}\n)`;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return psTableBlock(value as PsTable, path);
  return psLiteral(value, path);
}

function renderStep(step: TeamsStep): string {
  const args = step.args.map((a) => `-${a.name} ${renderValue(a.value, a.path)}`);
  if (step.usesAcsResourceId) args.push("-AcsResourceId $AcsResourceId");
  return `${step.fn} ${args.join(" ")}`;
}

function header(kind: "apply" | "delete", tenantId: string, options: TeamsScriptOptions): string {
  const stack = options.stack === undefined ? "" : ` of stack ${psString(options.stack, "stack")}`;
  const what =
    kind === "apply"
      ? [
          "# Creates or updates the Teams objects declared in the spec. Every object is read first (Get-*) and only",
          "# what differs is changed: a second run changes nothing. Use -WhatIf to list the changes without making them.",
        ]
      : [
          "# Removes the Teams objects declared in the spec, dependants first (grants and numbers, then policies,",
          "# routes, usages, gateways, places, addresses). Objects already gone are skipped. Use -WhatIf first.",
          "# -Keys lists other objects to remove, -Keep objects to leave, -ListKeys prints the keys and stops.",
        ];
  return [
    `# ccvoice Teams ${kind} script${stack}, tenant ${tenantId}.`,
    "# Generated by ccvoice from the stack configuration: regenerate it (ccvoice teams-script) rather than edit it.",
    ...what,
    `# Needs PowerShell 7 and the MicrosoftTeams module; sign in first with Connect-MicrosoftTeams -TenantId ${tenantId},`,
    "# or set CCVOICE_TEAMS_APP_ID and CCVOICE_TEAMS_CERT_PATH (and CCVOICE_TEAMS_CERT_PASSWORD) for app-only sign-in.",
  ].join("\n");
}

const VERSION_CHECK =
  "if ($PSVersionTable.PSVersion.Major -lt 7) { throw 'ccvoice: this script needs PowerShell 7 or later (pwsh)' }";

/**
 * Generates the apply and delete scripts of a spec's Teams side.
 *
 * @param input `spec.teams`, `spec.emergency` (sites) and `spec.approach`
 * @param options ACS immutable resource id, number assignment mode, stack name
 * @returns both scripts, the object keys and the plan hash
 * @throws ScriptValueError listing every spec value that holds a control character (with its path), or
 *   naming a malformed `acsResourceId`; Error from `resolveTeamsNumberType` when a number type is unknown
 */
export function generateTeamsScripts(input: TeamsScriptInput, options: TeamsScriptOptions = {}): TeamsScripts {
  const problems = [
    ...scriptValueProblems(input.teams, "ccvoice:teams"),
    ...scriptValueProblems(input.emergency?.sites ?? [], "ccvoice:emergency.sites"),
  ];
  const [first] = problems;
  if (first) throw new ScriptValueError(first.path, problems.map((p) => p.message).join("\n"));
  if (options.acsResourceId !== undefined && !GUID.test(options.acsResourceId)) {
    throw new ScriptValueError(
      "acsResourceId",
      `acsResourceId must be the ACS immutable resource id, a GUID such as 00000000-0000-0000-0000-000000000000, got ${JSON.stringify(options.acsResourceId)}; read it with az communication show --query immutableResourceId`,
    );
  }
  const plan = buildTeamsPlan(input, options.numberAssignment ?? "powershell");
  const tenant = psString(plan.tenantId, "ccvoice:teams.tenantId");

  const acsParam =
    plan.needsAcsResourceId && options.acsResourceId === undefined
      ? `    [Parameter(Mandatory = $true)]\n    [ValidatePattern(${PS_GUID_PATTERN})]\n    [string] $AcsResourceId`
      : `    [ValidatePattern(${PS_GUID_PATTERN})]\n    [string] $AcsResourceId = ${psString(options.acsResourceId ?? "", "acsResourceId")}`;
  const body: string[] = [];
  let section = "";
  for (const step of plan.steps) {
    if (SECTION_OF[step.fn] !== section) {
      section = SECTION_OF[step.fn] ?? step.fn;
      body.push("", `# ${section}`);
    }
    body.push(renderStep(step));
  }
  const apply = [
    header("apply", plan.tenantId, options),
    "[CmdletBinding(SupportsShouldProcess)]",
    `param(\n${acsParam}\n)`,
    VERSION_CHECK,
    PS_COMMON_FUNCTIONS,
    PS_APPLY_FUNCTIONS,
    `Connect-CcvTeams -TenantId ${tenant}`,
    ...body,
    "",
    "Write-Host ('ccvoice: ' + $ccvState.Changes + ' change(s) made')",
    "",
  ].join("\n");

  const rank = (key: string) => DELETE_ORDER.indexOf(key.split("|")[0] as (typeof DELETE_ORDER)[number]);
  const deleteKeys = plan.keys.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map((e) => e.k);
  const keysLiteral =
    deleteKeys.length === 0
      ? "@()"
      : `@(\n${deleteKeys.map((k, i) => `        ${psString(k, `key ${k}`)}${i < deleteKeys.length - 1 ? "," : ""}`).join("\n")}\n    )`;
  const del = [
    header("delete", plan.tenantId, options),
    "[CmdletBinding(SupportsShouldProcess)]",
    `param(\n    [string[]] $Keys = ${keysLiteral},\n    [string[]] $Keep = @(),\n    [switch] $ListKeys\n)`,
    "if ($ListKeys) { return $Keys }",
    VERSION_CHECK,
    PS_COMMON_FUNCTIONS,
    PS_DELETE_FUNCTIONS,
    `$ccvOrder = ${psLiteral([...DELETE_ORDER], "order")}`,
    "$ccvTodo = @($Keys | Where-Object { $Keep -notcontains $_ } | Sort-Object -Stable -Property { $ccvOrder.IndexOf(($_ -split '\\|', 2)[0]) })",
    "if ($ccvTodo.Count -eq 0) {",
    "    Write-Host 'ccvoice: nothing to remove'",
    "    return",
    "}",
    `Connect-CcvTeams -TenantId ${tenant}`,
    "foreach ($ccvKey in $ccvTodo) { Remove-CcvTeamsObject -Key $ccvKey }",
    "Write-Host ('ccvoice: ' + $ccvState.Changes + ' change(s) made')",
    "",
  ].join("\n");

  return { apply, delete: del, keys: plan.keys, hash: teamsPlanHash(plan) };
}
