/**
 * The committed bundle (bundle/): current with the sources, self-contained, and run from a V8 code
 * cache kept in the user's cache folder.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO, SEED } from "../helpers.js";
import { run, tempFolder } from "./helpers.js";

const manifest = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));

describe("bundle/", () => {
  it("is what the build makes from the current sources (else: run npm run bundle, and commit bundle/)", () => {
    // The build (npm test runs it first) leaves the files bundle/ must hold in dist/.
    const check = run(process.execPath, [join(REPO, "scripts/bundle.mjs"), "--check"], { cwd: REPO });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("holds the command, its lint worker (--threads) and the action's entry, which package.json and action.yml name", () => {
    expect(readdirSync(join(REPO, "bundle")).sort()).toEqual(["action.js", "cli.cjs", "cli.js", "lint-worker.cjs"]);
    expect(manifest.bin).toEqual({ "raci-lint": "bundle/cli.js" });
    expect(parse(readFileSync(join(REPO, "action.yml"), "utf8")).runs).toEqual({ using: "node20", main: "bundle/action.js" });
    // No script that makes npm prepare a git install (pacote's list): a global install from git would
    // run it with no dependency (npm/cli#8440) and leave a link to a deleted folder.
    for (const script of ["build", "prepare", "prepack", "preinstall", "install", "postinstall"]) expect(manifest.scripts).not.toHaveProperty(script);
  });

  it("runs with no installed package: the files beside it are the rules' docs and the schemas", () => {
    // A folder with what the tarball ships, and no node_modules anywhere above it.
    const root = tempFolder("standalone");
    for (const dir of ["bundle", "docs", "schemas"]) cpSync(join(REPO, dir), join(root, dir), { recursive: true });
    writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module" }));
    cpSync(SEED, join(root, "seed.md"));
    const lint = run(process.execPath, [join(root, "bundle/cli.js"), "seed.md", "-f", "sarif"], { cwd: root, env: { RACI_LINT_CODE_CACHE: "0" } });
    expect(lint.status, lint.transcript).toBe(1);
    const sarif = JSON.parse(lint.stdout);
    expect(sarif.runs[0].results).toHaveLength(7);
    // Rule help comes from docs/rules/ beside the bundle.
    expect(sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "single-accountable").help.markdown).toContain("single-accountable");
  });
});

describe("the command's code cache in the user's cache folder", () => {
  /** Runs bundle/cli.js on the seed with XDG_CACHE_HOME at `home`; returns its stdout. */
  function lint(home: string, env: Record<string, string> = {}): string {
    const result = run(process.execPath, [join(REPO, "bundle/cli.js"), SEED, "-f", "json"], { cwd: REPO, env: { XDG_CACHE_HOME: home, ...env } });
    expect(result.status, result.transcript).toBe(1);
    return result.stdout;
  }
  const caches = (home: string) => (existsSync(join(home, "raci-lint")) ? readdirSync(join(home, "raci-lint")).sort() : []);

  it("is written by the first run, then used as it is", () => {
    const home = tempFolder("cache");
    const first = lint(home);
    const [name, ...others] = caches(home);
    expect(others).toEqual([]);
    expect(name).toMatch(new RegExp(`^cli-[0-9a-f]{16}-${process.version}-${process.arch}\\.cache$`));
    const file = join(home, "raci-lint", name!);
    const written = readFileSync(file);
    utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(lint(home)).toBe(first);
    // V8 took it: a refused cache would have been written again.
    expect(statSync(file).mtime.getFullYear()).toBe(2000);
    expect(readFileSync(file).equals(written)).toBe(true);
  });

  it("is replaced when V8 refuses it, and the run is the same", () => {
    const home = tempFolder("cache");
    const expected = lint(home, { RACI_LINT_CODE_CACHE: "0" });
    expect(caches(home)).toEqual([]);
    lint(home);
    const [name] = caches(home);
    writeFileSync(join(home, "raci-lint", name!), "not a code cache");
    expect(lint(home)).toBe(expected);
    expect(readFileSync(join(home, "raci-lint", name!)).length).toBeGreaterThan(100_000);
  });

  it("keeps the four most recent caches", () => {
    const home = tempFolder("cache");
    mkdirSync(join(home, "raci-lint"));
    for (let i = 0; i < 5; i++) {
      const old = join(home, "raci-lint", `cli-old${i}-v0-x64.cache`);
      writeFileSync(old, "");
      utimesSync(old, new Date(2001, 0, 1 + i), new Date(2001, 0, 1 + i));
    }
    lint(home);
    expect(caches(home)).toHaveLength(4);
    expect(caches(home).filter((n) => n.startsWith("cli-old"))).toEqual(["cli-old2-v0-x64.cache", "cli-old3-v0-x64.cache", "cli-old4-v0-x64.cache"]);
  });
});
