/**
 * The whole voice channel of one environment, composed from the spec: resource group, ACS (+ email),
 * ACS direct routing, phone numbers and the Teams side (each in its own component), the Functions
 * runtime with its code, and Event Grid routing of the call events to it.
 *
 * Order: the runtime is declared after the numbers and the Teams side, because its routing document
 * (`CCVOICE_RUNTIME_CONFIG`) holds the numbers bought by number orders and the object ids of resource
 * accounts; those components need only the ACS channel, so there is no cycle.
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
import { packageStorageAccountName, type RuntimePackage } from "./runtimeDeployment";
import { RUNTIME_CONFIG_SETTING, runtimeConfigFromSpec } from "../runtime/runtimeConfigFromSpec";
import { Teams } from "./teams";

/** Arguments of {@link ContactCenterVoice}. */
export interface ContactCenterVoiceArgs {
  /** The validated spec of the stack (`loadSpec()`). */
  spec: VoiceChannelSpec;
  /**
   * The runtime's code (`prepareRuntimePackage()`), uploaded to the Function App's deployment container.
   * @default undefined — no code is uploaded: deploy it yourself and pass that step in `functionDeployment`
   */
  runtimePackage?: RuntimePackage;
  /**
   * More resources the Event Grid subscriptions wait for, besides the package upload and the app.
   * @default [] — with `runtimePackage`, nothing more is needed
   */
  functionDeployment?: pulumi.Input<pulumi.Resource>[];
  /** Extra tags for every resource. @default {} — `application` and `environment` are always set */
  tags?: Record<string, string>;
}

/**
 * The agent-endpoint settings of the runtime, from `ccvoice:runtime.agentAuth`.
 *
 * @param spec validated spec
 * @returns `CCVOICE_AGENT_AUTH_AUDIENCE` (comma-separated) and `CCVOICE_AGENT_AUTH_TENANT_ID`, or `{}` when
 *   agentAuth is not set (the agent endpoints then answer 503)
 * @throws Error when agentAuth has no tenantId and the stack has no `ccvoice:teams.tenantId`
 */
export function agentAuthSettings(spec: VoiceChannelSpec): Record<string, string> {
  const auth = spec.runtime.agentAuth;
  if (!auth) return {};
  const tenantId = auth.tenantId ?? spec.teams?.tenantId;
  if (!tenantId) {
    throw new Error(
      "ccvoice:runtime.agentAuth.tenantId is required when ccvoice:teams is not set: give the Entra tenant id (a GUID) whose tokens the agent desktop sends",
    );
  }
  return { CCVOICE_AGENT_AUTH_AUDIENCE: auth.audience.join(","), CCVOICE_AGENT_AUTH_TENANT_ID: tenantId };
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
 * ({@link CommunicationChannel}), `<name>-direct-routing`, `<name>-numbers`, `<name>-teams` (as the
 * approach needs), `<name>-runtime` ({@link RuntimeApp}), `<name>-events` ({@link EventRouting}).
 *
 * The component's inputs and outputs carry `specJson`, the parsed spec as JSON, so that the CrossGuard
 * pack finds it (`policies/lib/specFromResources.ts`): a policy pack sees resources, not configuration.
 * This is the one deviation from `super(type, name, {}, opts)`: the engine records the inputs given to
 * `super` as the component's inputs (resource validation) and `registerOutputs` as its outputs (stack
 * validation). The spec holds no secrets.
 */
