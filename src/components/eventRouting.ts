/**
 * Event Grid from the ACS resource to the runtime: a system topic on ACS and two subscriptions that
 * deliver to the `incomingCall` function, dead-lettering to blob storage with the topic's managed identity:
 *
 * - `incoming-call`: `Microsoft.Communication.IncomingCall`, with a short retry policy (a stale call is
 *   worthless once the caller has hung up, and late retries delay new deliveries to the same endpoint);
 * - `voip-call-events` (when ACS agents exist): `CallParticipantAdded` and `CallEnded`, with Event Grid's
 *   default retry (24 hours, 30 attempts): these keep agents' engagements in step, and a lost `CallEnded`
 *   leaves an agent busy until housekeeping, so they must arrive even late. One subscription cannot have
 *   both retry policies, hence two. `CallStarted` is not subscribed: the runtime ignores it.
 *
 * ACS publishes these three events for ACS VoIP users only (not PSTN legs, bots or Teams users).
 *
 * @see azure-voice-api-facts.md §3.1, §3.5; limits-and-reliability.md E1, §5
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { INCOMING_CALL_SUBSCRIPTION } from "./names";

/** Name of the subscription for the VoIP call events (3-64 letters, digits and dashes). */
export const VOIP_CALL_EVENTS_SUBSCRIPTION = "voip-call-events";
/** VoIP call events the runtime acts on (`src/runtime/handlers/incomingCall.ts`). */
export const VOIP_CALL_EVENTS = ["Microsoft.Communication.CallParticipantAdded", "Microsoft.Communication.CallEnded"] as const;
/** Event Grid's default retry policy, stated so that the preview shows it. */
export const DEFAULT_RETRY_POLICY = { eventTimeToLiveInMinutes: 1440, maxDeliveryAttempts: 30 } as const;
import { BUILT_IN_ROLES, roleDefinitionId } from "./roles";

/** The Event Grid event type ACS publishes for a call to one of its identities or numbers. */
export const INCOMING_CALL_EVENT = "Microsoft.Communication.IncomingCall";
/** Topic type of ACS system topics. */
export const ACS_TOPIC_TYPE = "Microsoft.Communication.CommunicationServices";

/** Arguments of {@link EventRouting}. */
export interface EventRoutingArgs {
  /** Resource group of the system topic. */
  resourceGroupName: pulumi.Input<string>;
  /** ARM id of the ACS resource: the topic source. */
  acsResourceId: pulumi.Input<string>;
  /** ARM id of the `incomingCall` function, `<functionAppId>/functions/incomingCall`. */
  incomingCallFunctionId: pulumi.Input<string>;
  /** ARM id of the storage account holding the dead-letter container. */
  deadLetterStorageAccountId: pulumi.Input<string>;
  /** Name of the dead-letter blob container. */
  deadLetterContainerName: pulumi.Input<string>;
  /** ARM id of the dead-letter container: scope of the topic identity's Storage Blob Data Contributor role. */
  deadLetterContainerId: pulumi.Input<string>;
  /**
   * Event time-to-live in minutes (1-1440).
   * @default 1 — an IncomingCall is worthless once the caller has hung up
   */
  eventTimeToLiveInMinutes?: number;
  /** Delivery attempts (1-30). @default 3 */
  maxDeliveryAttempts?: number;
  /**
   * Subscribe the function to the VoIP call events too (`voip-call-events`, default retry).
   * @default false — no ACS agents: the runtime has nothing to track
   */
  voipCallEvents?: boolean;
  /**
   * Resources the subscription must wait for, such as the deployment of the function code: Event Grid
   * checks that the destination function exists when the subscription is created.
   * @default [] — the function code must already be deployed when `pulumi up` creates the subscription
   */
  functionDeployment?: pulumi.Input<pulumi.Resource>[];
  /** Tags for the topic. @default {} */
  tags?: Record<string, string>;
}

/**
 * `ccvoice:events:EventRouting`: `eventgrid.SystemTopic` (location `global`, topic type
 * `Microsoft.Communication.CommunicationServices`, system-assigned identity), a role for that identity
 * on the dead-letter container, a `SystemTopicEventSubscription` for `Microsoft.Communication.IncomingCall`
 * and, optionally, one for the VoIP call events; both with an `AzureFunction` destination (one event per
 * batch), created after `functionDeployment`.
 *
 * @see https://learn.microsoft.com/azure/event-grid/delivery-and-retry
 * @see https://learn.microsoft.com/azure/event-grid/managed-service-identity
 */
