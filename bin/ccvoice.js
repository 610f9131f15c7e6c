#!/usr/bin/env node
// Entry of the `ccvoice` command: runs the TypeScript CLI through tsx's loaders (no build step needed).
// Two hooks: `require` of .ts files (tsx/cjs/api), and `import()` of them for modules loaded lazily
// (tsx/esm/api, loaded as ESM: its CommonJS build cannot register the loader).
import("tsx/esm/api")
  .then(({ register }) => {
    register();
    require("tsx/cjs/api").register();
    return require("../src/cli/main.ts").main(process.argv);
  })
  .then((code) => {
    process.exitCode = code;
  });
