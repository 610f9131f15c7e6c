import { describe, expect, it } from "vitest";
import { storageAccountName, subscriptionOf } from "../../src/components/names";
import { looksLikeSecretSetting } from "../../src/components/runtimeApp";

describe("storageAccountName", () => {
  it.each([
    ["prod", "contoso-cc-byot", "ccvprod2a0a4eb77492f3909"],
    ["prod", "contoso-cc-hybrid", "ccvprodfa89e810b96554bcb"],
    ["prod", "CONTOSO-CC-HYBRID", "ccvprodfa89e810b96554bcb"],
    ["dev-eu-1", "x", "ccvdeveu12d711642b726b04"],
    ["abcdefghijkl", "x", "ccvabcdefghijkl2d711642b"],
  ])("names the storage account of %s / %s %s", (env, acs, expected) => {
    const name = storageAccountName(env, acs);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[a-z0-9]{24}$/);
  });

  it.each([
    ["Prod", 'ccvoice:environment must be 1-12 lower-case letters, digits or dashes to name the storage account, got "Prod"'],
    ["abcdefghijklm", 'ccvoice:environment must be 1-12 lower-case letters, digits or dashes to name the storage account, got "abcdefghijklm"'],
  ])("fails when the environment is %s", (env, message) => {
    expect(() => storageAccountName(env, "x")).toThrow(message);
  });
});

describe("subscriptionOf", () => {
  it.each([
    ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", "00000000-0000-0000-0000-000000000000"],
    ["/SUBSCRIPTIONS/abc/resourceGroups/rg/providers/x/y/z", "abc"],
  ])("reads the subscription of %s", (id, sub) => {
    expect(subscriptionOf(id)).toBe(sub);
  });

  it("fails when the id is not an ARM id", () => {
    expect(() => subscriptionOf("rg-contoso")).toThrow(
      'expected an ARM resource id starting with /subscriptions/<id>/, got "rg-contoso"',
    );
  });
});

describe("looksLikeSecretSetting", () => {
  it.each([
    ["ACS_CONNECTION_STRING", true],
    ["AzureWebJobsStorage", false],
    ["StorageAccountKey", true],
    ["ACS_ACCESS_KEY", true],
    ["BLOB_SAS", true],
    ["CLIENT_SECRET", true],
    ["AzureWebJobsStorage__accountName", false],
    ["ACS_ENDPOINT", false],
    ["CCVOICE_SPEC", false],
    ["ACS_IMMUTABLE_RESOURCE_ID", false],
  ])("%s looks like a secret: %s", (name, secret) => {
    expect(looksLikeSecretSetting(name)).toBe(secret);
  });
});
