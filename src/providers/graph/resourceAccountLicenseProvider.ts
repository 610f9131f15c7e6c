/**
 * Dynamic provider of `ResourceAccountLicense`: the Teams Phone Resource Account licence of one
 * resource account (an Entra user). Create and update are lookup-then-change: read the user and its
 * licences, set the usage location if it differs, add the licence if it is missing; a retried create
 * therefore never assigns twice. Delete removes the licence if the user still has it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { changeLicense, findSkuId, findUser, requireUser, setUsageLocation } from "./graphCalls";
import { checkLicenseInputs, diffLicense, type LicenseInputs, type LicenseOutputs } from "./logic";

async function ensureLicense(inputs: LicenseInputs): Promise<LicenseOutputs> {
  const user = await requireUser(inputs.userPrincipalName);
  const skuId = await findSkuId(inputs.skuPartNumber);
  if (user.usageLocation !== inputs.usageLocation) {
    await setUsageLocation(user.id, inputs.usageLocation);
  }
  if (!user.assignedLicenses.some((l) => l.skuId.toLowerCase() === skuId.toLowerCase())) {
    await changeLicense(user.id, skuId, "add");
  }
  return { ...inputs, userId: user.id, skuId };
}

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const resourceAccountLicenseProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkLicenseInputs(news);
  },
  async diff(_id: string, olds: LicenseOutputs, news: LicenseInputs) {
    return diffLicense(olds, news);
  },
  async create(inputs: LicenseInputs) {
    const outs = await ensureLicense(inputs);
    return { id: `${outs.userId}/${outs.skuId}`, outs };
  },
  async update(_id: string, _olds: LicenseOutputs, news: LicenseInputs) {
    return { outs: await ensureLicense(news) };
  },
  async delete(_id: string, props: LicenseOutputs) {
    const user = await findUser(props.userId);
    if (!user) return;
    if (user.assignedLicenses.some((l) => l.skuId.toLowerCase() === props.skuId.toLowerCase())) {
      await changeLicense(user.id, props.skuId, "remove");
    }
  },
};
