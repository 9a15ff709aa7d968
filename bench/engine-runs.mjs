#!/usr/bin/env node
/**
 * Counts how many times a raci-lint build runs json-rules-engine on a lint run: what its memos
 * leave to the engine. Not timed (it runs the build's unbundled modules, `<dist>/cli/main.js`,
 * with `Engine.prototype.run` wrapped); the bench calls it with --engine-runs.
 *
 * Usage: node bench/engine-runs.mjs <path of the build's cli.js> <CLI arguments...>
 * Prints `{"engineRuns": N, "exitCode": E}` on stderr's last line; stdout is the CLI's.
 * Exits 3 when the build has no `cli/main.js` exporting `main` or does not load json-rules-engine
 * from its own node_modules (nothing counted).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [cliPath, ...cliArgs] = process.argv.slice(2);
if (!cliPath) {
  console.error("usage: node bench/engine-runs.mjs <dist/cli.js> <CLI arguments...>");
  process.exit(2);
}
const mainPath = path.join(path.dirname(path.resolve(cliPath)), "cli", "main.js");
if (!fs.existsSync(mainPath)) {
  console.error(`engine-runs: ${mainPath} not found`);
  process.exit(3);
}

// The build's modules import json-rules-engine (CommonJS) from its node_modules: the ES import and
// this require share one module instance, so wrapping the prototype here counts the build's runs.
let Engine;
try {
  ({ Engine } = createRequire(mainPath)("json-rules-engine"));
} catch (error) {
  console.error(`engine-runs: cannot load json-rules-engine next to ${mainPath}: ${error.message}`);
  process.exit(3);
}
let runs = 0;
const run = Engine.prototype.run;
Engine.prototype.run = function countedRun(...args) {
  runs++;
  return run.apply(this, args);
};

process.argv = [process.argv[0], mainPath, ...cliArgs];
const { main } = await import(pathToFileURL(mainPath).href);
if (typeof main !== "function") {
  console.error(`engine-runs: ${mainPath} exports no main()`);
  process.exit(3);
}
await main();
process.on("exit", (code) => process.stderr.write(`\n${JSON.stringify({ engineRuns: runs, exitCode: code })}\n`));
