/**
 * Known-good fixtures for the policy harness: one ACS spec, one Teams spec and one resource per resource type
 * the rules read. Each test case changes one field of a copy and asserts the exact finding.
 */
import type { CheckedResource, Finding } from "../../policies/lib/types";
import { ruleNamed } from "../../policies/ruleList";
import { voiceChannelSpecSchema, type VoiceChannelSpec } from "../../src/config/schema";

type Raw = Record<string, unknown>;

/** A hybrid ACS stack (direct offer in, direct routing out) that passes every rule. */
export function acsRaw(): Raw {
  return {
    environment: "prod",
    approach: { inbound: "acs-direct-offer", outbound: "acs-direct-routing" },
    acs: { name: "contoso-cc", dataLocation: "United States" },
    directRouting: {
      domains: ["contoso.com"],
      trunks: [
        { fqdn: "sbc1.contoso.com", emergencyCapable: true },
        { fqdn: "sbc2.contoso.com", emergencyCapable: true, emergencyCountries: ["DK", "GB"] },
      ],
      routes: [
        { name: "emergency-dk", numberPattern: "^112$", trunks: ["sbc2.contoso.com"] },
        { name: "denmark", numberPattern: "^\\+45\\d{8}$", trunks: ["sbc2.contoso.com"] },
        { name: "nanp", numberPattern: "^\\+1[2-9]\\d{2}[2-9]\\d{6}$", trunks: ["sbc1.contoso.com"] },
      ],
      numbers: [{ phoneNumber: "+4533123480", purpose: "callback-pool" }],
    },
    phoneNumbers: {
      orders: [
        { name: "us-main", countryCode: "US", phoneNumberType: "tollFree", areaCode: "833", quantity: 2, purpose: "main-line" },
        { name: "us-callback", countryCode: "US", phoneNumberType: "geographic", areaCode: "425", quantity: 5, purpose: "callback-pool" },
      ],
      adopt: [{ phoneNumber: "+14255550100", purpose: "outbound-caller-id" }],
    },
    emergency: {
      countries: ["US", "GB", "DK"],
      notificationContacts: [{ email: "security-desk@contoso.com" }],
      callbackLeaseMinutes: 60,
      fallbackTarget: "+14255550199",
      sites: [
        site("seattle", "US", 120, { streetName: "Microsoft Way", city: "Redmond", postalCode: "98052" }),
        site("london", "GB", 60, { streetName: "Kingdom Street", city: "London", postalCode: "W2 6BD" }),
        site("copenhagen", "DK", 25, { streetName: "Kanalvej", city: "Lyngby", postalCode: "2800" }),
      ],
    },
    runtime: {
      alwaysReadyInstances: 1,
      agents: [{ id: "alice", displayName: "Alice", kind: "acs", userId: "8:acs:alice", site: "seattle" }],
    },
  };
}

/** A Teams direct routing stack (one US resource account) that passes every rule. */
export function teamsRaw(): Raw {
  return {
    environment: "prod",
    approach: { inbound: "teams-direct-routing", outbound: "teams-direct-routing" },
    acs: { name: "contoso-cc-teams", dataLocation: "United States" },
    teams: {
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      resourceAccounts: [
        {
          upn: "cc-us@contoso.com",
          displayName: "Contoso US",
          applicationId: "3f1c2b7a-5d4e-4a8b-9c6d-1e2f3a4b5c6d",
          phoneNumber: "+14255550100",
          phoneNumberType: "DirectRouting",
          usageLocation: "US",
          voiceRoutingPolicy: "CC-NA",
          emergencyCallRoutingPolicy: "CC-ER-NA",
        },
      ],
      directRouting: {
        gateways: [{ fqdn: "sbc1.contoso.com", emergencyCapable: true }],
        pstnUsages: ["NA-Emergency", "NA-National"],
        voiceRoutes: [
          { name: "na-emergency", numberPattern: "^(911|933)$", gateways: ["sbc1.contoso.com"], pstnUsages: ["NA-Emergency"], priority: 0 },
          { name: "na-national", numberPattern: "^\\+1\\d{10}$", gateways: ["sbc1.contoso.com"], pstnUsages: ["NA-National"], priority: 1 },
        ],
        voiceRoutingPolicies: [{ name: "CC-NA", pstnUsages: ["NA-Emergency", "NA-National"] }],
      },
      emergencyCallRoutingPolicies: [
        {
          name: "CC-ER-NA",
          emergencyNumbers: [
            { emergencyDialString: "911", pstnUsage: "NA-Emergency" },
            { emergencyDialString: "933", pstnUsage: "NA-Emergency" },
          ],
        },
      ],
    },
    emergency: {
      countries: ["US"],
      notificationContacts: [{ email: "security-desk@contoso.com" }],
      sites: [site("seattle", "US", 120, { streetName: "Microsoft Way", city: "Redmond", postalCode: "98052" })],
    },
    runtime: {
      alwaysReadyInstances: 1,
      agents: [{ id: "alice", displayName: "Alice", kind: "teams", userId: "5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", site: "seattle" }],
    },
  };
}

