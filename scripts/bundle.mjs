/**
 * The build's last step (after tsc): the command and the GitHub Action as self-contained files, the
 * ones `bundle/` commits so that installs from git and the action run without building anything
 * (see docs/architecture.md, Build). From the current sources it writes, in dist/:
 * - `cli.cjs`: the CLI (`src/cli/main.ts`) and every module and dependency it imports, in one
 *   CommonJS file, the built-in rules inlined; its source map `cli.cjs.map` stays in dist/;
 * - `lint-worker.cjs`: the worker of `--threads` (`src/api/lint-worker.ts`), bundled the same way;
 * - `cli.js`: the `raci-lint` command (`src/cli.ts`, the loader that runs cli.cjs from V8's code
 *   cache), types stripped by esbuild; it replaces tsc's output of the same module;
 * - `action.js`: the GitHub Action's entry (`src/action/main.ts`), which runs cli.js;
 * - `index.cjs` and `index.d.cts`: the library's entry for require() (not in bundle/);
 * then runs the command once on the bundled matrices to leave V8's code cache of cli.cjs,
 * `dist/cli.cjs.cache` (specific to this machine's Node: never committed).
 * `node scripts/bundle.mjs --commit` (what `npm run bundle` runs after the build) copies those four
 * files to `bundle/`; `node scripts/bundle.mjs --check` (run by a test and before publishing) fails
 * while they differ. The output depends only on the sources,
 * package-lock.json's packages and esbuild's version: paths in it are relative to the repository, and
 * nothing in it names the machine or the time. dist/ and bundle/ are both at the repository's root,
 * so the files run the same from either.
 *
 * What differs in one file is handled here:
 * - `new URL("../x", import.meta.url)` is relative to the module that says it; in the bundle
 *   `import.meta.url` is the bundle's own (defined from `__filename`), so each such path is rebased
 *   (from the module's place in dist/ to dist/). A file under `generated/` read that way is inlined
 *   instead, because `bundle/` has no generated folder beside it. Any other use of
 *   `import.meta.url` under src/ stops the build.
 * - src/generated/validators.js makes its own `require` (createRequire); that line is dropped here,
 *   so esbuild sees plain `require("ajv/dist/runtime/...")` calls and bundles those helpers too.
 * - exceljs stays outside the bundle (see `external`), loaded by the XLSX reader when it reads a workbook.
 * - Left as is: fdir (tinyglobby's crawler) tries its own createRequire("picomatch") at load, for a
 *   glob option tinyglobby does not use; it finds node_modules/picomatch when installed, and does
 *   without it otherwise.
 *
 * A stack trace shows the bundle's lines; `node --enable-source-maps dist/cli.js ...` shows src/
 * lines (bundle/ has no map: Node then shows the bundle's lines).
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { devNull } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const committed = join(root, "bundle");
/** The files bundle/ holds, each as the build leaves it in dist/. */
const BUNDLE_FILES = ["cli.js", "cli.cjs", "lint-worker.cjs", "action.js"];

if (process.argv.includes("--check")) {
  // It compares with dist/, so it needs a build of the current sources first (npm test makes one).
  const unbuilt = BUNDLE_FILES.filter((name) => !existsSync(join(dist, name)));
  if (unbuilt.length > 0) {
    console.error(`${unbuilt.map((name) => `dist/${name}`).join(", ")}: missing; run npm run compile before node scripts/bundle.mjs --check.`);
    process.exit(1);
  }
  const stale = BUNDLE_FILES.filter((name) => !existsSync(join(committed, name)) || !readFileSync(join(committed, name)).equals(readFileSync(join(dist, name))));
  if (stale.length > 0) {
    console.error(
      `${stale.map((name) => `bundle/${name}`).join(", ")}: stale, not what the build makes from the current sources. ` +
        "Run `npm run bundle` (it builds, then copies the command and the action's entry to bundle/), and commit bundle/.",
    );
    process.exit(1);
  }
  process.exit(0);
}

