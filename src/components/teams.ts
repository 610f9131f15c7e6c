/**
 * `ccvoice:teams:Teams`: the Teams side of Teams Phone extensibility for one environment.
 *
 * - Teams PowerShell objects (resource accounts and their ACS link, PSTN gateways, usages, voice routes,
 *   voice routing policies, emergency calling and call routing policies, LIS addresses, policy grants)
 *   have no API: the component generates the scripts (`src/teams`). With `teams.apply: true` it runs them
 *   through `@pulumi/command` (`<name>-apply`: apply script on create/update, `triggers` = plan hash;
 *   `<name>-teardown`: prunes objects taken out of the spec on update, runs the delete script on
 *   delete). Otherwise it creates no command and exposes the script as the `applyScript` output for an
 *   admin to run.
 * - Per resource account, through APIs: the Teams Phone Resource Account licence (Graph), the phone
 *   number assignment (Graph, when the account has `phoneNumber`) and the ACS server consent
 *   (`TeamsExtensionConsent`), in that order.
 *
 * Child names: `<name>-apply`, `<name>-teardown`, `<name>-license-<account>`, `<name>-number-<account>`,
 * `<name>-consent-<account>`, where `<account>` is the UPN in lower case with other characters as `-`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as local from "@pulumi/command/local";
import type { Approach, EmergencySpec, TeamsSpec } from "../config/schema";
import { ResourceAccountLicense } from "../providers/graph/resourceAccountLicense";
import { TeamsNumberAssignment } from "../providers/graph/teamsNumberAssignment";
import { graphNumberType } from "../providers/graph/logic";
import { TeamsExtensionConsent } from "../providers/teamsConsent/resource";
import { applyRunner, PWSH_INTERPRETER, TEARDOWN_CREATE, TEARDOWN_DELETE, TEARDOWN_UPDATE } from "../teams/commandRunners";
import { generateTeamsScripts } from "../teams/generateTeamsScripts";
import { resolveTeamsNumberType } from "../teams/teamsPlan";

/** Arguments of {@link Teams}. */
export interface TeamsArgs {
  /** ACS endpoint `https://<host>`, where the server consent is granted. */
  acsEndpoint: pulumi.Input<string>;
  /** ACS immutable resource id (GUID): `-AcsResourceId` of the resource accounts. */
  acsImmutableResourceId: pulumi.Input<string>;
  /** `spec.teams`. */
  teams: TeamsSpec;
  /** `spec.emergency`; its sites become LIS addresses. @default no sites */
  emergency?: Pick<EmergencySpec, "sites">;
  /**
   * `spec.approach`; gives the number type of accounts without `phoneNumberType`.
   * @default undefined — every account with a number must state `phoneNumberType`
   */
  approach?: { inbound: Approach; outbound: Approach };
}

/** The account part of child names: `cc-support-us@contoso.com` → `cc-support-us-contoso-com`. */
export function accountSlug(upn: string): string {
  return upn.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The Teams side of the voice channel. */
export class Teams extends pulumi.ComponentResource {
  /** Apply script with the ACS immutable resource id filled in (numbers left to Graph). */
  public readonly applyScript: pulumi.Output<string>;
  /** Delete script. */
  public readonly deleteScript: pulumi.Output<string>;
  /** SHA-256 of the Teams plan: the `triggers` of the apply command. */
  public readonly planHash: pulumi.Output<string>;
  /** Entra object id of each resource account, by UPN. */
  public readonly resourceAccountObjectIds: pulumi.Output<Record<string, string>>;
  /** Whether the scripts run inside `pulumi up`. */
  public readonly applied: boolean;

  /**
   * @param name logical name, e.g. `ccvoice-prod-teams`
   * @param args see {@link TeamsArgs}
   * @param opts component options
   * @throws ScriptValueError when a spec value cannot be written into PowerShell; Error when a number
   *   type cannot be decided or two account names collide
   */
  constructor(name: string, args: TeamsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:teams:Teams", name, {}, opts);
    const input = {
      teams: args.teams,
      ...(args.emergency ? { emergency: args.emergency } : {}),
      ...(args.approach ? { approach: args.approach } : {}),
    };
    // Numbers are assigned by the Graph resource below, so the scripts leave them out.
    const scripts = generateTeamsScripts(input, { numberAssignment: "graph" });
    this.applied = args.teams.apply;

    const commands: pulumi.Resource[] = [];
    if (args.teams.apply) {
      const runner = pulumi.output(args.acsImmutableResourceId).apply((id) => applyRunner(id));
      const apply = new local.Command(
        `${name}-apply`,
        { interpreter: [...PWSH_INTERPRETER], stdin: scripts.apply, create: runner, update: runner, triggers: [scripts.hash] },
        { parent: this },
      );
      const teardown = new local.Command(
        `${name}-teardown`,
        {
          interpreter: [...PWSH_INTERPRETER],
          stdin: scripts.delete,
          create: TEARDOWN_CREATE,
          update: TEARDOWN_UPDATE,
          delete: TEARDOWN_DELETE,
        },
        { parent: this, dependsOn: [apply] },
      );
      commands.push(apply, teardown);
    }

    const slugs = new Map<string, string>();
    const objectIds: pulumi.Output<[string, string]>[] = [];
    args.teams.resourceAccounts.forEach((ra, i) => {
      const slug = accountSlug(ra.upn);
      const clash = slugs.get(slug);
      if (clash) throw new Error(`ccvoice:teams.resourceAccounts[${i}].upn ${ra.upn} gives the same resource name as ${clash}; rename one account`);
      slugs.set(slug, ra.upn);
      const license = new ResourceAccountLicense(
        `${name}-license-${slug}`,
        { userPrincipalName: ra.upn, usageLocation: ra.usageLocation },
        { parent: this, dependsOn: commands },
      );
      if (ra.phoneNumber) {
        new TeamsNumberAssignment(
          `${name}-number-${slug}`,
          {
            userPrincipalName: ra.upn,
            phoneNumber: ra.phoneNumber,
            numberType: graphNumberType(resolveTeamsNumberType(ra, i, args.approach)),
          },
          { parent: this, dependsOn: [license] },
        );
      }
      new TeamsExtensionConsent(
        `${name}-consent-${slug}`,
        { acsEndpoint: args.acsEndpoint, tenantId: args.teams.tenantId, resourceAccountObjectId: license.userId },
        { parent: this },
      );
      objectIds.push(license.userId.apply((id): [string, string] => [ra.upn, id]));
    });

    this.applyScript = pulumi
      .output(args.acsImmutableResourceId)
      .apply((id) => generateTeamsScripts(input, { numberAssignment: "graph", acsResourceId: id }).apply);
    this.deleteScript = pulumi.output(scripts.delete);
    this.planHash = pulumi.output(scripts.hash);
    this.resourceAccountObjectIds = pulumi.all(objectIds).apply((pairs) => Object.fromEntries(pairs));
    this.registerOutputs({
      applyScript: this.applyScript,
      deleteScript: this.deleteScript,
      planHash: this.planHash,
      resourceAccountObjectIds: this.resourceAccountObjectIds,
    });
  }
}
