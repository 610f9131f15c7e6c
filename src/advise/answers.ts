/**
 * The answers `ccvoice advise` decides on: asked interactively or read from an answers file
 * (`--answers answers.yaml`), validated here with zod. Every problem names its path in the answers file,
 * the value seen and the fix: `countries.callers[1] must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB, got "uk"`.
 */
import { readFileSync } from "node:fs";
import { isSupportedCountry } from "libphonenumber-js";
import { parse } from "yaml";
import { z } from "zod";
import { showValue } from "../config/problems";
import { NUMBER_PURPOSES, siteSchema } from "../config/schema";

/** What the contact center needs from SIP context (caller id, intent, auth tokens) across transfers and callbacks. */
export const SIP_CONTEXT_NEEDS = ["required", "useful", "not-needed"] as const;
/** The Teams Phone estate already in use. */
export const TEAMS_PHONE_USES = ["none", "calling-plan", "direct-routing"] as const;
/** Who should own call quality and the SLA of the PSTN leg. */
export const CALL_QUALITY_OWNERS = ["microsoft", "own"] as const;
/** Session border controllers already run. */
export const SBC_ESTATES = ["none", "certified", "uncertified"] as const;
/** An answer overriding the built-in table of countries where Microsoft numbers are sold. */
export const NUMBER_AVAILABILITY = ["sold", "not-sold"] as const;

const ISO = /^[A-Z]{2}$/;
const FQDN = /^(?=.{1,63}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@"';`$]+@[^\s@"';`$]+\.[a-z]{2,63}$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;
const e164 = z.string({ error: "must be an E.164 number in quotes such as \"+14255550100\"" }).regex(E164, { error: "must be an E.164 number with + and country code, such as +14255550100" });

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
const yesNo = z.boolean({ error: "must be true or false" });
const country = z
  .string({ error: "must be an ISO 3166-1 alpha-2 country code such as US" })
  .regex(ISO, { error: "must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB", abort: true })
  .refine((c): boolean => isSupportedCountry(c), { error: "must be a country with a telephone numbering plan, such as US or GB" });
const countries = z
  .array(country, { error: "must be a list of ISO 3166-1 alpha-2 country codes such as [US, GB]" })
  .min(1, { error: "must list at least one country such as [US]" });

/** The answers, as written in an answers file. */
export const adviceAnswersSchema = z.strictObject({
  /** Environment name of the stack to write. @default "prod" */
  environment: z
    .string({ error: "must be an environment name such as prod" })
    .regex(/^[a-z][a-z0-9-]{0,11}$/, { error: "must be 1-12 lower-case letters, digits or dashes, such as prod" })
    .default("prod"),
  carrier: z.strictObject(
    {
      /** Carrier contracts (numbers, minutes) the contact center keeps. */
      contracts: yesNo,
      /** SBCs already run: none, certified for ACS/Teams direct routing, or not certified. */
      sbcs: z.enum(SBC_ESTATES, { error: oneOf(SBC_ESTATES) }),
      /** Whether the carrier takes emergency calls through the SBCs. @default false */
      emergencyCalls: yesNo.default(false),
    },
    { error: "must be a map with contracts (true/false), sbcs (none, certified, uncertified) and emergencyCalls (true/false)" },
  ),
  /** Whether caller id, intent and auth tokens must survive transfers and callbacks. */
  sipContext: z.enum(SIP_CONTEXT_NEEDS, { error: oneOf(SIP_CONTEXT_NEEDS) }),
  countries: z.strictObject(
    {
      /** Countries callers call from (numbers are needed there). */
      callers: countries,
      /** Countries agents work in (outbound caller ids, emergency calls). */
      agents: countries,
      /** Countries whose agents must be able to dial emergency numbers. @default the agents' countries */
      emergency: countries.optional(),
    },
    { error: "must be a map with callers, agents and optionally emergency, each a list of country codes" },
  ),
  /** Overrides of the built-in table: is a Microsoft number sold in this country? @default {} */
  microsoftNumbers: z
    .record(country, z.enum(NUMBER_AVAILABILITY, { error: oneOf(NUMBER_AVAILABILITY) }), {
      error: "must be a map from country code to sold or not-sold, such as { DK: not-sold }",
    })
    .default({}),
  /** Teams Phone already in use for PSTN calls. */
  teamsPhone: z.enum(TEAMS_PHONE_USES, { error: oneOf(TEAMS_PHONE_USES) }),
  /** Who should own call quality and the SLA: Microsoft, or the contact center and its carrier. */
  callQuality: z.enum(CALL_QUALITY_OWNERS, { error: oneOf(CALL_QUALITY_OWNERS) }),
  /** Details for the stack file `--write` produces; example values are used (and listed) for those left out. */
  stack: z
    .strictObject(
      {
        acsName: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/, { error: "must be 1-63 letters, digits or dashes" }).optional(),
        dataLocation: z.string().min(2, { error: "must be a data location such as United States" }).optional(),
        domain: z.string().regex(FQDN, { error: "must be a domain in lower case such as contoso.com" }).optional(),
        sbcs: z.array(z.string().regex(FQDN, { error: "must be an SBC FQDN in lower case such as sbc1.contoso.com" })).min(1, { error: "must list at least one SBC" }).optional(),
        notificationEmail: z.string().regex(EMAIL, { error: "must be an email address such as security@contoso.com" }).optional(),
        tenantId: z.string().regex(GUID, { error: "must be the Entra tenant id, a GUID" }).optional(),
        applicationId: z.string().regex(GUID, { error: "must be the Entra application id of the contact center app, a GUID" }).optional(),
        /** E.164 number of the security desk: where a PSAP callback with no live lease goes. */
        securityDeskNumber: e164.optional(),
        /** Carrier numbers reaching ACS through the SBCs (main lines, callback pool), as in `ccvoice:directRouting.numbers`. */
        carrierNumbers: z
          .array(z.strictObject({ phoneNumber: e164, purpose: z.enum(NUMBER_PURPOSES, { error: `must be one of ${NUMBER_PURPOSES.join(", ")}` }) }))
          .optional(),
        /** Sites with agents and their civic addresses, as in `ccvoice:emergency.sites`. */
        sites: z.array(siteSchema).optional(),
      },
      { error: "must be a map of stack details (acsName, dataLocation, domain, sbcs, notificationEmail, tenantId, applicationId, securityDeskNumber, carrierNumbers, sites)" },
    )
    .default({}),
});

