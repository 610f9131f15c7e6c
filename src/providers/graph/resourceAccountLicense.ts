/**
 * `ResourceAccountLicense` (`pulumi-nodejs:dynamic/ccvoice-graph:ResourceAccountLicense`): assigns the
 * Teams Phone Resource Account licence to a resource account through Microsoft Graph
 * (`POST /users/{id}/assignLicense`), after setting its usage location. The account is found by UPN at
 * call time; it must already exist (it is created by the Teams PowerShell, see `src/teams`).
 *
 * Credentials: `CCVOICE_GRAPH_ACCESS_TOKEN` or `DefaultAzureCredential`, read when the provider runs
 * (`client.ts`); endpoint `CCVOICE_GRAPH_ENDPOINT`. The tenant must own the licence (a purchase or the
 * free Resource Account licence added in the admin center: a manual step).
 */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_ACCOUNT_SKU } from "./logic";
import { resourceAccountLicenseProvider } from "./resourceAccountLicenseProvider";

/** Arguments of {@link ResourceAccountLicense}. */
export interface ResourceAccountLicenseArgs {
  /** UPN of the resource account, e.g. `cc-main@contoso.com`. */
  userPrincipalName: pulumi.Input<string>;
  /** ISO country set as the account's usage location before licensing, e.g. `US`. */
  usageLocation: pulumi.Input<string>;
  /**
   * SKU part number of the licence.
   * @default "PHONESYSTEM_VIRTUALUSER" — Microsoft Teams Phone Resource Account (knowledge, UNCERTAIN)
   */
  skuPartNumber?: pulumi.Input<string>;
}

/** The Teams Phone Resource Account licence of one resource account. */
export class ResourceAccountLicense extends pulumi.dynamic.Resource {
  /** Entra object id of the resource account. */
  declare readonly userId: pulumi.Output<string>;
  /** SKU id (GUID) of the licence. */
  declare readonly skuId: pulumi.Output<string>;
  declare readonly userPrincipalName: pulumi.Output<string>;
  declare readonly skuPartNumber: pulumi.Output<string>;
  declare readonly usageLocation: pulumi.Output<string>;

  constructor(name: string, args: ResourceAccountLicenseArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      resourceAccountLicenseProvider,
      name,
      { skuPartNumber: RESOURCE_ACCOUNT_SKU, ...args, userId: undefined, skuId: undefined },
      opts,
      "ccvoice-graph",
      "ResourceAccountLicense",
    );
  }
}
