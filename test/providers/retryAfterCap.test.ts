/**
 * How the ACS clients read the wait a throttled answer asks for (pure).
 */
import { createHttpHeaders } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "../../src/providers/shared/retryAfterCap";

describe("retryAfterMs", () => {
  it.each<[string, number, Record<string, string>, number | undefined]>([
    ["Retry-After in seconds", 429, { "retry-after": "120" }, 120_000],
    ["retry-after-ms first", 503, { "retry-after-ms": "250", "retry-after": "9" }, 250],
    ["x-ms-retry-after-ms", 429, { "x-ms-retry-after-ms": "40" }, 40],
    ["a date in the past", 429, { "retry-after": "Tue, 01 Jan 2002 00:00:00 GMT" }, 0],
    ["no header", 429, {}, undefined],
    ["another status", 500, { "retry-after": "120" }, undefined],
  ])("%s", (_name, status, headers, expected) => {
    expect(retryAfterMs({ status, headers: createHttpHeaders(headers) })).toBe(expected);
  });
});
