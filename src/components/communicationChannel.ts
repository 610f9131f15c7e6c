/**
 * The Azure Communication Services resource, and the email service that sends the emergency
 * notifications (Kari's Law central notification) from an Azure-managed domain linked to it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as communication from "@pulumi/azure-native/communication";
import { AZURE_MANAGED_DOMAIN, DEFAULT_SENDER_USERNAME } from "./names";

/** Arguments of {@link CommunicationChannel}. */
export interface CommunicationChannelArgs {
  /** Resource group that holds the ACS and email resources. */
  resourceGroupName: pulumi.Input<string>;
  /** Name of the ACS resource (`ccvoice:acs.name`); it is also the first label of its host name. */
  communicationServiceName: string;
  /** Where ACS and the email service keep data at rest (`ccvoice:acs.dataLocation`), e.g. `United States`. */
  dataLocation: string;
  /**
   * Whether the ACS access keys (HMAC, connection strings) are disabled so only Entra ID works.
   * @default false — the keys stay on; the program itself never reads nor stores them
   */
  disableLocalAuth?: boolean;
  /** Tags for every resource. @default {} */
  tags?: Record<string, string>;
}

/**
 * `ccvoice:communication:CommunicationChannel`: the ACS resource (location `global`), an email service,
 * its Azure-managed domain, linked to the ACS resource through `linkedDomains`.
 *
 * The sender is the `DoNotReply` user name Azure creates with every domain: no `SenderUsername`
 * resource is declared, because Azure-managed domains do not accept other sender user names and
 * azure-native refuses to create a resource that already exists.
 *
 * @see https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-azure-managed-domains
 * @see https://learn.microsoft.com/azure/communication-services/quickstarts/email/add-multiple-senders
 */
export class CommunicationChannel extends pulumi.ComponentResource {
  /** The ACS resource. */
  public readonly service: communication.CommunicationService;
  /** The email service. */
  public readonly emailService: communication.EmailService;
  /** The Azure-managed email domain (`AzureManagedDomain`). */
  public readonly emailDomain: communication.Domain;
  /** ACS host name, `<name>.<geo>.communication.azure.com`. */
  public readonly hostName: pulumi.Output<string>;
  /** ACS endpoint for the data-plane SDKs, `https://<hostName>`. */
  public readonly endpoint: pulumi.Output<string>;
  /** ARM id of the ACS resource. */
  public readonly resourceId: pulumi.Output<string>;
  /** Immutable resource id (GUID): the audience of Call Automation JWTs, the Teams `-AcsResourceId`. */
  public readonly immutableResourceId: pulumi.Output<string>;
  /** Sender address for notifications, `DoNotReply@<guid>.azurecomm.net`. */
  public readonly emailSenderAddress: pulumi.Output<string>;

  /**
   * @param name logical name; children are `<name>-service`, `<name>-email`, `<name>-email-domain`
   * @param args see {@link CommunicationChannelArgs}
   * @param opts component options
   */
  constructor(name: string, args: CommunicationChannelArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:communication:CommunicationChannel", name, {}, opts);
    const tags = args.tags ?? {};

    this.emailService = new communication.EmailService(
      `${name}-email`,
      {
        resourceGroupName: args.resourceGroupName,
        location: "global",
        dataLocation: args.dataLocation,
        tags,
      },
      { parent: this },
    );

    this.emailDomain = new communication.Domain(
      `${name}-email-domain`,
      {
        resourceGroupName: args.resourceGroupName,
        emailServiceName: this.emailService.name,
        domainName: AZURE_MANAGED_DOMAIN,
        location: "global",
        domainManagement: "AzureManaged",
        userEngagementTracking: "Disabled",
        tags,
      },
      { parent: this },
    );

    this.service = new communication.CommunicationService(
      `${name}-service`,
      {
        resourceGroupName: args.resourceGroupName,
        communicationServiceName: args.communicationServiceName,
        location: "global",
        dataLocation: args.dataLocation,
        linkedDomains: [this.emailDomain.id],
        disableLocalAuth: args.disableLocalAuth ?? false,
        tags,
      },
      { parent: this },
    );

    this.hostName = this.service.hostName;
    this.endpoint = pulumi.interpolate`https://${this.service.hostName}`;
    this.resourceId = this.service.id;
    this.immutableResourceId = this.service.immutableResourceId;
    this.emailSenderAddress = pulumi.interpolate`${DEFAULT_SENDER_USERNAME}@${this.emailDomain.fromSenderDomain}`;

    this.registerOutputs({
      hostName: this.hostName,
      endpoint: this.endpoint,
      resourceId: this.resourceId,
      immutableResourceId: this.immutableResourceId,
      emailSenderAddress: this.emailSenderAddress,
    });
  }
}
