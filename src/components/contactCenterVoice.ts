/**
 * The whole voice channel of one environment, composed from the spec: resource group, ACS (+ email),
 * the Functions runtime, Event Grid routing of IncomingCall, and (added by their own components) ACS
 * direct routing, phone numbers and the Teams side.
 */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import type { VoiceChannelSpec } from "../config/schema";
import { CommunicationChannel } from "./communicationChannel";
import { DirectRouting } from "./directRouting";
import { EventRouting } from "./eventRouting";
import { storageAccountName } from "./names";
import { PhoneNumbers } from "./phoneNumbers";
import { RuntimeApp } from "./runtimeApp";
import { RUNTIME_CONFIG_SETTING, runtimeConfigFromSpec } from "../runtime/runtimeConfigFromSpec";
import { Teams } from "./teams";

/** Arguments of {@link ContactCenterVoice}. */
export interface ContactCenterVoiceArgs {
  /** The validated spec of the stack (`loadSpec()`). */
  spec: VoiceChannelSpec;
  /**
   * Resources the IncomingCall subscription waits for (the deployment of the function code).
   * @default [] — the code must be deployed before `pulumi up` creates the subscription
   */
  functionDeployment?: pulumi.Input<pulumi.Resource>[];
  /** Extra tags for every resource. @default {} — `application` and `environment` are always set */
  tags?: Record<string, string>;
}

/** Which parts of the channel an approach needs (DESIGN.md section 2). */
export interface ApproachNeeds {
  /** ACS direct routing (SBC trunks and routes on the ACS resource). */
  readonly acsDirectRouting: boolean;
  /** Microsoft numbers on the ACS resource (direct offer). */
  readonly acsNumbers: boolean;
  /** Teams Phone extensibility (resource accounts, Teams policies). */
  readonly teams: boolean;
}

/**
 * What the spec's inbound and outbound approaches need.
 *
 * @param spec validated spec
 */
export function approachNeeds(spec: VoiceChannelSpec): ApproachNeeds {
  const used = new Set([spec.approach.inbound, spec.approach.outbound]);
  return {
    acsDirectRouting: used.has("acs-direct-routing") || spec.directRouting !== undefined,
    acsNumbers:
      used.has("acs-direct-offer") || spec.phoneNumbers.orders.length > 0 || spec.phoneNumbers.adopt.length > 0,
    teams: used.has("teams-direct-routing") || used.has("teams-calling-plan"),
  };
}

/**
 * `ccvoice:index:ContactCenterVoice`: the voice channel of one environment.
 *
 * Children (logical names): `<name>-rg` (resource group `rg-<acs.name>`), `<name>-acs`
 * ({@link CommunicationChannel}), `<name>-runtime` ({@link RuntimeApp}), `<name>-events` ({@link EventRouting}).
 */
export class ContactCenterVoice extends pulumi.ComponentResource {
  public readonly resourceGroup: resources.ResourceGroup;
  public readonly channel: CommunicationChannel;
  public readonly runtime: RuntimeApp;
  public readonly events: EventRouting;
  /** What the approach needs; the seams below read it. */
  public readonly needs: ApproachNeeds;
  /** Resource group name. */
  public readonly resourceGroupName: pulumi.Output<string>;
  /** ACS endpoint, `https://<hostName>`: what the data-plane providers and SDKs call. */
  public readonly acsEndpoint: pulumi.Output<string>;
  /** ACS host name. */
  public readonly acsHostName: pulumi.Output<string>;
  /** ACS ARM resource id. */
  public readonly acsResourceId: pulumi.Output<string>;
  /** ACS immutable resource id (GUID), for Teams `-AcsResourceId` and the JWT audience. */
  public readonly acsImmutableResourceId: pulumi.Output<string>;
  /** Sender address of emergency notification emails. */
  public readonly emailSenderAddress: pulumi.Output<string>;
  /** Function App name. */
  public readonly functionAppName: pulumi.Output<string>;
  /** Function App default host name. */
  public readonly functionAppHostName: pulumi.Output<string>;
  /** Storage account name of the runtime. */
  public readonly storageAccountName: pulumi.Output<string>;
  /** Event Grid system topic name. */
  public readonly systemTopicName: pulumi.Output<string>;
  /** IncomingCall event subscription name. */
  public readonly incomingCallSubscriptionName: pulumi.Output<string>;

