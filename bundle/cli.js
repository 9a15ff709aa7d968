#!/usr/bin/env node
// Generated from src/cli.ts by scripts/bundle.mjs (npm run bundle): do not edit.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";
setFlagsFromString("--no-turbo-inlining");
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
function runCached(file) {
  const bytes = readFileSync(file);
  const cache = codeCacheOf(file, bytes);
  let cachedData;
  try {
    cachedData = cache === void 0 ? void 0 : readFileSync(cache.path);
  } catch {
    cachedData = void 0;
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString("utf8")}
})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (cache === void 0 || cache.write === "never") return;
  if (cache.write === "always" || cachedData === void 0 || script.cachedDataRejected === true) {
    process.once("exit", () => writeCodeCache(cache, script.createCachedData()));
  }
}
function codeCacheOf(file, bytes) {
  const beside = `${file}.cache`;
  if (process.env.RACI_LINT_WRITE_CODE_CACHE === "1") return { path: beside, write: "always", prune: false };
  if (process.env.RACI_LINT_CODE_CACHE === "0") return void 0;
  if (existsSync(beside)) return { path: beside, write: "never", prune: false };
  const folder = userCacheFolder();
  if (folder === void 0) return void 0;
  const id = createHash("sha1").update(bytes).digest("hex").slice(0, 16);
  return { path: join(folder, `cli-${id}-${process.version}-${process.arch}.cache`), write: "if-needed", prune: true };
}
function userCacheFolder() {
  const { env, platform } = process;
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    if (platform === "win32") base = env.LOCALAPPDATA;
    else {
      const home = homedir();
      if (home) base = platform === "darwin" ? join(home, "Library", "Caches") : join(home, ".cache");
    }
  }
  return base && isAbsolute(base) ? join(base, "raci-lint") : void 0;
}
function writeCodeCache(cache, data) {
  try {
    const folder = dirname(cache.path);
    mkdirSync(folder, { recursive: true, mode: 448 });
    const temporary = `${cache.path}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 384 });
    renameSync(temporary, cache.path);
    if (!cache.prune) return;
    const caches = readdirSync(folder).filter((name) => /^cli-.*\.cache$/.test(name)).map((name) => ({ path: join(folder, name), time: statSync(join(folder, name)).mtimeMs })).sort((a, b) => b.time - a.time);
    for (const old of caches.slice(KEPT_CACHES)) rmSync(old.path, { force: true });
  } catch {
  }
}
