/**
 * Emergency dial strings per country, derived from google-libphonenumber's short-number metadata
 * (`ShortNumberInfo`), with a small documented set of adjustments for what a contact center needs.
 *
 * @see https://learn.microsoft.com/azure/communication-services/concepts/telephony/emergency-calling-concept
 */
import { ShortNumberInfo, type RegionCode } from "google-libphonenumber";

const shortNumbers = ShortNumberInfo.getInstance();

/** Test numbers that are treated as emergency calls (never recorded) but dispatch nobody. */
const TEST_NUMBERS: Readonly<Record<string, readonly string[]>> = {
  /** 933 reads back the caller's number and registered address (Teams and ACS docs, FCC practice). */
  US: ["933"],
};

/**
 * Short numbers that libphonenumber lists as emergency numbers but that are not.
 * DK 114 is the Danish police's non-emergency line (politi.dk); treating it as an emergency would put the
 * agent in Do Not Disturb and email the security desk for a routine call.
 */
const NOT_EMERGENCY: Readonly<Record<string, readonly string[]>> = { DK: ["114"] };

/**
 * Numbers recognised as emergency numbers (a call to them is handled as one: never recorded) but not listed
 * among the country's dial strings: in North America 112 reaches 911 from mobile handsets only (knowledge,
 * GSM standard), and Microsoft's ACS emergency service takes 911 and 933 there, not 112.
 */
const UNLISTED: Readonly<Record<string, readonly string[]>> = { US: ["112"], CA: ["112"] };

/**
 * Emergency numbers that Microsoft's emergency service takes on ACS direct offer (Microsoft numbers),
 * by the country the Calling SDK reports. Every other country is blocked.
 *
 * US, PR and CA take 911 (and 933, the US test number), DK takes 112, GB takes 999 and 112, and AU takes
 * 000. The Calling SDK's emergency country codes are US, PR, CA, GB and DK; AU is listed for completeness
 * only (it is not among the spec's agent emergency countries, so no agent dials from there).
 *
 * Note: azure-voice-api-facts.md §5.1 lists only US, PR, CA and GB; it predates Microsoft adding Denmark
 * and Australia, and the Learn pages below are the source here.
 *
 * @see https://learn.microsoft.com/azure/communication-services/concepts/telephony/emergency-calling-concept
 * @see https://learn.microsoft.com/azure/communication-services/quickstarts/telephony/emergency-calling
 */
export const DIRECT_OFFER_EMERGENCY: Readonly<Record<string, readonly string[]>> = {
  US: ["911", "933"],
  PR: ["911"],
  CA: ["911"],
  DK: ["112"],
  GB: ["999", "112"],
  AU: ["000"],
};

const ISO = /^[A-Z]{2}$/;
const SEPARATORS = /[\s\-.()]/g;
const cache = new Map<string, readonly string[]>();

/**
 * Removes spaces, dashes, dots and parentheses from a short dial string: `9-1-1` → `911`.
 *
 * @returns the digits (1 to 10, the longest Teams emergency dial mask), or `undefined` when there are more,
 *   none, or anything other than digits and separators remains
 */
export function shortDialDigits(dial: string): string | undefined {
  const digits = dial.replace(SEPARATORS, "");
  return /^\d{1,10}$/.test(digits) ? digits : undefined;
}

function checkCountry(country: string): void {
  if (!ISO.test(country)) {
    throw new Error(
      `country ${JSON.stringify(country)} must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB`,
    );
  }
}

function libphonenumberEmergency(country: string): string[] {
  const found: string[] = [];
  // Emergency numbers in the metadata are 2 or 3 digits in every region; enumerate and ask the metadata.
  for (let length = 2; length <= 3; length++) {
    const end = 10 ** length;
    for (let n = 0; n < end; n++) {
      const candidate = String(n).padStart(length, "0");
      if (shortNumbers.isEmergencyNumber(candidate, country as RegionCode)) found.push(candidate);
    }
  }
  return found;
}

/**
 * The emergency dial strings an agent in `country` may dial, national numbers first, then 112, then test numbers.
 *
 * Examples: `US` → `["911", "933"]`, `CA` → `["911"]`, `PR` → `["911"]`, `GB` → `["999", "112"]`,
 * `DK` → `["112"]`, `DE` → `["110", "112"]`. Unknown regions (`XX`) → `[]`.
 *
 * Derived from google-libphonenumber `ShortNumberInfo.isEmergencyNumber`, minus the DK 114 police
 * non-emergency line and the North-American 112 (recognised by {@link isEmergencyNumber} but not listed),
 * plus 933 in US (test number). Results are cached per country.
 *
 * @param country ISO 3166-1 alpha-2 code in capitals (`GB` for the UK)
 * @throws Error when `country` is not two capital letters
 */
export function emergencyDialStrings(country: string): string[] {
  checkCountry(country);
  let listed = cache.get(country);
  if (!listed) {
    const skip = new Set([...(NOT_EMERGENCY[country] ?? []), ...(UNLISTED[country] ?? [])]);
    const national = libphonenumberEmergency(country).filter((d) => !skip.has(d));
    national.sort((a, b) => Number(a === "112") - Number(b === "112") || a.localeCompare(b));
    listed = [...national, ...(TEST_NUMBERS[country] ?? [])];
    cache.set(country, listed);
  }
  return [...listed];
}

/**
 * Whether a dialed string is an emergency number in `country` (exact match after removing separators;
 * a leading `+` or any extra digit makes it not one: `9112` is not 911).
 *
 * True for every number google-libphonenumber lists (including 112 in US and CA), except DK 114, and for
 * the US test number 933 (see {@link isTestNumber}).
 *
 * @param dial what the caller dialed, e.g. `911`, `9-1-1`, `112`
 * @param country ISO 3166-1 alpha-2 code of where the caller is
 * @throws Error when `country` is not two capital letters
 */
export function isEmergencyNumber(dial: string, country: string): boolean {
  checkCountry(country);
  const digits = shortDialDigits(dial);
  if (digits === undefined) return false;
  if (TEST_NUMBERS[country]?.includes(digits)) return true;
  if (NOT_EMERGENCY[country]?.includes(digits)) return false;
  return shortNumbers.isEmergencyNumber(digits, country as RegionCode);
}

/**
 * Whether a dialed string is an emergency test number in `country` (933 in US): handled as an emergency
 * call, but no one is dispatched.
 */
export function isTestNumber(dial: string, country: string): boolean {
  const digits = shortDialDigits(dial);
  return digits !== undefined && (TEST_NUMBERS[country]?.includes(digits) ?? false);
}

/**
 * Whether Microsoft's emergency service on ACS direct offer takes this emergency number from this country.
 *
 * @param dialString bare digits such as `911`
 * @param country the country the Calling SDK reports (US territories report US; PR accepted as given)
 */
export function directOfferTakesEmergency(dialString: string, country: string): boolean {
  return DIRECT_OFFER_EMERGENCY[country]?.includes(dialString) ?? false;
}
