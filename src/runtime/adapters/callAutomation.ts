/**
 * {@link CallControl} over `@azure/communication-call-automation`. In Azure the client authenticates with
 * the Function App's managed identity; an access key is accepted for the loopback emulator only.
 *
 * Teams agents are added as Teams Phone extensibility users (`TeamsExtensionUserIdentifier` with the tenant
 * and the ACS immutable resource id) when both are known, else as Teams users.
 *
 * @see azure-voice-api-facts.md §4.1 (REST operations), §7.2 (TPE identifiers)
 */
import {
  CallAutomationClient,
  type CallInvite,
  type CallAutomationClientOptions,
} from "@azure/communication-call-automation";
import type { KeyCredential, TokenCredential } from "@azure/core-auth";
import type { CallTarget } from "../core/types";
import type { CallControl } from "./interfaces";

/** How the adapter reaches ACS. */
export interface CallAutomationOptions {
  readonly endpoint: string;
  readonly credential: TokenCredential | KeyCredential;
  /** Entra tenant of Teams agents (`ccvoice:teams.tenantId`). */
  readonly teamsTenantId?: string;
  /** ACS immutable resource id (for Teams extension users). */
  readonly acsResourceId?: string;
  /** Allow http (loopback emulator only). */
  readonly allowInsecureConnection?: boolean;
}

/** The Call Automation adapter. */
export class CallAutomationAdapter implements CallControl {
  private readonly client: CallAutomationClient;

  constructor(private readonly options: CallAutomationOptions) {
    const clientOptions: CallAutomationClientOptions = {
      allowInsecureConnection: options.allowInsecureConnection,
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
    };
    this.client = new CallAutomationClient(options.endpoint, options.credential, clientOptions);
  }

  private identifier(target: CallTarget): CallInvite["targetParticipant"] {
    switch (target.kind) {
      case "phoneNumber":
        return { phoneNumber: target.number };
      case "acsUser":
        return { communicationUserId: target.id };
      case "teamsUser":
        return this.options.teamsTenantId && this.options.acsResourceId
          ? { userId: target.userId, tenantId: this.options.teamsTenantId, resourceId: this.options.acsResourceId }
          : { microsoftTeamsUserId: target.userId };
    }
  }

  async answer(incomingCallContext: string, callbackUrl: string, operationContext: string): Promise<{ callConnectionId: string }> {
    const result = await this.client.answerCall(incomingCallContext, callbackUrl, { operationContext });
    return { callConnectionId: result.callConnectionProperties.callConnectionId ?? "" };
  }

  async reject(incomingCallContext: string): Promise<void> {
    await this.client.rejectCall(incomingCallContext);
  }

  async addParticipant(
    callConnectionId: string,
    target: CallTarget,
    options: { sourceCallerId?: string; invitationTimeoutSeconds: number; operationContext: string },
  ): Promise<void> {
    const invite: CallInvite = {
      targetParticipant: this.identifier(target),
      sourceCallIdNumber: options.sourceCallerId ? { phoneNumber: options.sourceCallerId } : undefined,
    };
    await this.client.getCallConnection(callConnectionId).addParticipant(invite, {
      invitationTimeoutInSeconds: options.invitationTimeoutSeconds,
      operationContext: options.operationContext,
    });
  }

  async play(callConnectionId: string, audioUrl: string, operationContext: string): Promise<void> {
    await this.client
      .getCallConnection(callConnectionId)
      .getCallMedia()
      .playToAll([{ kind: "fileSource", url: audioUrl }], { loop: false, operationContext });
  }

  async hangUp(callConnectionId: string): Promise<void> {
    await this.client.getCallConnection(callConnectionId).hangUp(true);
  }

  async createCall(
    to: string,
    options: { sourceCallerId?: string; onBehalfOfAppId?: string; callbackUrl: string; operationContext: string },
  ): Promise<{ callConnectionId: string }> {
    const invite: CallInvite = {
      targetParticipant: { phoneNumber: to },
      sourceCallIdNumber: options.sourceCallerId ? { phoneNumber: options.sourceCallerId } : undefined,
    };
    const result = await this.client.createCall(invite, options.callbackUrl, {
      operationContext: options.operationContext,
      teamsAppSource: options.onBehalfOfAppId ? { teamsAppId: options.onBehalfOfAppId } : undefined,
    });
    return { callConnectionId: result.callConnectionProperties.callConnectionId ?? "" };
  }
}
