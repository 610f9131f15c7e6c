/**
 * Dynamic provider of `TeamsExtensionConsent`. Create is lookup-then-create: `GET` first, and `PUT`
 * only when the consent is missing, so a retried create never fails on an existing consent. Delete
 * answers 204 or 404 (already gone) as success, and leaves the consent alone when another resource of
 * the same deployment holds it (its replacement under `pulumi up --replace`; see `shared/claims.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { claim, claimsOfOthers, newInstanceId, ownerOf } from "../shared/claims";
import { consentResponseError, sendConsentRequest } from "./client";
import { checkConsentInputs, diffConsent, RESOURCE_ACCOUNT_PRINCIPAL, type ConsentInputs } from "./logic";

/** State of `TeamsExtensionConsent`: the inputs and the instance id set by create. */
type ConsentState = ConsentInputs & { readonly instanceId?: string };

/** Claim scope of one consent. */
const consentScope = (c: ConsentInputs): string => `consent:${c.acsEndpoint}/${c.tenantId}/${c.resourceAccountObjectId}`;

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
  async diff(id: string, olds: ConsentState, news: ConsentInputs) {
    claim(consentScope(news), ownerOf(olds, id), true);
    return diffConsent(olds, news);
  },
  async create(inputs: ConsentInputs) {
    const instanceId = newInstanceId();
    claim(consentScope(inputs), instanceId, true);
    const outs: ConsentState = { ...(await ensureConsent(inputs)), instanceId };
    return { id: `${outs.tenantId}/${outs.resourceAccountObjectId}`, outs };
  },
  async update(id: string, olds: ConsentState, news: ConsentInputs) {
    claim(consentScope(news), ownerOf(olds, id), true);
    const outs: ConsentState = { ...(await ensureConsent(news)), ...(olds.instanceId ? { instanceId: olds.instanceId } : {}) };
    return { outs };
  },
  async delete(id: string, props: ConsentState) {
    if (claimsOfOthers(consentScope(props), ownerOf(props, id)).length > 0) return; // held by its replacement
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
