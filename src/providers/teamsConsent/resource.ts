/**
 * `TeamsExtensionConsent` (`pulumi-nodejs:dynamic/ccvoice-acs:TeamsExtensionConsent`): the ACS
 * resource owner's server consent that lets the ACS resource act for a Teams resource account (Teams
 * Phone extensibility, step 3 of the provisioning). Data plane only: no ARM resource exists for it.
 *
 * Credentials: `CCVOICE_ACS_ACCESS_KEY` (HMAC) or `DefaultAzureCredential`, read when the provider runs.
 *
 * @see https://learn.microsoft.com/azure/communication-services/concepts/interop/tpe/teams-phone-extensibility-provisioning
 */
import * as pulumi from "@pulumi/pulumi";
import { teamsExtensionConsentProvider } from "./provider";

/** Arguments of {@link TeamsExtensionConsent}. */
export interface TeamsExtensionConsentArgs {
  /** ACS endpoint, `https://<name>.communication.azure.com`. */
  acsEndpoint: pulumi.Input<string>;
  /** Entra tenant id of the Teams tenant (`teams.tenantId`). */
  tenantId: pulumi.Input<string>;
  /** Entra object id of the resource account (e.g. `ResourceAccountLicense.userId`). */
  resourceAccountObjectId: pulumi.Input<string>;
}

/** The server consent for one resource account on one ACS resource. */
export class TeamsExtensionConsent extends pulumi.dynamic.Resource {
  declare readonly acsEndpoint: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly resourceAccountObjectId: pulumi.Output<string>;

  constructor(name: string, args: TeamsExtensionConsentArgs, opts?: pulumi.CustomResourceOptions) {
    super(teamsExtensionConsentProvider, name, { ...args }, opts, "ccvoice-acs", "TeamsExtensionConsent");
  }
}
