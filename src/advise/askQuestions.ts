/**
 * The questions `ccvoice advise` asks interactively (with `@inquirer/prompts`), producing the same answers
 * an answers file holds. The prompts go through a {@link Prompter} so tests can answer them.
 */
import { isSupportedCountry } from "libphonenumber-js";
import type { AdviceAnswersInput } from "./answers";
import { ACS_NUMBER_COUNTRIES, TEAMS_CALLING_PLAN_COUNTRIES } from "./microsoftCoverage";

/** A choice of a select question. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly name: string;
  readonly description?: string;
}

/** The three kinds of prompt `advise` uses (the subset of `@inquirer/prompts` it needs). */
export interface Prompter {
  select<T extends string>(question: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
  input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
}

/** A {@link Prompter} over `@inquirer/prompts` (loaded on first use), reading stdin and writing stdout. */
export function inquirerPrompter(): Prompter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => require("@inquirer/prompts") as typeof import("@inquirer/prompts");
  return {
    select: (q) => load().select({ message: q.message, choices: q.choices, ...(q.default ? { default: q.default } : {}) }),
    confirm: (q) => load().confirm(q),
    input: (q) => load().input(q),
  };
}

/** Splits `"us, GB dk"` into `["US", "GB", "DK"]`. */
export function splitCountries(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c.length > 0);
}

/** Validation of a countries answer: `true`, or what is wrong. */
export function countriesProblem(text: string, allowEmpty = false): true | string {
  const codes = splitCountries(text);
  if (codes.length === 0) return allowEmpty ? true : "give at least one country code, such as US";
  const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c) || !isSupportedCountry(c));
  return bad.length === 0 ? true : `not country codes: ${bad.join(", ")}; use ISO 3166-1 alpha-2 codes such as US, GB, DK`;
}

/**
 * Asks the questions that decide the approach, in the order an admin thinks about them.
 *
 * @param prompter where to ask (see {@link inquirerPrompter})
 * @returns raw answers, to be validated with `parseAdviceAnswers`
 */
export async function askAdviceQuestions(prompter: Prompter): Promise<AdviceAnswersInput> {
  const contracts = await prompter.confirm({ message: "Do you have carrier contracts (numbers, minutes) you want to keep?", default: false });
  const sbcs = await prompter.select({
    message: "Which session border controllers (SBCs) do you run?",
    choices: [
      { value: "none", name: "none" },
      { value: "certified", name: "SBCs certified for ACS or Teams direct routing" },
      { value: "uncertified", name: "SBCs not certified for direct routing" },
    ],
  });
  const emergencyCalls =
    contracts || sbcs !== "none"
      ? await prompter.confirm({ message: "Does your carrier take emergency calls (911, 112, 999) through your SBCs?", default: false })
      : false;
  const sipContext = await prompter.select({
    message: "Must SIP context (caller id, intent, auth tokens) survive transfers and callbacks?",
    choices: [
      { value: "required", name: "required", description: "workflows break without it" },
      { value: "useful", name: "useful, not required" },
      { value: "not-needed", name: "not needed" },
    ],
  });
  const teamsPhone = await prompter.select({
    message: "Is Teams Phone already in use for PSTN calls?",
    choices: [
      { value: "none", name: "no" },
      { value: "calling-plan", name: "yes, with Microsoft Calling Plans" },
      { value: "direct-routing", name: "yes, with Teams direct routing (our SBCs)" },
    ],
  });
  const callers = splitCountries(await prompter.input({ message: "Countries your callers call from (ISO codes, e.g. US, GB):", validate: (v) => countriesProblem(v) }));
  const agentsText = await prompter.input({ message: "Countries your agents work in:", default: callers.join(", "), validate: (v) => countriesProblem(v) });
  const agents = splitCountries(agentsText);
  const emergency = splitCountries(
    await prompter.input({ message: "Countries whose agents must be able to dial emergency numbers:", default: agents.join(", "), validate: (v) => countriesProblem(v) }),
  );
  const table = teamsPhone === "none" ? Object.keys(ACS_NUMBER_COUNTRIES) : TEAMS_CALLING_PLAN_COUNTRIES;
  const microsoftNumbers: Record<string, "sold" | "not-sold"> = {};
  for (const country of [...new Set([...callers, ...agents])].filter((c) => !table.includes(c))) {
    const known = await prompter.select({
      message: `Are ${teamsPhone === "none" ? "Microsoft numbers (ACS)" : "Teams Calling Plans"} sold in ${country}?`,
      choices: [
        { value: "unknown", name: "I don't know (treated as not sold)" },
        { value: "sold", name: "yes" },
        { value: "not-sold", name: "no" },
      ],
    });
    if (known !== "unknown") microsoftNumbers[country] = known;
  }
  const callQuality = await prompter.select({
    message: "Who should own call quality and the SLA of the phone network leg?",
    choices: [
      { value: "microsoft", name: "Microsoft (numbers and PSTN from Microsoft)" },
      { value: "own", name: "we and our carrier" },
    ],
  });
  const environment = await prompter.input({ message: "Environment name of the stack (dev, test, prod):", default: "prod" });
  const stack: Record<string, string> = {};
  if (await prompter.confirm({ message: "Fill in stack details now (ACS name, domain, security desk email)? Otherwise example values are written.", default: false })) {
    const ask = async (key: string, message: string) => {
      const value = (await prompter.input({ message: `${message} (empty: example value)` })).trim();
      if (value.length > 0) stack[key] = value;
    };
    await ask("acsName", "ACS resource name");
    await ask("dataLocation", "ACS data location, e.g. United States");
    await ask("domain", "Your domain, e.g. contoso.com");
    await ask("notificationEmail", "Email of the security desk notified of agent emergency calls");
  }
  return {
    environment,
    carrier: { contracts, sbcs, emergencyCalls },
    sipContext,
    countries: { callers, agents, emergency },
    microsoftNumbers,
    teamsPhone,
    callQuality,
    stack,
  };
}