export class ContactCenterVoice extends pulumi.ComponentResource {
  public readonly resourceGroup: resources.ResourceGroup;
  public readonly channel: CommunicationChannel;
  public readonly directRouting?: DirectRouting;
  public readonly numbers?: PhoneNumbers;
  public readonly teams?: Teams;
  public readonly runtime: RuntimeApp;
  public readonly events: EventRouting;
  /** What the approach needs; the seams below read it. */
  public readonly needs: ApproachNeeds;
  /** The parsed spec as JSON (for the policy pack). */
  public readonly specJson: pulumi.Output<string>;
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
  /** Client id of the runtime's user-assigned identity. */
  public readonly runtimeClientId: pulumi.Output<string>;
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
   * @throws Error when the emergency settings cannot protect PSAP callbacks (`runtimeConfigFromSpec`) or
   *   `runtime.agentAuth` has no tenant (`agentAuthSettings`)
   */
  constructor(name: string, args: ContactCenterVoiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const specJson = JSON.stringify(args.spec);
    super("ccvoice:index:ContactCenterVoice", name, { specJson }, opts);
    const { spec } = args;
    const tags = { application: "ccvoice", environment: spec.environment, ...(args.tags ?? {}) };
    this.needs = approachNeeds(spec);
    this.specJson = pulumi.output(specJson);
    // Checked now, so that a spec the runtime would refuse stops the program before anything is declared.
    runtimeConfigFromSpec(spec);
    const agentAuth = agentAuthSettings(spec);

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

    // ── Approach-specific components, each in its own file: ACS direct routing (SIP configuration),
    // Microsoft numbers, Teams. They need the ACS endpoint, so they wait for the channel. A new one goes
    // here the same way; expose what it returns as public outputs below and in src/program.ts.
    if (this.needs.acsDirectRouting && spec.directRouting) {
      const { domains, trunks, routes, adoptExisting } = spec.directRouting;
      this.directRouting = new DirectRouting(
        `${name}-direct-routing`,
        { acsEndpoint: this.channel.endpoint, domains, trunks, routes, adoptExisting },
        { parent: this, dependsOn: [this.channel] },
      );
    }
    if (this.needs.acsNumbers) {
      const { orders, adopt, releaseOnDelete } = spec.phoneNumbers;
      this.numbers = new PhoneNumbers(
        `${name}-numbers`,
        { acsEndpoint: this.channel.endpoint, orders, adopt, releaseOnDelete },
        { parent: this, dependsOn: [this.channel] },
      );
    }
    if (this.needs.teams && spec.teams) {
      this.teams = new Teams(
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

    // The routing document, with what only the deployment knows: bought numbers, resource account ids.
    const orderNumbers = this.numbers?.numbersByOrder ?? pulumi.output<Record<string, string[]>>({});
    const objectIds = this.teams?.resourceAccountObjectIds ?? pulumi.output<Record<string, string>>({});
    const runtimeConfig = pulumi.all([orderNumbers, objectIds]).apply(([numbers, ids]) =>
      JSON.stringify(
        runtimeConfigFromSpec(spec, {
          orderNumbers: numbers,
          resourceAccountObjectIds: Object.fromEntries(Object.entries(ids).filter(([, id]) => typeof id === "string" && id !== "")),
        }),
      ),
    );

    this.runtime = new RuntimeApp(
      `${name}-runtime`,
      {
        resourceGroupName,
        location: spec.location,
        storageAccountName: storageAccountName(spec.environment, spec.acs.name),
        packageStorageAccountName: packageStorageAccountName(spec.environment, spec.acs.name),
        ...(args.runtimePackage ? { package: args.runtimePackage } : {}),
        acsEndpoint: this.channel.endpoint,
        acsResourceId: this.channel.resourceId,
        acsImmutableResourceId: this.channel.immutableResourceId,
        emailSenderAddress: this.channel.emailSenderAddress,
        graphPresence: spec.runtime.agents.some((a) => a.kind === "teams"),
        alwaysReadyInstances: spec.runtime.alwaysReadyInstances,
        instanceMemoryMB: spec.runtime.instanceMemoryMB,
        maximumInstanceCount: spec.runtime.maximumInstanceCount,
        // The spec holds no secrets; the policy pack and `ccvoice` read CCVOICE_SPEC, the runtime routes by
        // CCVOICE_RUNTIME_CONFIG (queues, agents, callback pool, emergency contacts).
        appSettings: {
          CCVOICE_ENVIRONMENT: spec.environment,
          CCVOICE_SPEC: specJson,
          [RUNTIME_CONFIG_SETTING]: runtimeConfig,
          ...agentAuth,
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
        voipCallEvents: spec.runtime.agents.some((a) => a.kind === "acs"),
        functionDeployment: [...this.runtime.codeDeployment, ...(args.functionDeployment ?? [])],
        tags,
      },
      { parent: this },
    );

    this.resourceGroupName = resourceGroupName;
    this.acsEndpoint = this.channel.endpoint;
    this.acsHostName = this.channel.hostName;
    this.acsResourceId = this.channel.resourceId;
    this.acsImmutableResourceId = this.channel.immutableResourceId;
    this.emailSenderAddress = this.channel.emailSenderAddress;
    this.functionAppName = this.runtime.functionAppName;
    this.functionAppHostName = this.runtime.functionAppHostName;
    this.runtimeClientId = this.runtime.clientId;
    this.storageAccountName = this.runtime.storageAccount.name;
    this.systemTopicName = this.events.systemTopicName;
    this.incomingCallSubscriptionName = this.events.subscriptionName;

    this.registerOutputs({
      specJson: this.specJson,
      resourceGroupName: this.resourceGroupName,
      acsEndpoint: this.acsEndpoint,
      acsHostName: this.acsHostName,
      acsResourceId: this.acsResourceId,
      acsImmutableResourceId: this.acsImmutableResourceId,
      emailSenderAddress: this.emailSenderAddress,
      functionAppName: this.functionAppName,
      functionAppHostName: this.functionAppHostName,
      runtimeClientId: this.runtimeClientId,
      storageAccountName: this.storageAccountName,
      systemTopicName: this.systemTopicName,
      incomingCallSubscriptionName: this.incomingCallSubscriptionName,
    });
  }
}