export class EventRouting extends pulumi.ComponentResource {
  public readonly topic: eventgrid.SystemTopic;
  public readonly subscription: eventgrid.SystemTopicEventSubscription;
  /** The VoIP call events subscription, when asked for. */
  public readonly voipSubscription?: eventgrid.SystemTopicEventSubscription;
  /** System topic name. */
  public readonly systemTopicName: pulumi.Output<string>;
  /** IncomingCall subscription name. */
  public readonly subscriptionName: pulumi.Output<string>;
  /** VoIP call events subscription name, when there is one. */
  public readonly voipSubscriptionName?: pulumi.Output<string>;

  /**
   * @param name logical name; children are `<name>-topic`, `<name>-deadletter-writer`, `<name>-incoming-call`
   *   and `<name>-voip-calls`
   * @param args see {@link EventRoutingArgs}
   * @param opts component options
   */
  constructor(name: string, args: EventRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:events:EventRouting", name, {}, opts);

    this.topic = new eventgrid.SystemTopic(
      `${name}-topic`,
      {
        resourceGroupName: args.resourceGroupName,
        location: "global",
        source: args.acsResourceId,
        topicType: ACS_TOPIC_TYPE,
        identity: { type: "SystemAssigned" },
        tags: args.tags ?? {},
      },
      { parent: this },
    );

    const topicPrincipal = this.topic.identity.apply((identity) => {
      if (!identity?.principalId) throw new Error(`system topic ${name}-topic has no system-assigned identity`);
      return identity.principalId;
    });
    const writer = new authorization.RoleAssignment(
      `${name}-deadletter-writer`,
      {
        scope: args.deadLetterContainerId,
        principalId: topicPrincipal,
        principalType: "ServicePrincipal",
        roleDefinitionId: roleDefinitionId(args.deadLetterContainerId, BUILT_IN_ROLES.storageBlobDataContributor),
        description: "ccvoice Event Grid topic: write undelivered call events",
      },
      { parent: this },
    );

    const subscribe = (
      suffix: string,
      eventSubscriptionName: string,
      includedEventTypes: readonly string[],
      retryPolicy: { eventTimeToLiveInMinutes: number; maxDeliveryAttempts: number },
    ) =>
      new eventgrid.SystemTopicEventSubscription(
        `${name}-${suffix}`,
        {
          resourceGroupName: args.resourceGroupName,
          systemTopicName: this.topic.name,
          eventSubscriptionName,
          eventDeliverySchema: "EventGridSchema",
          filter: { includedEventTypes: [...includedEventTypes] },
          destination: {
            endpointType: "AzureFunction",
            resourceId: args.incomingCallFunctionId,
            maxEventsPerBatch: 1,
          },
          retryPolicy,
          deadLetterWithResourceIdentity: {
            identity: { type: "SystemAssigned" },
            deadLetterDestination: {
              endpointType: "StorageBlob",
              resourceId: args.deadLetterStorageAccountId,
              blobContainerName: args.deadLetterContainerName,
            },
          },
        },
        // Event Grid refuses an AzureFunction destination whose function does not exist yet.
        { parent: this, dependsOn: [writer, ...(args.functionDeployment ?? [])] },
      );

    this.subscription = subscribe("incoming-call", INCOMING_CALL_SUBSCRIPTION, [INCOMING_CALL_EVENT], {
      eventTimeToLiveInMinutes: args.eventTimeToLiveInMinutes ?? 1,
      maxDeliveryAttempts: args.maxDeliveryAttempts ?? 3,
    });
    if (args.voipCallEvents) {
      this.voipSubscription = subscribe("voip-calls", VOIP_CALL_EVENTS_SUBSCRIPTION, VOIP_CALL_EVENTS, { ...DEFAULT_RETRY_POLICY });
    }

    this.systemTopicName = this.topic.name;
    this.subscriptionName = this.subscription.name;
    this.voipSubscriptionName = this.voipSubscription?.name;
    this.registerOutputs({
      systemTopicName: this.systemTopicName,
      subscriptionName: this.subscriptionName,
      ...(this.voipSubscriptionName ? { voipSubscriptionName: this.voipSubscriptionName } : {}),
    });
  }
}
