/**
 * The Teams objects a spec asks for, as an ordered list of steps that the script generator renders as
 * calls of the `Sync-Ccv*` functions, plus the key of every object (for the delete script and for
 * pruning). Pure: reads the spec objects (`spec.teams`, `spec.emergency.sites`) and nothing else; the
 * Teams routing semantics (which route a call takes) live in `src/routing`, not here.
 */
import { createHash } from "node:crypto";
import type { Approach, EmergencySpec, ResourceAccount, TeamsSpec } from "../config/schema";
import type { PsTable, PsValue } from "./psLiteral";
import type { TeamsObjectKind } from "./psDeleteFunctions";

/** What the generator reads: the spec objects of the Teams side. */
export interface TeamsScriptInput {
  /** `spec.teams`. */
  readonly teams: TeamsSpec;
  /** `spec.emergency`; its `sites` become LIS civic addresses and places. @default no sites */
  readonly emergency?: Pick<EmergencySpec, "sites">;
  /** `spec.approach`; decides the Teams number type when an account does not state `phoneNumberType`. */
  readonly approach?: { readonly inbound: Approach; readonly outbound: Approach };
}

/** Who assigns resource-account phone numbers. */
export type NumberAssignmentMode = "powershell" | "graph";

/** One named argument of a step. */
export interface TeamsStepArg {
  /** PowerShell parameter name, e.g. `Settings`. */
  readonly name: string;
  /** The value; tables are rendered one entry per line. */
  readonly value: PsValue;
  /** Setting path of the value, for error messages. */
  readonly path: string;
}

/** One call in the apply script. */
export interface TeamsStep {
  /** PowerShell function called, e.g. `Sync-CcvPstnGateway`. */
  readonly fn: string;
  readonly args: readonly TeamsStepArg[];
  /** Keys of the objects this step manages, in the form `kind|part|...` ({@link teamsObjectKey}). */
  readonly keys: readonly string[];
  /** Whether the call also takes the script's `-AcsResourceId`. */
  readonly usesAcsResourceId?: boolean;
}

/** The Teams objects of a spec, in apply order. */
export interface TeamsPlan {
  readonly tenantId: string;
  readonly steps: readonly TeamsStep[];
  /** Every object key, in apply order. */
  readonly keys: readonly string[];
  /** Whether a resource account needs the ACS immutable resource id. */
  readonly needsAcsResourceId: boolean;
}

/**
 * The key of one Teams object: `kind|part|...`. The last part may itself hold `|` (it is a UPN or a
 * place name); the others cannot (names, numbers, policy types).
 *
 * @example teamsObjectKey("grant", "OnlineVoiceRoutingPolicy", "CC-NorthAmerica", "cc@contoso.com")
 *   → "grant|OnlineVoiceRoutingPolicy|CC-NorthAmerica|cc@contoso.com"
 */
export function teamsObjectKey(kind: TeamsObjectKind, ...parts: string[]): string {
  return [kind, ...parts].join("|");
}

const TEAMS_NUMBER_TYPE_OF_APPROACH: Partial<Record<Approach, ResourceAccount["phoneNumberType"]>> = {
  "teams-direct-routing": "DirectRouting",
  "teams-calling-plan": "CallingPlan",
};

/**
 * The Teams number type of a resource account's number: its `phoneNumberType`, else the one implied by
 * the Teams approach (`teams-direct-routing` → DirectRouting, `teams-calling-plan` → CallingPlan).
 *
 * @param account the resource account
 * @param index its index in `ccvoice:teams.resourceAccounts`, for the message
 * @param approach `spec.approach`
 * @throws Error naming the setting when the approach does not imply one type (both Teams approaches, or none)
 */
export function resolveTeamsNumberType(
  account: ResourceAccount,
  index: number,
  approach: TeamsScriptInput["approach"],
): NonNullable<ResourceAccount["phoneNumberType"]> {
  if (account.phoneNumberType) return account.phoneNumberType;
  const implied = new Set(
    [approach?.inbound, approach?.outbound].map((a) => (a ? TEAMS_NUMBER_TYPE_OF_APPROACH[a] : undefined)).filter((t) => t !== undefined),
  );
  const [only] = [...implied];
  if (implied.size === 1 && only) return only;
  throw new Error(
    `ccvoice:teams.resourceAccounts[${index}].phoneNumberType is required for ${account.phoneNumber ?? "the number"} because the approach does not imply one; set DirectRouting, CallingPlan or OperatorConnect`,
  );
}

