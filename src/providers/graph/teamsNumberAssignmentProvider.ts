/**
 * Dynamic provider of `TeamsNumberAssignment`: one Teams phone number assigned to one resource account
 * through Graph (`assignNumber` / `unassignNumber`, asynchronous: the provider polls the operation in
 * the `Location` header). Create is lookup-then-assign: a number already assigned to this account is
 * adopted as is; a number assigned to another account is an error, never taken over. Delete unassigns
 * the number only while it is still assigned to this account; the number stays in the tenant.
 */
import type * as pulumi from "@pulumi/pulumi";
import { findNumberAssignment, requireUser, runNumberAction } from "./graphCalls";
import { checkNumberInputs, diffNumber, type NumberInputs, type NumberOutputs } from "./logic";

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
  async diff(_id: string, olds: NumberOutputs, news: NumberInputs) {
    return diffNumber(olds, news);
  },
  async create(inputs: NumberInputs) {
    const outs = await ensureAssigned(inputs);
    return { id: inputs.phoneNumber, outs };
  },
  async update(_id: string, _olds: NumberOutputs, news: NumberInputs) {
    return { outs: await ensureAssigned(news) };
  },
  async delete(_id: string, props: NumberOutputs) {
    const current = await findNumberAssignment(props.phoneNumber);
    const target = current?.assignmentTargetId ?? undefined;
    if (target && target.toLowerCase() === props.userId.toLowerCase()) {
      await runNumberAction("unassignNumber", props.phoneNumber, props.numberType);
    }
  },
};