  /**
   * @param name logical name, `ccvoice-<environment>` in the program
   * @param args see {@link ContactCenterVoiceArgs}
   * @param opts component options
   */
  constructor(name: string, args: ContactCenterVoiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:index:ContactCenterVoice", name, {}, opts);
    const { spec } = args;
    const tags = { application: "ccvoice", environment: spec.environment, ...(args.tags ?? {}) };
    this.needs = approachNeeds(spec);

    this.resourceGroup = new resources.ResourceGroup(
      `${name}-rg`,
      { resourceGroupName: `rg-${spec.acs.name}`, location: spec.location, tags },
      { parent: this },
    );
    const resourceGroupName = this.resourceGroup.name;

    this.channel = new CommunicationChannel(
      `${name}-acs`,
      { resourceGroupName, communicationServiceName: spec.acs.name, dataLocation: spec.acs.dataLocation, tags },
      { parent: this },
    );

    this.runtime = new RuntimeApp(
      `${name}-runtime`,
      {
        resourceGroupName,
        location: spec.location,
        storageAccountName: storageAccountName(spec.environment, spec.acs.name),
        acsEndpoint: this.channel.endpoint,
        acsResourceId: this.channel.resourceId,
        acsImmutableResourceId: this.channel.immutableResourceId,
        emailSenderAddress: this.channel.emailSenderAddress,
        alwaysReadyInstances: spec.runtime.alwaysReadyInstances,
        instanceMemoryMB: spec.runtime.instanceMemoryMB,
        maximumInstanceCount: spec.runtime.maximumInstanceCount,
        // The runtime parses this with the same parser (parseVoiceChannelSpec); the spec holds no secrets.
        // CCVOICE_RUNTIME_CONFIG is what the runtime routes by (queues, agents, callback pool, emergency
        // contacts). Numbers of number orders are not resolved here yet: queues reach them once purchased
        // numbers are passed as `resolved.orderNumbers` (not wired: see the runtime issue note).
        appSettings: {
          CCVOICE_ENVIRONMENT: spec.environment,
          CCVOICE_SPEC: JSON.stringify(spec),
          [RUNTIME_CONFIG_SETTING]: JSON.stringify(runtimeConfigFromSpec(spec)),
        },
        tags,
      },
      { parent: this },
    );

    this.events = new EventRouting(
      `${name}-events`,
      {
        resourceGroupName,
        acsResourceId: this.channel.resourceId,
        incomingCallFunctionId: this.runtime.incomingCallFunctionId,
        deadLetterStorageAccountId: this.runtime.storageAccountId,
        deadLetterContainerName: this.runtime.deadLetterContainerName,
        deadLetterContainerId: this.runtime.deadLetterContainerId,
        eventTimeToLiveInMinutes: spec.runtime.incomingCallEventTtlMinutes,
        maxDeliveryAttempts: spec.runtime.incomingCallMaxDeliveryAttempts,
        functionDeployment: args.functionDeployment ?? [],
        tags,
      },
      { parent: this },
    );

    // ── Approach-specific components, each in its own file: ACS direct routing (SIP configuration),
    // Microsoft numbers, Teams. They need the ACS endpoint, so they wait for the channel. A new one goes
    // here the same way; expose what it returns as public outputs below and in src/program.ts.
    if (this.needs.acsDirectRouting && spec.directRouting) {
      const { domains, trunks, routes, adoptExisting } = spec.directRouting;
      new DirectRouting(
        `${name}-direct-routing`,
        { acsEndpoint: this.channel.endpoint, domains, trunks, routes, adoptExisting },
        { parent: this, dependsOn: [this.channel] },
      );
    }
    if (this.needs.acsNumbers) {
      const { orders, adopt, releaseOnDelete } = spec.phoneNumbers;
      new PhoneNumbers(
        `${name}-numbers`,
        { acsEndpoint: this.channel.endpoint, orders, adopt, releaseOnDelete },
        { parent: this, dependsOn: [this.channel] },
      );
    }
    if (this.needs.teams && spec.teams) {
      new Teams(
        `${name}-teams`,
        {
          acsEndpoint: this.channel.endpoint,
          acsImmutableResourceId: this.channel.immutableResourceId,
          teams: spec.teams,
          emergency: spec.emergency,
          approach: spec.approach,
        },
        { parent: this, dependsOn: [this.channel] },
      );
    }

    this.resourceGroupName = resourceGroupName;
    this.acsEndpoint = this.channel.endpoint;
    this.acsHostName = this.channel.hostName;
    this.acsResourceId = this.channel.resourceId;
    this.acsImmutableResourceId = this.channel.immutableResourceId;
    this.emailSenderAddress = this.channel.emailSenderAddress;
    this.functionAppName = this.runtime.functionAppName;
    this.functionAppHostName = this.runtime.functionAppHostName;
    this.storageAccountName = this.runtime.storageAccount.name;
    this.systemTopicName = this.events.systemTopicName;
    this.incomingCallSubscriptionName = this.events.subscriptionName;

    this.registerOutputs({
      resourceGroupName: this.resourceGroupName,
      acsEndpoint: this.acsEndpoint,
      acsHostName: this.acsHostName,
      acsResourceId: this.acsResourceId,
      acsImmutableResourceId: this.acsImmutableResourceId,
      emailSenderAddress: this.emailSenderAddress,
      functionAppName: this.functionAppName,
      functionAppHostName: this.functionAppHostName,
      storageAccountName: this.storageAccountName,
      systemTopicName: this.systemTopicName,
      incomingCallSubscriptionName: this.incomingCallSubscriptionName,
    });
  }
}
