/**
 * The build's last step (after tsc): bundles the CLI, `src/cli/main.ts` and every module and
 * dependency it imports, into one CommonJS file, `dist/cli.cjs`, with its source map
 * `dist/cli.cjs.map`, then runs the command once on the bundled matrices to leave V8's code cache
 * of the bundle, `dist/cli.cjs.cache`. The `raci-lint` command, `dist/cli.js` (tsc's output of
 * `src/cli.ts`), runs the bundle from that cache: Node loads one file instead of a module graph of
 * some 230 files, and compiles little of it. The other dist modules, and the library entry
 * `dist/index.js`, stay tsc's output.
 *
 * What differs in one file is handled here:
 * - `new URL("../x", import.meta.url)` is relative to the module that says it; in the bundle
 *   `import.meta.url` is dist/cli.cjs's (defined from `__filename`), so each such path is rebased
 *   (from the module's place in dist/ to dist/). Any other use of `import.meta.url` under src/
 *   stops the build.
 * - src/generated/validators.js makes its own `require` (createRequire); that line is dropped here,
 *   so esbuild sees plain `require("ajv/dist/runtime/...")` calls and bundles those helpers too.
 * - jsonc-parser's main file is a UMD build that requires its parts at run time, out of esbuild's
 *   sight: the bundle takes its ES module build instead.
 * - Left as is: fdir (tinyglobby's crawler) tries its own createRequire("picomatch") at load, for a
 *   glob option tinyglobby does not use; it finds node_modules/picomatch when installed, and does
 *   without it otherwise.
 *
 * Usage: node scripts/bundle.mjs (the `build` script runs it). A stack trace shows the bundle's
 * lines; `node --enable-source-maps dist/cli.js ...` shows src/ lines instead.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { devNull } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const outfile = join(dist, "cli.cjs");
const cacheFile = `${outfile}.cache`;

/** A path relative to a module's URL: a string or template literal starting with `./` or `../`. */
const RELATIVE_URL = /new URL\((["'`])((?:\.\.?\/)+)/g;

/** The `require` that scripts/gen-validators.mjs gives the validators module (the bundle has Node's). */
const VALIDATORS_REQUIRE = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n';

/**
 * A module under src/ as it must read inside the bundle: without the validators' own `require`, and
 * with each `new URL("<relative>", import.meta.url)` relative to dist/cli.cjs instead of the module.
 */
function forBundle(code, file) {
  const moduleDir = dirname(join(dist, relative(src, file)));
  const rebased = code.replace(VALIDATORS_REQUIRE, "").replace(RELATIVE_URL, (_, quote, ups) => {
    const target = relative(dirname(outfile), join(moduleDir, ups)).split(sep).join("/");
    return `new URL(${quote}${target === "" ? "./" : target.startsWith("..") ? `${target}/` : `./${target}/`}`;
  });
  // Every remaining `import.meta.url` must be the second argument of one of those rebased URLs.
  const uses = rebased.match(/import\.meta\.url/g)?.length ?? 0;
  const rebasedUses = rebased.match(/new URL\((["'`])\.\.?\/[^\n]*?,\s*import\.meta\.url\)/g)?.length ?? 0;
  if (uses !== rebasedUses) {
    throw new Error(`${relative(root, file)}: import.meta.url is used other than as new URL("./relative", import.meta.url); scripts/bundle.mjs cannot rebase it`);
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
      if (!code.includes("import.meta.url")) return undefined;
      return { contents: forBundle(code, args.path), loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

/** What both bundles share: Node, CommonJS, import.meta.url as the bundle's own URL, the plugin above. */
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: true,
  define: { "import.meta.url": "bundleUrl" },
  banner: { js: 'const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  plugins: [ownModules],
  logLevel: "warning",
};

await build({
  ...common,
  stdin: { contents: 'import { main } from "./cli/main.ts";\nvoid main();\n', resolveDir: src, sourcefile: "cli-bundle.ts", loader: "ts" },
  outfile,
});

// The lint worker (--threads) as a bundle of its own beside the CLI's, so that a worker starts from
// one file too (src/api/workers.ts looks for it there). Its imports are rebased as the CLI's are:
// both bundles are in dist/.
await build({ ...common, entryPoints: [join(src, "api", "lint-worker.ts")], outfile: join(dist, "lint-worker.cjs") });

// The code cache: one run of the command on the bundled matrices, in every output format the
// default run prints, so that the cache holds what a lint run compiles.
rmSync(cacheFile, { force: true });
const warm = spawnSync(process.execPath, [join(dist, "cli.js"), "matrices", "--format", "stylish", "--format", `json=${devNull}`], {
  cwd: root,
  env: { ...process.env, RACI_LINT_WRITE_CODE_CACHE: "1", NO_COLOR: "1" },
  stdio: ["ignore", "ignore", "pipe"],
  encoding: "utf8",
});
if (warm.status !== 0 && warm.status !== 1) throw new Error(`the bundled CLI failed on matrices/ (exit ${warm.status}):\n${warm.stderr}`);
if (!existsSync(cacheFile)) throw new Error(`the bundled CLI ran but left no code cache at ${relative(root, cacheFile)}`);