function site(name: string, country: string, agents: number, address: Raw): Raw {
  return { name, country, agents, address: { companyName: "Contoso", houseNumber: "1", countryOrRegion: country, ...address } };
}

/**
 * A spec from a raw fixture after one change, validated by the schema only (shape and defaults), so cases
 * can hold mistakes the parser's cross-field checks would refuse (as `ccvoice check` does leniently).
 */
export function specFrom(raw: Raw, change?: (raw: Raw) => void): VoiceChannelSpec {
  const copy = structuredClone(raw);
  change?.(copy);
  return voiceChannelSpecSchema.parse(copy);
}

/** Reads a nested object of a raw fixture for a change: `at(raw, "directRouting")`. */
export function at(raw: Raw, path: string): Raw {
  let value: unknown = raw;
  for (const key of path.split(".")) value = (value as Raw)[key];
  return value as Raw;
}

/** One known-good resource per resource type the rules read. */
export function goodResources(spec: VoiceChannelSpec = specFrom(acsRaw())): CheckedResource[] {
  return [
    { type: "ccvoice:index:ContactCenterVoice", name: "ccvoice-prod", parent: null, inputs: {} },
    {
      type: "azure-native:communication:CommunicationService",
      name: "ccvoice-prod-acs-service",
      inputs: { communicationServiceName: "contoso-cc", linkedDomains: ["/subscriptions/0/emailServices/e/domains/AzureManagedDomain"] },
    },
    {
      type: "azure-native:web:WebApp",
      name: "ccvoice-prod-runtime-app",
      inputs: {
        kind: "functionapp,linux",
        identity: { type: "SystemAssigned" },
        tags: { application: "ccvoice", environment: "prod" },
        functionAppConfig: {
          deployment: { storage: { type: "blobContainer", value: "https://st.blob.core.windows.net/app-package", authentication: { type: "SystemAssignedIdentity" } } },
          scaleAndConcurrency: { alwaysReady: [{ name: "function:incomingCall", instanceCount: 1 }], instanceMemoryMB: 2048 },
        },
        siteConfig: {
          appSettings: [
            { name: "AzureWebJobsStorage__accountName", value: "ccvprodstorage" },
            { name: "ACS_ENDPOINT", value: "https://contoso-cc.unitedstates.communication.azure.com" },
            { name: "CCVOICE_SPEC", value: JSON.stringify(spec) },
          ],
        },
      },
    },
    {
      type: "azure-native:eventgrid:SystemTopicEventSubscription",
      name: "ccvoice-prod-events-incoming-call",
      inputs: {
        eventSubscriptionName: "incoming-call",
        filter: { includedEventTypes: ["Microsoft.Communication.IncomingCall"] },
        destination: { endpointType: "AzureFunction", resourceId: "/sites/app/functions/incomingCall" },
        retryPolicy: { eventTimeToLiveInMinutes: 1, maxDeliveryAttempts: 3 },
        deadLetterWithResourceIdentity: {
          identity: { type: "SystemAssigned" },
          deadLetterDestination: { endpointType: "StorageBlob", resourceId: "/storageAccounts/st", blobContainerName: "incoming-call-deadletter" },
        },
      },
    },
    {
      type: "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder",
      name: "ccvoice-prod-numbers-order-us-main",
      inputs: {
        endpoint: "https://contoso-cc.unitedstates.communication.azure.com",
        orderName: "us-main",
        orderKey: "prod/us-main",
        countryCode: "US",
        phoneNumberType: "tollFree",
        quantity: 2,
        releaseOnDelete: false,
      },
    },
    {
      type: "pulumi-nodejs:dynamic/ccvoice-numbers:AdoptedPhoneNumbers",
      name: "ccvoice-prod-numbers-adopted",
      inputs: { numbers: [{ phoneNumber: "+14255550100", purpose: "outbound-caller-id", releaseOnDelete: false }] },
    },
  ];
}

/** A copy of the good resources with one resource's inputs changed. */
export function resourcesWith(type: string, change: (inputs: Raw) => void, spec?: VoiceChannelSpec): CheckedResource[] {
  return goodResources(spec).map((r) => {
    if (r.type !== type) return r;
    const inputs = structuredClone(r.inputs);
    change(inputs);
    return { ...r, inputs };
  });
}

/**
 * Runs one rule the way `ccvoice check` does: its stack check, then its resource check on every resource.
 *
 * @throws Error for an unknown rule name
 */
export function findings(
  rule: string,
  input: { spec?: VoiceChannelSpec; resources?: CheckedResource[]; baseline?: VoiceChannelSpec; resourcesEvaluated?: boolean },
): Finding[] {
  const r = ruleNamed(rule);
  if (!r) throw new Error(`no rule ${rule}`);
  const resources = input.resources ?? [];
  return [
    ...r.check({ ...input, resources }),
    ...(r.checkResource ? resources.flatMap((res) => r.checkResource?.(res) ?? []) : []),
  ];
}
