/**
 * Dynamic provider of `ResourceAccountLicense`: the Teams Phone Resource Account licence of one
 * resource account (an Entra user). Create and update are lookup-then-change: read the user and its
 * licences, set the usage location if it differs, add the licence if it is missing; a retried create
 * therefore never assigns twice. Delete removes the licence if the user still has it, unless another
 * resource of the same deployment holds it (its replacement under `pulumi up --replace`; see
 * `shared/claims.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { claim, claimsOfOthers, newInstanceId, ownerOf } from "../shared/claims";
import { changeLicense, findSkuId, findUser, requireUser, setUsageLocation } from "./graphCalls";
import { checkLicenseInputs, diffLicense, type LicenseInputs, type LicenseOutputs } from "./logic";

/** Claim scope of one licence of one account. */
const licenseScope = (o: Pick<LicenseOutputs, "userId" | "skuId">): string => `license:${o.userId.toLowerCase()}/${o.skuId.toLowerCase()}`;

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
  async diff(id: string, olds: LicenseOutputs, news: LicenseInputs) {
    const result = diffLicense(olds, news);
    if (result.replaces.length === 0) claim(licenseScope(olds), ownerOf(olds, id), true);
    return result;
  },
  async create(inputs: LicenseInputs) {
    const instanceId = newInstanceId();
    const outs: LicenseOutputs = { ...(await ensureLicense(inputs)), instanceId };
    claim(licenseScope(outs), instanceId, true);
    return { id: `${outs.userId}/${outs.skuId}`, outs };
  },
  async update(id: string, olds: LicenseOutputs, news: LicenseInputs) {
    const outs: LicenseOutputs = { ...(await ensureLicense(news)), ...(olds.instanceId ? { instanceId: olds.instanceId } : {}) };
    claim(licenseScope(outs), ownerOf(olds, id), true);
    return { outs };
  },
  async delete(id: string, props: LicenseOutputs) {
    if (claimsOfOthers(licenseScope(props), ownerOf(props, id)).length > 0) return; // held by its replacement
    const user = await findUser(props.userId);
    if (!user) return;
    if (user.assignedLicenses.some((l) => l.skuId.toLowerCase() === props.skuId.toLowerCase())) {
      await changeLicense(user.id, props.skuId, "remove");
    }
  },
};
