/**
 * Azure built-in role definitions the components assign, by their fixed GUIDs.
 *
 * @see https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
 */
import * as pulumi from "@pulumi/pulumi";
import { subscriptionOf } from "./names";

/** Built-in role GUIDs (the same in every tenant). */
export const BUILT_IN_ROLES = {
  /** Full blob data access; the Functions host needs it on the deployment and host storage. */
  storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
  /** Read, write and delete blobs; Event Grid needs it to write dead-lettered events. */
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  /** Read, write and delete table entities; the runtime keeps its call state in Table Storage. */
  storageTableDataContributor: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
  /**
   * Contributor; ACS data-plane calls (Call Automation, email) with Entra ID need a role on the ACS resource.
   * @see https://learn.microsoft.com/azure/communication-services/how-tos/managed-identity
   */
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
} as const;

/**
 * The subscription-scoped role definition id of a built-in role, for `authorization.RoleAssignment`.
 *
 * @param scope any ARM resource id in the target subscription (the subscription is read from it)
 * @param roleGuid one of {@link BUILT_IN_ROLES}
 * @returns `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`
 */
export function roleDefinitionId(scope: pulumi.Input<string>, roleGuid: string): pulumi.Output<string> {
  return pulumi
    .output(scope)
    .apply((id) => `/subscriptions/${subscriptionOf(id)}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`);
}
