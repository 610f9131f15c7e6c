/**
 * Dynamic provider of `TeamsExtensionConsent`. Create is lookup-then-create: `GET` first, and `PUT`
 * only when the consent is missing, so a retried create never fails on an existing consent. Delete
 * answers 204 or 404 (already gone) as success.
 */
import type * as pulumi from "@pulumi/pulumi";
import { consentResponseError, sendConsentRequest } from "./client";
import { checkConsentInputs, diffConsent, RESOURCE_ACCOUNT_PRINCIPAL, type ConsentInputs } from "./logic";

async function ensureConsent(inputs: ConsentInputs): Promise<ConsentInputs> {
  const existing = await sendConsentRequest("GET", inputs);
  if (existing.status === 200) return inputs;
  if (existing.status !== 404) {
    throw consentResponseError(existing, `reading the Teams-extension consent for resource account ${inputs.resourceAccountObjectId}`, inputs.acsEndpoint);
  }
  const created = await sendConsentRequest("PUT", inputs, { principalType: RESOURCE_ACCOUNT_PRINCIPAL });
  if (created.status !== 200 && created.status !== 201) {
    throw consentResponseError(created, `granting the Teams-extension consent for resource account ${inputs.resourceAccountObjectId}`, inputs.acsEndpoint);
  }
  return inputs;
}

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const teamsExtensionConsentProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkConsentInputs(news);
  },
  async diff(_id: string, olds: ConsentInputs, news: ConsentInputs) {
    return diffConsent(olds, news);
  },
  async create(inputs: ConsentInputs) {
    const outs = await ensureConsent(inputs);
    return { id: `${outs.tenantId}/${outs.resourceAccountObjectId}`, outs };
  },
  async update(_id: string, _olds: ConsentInputs, news: ConsentInputs) {
    return { outs: await ensureConsent(news) };
  },
  async delete(_id: string, props: ConsentInputs) {
    const response = await sendConsentRequest("DELETE", props);
    if (response.status !== 204 && response.status !== 200 && response.status !== 404) {
      throw consentResponseError(response, `removing the Teams-extension consent for resource account ${props.resourceAccountObjectId}`, props.acsEndpoint);
    }
  },
  async read(id: string, props: ConsentInputs) {
    const response = await sendConsentRequest("GET", props);
    if (response.status === 404) return { id: "", props: {} };
    if (response.status !== 200) {
      throw consentResponseError(response, `reading the Teams-extension consent for resource account ${props.resourceAccountObjectId}`, props.acsEndpoint);
    }
    return { id, props };
  },
};
