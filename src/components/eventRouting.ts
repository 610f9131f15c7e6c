/**
 * Event Grid from the ACS resource to the runtime: a system topic on ACS and the IncomingCall
 * subscription that delivers to the `incomingCall` function, with a short retry policy (a stale call is
 * worthless) and dead-lettering to blob storage with the topic's managed identity.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import { INCOMING_CALL_SUBSCRIPTION } from "./names";
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
 * on the dead-letter container, and a `SystemTopicEventSubscription` for `Microsoft.Communication.IncomingCall`
 * with an `AzureFunction` destination (one event per batch).
 *
 * @see https://learn.microsoft.com/azure/event-grid/delivery-and-retry
 * @see https://learn.microsoft.com/azure/event-grid/managed-service-identity
 */
export class EventRouting extends pulumi.ComponentResource {
  public readonly topic: eventgrid.SystemTopic;
  public readonly subscription: eventgrid.SystemTopicEventSubscription;
  /** System topic name. */
  public readonly systemTopicName: pulumi.Output<string>;
  /** IncomingCall subscription name. */
  public readonly subscriptionName: pulumi.Output<string>;

  /**
   * @param name logical name; children are `<name>-topic`, `<name>-deadletter-writer`, `<name>-incoming-call`
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
        description: "ccvoice Event Grid topic: write undelivered IncomingCall events",
      },
      { parent: this },
    );

    this.subscription = new eventgrid.SystemTopicEventSubscription(
      `${name}-incoming-call`,
      {
        resourceGroupName: args.resourceGroupName,
        systemTopicName: this.topic.name,
        eventSubscriptionName: INCOMING_CALL_SUBSCRIPTION,
        eventDeliverySchema: "EventGridSchema",
        filter: { includedEventTypes: [INCOMING_CALL_EVENT] },
        destination: {
          endpointType: "AzureFunction",
          resourceId: args.incomingCallFunctionId,
          maxEventsPerBatch: 1,
        },
        retryPolicy: {
          eventTimeToLiveInMinutes: args.eventTimeToLiveInMinutes ?? 1,
          maxDeliveryAttempts: args.maxDeliveryAttempts ?? 3,
        },
        deadLetterWithResourceIdentity: {
          identity: { type: "SystemAssigned" },
          deadLetterDestination: {
            endpointType: "StorageBlob",
            resourceId: args.deadLetterStorageAccountId,
            blobContainerName: args.deadLetterContainerName,
          },
        },
      },
      { parent: this, dependsOn: [writer, ...(args.functionDeployment ?? [])] },
    );

    this.systemTopicName = this.topic.name;
    this.subscriptionName = this.subscription.name;
    this.registerOutputs({ systemTopicName: this.systemTopicName, subscriptionName: this.subscriptionName });
  }
}
