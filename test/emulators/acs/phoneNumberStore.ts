/**
 * The emulator's phone numbers: an inventory per country/type/area code, searches that hold numbers
 * until `searchExpiresBy`, purchases (one at a time per tenant), releases and capability updates, all
 * as long-running operations polled through `Operation-Location` (azure-voice-api-facts §2.1).
 *
 * Operations finish `lroMs` after they start, whether or not anyone polls them, like the service.
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "./sipStore";

export const NUMBERS_API_VERSIONS = ["2021-03-07", "2022-12-01", "2025-02-11", "2025-04-01", "2025-06-01"];

const CALLING_CODES: Record<string, { cc: string; nsn: number }> = {
  US: { cc: "1", nsn: 10 },
  CA: { cc: "1", nsn: 10 },
  PR: { cc: "1", nsn: 10 },
  GB: { cc: "44", nsn: 10 },
  DK: { cc: "45", nsn: 8 },
};
const TYPES = ["geographic", "tollFree", "mobile"];
const ASSIGNMENTS = ["person", "application"];
const CAPABILITY = ["none", "inbound", "outbound", "inbound+outbound"];
const MONTHLY_COST: Record<string, number> = { geographic: 1, tollFree: 2, mobile: 3 };

export interface Capabilities {
  calling: string;
  sms: string;
}

/** `PurchasedPhoneNumber` on the wire. */
export interface PurchasedNumber {
  id: string;
  phoneNumber: string;
  countryCode: string;
  phoneNumberType: string;
  assignmentType: string;
  capabilities: Capabilities;
  purchaseDate: string;
  cost: { amount: number; currencyCode: string; billingFrequency: "monthly" };
}

interface Search {
  searchId: string;
  countryCode: string;
  phoneNumberType: string;
  assignmentType: string;
  capabilities: Capabilities;
  phoneNumbers: string[];
  searchExpiresBy: number;
  purchaseOperation?: string;
}

interface Operation {
  id: string;
  operationType: "search" | "purchase" | "releasePhoneNumber" | "updatePhoneNumberCapabilities";
  createdAt: number;
  doneAt: number;
  resourcePath?: string;
  finish: () => ApiError | undefined;
  status: "notStarted" | "running" | "succeeded" | "failed";
  error?: { code: string; message: string };
}

/** Store options. */
export interface PhoneNumberStoreOptions {
  /** Duration of every long-running operation, ms. @default 20 */
  lroMs?: number;
  /** How long a search holds its numbers, ms. @default 16 minutes */
  searchHoldMs?: number;
  /** Numbers available per country/type/area code. @default 1000 */
  stock?: number;
  /** Countries whose numbers need `agreeToNotResell`. @default [] */
  notResellCountries?: string[];
  /** Numbers already on the resource. */
  purchased?: Array<Partial<PurchasedNumber> & { phoneNumber: string }>;
}

/** What the tests read: every purchase applied, search count, the peak of concurrent purchases. */
export interface PhoneNumberLedger {
  searches: number;
  purchases: Array<{ searchId: string; phoneNumbers: string[] }>;
  releases: string[];
  maxConcurrentPurchases: number;
}

export class PhoneNumberStore {
  purchased = new Map<string, PurchasedNumber>();
  searches = new Map<string, Search>();
  operations = new Map<string, Operation>();
  ledger: PhoneNumberLedger = { searches: 0, purchases: [], releases: [], maxConcurrentPurchases: 0 };
  private issued = new Map<string, number>();

  constructor(private options: PhoneNumberStoreOptions = {}) {
    for (const n of options.purchased ?? []) {
      this.purchased.set(n.phoneNumber, {
        id: n.phoneNumber.slice(1),
        countryCode: "US",
        phoneNumberType: "geographic",
        assignmentType: "application",
        capabilities: { calling: "inbound+outbound", sms: "none" },
        purchaseDate: new Date(0).toISOString(),
        cost: { amount: 1, currencyCode: "USD", billingFrequency: "monthly" },
        ...n,
      });
    }
  }

  /** Moves every due operation to its final state. */
  tick(now = Date.now()): void {
    for (const op of this.operations.values()) {
      if (op.status !== "running" && op.status !== "notStarted") continue;
      if (now < op.doneAt) {
        op.status = "running";
        continue;
      }
      const error = op.finish();
      op.status = error ? "failed" : "succeeded";
      if (error) op.error = { code: error.code, message: error.message };
    }
  }

