/**
 * The pure routing and emergency core: number normalisation, emergency numbers, ACS direct routing and direct
 * offer, Teams direct routing, and the path a call takes. No Pulumi and no Azure imports; used by the Pulumi
 * program, the policies, the CLI and the runtime.
 */
export {
  CALL_PATHS,
  type CallInput,
  type CallPath,
  type CallResolution,
} from "./callResolution";
export {
  DIRECT_OFFER_EMERGENCY,
  directOfferTakesEmergency,
  emergencyDialStrings,
  isEmergencyNumber,
  isTestNumber,
  shortDialDigits,
} from "./emergencyNumbers";
export { findShadowedRoutes, routesMatching, type PatternRoute, type ShadowedRoute } from "./findShadowedRoutes";
export { cachedNumberPattern, matchesNumberPattern } from "./matchesNumberPattern";
export {
  compileNumberPattern,
  isAnchored,
  MAX_NUMBER_PATTERN_LENGTH,
  numberPatternProblem,
  topLevelAlternatives,
} from "./numberPattern";
export { assertCallCountry, parseDialed, type DialedNumber } from "./parseDialed";
export { resolveAcsCall } from "./resolveAcsCall";
export {
  resolveAcsDirectRouting,
  type AcsRouteResolution,
  type SkippedRoute,
} from "./resolveAcsDirectRouting";
export { resolveCall } from "./resolveCall";
export { assumedCapabilitiesWarning, resolveCallerId, type CallerId } from "./resolveCallerId";
export { resolveTeamsCall, teamsRoutesForUsage } from "./resolveTeamsCall";
export { samplePatternMatches } from "./samplePatternMatches";
export { servedCountries, summarizeRouting, type RoutingSummaryEntry } from "./summarizeRouting";
