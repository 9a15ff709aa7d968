#!/usr/bin/env node
/**
 * The `raci-lint` command. It runs the CLI bundle, `cli.cjs` beside it (made by scripts/bundle.mjs:
 * `dist/cli.cjs` after a build, `bundle/cli.cjs` in the committed copy that installs from git, npm's
 * tarball and the GitHub Action run), from V8's code cache: start-up then skips compiling the
 * functions a lint run uses (about 50 ms of the 0.3 s it takes to lint the bundled matrices).
 *
 * The cache is `cli.cjs.cache` beside the bundle when the build left one. Otherwise it is kept in the
 * user's cache folder (`$XDG_CACHE_HOME/raci-lint`, `~/.cache/raci-lint`, `~/Library/Caches/raci-lint`
 * or `%LOCALAPPDATA%\raci-lint`), one file per bundle content and Node version, written by the first
 * run and replaced when V8 refuses it (another Node version or V8 flags); the folder keeps the four
 * most recent. `RACI_LINT_CODE_CACHE=0` runs without any cache. A cache is never committed or
 * shipped: V8 accepts it only from the same V8 build and flags.
 *
 * Without the bundle (tsc's output alone) it runs the modules; with `--enable-source-maps` it loads
 * the bundle through Node's loader, so stack traces show `src/` lines (where the map is, in dist/).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

// A lint run is short and its hot code is spread over many small functions: V8's optimising
// compiler, left to inline them, spends more (on a compiler thread sharing the machine's cores)
// than its code then saves. Without inlining, a 2,000-file run takes 15–20% less time and CPU (see
// docs/architecture.md, Speed). Set before anything is compiled (the code cache records the flags
// it was made with); the library's callers keep their own settings.
setFlagsFromString("--no-turbo-inlining");

/** How many code caches the user's cache folder keeps (one per bundle and Node version run lately). */
const KEPT_CACHES = 4;

const bundle = fileURLToPath(new URL("./cli.cjs", import.meta.url));

if (!existsSync(bundle)) {
  const { main } = await import("./cli/main.js");
  await main();
} else if (process.sourceMapsEnabled) {
  createRequire(import.meta.url)(bundle);
} else {
  runCached(bundle);
}

/** Where a bundle's code cache is read from, and when it is written back. */
interface CodeCache {
  path: string;
  /** `always`: the build's warm-up run; `if-needed`: when missing or refused; `never`: the build's cache, read only. */
  write: "always" | "if-needed" | "never";
  /** Whether writing it may remove older caches in its folder (the user's cache folder only). */
  prune: boolean;
}

/** Runs a CommonJS file as Node would, compiled from its code cache when there is one. */
function runCached(file: string): void {
  const bytes = readFileSync(file);
  const cache = codeCacheOf(file, bytes);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cache === undefined ? undefined : readFileSync(cache.path);
  } catch {
    cachedData = undefined;
  }
  // Node's CommonJS wrapper, on the file's first line so that line numbers stay the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString("utf8")}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  if (cache === undefined || cache.write === "never") return;
  if (cache.write === "always" || cachedData === undefined || script.cachedDataRejected === true) {
    // At exit the cache holds every function the run compiled, not only the top level.
    process.once("exit", () => writeCodeCache(cache, script.createCachedData()));
  }
}

/** The code cache of a bundle: the build's beside it, else one in the user's cache folder; none when turned off. */
function codeCacheOf(file: string, bytes: Buffer): CodeCache | undefined {
  const beside = `${file}.cache`;
  // The build runs the command once with this set and keeps the cache beside the bundle in dist/.
  if (process.env.RACI_LINT_WRITE_CODE_CACHE === "1") return { path: beside, write: "always", prune: false };
  if (process.env.RACI_LINT_CODE_CACHE === "0") return undefined;
  if (existsSync(beside)) return { path: beside, write: "never", prune: false };
  const folder = userCacheFolder();
  if (folder === undefined) return undefined;
  // V8 checks a cache against the source's length only: the name must tell bundles apart by content.
  const id = createHash("sha1").update(bytes).digest("hex").slice(0, 16);
  return { path: join(folder, `cli-${id}-${process.version}-${process.arch}.cache`), write: "if-needed", prune: true };
}

/** raci-lint's folder in the user's cache folder, or undefined when there is no absolute one. */
function userCacheFolder(): string | undefined {
  const { env, platform } = process;
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    if (platform === "win32") base = env.LOCALAPPDATA;
    else {
      const home = homedir();
      if (home) base = platform === "darwin" ? join(home, "Library", "Caches") : join(home, ".cache");
    }
  }
  return base && isAbsolute(base) ? join(base, "raci-lint") : undefined;
}

/** Writes a code cache whole (a temporary file renamed), then drops the oldest in its folder; failing only costs speed. */
function writeCodeCache(cache: CodeCache, data: Buffer): void {
  try {
    const folder = dirname(cache.path);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${cache.path}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, cache.path);
    if (!cache.prune) return;
    const caches = readdirSync(folder)
      .filter((name) => /^cli-.*\.cache$/.test(name))
      .map((name) => ({ path: join(folder, name), time: statSync(join(folder, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const old of caches.slice(KEPT_CACHES)) rmSync(old.path, { force: true });
  } catch {
    // A read-only or missing cache folder: the next run compiles from source, as this one did.
  }
}
