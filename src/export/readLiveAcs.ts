/**
 * Reads what `ccvoice export` adopts from a live ACS resource: the SIP configuration (`GET /sip`, through
 * the SIP provider's client factory) and the purchased numbers (`PhoneNumbersClient`, through the phone
 * numbers provider's client factory). Credentials at call time: `CCVOICE_ACS_ACCESS_KEY`, else
 * DefaultAzureCredential.
 *
 * Why not `SipRoutingClient`: in `@azure/communication-phone-numbers` 1.5.0 its models drop `domains`, trunk
 * `enabled` and route `callerIdOverride` (see `src/providers/sipRouting/client.ts`), so an export through it
 * would not round-trip; the client used here sends the same `GET /sip` on the SDK's pipeline.
 */
import { describeAcsError } from "../providers/shared/acsError";
import { createPhoneNumbersContext } from "../providers/phoneNumbers/client";
import { createSipConfigurationClient } from "../providers/sipRouting/client";
import { PREVIEW_API_VERSION, STABLE_API_VERSION, type WireSipConfiguration } from "../providers/sipRouting/plan";

/** A purchased number as exported. */
export interface LiveNumber {
  readonly phoneNumber: string;
  readonly countryCode: string;
  readonly phoneNumberType: string;
  readonly assignmentType: string;
  readonly capabilities: { readonly calling: string; readonly sms: string };
}

/** What was read from the ACS resource. */
export interface LiveAcs {
  readonly endpoint: string;
  readonly sip: WireSipConfiguration;
  /** api-version `/sip` was read with: the preview one shows domains, trunk `enabled` and `callerIdOverride`. */
  readonly sipApiVersion: string;
  /** Purchased numbers in the order the service lists them. */
  readonly numbers: LiveNumber[];
}

async function readSip(endpoint: string, progress: (line: string) => void): Promise<{ sip: WireSipConfiguration; apiVersion: string }> {
  progress(`reading the SIP configuration of ${endpoint} (GET /sip, api-version ${PREVIEW_API_VERSION})`);
  try {
    return { sip: await createSipConfigurationClient(endpoint, PREVIEW_API_VERSION).get(), apiVersion: PREVIEW_API_VERSION };
  } catch (error) {
    const e = error as { statusCode?: number; code?: string };
    if (e.statusCode !== 400 || !/apiversion/i.test(e.code ?? "")) throw describeAcsError(error, "reading the SIP configuration (GET /sip)", endpoint);
  }
  progress(`api-version ${PREVIEW_API_VERSION} is not accepted; reading with ${STABLE_API_VERSION} (no domains, trunk enabled or callerIdOverride)`);
  try {
    return { sip: await createSipConfigurationClient(endpoint, STABLE_API_VERSION).get(), apiVersion: STABLE_API_VERSION };
  } catch (error) {
    throw describeAcsError(error, "reading the SIP configuration (GET /sip)", endpoint);
  }
}

/**
 * Reads the SIP configuration and every purchased number of an ACS resource.
 *
 * @param endpoint the ACS endpoint, e.g. `https://contoso-cc.unitedstates.communication.azure.com`
 * @param progress receives one line per step and per page of numbers (for stderr)
 * @throws Error naming the action, the endpoint, the service's answer and the fix (401, 403, 429 explained)
 */
export async function readLiveAcs(endpoint: string, progress: (line: string) => void = () => undefined): Promise<LiveAcs> {
  const { sip, apiVersion } = await readSip(endpoint, progress);
  const trunks = Object.keys(sip.trunks ?? {}).length;
  progress(`read ${Object.keys(sip.domains ?? {}).length} domain(s), ${trunks} trunk(s), ${(sip.routes ?? []).length} route(s)`);
  progress("listing purchased phone numbers (GET /phoneNumbers)");
  const numbers: LiveNumber[] = [];
  try {
    const { client } = createPhoneNumbersContext(endpoint);
    for await (const page of client.listPurchasedPhoneNumbers().byPage()) {
      for (const n of page) {
        numbers.push({
          phoneNumber: n.phoneNumber,
          countryCode: n.countryCode,
          phoneNumberType: n.phoneNumberType,
          assignmentType: n.assignmentType,
          capabilities: { calling: n.capabilities.calling, sms: n.capabilities.sms },
        });
      }
      progress(`  ${numbers.length} number(s) so far`);
    }
  } catch (error) {
    throw describeAcsError(error, "listing purchased phone numbers (GET /phoneNumbers)", endpoint);
  }
  progress(`read ${numbers.length} purchased number(s)`);
  return { endpoint, sip, sipApiVersion: apiVersion, numbers };
}
