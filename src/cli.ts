#!/usr/bin/env node
/**
 * The `raci-lint` command. It runs the CLI bundle (`dist/cli.cjs`, made by scripts/bundle.mjs) from
 * V8's code cache when the build left one (`dist/cli.cjs.cache`): start-up then skips compiling the
 * functions a lint run uses (about 15–50 ms a run). A cache V8 does not accept (another Node
 * version) is ignored. Without the bundle (tsc's output alone) it runs the modules; with
 * `--enable-source-maps` it loads the bundle through Node's loader, so stack traces show `src/`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

// A lint run is short and its hot code is spread over many small functions: V8's optimising
// compiler, left to inline them, spends more (on a compiler thread sharing the machine's cores)
// than its code then saves. Without inlining, a 2,000-file run takes 15–20% less time and CPU (see
// docs/architecture.md, Speed). Set before anything is compiled (the code cache records the flags
// it was made with); the library's callers keep their own settings.
setFlagsFromString("--no-turbo-inlining");

const bundle = fileURLToPath(new URL("./cli.cjs", import.meta.url));

if (!existsSync(bundle)) {
  const { main } = await import("./cli/main.js");
  await main();
} else if (process.sourceMapsEnabled) {
  createRequire(import.meta.url)(bundle);
} else {
  runCached(bundle);
}

/** Runs a CommonJS file as Node would, compiled from its code cache (`<file>.cache`) when there is one. */
function runCached(file: string): void {
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // Node's CommonJS wrapper, on the file's first line so that line numbers stay the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  // The build runs the CLI once with this set and keeps the cache, which then holds every function that run compiled.
  if (process.env.RACI_LINT_WRITE_CODE_CACHE === "1") process.once("exit", () => writeFileSync(cacheFile, script.createCachedData()));
}
