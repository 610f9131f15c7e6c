/**
 * Reading Communication identifiers as they arrive on the wire (Event Grid `data.to` / `data.from`, Call
 * Automation `participant`): `{ kind, rawId, phoneNumber: { value }, communicationUser: { id }, ... }`.
 * The `rawId` prefix is authoritative; `kind` is `unknown` for Teams resource accounts (`28:orgid:`).
 *
 * @see azure-voice-api-facts.md §3.2 (identifier shapes) and §7.2 (`28:orgid:` recipients)
 */
import type { CallTarget, Party } from "./types";

function field(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Normalises a wire identifier.
 *
 * @param model `{ rawId: "4:+14255550100", kind: "phoneNumber", phoneNumber: { value: "+14255550100" } }` etc.
 * @returns a {@link Party}; `{ kind: "other", raw: "" }` when the value is not an identifier
 */
export function partyFromIdentifier(model: unknown): Party {
  const rawId = field(model, "rawId");
  const raw = typeof rawId === "string" ? rawId : "";
  const phone = field(model, "phoneNumber", "value");
  if (typeof phone === "string" && phone.startsWith("+")) return { kind: "phoneNumber", raw: raw || `4:${phone}`, number: phone };
  if (raw.startsWith("4:")) {
    const number = raw.slice(2);
    return { kind: "phoneNumber", raw, number: number.startsWith("+") ? number : `+${number}` };
  }
  if (raw.startsWith("28:orgid:")) return { kind: "resourceAccount", raw, objectId: raw.slice("28:orgid:".length) };
  if (raw.startsWith("8:orgid:")) return { kind: "teamsUser", raw, userId: raw.slice("8:orgid:".length) };
  const acsId = field(model, "communicationUser", "id");
  if (raw.startsWith("8:acs:") || (typeof acsId === "string" && acsId.startsWith("8:acs:"))) {
    const id = raw.startsWith("8:acs:") ? raw : (acsId as string);
    return { kind: "acsUser", raw: raw || id, id };
  }
  const teamsUser = field(model, "microsoftTeamsUser", "userId");
  if (typeof teamsUser === "string") return { kind: "teamsUser", raw: raw || `8:orgid:${teamsUser}`, userId: teamsUser };
  return { kind: "other", raw };
}

/** A short, log-safe description of a party: `+14255550100`, `acs user`, `resource account <id>`. */
export function describeParty(party: Party): string {
  switch (party.kind) {
    case "phoneNumber":
      return party.number;
    case "acsUser":
      return `ACS user ${party.id}`;
    case "teamsUser":
      return `Teams user ${party.userId}`;
    case "resourceAccount":
      return `resource account ${party.objectId}`;
    case "other":
      return party.raw || "an unknown party";
  }
}

/** A short description of a call target. */
export function describeTarget(target: CallTarget): string {
  switch (target.kind) {
    case "phoneNumber":
      return target.number;
    case "acsUser":
      return `ACS user ${target.id}`;
    case "teamsUser":
      return `Teams user ${target.userId}`;
  }
}

/** Whether a callback participant is the given target. */
export function partyIsTarget(party: Party | undefined, target: CallTarget): boolean {
  if (!party) return false;
  if (target.kind === "phoneNumber") return party.kind === "phoneNumber" && party.number === target.number;
  if (target.kind === "acsUser") return party.kind === "acsUser" && party.id === target.id;
  return party.kind === "teamsUser" && party.userId === target.userId;
}