if (process.argv.includes("--commit")) {
  for (const name of BUNDLE_FILES) if (!existsSync(join(dist, name))) throw new Error(`dist/${name} is missing: run npm run bundle (it builds first)`);
  rmSync(committed, { recursive: true, force: true });
  mkdirSync(committed);
  for (const name of BUNDLE_FILES) copyFileSync(join(dist, name), join(committed, name));
  console.log(`bundle/ updated from dist/: ${BUNDLE_FILES.join(", ")}`);
  process.exit(0);
}

/** A path relative to a module's URL: a string or template literal starting with `./` or `../`. */
const RELATIVE_URL = /new URL\((["'`])((?:\.\.?\/)+)/g;

/** A generated file read through its URL, as `readFileSync(new URL("../generated/x.json", import.meta.url), "utf8")`. */
const GENERATED_READ = /readFileSync\(new URL\((["'])((?:\.\.?\/)+generated\/[\w.-]+)\1, import\.meta\.url\), "utf8"\)/g;

/** The `require` that scripts/gen-validators.mjs gives the validators module (the bundle has Node's). */
const VALIDATORS_REQUIRE = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n';

/**
 * A module under src/ as it must read inside the bundle: without the validators' own `require`, each
 * generated file it reads inlined as a string, and each other `new URL("<relative>", import.meta.url)`
 * relative to the bundle instead of the module.
 */
function forBundle(code, file) {
  const moduleDir = dirname(join(dist, relative(src, file)));
  const inlined = code.replace(VALIDATORS_REQUIRE, "").replace(GENERATED_READ, (_, _quote, path) => JSON.stringify(readFileSync(join(dirname(file), path), "utf8")));
  const rebased = inlined.replace(RELATIVE_URL, (_, quote, ups) => {
    const target = relative(dist, join(moduleDir, ups)).split(sep).join("/");
    return `new URL(${quote}${target === "" ? "./" : target.startsWith("..") ? `${target}/` : `./${target}/`}`;
  });
  // Every remaining `import.meta.url` must be the second argument of one of those rebased URLs.
  const uses = rebased.match(/import\.meta\.url/g)?.length ?? 0;
  const rebasedUses = rebased.match(/new URL\((["'`])\.\.?\/[^\n]*?,\s*import\.meta\.url\)/g)?.length ?? 0;
  if (uses !== rebasedUses) {
    throw new Error(`${relative(root, file)}: import.meta.url is used other than as new URL("./relative", import.meta.url); scripts/bundle.mjs cannot rebase it`);
  }
  if (/new URL\((["'`])[^"'`]*generated\//.test(rebased)) {
    throw new Error(`${relative(root, file)}: a generated file is read other than as readFileSync(new URL("../generated/<file>", import.meta.url), "utf8"); scripts/bundle.mjs cannot inline it`);
  }
  return rebased;
}

/** The esbuild plugin applying forBundle to the project's own modules that use import.meta.url. */
const ownModules = {
  name: "raci-lint-own-modules",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/].*\.[jt]s$/ }, async (args) => {
      if (!args.path.startsWith(src + sep)) return undefined;
      const code = await readFile(args.path, "utf8");
      if (!code.includes("import.meta.url") && !code.includes(VALIDATORS_REQUIRE)) return undefined;
      return { contents: forBundle(code, args.path), loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

/** Options every bundle shares: paths in the output relative to the repository, whatever the machine. */
const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", write: false, logLevel: "warning" };

/** The one output file of a build without source map, as text. */
const text = (result) => result.outputFiles[0].text;

/** The CommonJS bundles' options: import.meta.url as the bundle's own URL, the plugin above. */
const commonJs = {
  format: "cjs",
  define: { "import.meta.url": "bundleUrl" },
  banner: { js: 'const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // exceljs (and its zip and XML libraries, some megabytes) is loaded from node_modules when a
  // workbook is read, never otherwise: in the bundle every run would load it.
  external: ["exceljs"],
  plugins: [ownModules],
};

const cli = await build({
  ...common,
  ...commonJs,
  stdin: { contents: 'import { main } from "./cli/main.ts";\nvoid main();\n', resolveDir: src, sourcefile: "cli-bundle.ts", loader: "ts" },
  outfile: join(dist, "cli.cjs"),
  sourcemap: "external",
});
// The lint worker (--threads) as a bundle of its own beside the CLI's, so that a worker starts from
// one file too (src/api/workers.ts looks for it there); its imports are rebased as the CLI's are.
const worker = await build({ ...common, ...commonJs, entryPoints: [join(src, "api", "lint-worker.ts")], outfile: join(dist, "lint-worker.cjs") });
const cliCode = cli.outputFiles.find((f) => f.path.endsWith(".cjs")).text;
const cliMap = cli.outputFiles.find((f) => f.path.endsWith(".map")).text;

/**
 * An ES module of Node's modules only: src/cli.ts as it is (its one other import, the modules' entry
 * for a build without the bundle, must stay an import), or a bundle of `stdin`'s imports.
 */
async function esm(banner, input) {
  const output = { format: "esm", banner: { js: banner }, outfile: join(dist, "entry.js") };
  if (typeof input === "string") return text(await build({ ...common, ...output, bundle: false, entryPoints: [join(src, input)] }));
  return text(await build({ ...common, ...output, stdin: { ...input, resolveDir: src, loader: "ts" } }));
}
const generated = (from) => `// Generated from ${from} by scripts/bundle.mjs (npm run bundle): do not edit.`;
const outputs = {
  "cli.cjs": `${cliCode}//# sourceMappingURL=cli.cjs.map\n`,
  "cli.cjs.map": cliMap,
  "cli.js": await esm(generated("src/cli.ts"), "cli.ts"),
  "lint-worker.cjs": text(worker),
  "action.js": await esm(generated("src/action/main.ts"), { contents: 'import { runAction } from "./action/main.ts";\nprocess.exitCode = runAction();\n', sourcefile: "action.ts" }),
};
// The library's entry for require() (package.json `exports`): dist/index.js is an ES module without
// top-level await, which Node 20.19+ loads with require(); older Nodes refuse it, and then the
// message says to use import. The types re-export the ES module's (TypeScript 5.8+ models require(esm)).
outputs["index.cjs"] = `"use strict";
// The entry of require("raci-lint"): the library is an ES module (index.js), loaded with Node's require(esm).
try {
  module.exports = require("./index.js");
} catch (error) {
  // ERR_REQUIRE_ESM: a Node before 20.19 (or require(esm) turned off); ERR_REQUIRE_ASYNC_MODULE: top-level await.
  if (error?.code !== "ERR_REQUIRE_ESM" && error?.code !== "ERR_REQUIRE_ASYNC_MODULE") throw error;
  throw new Error(\`raci-lint is an ES module, which this Node (\${process.version}) cannot load with require(): use import, as in import { lintText } from "raci-lint" or await import("raci-lint"). Node 20.19 and later load it with require() too.\`, { cause: error });
}
`;
outputs["index.d.cts"] = 'export * from "./index.js";\n';
// tsc's map and declarations of src/cli.ts describe a file this step replaces.
for (const name of ["cli.js.map", "cli.d.ts", "cli.d.ts.map"]) rmSync(join(dist, name), { force: true });
for (const [name, content] of Object.entries(outputs)) writeFileSync(join(dist, name), content);
const distCli = join(dist, "cli.cjs");

// The code cache: one run of the command on the bundled matrices, in every output format the
// default run prints, so that the cache holds what a lint run compiles.
const cacheFile = `${distCli}.cache`;
rmSync(cacheFile, { force: true });
const warm = spawnSync(process.execPath, [join(dist, "cli.js"), "matrices", "--format", "stylish", "--format", `json=${devNull}`], {
  cwd: root,
  env: { ...process.env, RACI_LINT_WRITE_CODE_CACHE: "1", NO_COLOR: "1" },
  stdio: ["ignore", "ignore", "pipe"],
  encoding: "utf8",
});
if (warm.status !== 0 && warm.status !== 1) throw new Error(`the bundled CLI failed on matrices/ (exit ${warm.status}):\n${warm.stderr}`);
if (!existsSync(cacheFile)) throw new Error(`the bundled CLI ran but left no code cache at ${relative(root, cacheFile)}`);