const TA = "ccvoice:teams";

/**
 * Builds the ordered Teams plan of a spec: resource accounts (with the ACS link), PSTN gateways, PSTN
 * usages, voice routes, voice routing policies, emergency calling policies, emergency call routing
 * policies, LIS addresses and places of the emergency sites, then per account its number (when
 * `numberAssignment` is `powershell`) and policy grants.
 *
 * @param input the spec objects
 * @param numberAssignment `powershell` to assign numbers with `Set-CsPhoneNumberAssignment`, `graph`
 *   when the Graph `TeamsNumberAssignment` resource does it @default "powershell"
 * @throws Error from {@link resolveTeamsNumberType}
 */
export function buildTeamsPlan(input: TeamsScriptInput, numberAssignment: NumberAssignmentMode = "powershell"): TeamsPlan {
  const { teams } = input;
  const steps: TeamsStep[] = [];
  const step = (fn: string, keys: string[], args: TeamsStepArg[], usesAcsResourceId?: boolean) =>
    steps.push(usesAcsResourceId ? { fn, keys, args, usesAcsResourceId } : { fn, keys, args });

  teams.resourceAccounts.forEach((ra, i) => {
    const p = `${TA}.resourceAccounts[${i}]`;
    step("Sync-CcvResourceAccount", [teamsObjectKey("resource-account", ra.upn)], [
      { name: "UserPrincipalName", value: ra.upn, path: `${p}.upn` },
      { name: "DisplayName", value: ra.displayName, path: `${p}.displayName` },
      { name: "ApplicationId", value: ra.applicationId, path: `${p}.applicationId` },
    ], true);
  });

  const dr = teams.directRouting;
  dr.gateways.forEach((gw, i) => {
    const p = `${TA}.directRouting.gateways[${i}]`;
    const settings: PsTable = {
      SipSignalingPort: gw.sipSignalingPort,
      Enabled: gw.enabled,
      MaxConcurrentSessions: gw.maxConcurrentSessions,
      PidfLoSupported: gw.pidfLoSupported,
    };
    step("Sync-CcvPstnGateway", [teamsObjectKey("pstn-gateway", gw.fqdn)], [
      { name: "Fqdn", value: gw.fqdn, path: `${p}.fqdn` },
      { name: "Settings", value: settings, path: p },
    ]);
  });
  dr.pstnUsages.forEach((usage, i) => {
    step("Sync-CcvPstnUsage", [teamsObjectKey("pstn-usage", usage)], [
      { name: "Usage", value: usage, path: `${TA}.directRouting.pstnUsages[${i}]` },
    ]);
  });
  dr.voiceRoutes.forEach((route, i) => {
    const p = `${TA}.directRouting.voiceRoutes[${i}]`;
    const settings: PsTable = {
      NumberPattern: route.numberPattern,
      OnlinePstnGatewayList: route.gateways,
      OnlinePstnUsages: route.pstnUsages,
      Priority: route.priority,
      Description: route.description,
    };
    step("Sync-CcvVoiceRoute", [teamsObjectKey("voice-route", route.name)], [
      { name: "Name", value: route.name, path: `${p}.name` },
      { name: "Settings", value: settings, path: p },
    ]);
  });
  dr.voiceRoutingPolicies.forEach((policy, i) => {
    const p = `${TA}.directRouting.voiceRoutingPolicies[${i}]`;
    step("Sync-CcvVoiceRoutingPolicy", [teamsObjectKey("voice-routing-policy", policy.name)], [
      { name: "Name", value: policy.name, path: `${p}.name` },
      { name: "Settings", value: { OnlinePstnUsages: policy.pstnUsages, Description: policy.description }, path: p },
    ]);
  });

  teams.emergencyCallingPolicies.forEach((policy, i) => {
    const p = `${TA}.emergencyCallingPolicies[${i}]`;
    const settings: PsTable = {
      Description: policy.description,
      NotificationGroup: policy.notificationGroup.join(";"),
      NotificationDialOutNumber: policy.notificationDialOutNumber,
      NotificationMode: policy.notificationMode,
      ExternalLocationLookupMode: policy.externalLocationLookupMode,
    };
    // An extended notification states all three values; the ones the spec leaves out are the policy's.
    const extended: PsTable[] = policy.extendedNotifications.map((e) => ({
      EmergencyDialString: e.emergencyDialString,
      NotificationGroup: (e.notificationGroup ?? policy.notificationGroup).join(";"),
      NotificationDialOutNumber: e.notificationDialOutNumber ?? policy.notificationDialOutNumber,
      NotificationMode: e.notificationMode ?? policy.notificationMode,
    }));
    step("Sync-CcvEmergencyCallingPolicy", [teamsObjectKey("emergency-calling-policy", policy.name)], [
      { name: "Name", value: policy.name, path: `${p}.name` },
      { name: "Settings", value: settings, path: p },
      ...(extended.length > 0 ? [{ name: "ExtendedNotifications", value: extended, path: `${p}.extendedNotifications` }] : []),
    ]);
  });
  teams.emergencyCallRoutingPolicies.forEach((policy, i) => {
    const p = `${TA}.emergencyCallRoutingPolicies[${i}]`;
    const numbers: PsTable[] = policy.emergencyNumbers.map((n) => ({
      EmergencyDialString: n.emergencyDialString,
      EmergencyDialMask: n.emergencyDialMask.length > 0 ? n.emergencyDialMask.join(";") : undefined,
      OnlinePSTNUsage: n.pstnUsage,
    }));
    step("Sync-CcvEmergencyCallRoutingPolicy", [teamsObjectKey("emergency-call-routing-policy", policy.name)], [
      { name: "Name", value: policy.name, path: `${p}.name` },
      {
        name: "Settings",
        value: { Description: policy.description, AllowEnhancedEmergencyServices: policy.allowEnhancedEmergencyServices },
        path: p,
      },
      { name: "EmergencyNumbers", value: numbers, path: `${p}.emergencyNumbers` },
    ]);
  });

  (input.emergency?.sites ?? []).forEach((site, i) => {
    const p = `ccvoice:emergency.sites[${i}]`;
    const a = site.address;
    const address: PsTable = {
      CompanyName: a.companyName,
      HouseNumber: a.houseNumber,
      StreetName: a.streetName,
      City: a.city,
      StateOrProvince: a.stateOrProvince,
      PostalCode: a.postalCode,
      CountryOrRegion: a.countryOrRegion,
    };
    const keys = [teamsObjectKey("lis-address", site.name)];
    if (a.location) keys.push(teamsObjectKey("lis-place", site.name, a.location));
    step("Sync-CcvEmergencyAddress", keys, [
      { name: "Site", value: site.name, path: `${p}.name` },
      { name: "Address", value: address, path: `${p}.address` },
      ...(a.location ? [{ name: "Place", value: a.location, path: `${p}.address.location` }] : []),
    ]);
  });

  teams.resourceAccounts.forEach((ra, i) => {
    const p = `${TA}.resourceAccounts[${i}]`;
    const args: TeamsStepArg[] = [{ name: "UserPrincipalName", value: ra.upn, path: `${p}.upn` }];
    const keys: string[] = [];
    if (ra.phoneNumber && numberAssignment === "powershell") {
      const type = resolveTeamsNumberType(ra, i, input.approach);
      args.push({ name: "PhoneNumber", value: ra.phoneNumber, path: `${p}.phoneNumber` });
      args.push({ name: "PhoneNumberType", value: type, path: `${p}.phoneNumberType` });
      keys.push(teamsObjectKey("number", type, ra.phoneNumber, ra.upn));
    }
    const grants: [string, string | undefined][] = [
      ["OnlineVoiceRoutingPolicy", ra.voiceRoutingPolicy],
      ["TeamsEmergencyCallingPolicy", ra.emergencyCallingPolicy],
      ["TeamsEmergencyCallRoutingPolicy", ra.emergencyCallRoutingPolicy],
    ];
    const policies: Record<string, string> = {};
    for (const [type, name] of grants) {
      if (!name) continue;
      policies[type] = name;
      keys.push(teamsObjectKey("grant", type, name, ra.upn));
    }
    if (Object.keys(policies).length > 0) args.push({ name: "Policies", value: policies, path: p });
    if (keys.length > 0) step("Sync-CcvAccountAssignment", keys, args);
  });

  return {
    tenantId: teams.tenantId,
    steps,
    keys: steps.flatMap((s) => s.keys),
    needsAcsResourceId: teams.resourceAccounts.length > 0,
  };
}

/**
 * A stable hash of a plan (SHA-256, hex): equal plans give equal hashes. Used as the `triggers` of the
 * command resources, so that a change to any Teams object re-runs the apply script.
 */
export function teamsPlanHash(plan: TeamsPlan): string {
  return createHash("sha256").update(JSON.stringify({ tenantId: plan.tenantId, steps: plan.steps })).digest("hex");
}
