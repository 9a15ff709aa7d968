/**
 * The npm package as consumers get it: the packed tarball passes publint and arethetypeswrong,
 * installs, and its command, import and require work; `npx` runs it offline once npm's cache has it.
 * Installing needs the npm registry (the package's dependencies); each test uses a cache of its own.
 */
import { copyFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, SEED } from "../helpers.js";
import { CLEAN_MATRIX, run, tempFolder } from "./helpers.js";

const NPM_TIMEOUT = 240_000;
const bin = (name: string) => join(REPO, "node_modules/.bin", name);

let tarball = "";
/** The files in the tarball, without the `package/` prefix. */
let contents: string[] = [];

beforeAll(() => {
  const folder = tempFolder("pack");
  // The build has run (npm test runs it first); scripts off, so packing does not build again.
  const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", folder], { cwd: REPO });
  if (pack.status !== 0) throw new Error(pack.transcript);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(folder, packed!.filename);
  contents = packed!.files.map((f) => f.path).sort();
}, NPM_TIMEOUT);

describe("the packed tarball", () => {
  it("holds the committed bundle, the library, and no file of one machine's build", () => {
    expect(contents).toEqual(
      expect.arrayContaining([
        "bundle/cli.js",
        "bundle/cli.cjs",
        "bundle/action.js",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/index.cjs",
        "dist/index.d.cts",
        "dist/generated/builtin-rules.json",
        "rules/single-accountable.yaml",
        "schemas/baseline.schema.json",
        "docs/rules/single-accountable.md",
        "package.json",
        "README.md",
      ]),
    );
    // The CLI is bundle/'s; dist/'s copy, its source map and its code cache (this machine's V8) stay out.
    expect(contents.filter((f) => /^dist\/(cli|action)[./]|\.cache$/.test(f))).toEqual([]);
  });

  it("passes publint", () => {
    const lint = run(bin("publint"), ["run", "--strict", tarball]);
    expect(lint.status, lint.transcript).toBe(0);
    expect(lint.stdout).toContain("All good!");
  });

  it("passes arethetypeswrong: types resolve for import and require, in Node and bundlers", () => {
    const check = run(bin("attw"), [tarball, "--format", "ascii"]);
    expect(check.status, check.transcript).toBe(0);
    expect(check.stdout).toContain("No problems found");
  });
});

describe("installed from the tarball", () => {
  let project = "";
  let cache = "";

  beforeAll(() => {
    project = tempFolder("consumer");
    cache = tempFolder("npm-cache");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    const install = run("npm", ["install", "--no-audit", "--no-fund", "--cache", cache, tarball], { cwd: project });
    if (install.status !== 0) throw new Error(install.transcript);
  }, NPM_TIMEOUT);

  it("runs the raci-lint command", () => {
    copyFileSync(SEED, join(project, "seed.md"));
    writeFileSync(join(project, "clean.md"), CLEAN_MATRIX);
    const command = join(project, "node_modules/.bin/raci-lint");
    const seed = run(command, ["seed.md"], { cwd: project, env: { XDG_CACHE_HOME: join(cache, "xdg") } });
    expect(seed.status, seed.transcript).toBe(1);
    expect(seed.stdout).toContain("✖ 7 problems (2 errors, 3 warnings, 2 infos)");
    const clean = run(command, ["clean.md"], { cwd: project, env: { XDG_CACHE_HOME: join(cache, "xdg") } });
    expect(clean.status, clean.transcript).toBe(0);
  });

  const library =
    'const { findings } = await lib.lintText("| Activity | Customer | Provider |\\n|---|---|---|\\n| Run | RA | AR |\\n", { filename: "m.md" }); console.log(findings.map((f) => f.ruleId).join(","));';

  it("loads with import", () => {
    const result = run(process.execPath, ["--input-type=module", "-e", `import * as lib from "raci-lint"; ${library}`], { cwd: project });
    expect(result.status, result.transcript).toBe(0);
    expect(result.stdout.trim()).toBe("single-accountable,code-order");
  });

  it("loads with require (Node 20.19 and later), else says to use import", () => {
    const result = run(process.execPath, ["-e", `(async () => { const lib = require("raci-lint"); ${library} })()`], { cwd: project });
    expect(result.status, result.transcript).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("single-accountable,code-order");
    // Without require(esm), as on Node before 20.19.
    const refused = run(process.execPath, ["--no-experimental-require-module", "-e", 'require("raci-lint")'], { cwd: project });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`raci-lint is an ES module, which this Node (${process.version}) cannot load with require(): use import`);
  });

  it("runs with npx in an empty folder, offline", () => {
    const empty = tempFolder("npx");
    copyFileSync(SEED, join(empty, "seed.md"));
    const env = { npm_config_offline: "true", npm_config_cache: cache, npm_config_yes: "true", npm_config_update_notifier: "false", XDG_CACHE_HOME: join(cache, "xdg") };
    const npx = run("npx", ["--package", tarball, "--", "raci-lint", "seed.md"], { cwd: empty, env });
    expect(npx.status, npx.transcript).toBe(1);
    expect(npx.stdout).toContain("✖ 7 problems");
    expect(readdirSync(empty)).toEqual(["seed.md"]);
  });
});
