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
import { createSipConfigurationClient, type SipConfigurationClient } from "./client";
import { diffSipRouting } from "./diff";
import { UNKNOWN, checkSipRoutingInputs, type SipRoutingInputs, type SipRoutingState, type SipTrunkInput } from "./logic";
import { apiVersionFor, ownershipProblem, planSipWrites, stateFromLive, type WireSipConfiguration } from "./plan";

async function readLive(client: SipConfigurationClient): Promise<WireSipConfiguration> {
  try {
    return await client.get();
  } catch (error) {
    throw describeAcsError(error, "reading the SIP configuration (GET /sip)", client.endpoint);
  }
}

/** Plans and sends the writes; returns the configuration after the last one (or `live` when none). */
async function applyPlan(
  client: SipConfigurationClient,
  live: WireSipConfiguration,
  desired: Pick<SipRoutingInputs, "domains" | "trunks" | "routes">,
  previouslyOwned: string[],
): Promise<WireSipConfiguration> {
  const plan = planSipWrites(live, desired, previouslyOwned, client.apiVersion);
  if (plan.problems.length > 0) throw new Error(plan.problems.join("\n"));
  let current = live;
  for (const [i, patch] of plan.patches.entries()) {
    try {
      current = await client.patch(patch);
    } catch (error) {
      const step = plan.patches.length > 1 ? ` (step ${i + 1} of ${plan.patches.length}: ${Object.keys(patch).join(" + ")})` : "";
      throw describeAcsError(error, `updating the SIP configuration (PATCH /sip)${step}`, client.endpoint);
    }
  }
  return current;
}

function owned(trunks: SipTrunkInput[]): string[] {
  return trunks.map((t) => t.fqdn);
}

/**
 * `pulumi.dynamic.ResourceProvider` for `pulumi-nodejs:dynamic/ccvoice-sip:SipConfiguration`.
 *
 * - `check`: normalises (see `checkSipRoutingInputs`), one failure per bad property.
 * - `diff`: pure, no API call; in-place update for every change but the endpoint.
 * - `create`: refuses a non-empty configuration unless `adoptExisting`; then one PATCH (or the
 *   clear/rewrite-routes choreography when a trunk in use must go).
 * - `read`: the live configuration as state (drift shows on refresh).
 * - `update`: writes only what differs from the live configuration; nothing when nothing differs.
 * - `delete`: clears the route list, then deletes the trunks it owns; leaves domains and foreign trunks.
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

  async diff(_id: string, olds: SipRoutingState, news: SipRoutingInputs) {
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
    const final = await applyPlan(client, live, inputs, []);
    return { id: `${inputs.endpoint}/sip`, outs: stateFromLive(final, inputs.trunks, inputs, apiVersion) };
  },

  async read(id: string, props?: SipRoutingState) {
    if (!props) throw new Error(`cannot read SIP configuration ${id} without its recorded state; import is not supported`);
    const client = createSipConfigurationClient(props.endpoint, props.apiVersion);
    const live = await readLive(client);
    return { id, props: stateFromLive(live, props.trunks, props, props.apiVersion) };
  },

  async update(_id: string, olds: SipRoutingState, news: SipRoutingInputs) {
    const apiVersion = apiVersionFor(news, olds);
    const client = createSipConfigurationClient(news.endpoint, apiVersion);
    const live = await readLive(client);
    const final = await applyPlan(client, live, news, owned(olds.trunks));
    return { outs: stateFromLive(final, news.trunks, news, apiVersion) };
  },

  async delete(_id: string, props: SipRoutingState) {
    const client = createSipConfigurationClient(props.endpoint, props.apiVersion);
    let live: WireSipConfiguration;
    try {
      live = await client.get();
    } catch (error) {
      if (acsErrorInfo(error).status === 404) return; // the ACS resource is gone, and its configuration with it
      throw describeAcsError(error, "reading the SIP configuration (GET /sip)", client.endpoint);
    }
    await applyPlan(client, live, { domains: [], trunks: [], routes: [] }, owned(props.trunks));
  },
};
