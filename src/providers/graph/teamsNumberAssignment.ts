/**
 * `TeamsNumberAssignment` (`pulumi-nodejs:dynamic/ccvoice-graph:TeamsNumberAssignment`): assigns a Teams
 * phone number (direct routing, calling plan or Operator Connect) to a resource account through the
 * Microsoft Graph telephone number management API (beta, asynchronous). Deleting it unassigns the
 * number; it never releases the number from the tenant.
 *
 * @see https://learn.microsoft.com/graph/api/teamsadministration-numberassignment-assignnumber?view=graph-rest-beta
 */
import * as pulumi from "@pulumi/pulumi";
import type { GraphNumberType } from "./logic";
import { teamsNumberAssignmentProvider } from "./teamsNumberAssignmentProvider";

/** Arguments of {@link TeamsNumberAssignment}. */
export interface TeamsNumberAssignmentArgs {
  /** UPN of the resource account. */
  userPrincipalName: pulumi.Input<string>;
  /** The number, E.164 with `+`. */
  phoneNumber: pulumi.Input<string>;
  /** `directRouting`, `callingPlan` or `operatorConnect`. */
  numberType: pulumi.Input<GraphNumberType>;
}

/** One Teams number assigned to one resource account. */
export class TeamsNumberAssignment extends pulumi.dynamic.Resource {
  /** Entra object id of the account holding the number. */
  declare readonly userId: pulumi.Output<string>;
  declare readonly userPrincipalName: pulumi.Output<string>;
  declare readonly phoneNumber: pulumi.Output<string>;
  declare readonly numberType: pulumi.Output<GraphNumberType>;

  constructor(name: string, args: TeamsNumberAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(teamsNumberAssignmentProvider, name, { ...args, userId: undefined }, opts, "ccvoice-graph", "TeamsNumberAssignment");
  }
}
