/** `main` and the shared CLI error handling (`src/cli/io.ts`): exit codes and what reaches stderr. */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { isDebug, reportError, UsageError, type CliIo } from "../../src/cli/io";
import { SpecError } from "../../src/config/problems";

function capture(): CliIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

describe("main", () => {
  it("prints help to stdout and exits 0 for --help", async () => {
    const io = capture();
    expect(await main(["node", "ccvoice", "--help"], io)).toBe(0);
    expect(io.outLines.join("\n")).toContain("preview [options]");
    expect(io.outLines.join("\n")).toContain("simulate [options]");
  });

  it("fails when no command is given (help on stderr, exit 2)", async () => {
    const io = capture();
    expect(await main(["node", "ccvoice"], io)).toBe(2);
    expect(io.outLines).toEqual([]);
    expect(io.errLines.join("\n")).toContain("Usage: ccvoice [options] [command]");
  });

  it("prints the help of a command and exits 0", async () => {
    const io = capture();
    expect(await main(["node", "ccvoice", "preview", "--help"], io)).toBe(0);
    expect(io.outLines.join("\n")).toContain("--stack-file <path>");
  });
});

describe("reportError", () => {
  it.each([
    [new UsageError("give --stack <name> or --stack-file <path>"), 2, ["ccvoice: give --stack <name> or --stack-file <path>"]],
    [new Error("socket hang up\n    at somewhere"), 1, ["ccvoice: socket hang up"]],
    ["a string was thrown", 1, ["ccvoice: a string was thrown"]],
    [
      new SpecError([
        { path: "ccvoice:acs", message: "ccvoice:acs is required and must be an object" },
        { path: "ccvoice:environment", message: 'ccvoice:environment must be 1-12 lower-case letters, got "PROD"' },
      ]),
      1,
      [
        "the configuration has 2 configuration problems:",
        "  ccvoice:acs is required and must be an object",
        '  ccvoice:environment must be 1-12 lower-case letters, got "PROD"',
      ],
    ],
  ])("reports %s with exit %i and one line per message, no stack", (err, code, lines) => {
    const io = capture();
    expect(reportError(err, io, false)).toBe(code);
    expect(io.errLines).toEqual(lines);
  });

  it("prints the stack too with CCVOICE_DEBUG=1", () => {
    const io = capture();
    const err = new Error("boom");
    expect(reportError(err, io, true)).toBe(1);
    expect(io.errLines[0]).toBe("ccvoice: boom");
    expect(io.errLines[1]).toBe(err.stack);
  });

  it.each([
    [{ CCVOICE_DEBUG: "1" }, true],
    [{ CCVOICE_DEBUG: "0" }, false],
    [{}, false],
  ])("reads debug from %j as %s", (env, debug) => {
    expect(isDebug(env)).toBe(debug);
  });
});
