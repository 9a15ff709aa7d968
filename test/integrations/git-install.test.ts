/**
 * Installs from git, as users and pre-commit do, on the repository's working tree: nothing is built
 * (npm/cli#8440 gives a global install from git no dev dependency to build with); the command is the
 * committed bundle. They need the npm registry (the package's dependencies) and nothing else.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../helpers.js";
import { CLEAN_MATRIX, git, run, tempFolder, workingTreeRepository } from "./helpers.js";

const TIMEOUT = 300_000;
let repository = "";
beforeAll(() => {
  repository = workingTreeRepository();
});

describe("npm install -g git+file://<clone>", () => {
  it(
    "installs a working raci-lint command, built from nothing",
    () => {
      const prefix = tempFolder("global");
      const install = run("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", `git+file://${repository}`], { cwd: prefix });
      expect(install.status, install.transcript).toBe(0);
      const installed = join(prefix, "lib/node_modules/raci-lint");
      // A folder of its own: a prepared git install links to npm's temporary clone, deleted afterwards.
      expect(lstatSync(installed).isDirectory()).toBe(true);
      expect(existsSync(join(installed, "bundle/cli.cjs"))).toBe(true);
      expect(existsSync(join(installed, "dist"))).toBe(false);
      const work = tempFolder("work");
      copyFileSync(SEED, join(work, "seed.md"));
      writeFileSync(join(work, "clean.md"), CLEAN_MATRIX);
      const command = join(prefix, "bin/raci-lint");
      const env = { XDG_CACHE_HOME: join(prefix, "cache") };
      const seed = run(command, ["seed.md"], { cwd: work, env });
      expect(seed.status, seed.transcript).toBe(1);
      expect(seed.stdout).toContain("✖ 7 problems (2 errors, 3 warnings, 2 infos)");
      expect(run(command, ["clean.md"], { cwd: work, env }).status).toBe(0);
    },
    TIMEOUT,
  );
});

/** The pre-commit to run: RACI_LINT_PRE_COMMIT (.ci/run sets it to the one it installs), else the PATH's. */
const preCommit = process.env.RACI_LINT_PRE_COMMIT || "pre-commit";
const preCommitVersion = run(preCommit, ["--version"]);
const hasPreCommit = preCommitVersion.status === 0;

describe(`pre-commit try-repo (${hasPreCommit ? preCommitVersion.stdout.trim() : "pre-commit not found"})`, () => {
  // With CI set, a missing pre-commit fails the test rather than skipping it (.ci/run installs it).
  it.skipIf(!hasPreCommit && !process.env.CI)(
    "installs the hook, which fails on the seed matrix and passes on a clean one",
    () => {
      expect(hasPreCommit, `${preCommit} --version: ${preCommitVersion.transcript}`).toBe(true);
      const project = tempFolder("pre-commit-project");
      // pre-commit's own environments (the hook's Node environment among them) go to a fresh folder.
      const env = { PRE_COMMIT_HOME: tempFolder("pre-commit-home"), XDG_CACHE_HOME: tempFolder("pre-commit-cache"), PRE_COMMIT_COLOR: "never" };
      git(project, "init", "-q", "-b", "main");
      mkdirSync(join(project, "matrices"));
      copyFileSync(SEED, join(project, "matrices/seed.md"));
      git(project, "add", "-A");
      const seeded = run(preCommit, ["try-repo", repository, "raci-lint", "--all-files"], { cwd: project, env });
      expect(seeded.status, seeded.transcript).toBe(1);
      expect(seeded.stdout).toMatch(/raci-lint\.+Failed/);
      expect(seeded.stdout).toContain("matrices/seed.md");
      expect(seeded.stdout).toContain("customer-involved");

      rmSync(join(project, "matrices/seed.md"));
      writeFileSync(join(project, "matrices/clean.md"), CLEAN_MATRIX);
      git(project, "add", "-A");
      const clean = run(preCommit, ["try-repo", repository, "raci-lint", "--all-files"], { cwd: project, env });
      expect(clean.status, clean.transcript).toBe(0);
      expect(clean.stdout).toMatch(/raci-lint\.+Passed/);
    },
    TIMEOUT,
  );
});
