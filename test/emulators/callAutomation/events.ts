/**
 * Payload builders with the real wire shapes: Event Grid `Microsoft.Communication.IncomingCall` (and the
 * VoIP call events), Communication identifier models, and Call Automation callback CloudEvents.
 *
 * @see azure-voice-api-facts.md §3.2 (IncomingCall), §4.2 (callbacks)
 */
import { randomUUID } from "node:crypto";

/** A wire Communication identifier model. */
export type IdentifierModel = Record<string, unknown> & { rawId: string; kind: string };

/**
 * The identifier model of a party written as a phone number (`+1...`), an ACS user (`8:acs:...`), a Teams
 * user (`8:orgid:<id>`) or a Teams resource account (`28:orgid:<id>`, kind `unknown`).
 */
export function identifier(party: string): IdentifierModel {
  if (party.startsWith("+")) return { kind: "phoneNumber", rawId: `4:${party}`, phoneNumber: { value: party } };
  if (party.startsWith("8:acs:")) return { kind: "communicationUser", rawId: party, communicationUser: { id: party } };
  if (party.startsWith("8:orgid:")) return { kind: "microsoftTeamsUser", rawId: party, microsoftTeamsUser: { userId: party.slice(8), cloud: "public" } };
  if (party.startsWith("28:orgid:")) return { kind: "unknown", rawId: party };
  throw new Error(`party ${JSON.stringify(party)} must be +E.164, 8:acs:..., 8:orgid:... or 28:orgid:...`);
}

/** The identifier the SDK sends for a participant to add (models without `kind`), back to a party string. */
export function partyOfModel(model: Record<string, unknown> | undefined): string {
  if (!model) return "";
  const phone = (model.phoneNumber as { value?: string } | undefined)?.value;
  if (phone) return phone;
  const acs = (model.communicationUser as { id?: string } | undefined)?.id;
  if (acs) return acs;
  const teamsExt = model.teamsExtensionUser as { userId?: string } | undefined;
  if (teamsExt?.userId) return `8:orgid:${teamsExt.userId}`;
  const teams = (model.microsoftTeamsUser as { userId?: string } | undefined)?.userId;
  if (teams) return `8:orgid:${teams}`;
  return typeof model.rawId === "string" ? model.rawId : "";
}

/** A server call id like the service's: base64 with `/`, `+` and `=` (exercises key escaping). */
export function newServerCallId(): string {
  return Buffer.from(`https://emulator.conv.skype.com/conv/${randomUUID()}?i=10&e=${Date.now()}`).toString("base64");
}

/** An Event Grid `Microsoft.Communication.IncomingCall` event. */
export function incomingCallEvent(options: {
  from: string;
  to: string;
  serverCallId: string;
  incomingCallContext: string;
  id?: string;
  acsName?: string;
}): { id: string; topic: string; subject: string; eventType: string; eventTime: string; dataVersion: string; metadataVersion: string; data: Record<string, unknown> } {
  const to = identifier(options.to);
  const from = identifier(options.from);
  return {
    id: options.id ?? randomUUID(),
    topic: `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-cc/providers/microsoft.communication/communicationservices/${options.acsName ?? "contoso-cc"}`,
    subject: `/caller/${from.rawId}/recipient/${to.rawId}`,
    eventType: "Microsoft.Communication.IncomingCall",
    eventTime: new Date().toISOString(),
    dataVersion: "1.0",
    metadataVersion: "1",
    data: {
      to,
      from,
      serverCallId: options.serverCallId,
      callerDisplayName: options.from.startsWith("+") ? options.from : "",
      incomingCallContext: options.incomingCallContext,
      correlationId: randomUUID(),
      customContext: { sipHeaders: {}, voipHeaders: {} },
    },
  };
}

/** An Event Grid VoIP call event (`CallStarted`, `CallParticipantAdded`, `CallEnded`). */
export function voipCallEvent(type: "CallStarted" | "CallParticipantAdded" | "CallEnded", serverCallId: string, user?: string) {
  const data: Record<string, unknown> = {
    serverCallId,
    correlationId: randomUUID(),
    isTwoParty: true,
    isRoomsCall: false,
    group: { id: randomUUID() },
    startedBy: { communicationIdentifier: identifier(user ?? "+14255550100"), role: "Attendee" },
  };
  if (user) data.user = { communicationIdentifier: identifier(user), role: "Attendee" };
  if (type === "CallParticipantAdded") Object.assign(data, { displayName: "agent", participantId: randomUUID(), userAgent: "emulator" });
  return {
    id: randomUUID(),
    topic: "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-cc/providers/microsoft.communication/communicationservices/contoso-cc",
    subject: `call/${serverCallId}`,
    eventType: `Microsoft.Communication.${type}`,
    eventTime: new Date().toISOString(),
    dataVersion: "1.0",
    metadataVersion: "1",
    data,
  };
}

/** A Call Automation callback CloudEvent. */
export function callbackEvent(
  type: string,
  call: { callConnectionId: string; serverCallId: string; correlationId: string },
  data: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: randomUUID(),
    source: `calling/callConnections/${call.callConnectionId}`,
    type: `Microsoft.Communication.${type}`,
    specversion: "1.0",
    datacontenttype: "application/json",
    time: new Date().toISOString(),
    subject: `calling/callConnections/${call.callConnectionId}`,
    data: {
      version: "2024-09-15",
      callConnectionId: call.callConnectionId,
      serverCallId: call.serverCallId,
      correlationId: call.correlationId,
      publicEventType: `Microsoft.Communication.${type}`,
      ...data,
    },
  };
}
