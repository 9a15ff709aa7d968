/**
 * The build's last step (after tsc): bundles the CLI, `src/cli.ts` and every module and dependency
 * it imports, into one ESM file, `dist/cli.js` (the `bin`), replacing tsc's output of that one
 * module, with its source map `dist/cli.js.map`. Node then loads one file instead of a module
 * graph of some 230 files, which was most of the CLI's start-up time. The other dist modules, and
 * the library entry `dist/index.js`, stay tsc's output.
 *
 * What differs in one file is handled here:
 * - `new URL("../x", import.meta.url)` is relative to the module that says it; in the bundle
 *   `import.meta.url` is dist/cli.js's, so each such path is rebased (from the module's place in
 *   dist/ to dist/cli.js's). Any other use of `import.meta.url` under src/ stops the build.
 * - src/generated/validators.js makes its own `require` (createRequire) for ajv's runtime helpers;
 *   that line is dropped here, so esbuild sees plain `require("ajv/dist/runtime/...")` calls and
 *   bundles those helpers too.
 * - CommonJS dependencies (json-rules-engine's jsonpath-plus) `require` Node's built-ins, which an
 *   ESM file has no `require` for: the banner defines one.
 * - Left as is: fdir (tinyglobby's crawler) tries its own createRequire("picomatch") at load, for a
 *   glob option tinyglobby does not use; it finds node_modules/picomatch when installed, and does
 *   without it otherwise.
 *
 * Usage: node scripts/bundle.mjs (the `build` script runs it). A stack trace shows the bundle's
 * lines; `node --enable-source-maps dist/cli.js ...` shows src/ lines instead.
 */
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const outfile = join(dist, "cli.js");

/** A path relative to a module's URL: a string or template literal starting with `./` or `../`. */
const RELATIVE_URL = /new URL\((["'`])((?:\.\.?\/)+)/g;

/** The `require` that scripts/gen-validators.mjs gives the validators module (the bundle has its own). */
const VALIDATORS_REQUIRE = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n';

/**
 * A module under src/ as it must read inside the bundle: without the validators' own `require`, and
 * with each `new URL("<relative>", import.meta.url)` relative to dist/cli.js instead of the module.
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

await build({
  entryPoints: [join(src, "cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // The shebang of src/cli.ts is kept first; the banner follows it.
  banner: { js: 'import { createRequire as bundleCreateRequire } from "node:module";\nconst require = bundleCreateRequire(import.meta.url);' },
  plugins: [ownModules],
  logLevel: "warning",
});
