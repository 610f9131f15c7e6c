/**
 * Dynamic provider of `TeamsNumberAssignment`: one Teams phone number assigned to one resource account
 * through Graph (`assignNumber` / `unassignNumber`, asynchronous: the provider polls the operation in
 * the `Location` header). Create is lookup-then-assign: a number already assigned to this account is
 * adopted as is; a number assigned to another account is an error, never taken over. Delete unassigns
 * the number only while it is still assigned to this account and no other resource of the same
 * deployment holds the assignment (its replacement under `pulumi up --replace`; see `shared/claims.ts`);
 * the number stays in the tenant.
 */
import type * as pulumi from "@pulumi/pulumi";
import { claim, claimsOfOthers, newInstanceId, ownerOf } from "../shared/claims";
import { findNumberAssignment, requireUser, runNumberAction } from "./graphCalls";
import { checkNumberInputs, diffNumber, type NumberInputs, type NumberOutputs } from "./logic";

/** Claim scope of one number's assignment. */
const numberScope = (phoneNumber: string): string => `teams-number:${phoneNumber}`;

async function ensureAssigned(inputs: NumberInputs): Promise<NumberOutputs> {
  const user = await requireUser(inputs.userPrincipalName);
  const current = await findNumberAssignment(inputs.phoneNumber);
  const target = current?.assignmentTargetId ?? undefined;
  if (target && target.toLowerCase() !== user.id.toLowerCase()) {
    throw new Error(
      `${inputs.phoneNumber} is assigned to another account (${target}), not to ${inputs.userPrincipalName}; unassign it in the Teams admin center first, or correct the number in the spec`,
    );
  }
  if (!target) await runNumberAction("assignNumber", inputs.phoneNumber, inputs.numberType, user.id);
  return { ...inputs, userId: user.id };
}

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const teamsNumberAssignmentProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkNumberInputs(news);
  },
  async diff(id: string, olds: NumberOutputs, news: NumberInputs) {
    const result = diffNumber(olds, news);
    if (result.replaces.length === 0) claim(numberScope(olds.phoneNumber), ownerOf(olds, id), true);
    return result;
  },
  async create(inputs: NumberInputs) {
    const instanceId = newInstanceId();
    claim(numberScope(inputs.phoneNumber), instanceId, true);
    const outs: NumberOutputs = { ...(await ensureAssigned(inputs)), instanceId };
    return { id: inputs.phoneNumber, outs };
  },
  async update(id: string, olds: NumberOutputs, news: NumberInputs) {
    claim(numberScope(news.phoneNumber), ownerOf(olds, id), true);
    return { outs: { ...(await ensureAssigned(news)), ...(olds.instanceId ? { instanceId: olds.instanceId } : {}) } };
  },
  async delete(id: string, props: NumberOutputs) {
    if (claimsOfOthers(numberScope(props.phoneNumber), ownerOf(props, id)).length > 0) return; // held by its replacement
    const current = await findNumberAssignment(props.phoneNumber);
    const target = current?.assignmentTargetId ?? undefined;
    if (target && target.toLowerCase() === props.userId.toLowerCase()) {
      await runNumberAction("unassignNumber", props.phoneNumber, props.numberType);
    }
  },
};