  private startOperation(type: Operation["operationType"], finish: Operation["finish"], resourcePath?: string): Operation {
    const prefix = { search: "search", purchase: "purchase", releasePhoneNumber: "release", updatePhoneNumberCapabilities: "capabilities" }[type];
    const now = Date.now();
    const op: Operation = { id: `${prefix}_${randomUUID()}`, operationType: type, createdAt: now, doneAt: now + (this.options.lroMs ?? 20), finish, status: "notStarted", resourcePath };
    this.operations.set(op.id, op);
    return op;
  }

  private nextNumber(countryCode: string, type: string, areaCode: string | undefined): string {
    const country = CALLING_CODES[countryCode] as { cc: string; nsn: number };
    const area = areaCode ?? (type === "tollFree" ? "800" : "20");
    const key = `${countryCode}/${type}/${area}`;
    const n = this.issued.get(key) ?? 0;
    if (n >= (this.options.stock ?? 1000)) throw new ApiError(400, "OutOfStock", `no more ${type} numbers in ${countryCode} area ${area}`);
    this.issued.set(key, n + 1);
    const rest = country.nsn - area.length;
    return `+${country.cc}${area}${String(n + 1).padStart(rest, "0").slice(-rest)}`;
  }

  /** `POST /availablePhoneNumbers/countries/{cc}/:search`. */
  search(countryCode: string, body: Record<string, unknown>): { op: Operation; search: Search } {
    if (!CALLING_CODES[countryCode]) throw new ApiError(400, "UnsupportedCountry", `country ${countryCode} is not supported`);
    const { phoneNumberType, assignmentType, capabilities, areaCode, quantity = 1 } = body;
    if (typeof phoneNumberType !== "string" || !TYPES.includes(phoneNumberType)) throw new ApiError(400, "InvalidInput", "phoneNumberType must be geographic, tollFree or mobile");
    if (typeof assignmentType !== "string" || !ASSIGNMENTS.includes(assignmentType)) throw new ApiError(400, "InvalidInput", "assignmentType must be person or application");
    const caps = capabilities as Partial<Capabilities> | undefined;
    if (!caps || !CAPABILITY.includes(String(caps.calling)) || !CAPABILITY.includes(String(caps.sms))) {
      throw new ApiError(400, "InvalidInput", "capabilities.calling and capabilities.sms must be none, inbound, outbound or inbound+outbound");
    }
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > 1000) throw new ApiError(400, "InvalidInput", "quantity must be 1-1000");
    if (areaCode !== undefined && (typeof areaCode !== "string" || !/^\d{1,5}$/.test(areaCode))) throw new ApiError(400, "InvalidInput", "areaCode must be digits");
    this.ledger.searches += 1;
    const phoneNumbers = Array.from({ length: quantity }, () => this.nextNumber(countryCode, phoneNumberType, areaCode as string | undefined));
    const search: Search = {
      searchId: randomUUID(),
      countryCode,
      phoneNumberType,
      assignmentType,
      capabilities: { calling: String(caps.calling), sms: String(caps.sms) },
      phoneNumbers,
      searchExpiresBy: Date.now() + (this.options.searchHoldMs ?? 16 * 60_000),
    };
    this.searches.set(search.searchId, search);
    const op = this.startOperation("search", () => undefined, `/availablePhoneNumbers/searchResults/${search.searchId}`);
    return { op, search };
  }

  /** `GET /availablePhoneNumbers/searchResults/{id}` body. */
  searchResult(searchId: string): Record<string, unknown> {
    const s = this.searches.get(searchId);
    if (!s) throw new ApiError(404, "NotFound", `search ${searchId} was not found`);
    return {
      searchId: s.searchId,
      phoneNumbers: s.phoneNumbers,
      phoneNumberType: s.phoneNumberType,
      assignmentType: s.assignmentType,
      capabilities: s.capabilities,
      cost: { amount: MONTHLY_COST[s.phoneNumberType] ?? 1, currencyCode: "USD", billingFrequency: "monthly" },
      searchExpiresBy: new Date(s.searchExpiresBy).toISOString(),
      isAgreementToNotResellRequired: (this.options.notResellCountries ?? []).includes(s.countryCode),
    };
  }

  private runningPurchases(): number {
    return [...this.operations.values()].filter((o) => o.operationType === "purchase" && (o.status === "running" || o.status === "notStarted")).length;
  }

  /** `POST /availablePhoneNumbers/:purchase`. */
  purchase(body: Record<string, unknown>): Operation {
    const searchId = body.searchId;
    const s = typeof searchId === "string" ? this.searches.get(searchId) : undefined;
    if (!s) throw new ApiError(404, "NotFound", `search ${String(searchId)} was not found`);
    if (s.purchaseOperation) throw new ApiError(409, "Conflict", `search ${s.searchId} already has purchase ${s.purchaseOperation}`);
    if (Date.now() > s.searchExpiresBy) throw new ApiError(400, "ReservationExpired", `search ${s.searchId} expired at ${new Date(s.searchExpiresBy).toISOString()}`);
    if ((this.options.notResellCountries ?? []).includes(s.countryCode) && body.agreeToNotResell !== true) {
      throw new ApiError(400, "AgreementRequired", `numbers in ${s.countryCode} need agreeToNotResell`);
    }
    if (this.runningPurchases() > 0) throw new ApiError(429, "TooManyRequests", "another purchase is in progress for this tenant");
    const op = this.startOperation("purchase", () => {
      const purchaseDate = new Date().toISOString();
      for (const phoneNumber of s.phoneNumbers) {
        this.purchased.set(phoneNumber, {
          id: phoneNumber.slice(1),
          phoneNumber,
          countryCode: s.countryCode,
          phoneNumberType: s.phoneNumberType,
          assignmentType: s.assignmentType,
          capabilities: { ...s.capabilities },
          purchaseDate,
          cost: { amount: MONTHLY_COST[s.phoneNumberType] ?? 1, currencyCode: "USD", billingFrequency: "monthly" },
        });
      }
      this.ledger.purchases.push({ searchId: s.searchId, phoneNumbers: [...s.phoneNumbers] });
      return undefined;
    });
    s.purchaseOperation = op.id;
    this.ledger.maxConcurrentPurchases = Math.max(this.ledger.maxConcurrentPurchases, this.runningPurchases());
    return op;
  }

  /** `GET /phoneNumbers/{n}`. */
  get(phoneNumber: string): PurchasedNumber {
    const n = this.purchased.get(phoneNumber);
    if (!n) throw new ApiError(404, "PhoneNumberNotFound", `phone number ${phoneNumber} is not on this resource`);
    return n;
  }

  /** `DELETE /phoneNumbers/{n}`. */
  release(phoneNumber: string): Operation {
    this.get(phoneNumber);
    return this.startOperation("releasePhoneNumber", () => {
      if (!this.purchased.delete(phoneNumber)) return new ApiError(404, "PhoneNumberNotFound", `phone number ${phoneNumber} is gone`);
      this.ledger.releases.push(phoneNumber);
      return undefined;
    });
  }

  /** `PATCH /phoneNumbers/{n}/capabilities`. */
  updateCapabilities(phoneNumber: string, body: Record<string, unknown>): Operation {
    const n = this.get(phoneNumber);
    for (const key of ["calling", "sms"] as const) {
      if (body[key] !== undefined && !CAPABILITY.includes(String(body[key]))) throw new ApiError(400, "InvalidInput", `${key} must be none, inbound, outbound or inbound+outbound`);
    }
    return this.startOperation(
      "updatePhoneNumberCapabilities",
      () => {
        if (typeof body.calling === "string") n.capabilities.calling = body.calling;
        if (typeof body.sms === "string") n.capabilities.sms = body.sms;
        return undefined;
      },
      `/phoneNumbers/${encodeURIComponent(phoneNumber)}`,
    );
  }

  /** `GET /phoneNumbers/operations/{id}` body (`resourceLocation` once succeeded). */
  operationBody(id: string, base: string, apiVersion: string): Record<string, unknown> {
    const op = this.operations.get(id);
    if (!op) throw new ApiError(404, "NotFound", `operation ${id} was not found`);
    const body: Record<string, unknown> = {
      id: op.id,
      operationType: op.operationType,
      status: op.status,
      createdDateTime: new Date(op.createdAt).toISOString(),
      lastActionDateTime: new Date().toISOString(),
    };
    if (op.status === "succeeded" && op.resourcePath) body.resourceLocation = `${base}${op.resourcePath}?api-version=${apiVersion}`;
    if (op.error) body.error = op.error;
    return body;
  }
}
