/**
 * The dynamic provider behind `SipRoutingConfiguration`: one SIP configuration per ACS resource,
 * owning the enabled state of verified domains, its trunks and the whole ordered route list.
 *
 * Credentials are read when a method runs (`CCVOICE_ACS_ACCESS_KEY`, else DefaultAzureCredential),
 * never taken from inputs and never captured: this object serializes to code without secrets.
 */
import type * as pulumi from "@pulumi/pulumi";
import { acsErrorInfo, describeAcsError } from "../shared/acsError";
import { endpointProblem, normalizeEndpoint } from "../shared/acsEndpoint";
import { claim, claimsOfOthers, newInstanceId, ownerOf } from "../shared/claims";
import { createSipConfigurationClient, type SipConfigurationClient } from "./client";
import { diffSipRouting } from "./diff";
import { UNKNOWN, checkSipRoutingInputs, type SipRoutingInputs, type SipRoutingState, type SipTrunkInput } from "./logic";
import { apiVersionFor, ownershipProblem, planHandOver, planSipWrites, stateFromLive, type WireSipConfiguration, type WireSipPatch } from "./plan";

async function readLive(client: SipConfigurationClient): Promise<WireSipConfiguration> {
  try {
    return await client.get();
  } catch (error) {
    throw describeAcsError(error, "reading the SIP configuration (GET /sip)", client.endpoint);
  }
}

/** Plans and sends the writes; returns the configuration after the last one (or `live` when none). */
/** Claim scope of the SIP configuration of one ACS resource; the value is the FQDNs of the trunks declared. */
const sipScope = (endpoint: string): string => `sip:${endpoint}`;

/** Records that a resource instance holds the SIP configuration of `endpoint` with these trunks. */
function holdConfiguration(endpoint: string, owner: string, trunks: SipTrunkInput[]): void {
  if (endpoint !== UNKNOWN) claim(sipScope(endpoint), owner, owned(trunks));
}

/** Sends planned patches in order, naming the step that failed. */
async function sendPatches(client: SipConfigurationClient, patches: WireSipPatch[], current: WireSipConfiguration): Promise<WireSipConfiguration> {
  for (const [i, patch] of patches.entries()) {
    try {
      current = await client.patch(patch);
    } catch (error) {
      const step = patches.length > 1 ? ` (step ${i + 1} of ${patches.length}: ${Object.keys(patch).join(" + ")})` : "";
      throw describeAcsError(error, `updating the SIP configuration (PATCH /sip)${step}`, client.endpoint);
    }
  }
  return current;
}

async function applyPlan(
  client: SipConfigurationClient,
  live: WireSipConfiguration,
  desired: Pick<SipRoutingInputs, "domains" | "trunks" | "routes">,
  previouslyOwned: string[],
): Promise<WireSipConfiguration> {
  const plan = planSipWrites(live, desired, previouslyOwned, client.apiVersion);
  if (plan.problems.length > 0) throw new Error(plan.problems.join("\n"));
  return sendPatches(client, plan.patches, live);
}

function owned(trunks: SipTrunkInput[]): string[] {
  return trunks.map((t) => t.fqdn);
}

/**
 * `pulumi.dynamic.ResourceProvider` for `pulumi-nodejs:dynamic/ccvoice-sip:SipConfiguration`.
 *
 * - `check`: normalises (see `checkSipRoutingInputs`), one failure per bad property.
 * - `diff`: pure, no API call; in-place update for every change but the endpoint.
 * - `create`: refuses a non-empty configuration unless `adoptExisting`; then one PATCH.
 * - `read`: the live configuration as state (drift shows on refresh).
 * - `update`: writes only what differs from the live configuration; nothing when nothing differs; a
 *   trunk that live routes still use is deleted after the final route list is in place (`planSipWrites`).
 * - `delete`: clears the route list, then deletes the trunks it owns; leaves domains and foreign trunks.
 *   When another resource of the same deployment holds the configuration (its replacement, or the
 *   same configuration renamed without an alias), the routes are left to it and only the owned trunks
 *   it does not declare are deleted (see `planHandOver` and `shared/claims.ts`).
 */
export const sipRoutingProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    const { inputs, failures } = checkSipRoutingInputs(news);
    if (inputs.endpoint !== UNKNOWN) {
      const problem = endpointProblem(news.endpoint, "endpoint (the ACS resource endpoint)");
      if (problem) failures.push({ property: "endpoint", reason: problem });
      else inputs.endpoint = normalizeEndpoint(inputs.endpoint);
    }
    return { inputs, failures };
  },

  async diff(id: string, olds: SipRoutingState, news: SipRoutingInputs) {
    holdConfiguration(news.endpoint, ownerOf(olds, id), news.trunks);
    return diffSipRouting(olds, news);
  },

  async create(inputs: SipRoutingInputs) {
    const apiVersion = apiVersionFor(inputs);
    const client = createSipConfigurationClient(inputs.endpoint, apiVersion);
    const live = await readLive(client);
    if (!inputs.adoptExisting) {
      const problem = ownershipProblem(live, inputs, inputs.endpoint);
      if (problem) throw new Error(problem);
    }
    const instanceId = newInstanceId();
    holdConfiguration(inputs.endpoint, instanceId, inputs.trunks);
    const final = await applyPlan(client, live, inputs, []);
    return { id: `${inputs.endpoint}/sip`, outs: { ...stateFromLive(final, inputs.trunks, inputs, apiVersion), instanceId } };
  },

  async read(id: string, props?: SipRoutingState) {
    if (!props) throw new Error(`cannot read SIP configuration ${id} without its recorded state; import is not supported`);
    const client = createSipConfigurationClient(props.endpoint, props.apiVersion);
    const live = await readLive(client);
    return { id, props: { ...stateFromLive(live, props.trunks, props, props.apiVersion), ...(props.instanceId ? { instanceId: props.instanceId } : {}) } };
  },

  async update(id: string, olds: SipRoutingState, news: SipRoutingInputs) {
    holdConfiguration(news.endpoint, ownerOf(olds, id), news.trunks);
    const apiVersion = apiVersionFor(news, olds);
    const client = createSipConfigurationClient(news.endpoint, apiVersion);
    const live = await readLive(client);
    const final = await applyPlan(client, live, news, owned(olds.trunks));
    return { outs: { ...stateFromLive(final, news.trunks, news, apiVersion), ...(olds.instanceId ? { instanceId: olds.instanceId } : {}) } };
  },

  async delete(id: string, props: SipRoutingState) {
    const client = createSipConfigurationClient(props.endpoint, props.apiVersion);
    let live: WireSipConfiguration;
    try {
      live = await client.get();
    } catch (error) {
      if (acsErrorInfo(error).status === 404) return; // the ACS resource is gone, and its configuration with it
      throw describeAcsError(error, "reading the SIP configuration (GET /sip)", client.endpoint);
    }
    const others = claimsOfOthers<string[]>(sipScope(props.endpoint), ownerOf(props, id));
    if (others.length > 0) {
      await sendPatches(client, planHandOver(live, owned(props.trunks), others.flat()), live);
      return;
    }
    await applyPlan(client, live, { domains: [], trunks: [], routes: [] }, owned(props.trunks));
  },
};
