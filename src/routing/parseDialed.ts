/**
 * Turning what a caller dialed into the string that route patterns are matched against.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { emergencyDialStrings, isEmergencyNumber, isTestNumber, shortDialDigits } from "./emergencyNumbers";

/** A dialed number, classified and normalised. */
export interface DialedNumber {
  /** What was dialed, as given. */
  readonly input: string;
  /** ISO 3166-1 alpha-2 country of the caller, used for national formats and emergency numbers. */
  readonly country: string;
  /**
   * What route patterns see: the E.164 form with `+` (`+14255550100`) for ordinary numbers, the bare
   * digits (`911`) for emergency numbers.
   */
  readonly dialString: string;
  /** E.164 form of an ordinary number; absent for emergency numbers. */
  readonly e164?: string;
  /** Whether the number is an emergency number in `country` (including test numbers). */
  readonly emergency: boolean;
  /** Whether it is an emergency test number (933 in US): handled as an emergency call, dispatches nobody. */
  readonly testNumber: boolean;
}

/**
 * Checks the country of a call.
 *
 * @throws Error `country "XX" must be an ISO 3166-1 alpha-2 country code that has phone numbers, such as US or GB`
 */
export function assertCallCountry(country: string): void {
  if (!isSupportedCountry(country)) {
    throw new Error(
      `country ${JSON.stringify(country)} must be an ISO 3166-1 alpha-2 country code that has phone numbers, such as US or GB`,
    );
  }
}

/**
 * Classifies and normalises a dialed number.
 *
 * - Emergency numbers (`911`, `9-1-1`, `112`, `999`, `933` in US) → `dialString` is the bare digits.
 * - Anything libphonenumber-js can read as a possible phone number in `country` → E.164: `(425) 555-0100`
 *   in US → `+14255550100`; `011 45 33 12 34 00` in US and `+4533123400` → `+4533123400`.
 *   Possible (right length) is enough; validity is not required, so routes can be tested on any number.
 *
 * @param dial what the caller dialed
 * @param country ISO 3166-1 alpha-2 code of where the caller is (`GB` for the UK)
 * @throws Error when the country is unknown, or the dial string is neither an emergency number nor a phone
 *   number, e.g. `dialed "411" is neither an emergency number in US (911, 933) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100`
 */
export function parseDialed(dial: string, country: string): DialedNumber {
  assertCallCountry(country);
  const input = dial;
  if (isEmergencyNumber(dial, country)) {
    const dialString = shortDialDigits(dial) as string;
    return { input, country, dialString, emergency: true, testNumber: isTestNumber(dial, country) };
  }
  const parsed = /[A-Za-z]/.test(dial)
    ? undefined
    : parsePhoneNumberFromString(dial.trim(), country as CountryCode);
  if (parsed?.isPossible()) {
    const e164 = parsed.number;
    return { input, country, dialString: e164, e164, emergency: false, testNumber: false };
  }
  const known = emergencyDialStrings(country);
  throw new Error(
    `dialed ${JSON.stringify(dial)} is neither an emergency number in ${country} (${known.join(", ") || "none known"}) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100`,
  );
}
