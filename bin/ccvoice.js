#!/usr/bin/env node
// Entry of the `ccvoice` command: runs the TypeScript CLI through tsx's loader (no build step needed).
require("tsx/cjs/api").register();
require("../src/cli/main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