/** Validated answers with defaults applied. */
export type AdviceAnswers = z.infer<typeof adviceAnswersSchema>;
/** Answers before defaults, as a file or the prompts give them. */
export type AdviceAnswersInput = z.input<typeof adviceAnswersSchema>;

/** Thrown for invalid answers; `problems` holds one line per mistake, each starting with its path. */
export class AnswersError extends Error {
  constructor(
    readonly problems: readonly string[],
    source = "the answers",
  ) {
    super(`${source} ${problems.length === 1 ? "has 1 problem" : `has ${problems.length} problems`}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "AnswersError";
  }
}

function answerPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out === "" ? "(top level)" : out;
}

function problemsOf(issues: readonly z.core.$ZodIssue[]): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(`${answerPath([...issue.path, key])} is not a known answer; remove it or check its spelling`);
      continue;
    }
    const path = answerPath(issue.path);
    if (issue.code === "invalid_key") {
      const key = issue.path[issue.path.length - 1];
      out.push(`${answerPath(issue.path.slice(0, -1))} has key ${showValue(key)}, which is not a country code; use ISO 3166-1 alpha-2 codes such as DK`);
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    let message = issue.message;
    if (issue.code === "invalid_type" && message.startsWith("Invalid input")) {
      const expected = String(issue.expected);
      message = `must be ${expected === "object" ? "a map" : expected === "array" ? "a list" : `a ${expected}`}`;
    }
    out.push(input === undefined ? `${path} is required and ${message}` : `${path} ${message}, got ${showValue(input)}`);
  }
  return out;
}

/**
 * Validates answers (from a file or the prompts).
 *
 * @param raw the parsed answers document
 * @param source what was read, for the error heading (e.g. the file path)
 * @returns the answers with defaults: environment `prod`, `carrier.emergencyCalls` false, `microsoftNumbers` `{}`, `stack` `{}`
 * @throws AnswersError listing every problem with its path
 */
export function parseAdviceAnswers(raw: unknown, source?: string): AdviceAnswers {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new AnswersError([`(top level) must be a map of answers (${Object.keys(adviceAnswersSchema.shape).join(", ")}), got ${showValue(raw)}`], source);
  }
  const result = adviceAnswersSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new AnswersError(problemsOf(result.error.issues), source);
  return result.data;
}

/**
 * Reads and validates an answers file (YAML or JSON).
 *
 * @param file path of the answers file
 * @throws AnswersError when the file is missing, is not YAML, or has invalid answers
 */
export function readAdviceAnswers(file: string): AdviceAnswers {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new AnswersError([`${file} cannot be read; check the path`], `answers file ${file}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new AnswersError([`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`], `answers file ${file}`);
  }
  return parseAdviceAnswers(doc, `answers file ${file}`);
}
