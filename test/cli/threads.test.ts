/**
 * `--threads`: the built CLI (worker threads need dist/'s worker script) gives the same output, byte
 * for byte, on 1, 2 and 3 threads, on the shared corpus with the corpus-scope rule on (it must see
 * every file whichever thread linted it), with and without a cache, in the formats that show most.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CORPUS, REPO } from "../helpers.js";

const CLI = join(REPO, "dist/cli.js");
const scratch = mkdtempSync(join(tmpdir(), "raci-lint-threads-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the built CLI on the shared corpus with `args`; its exit code and output. */
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ".", "--rule", "consistent-across-files: warning", ...args], {
    cwd: CORPUS,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("--threads", () => {
  for (const format of ["json", "sarif", "stylish"]) {
    it(`gives the same ${format} output on 1, 2 and 3 threads`, () => {
      const one = run(["-f", format, "--threads", "1"]);
      expect(one.stderr).toBe("");
      expect(one.stdout).toContain("consistent-across-files");
      for (const threads of ["2", "3"]) expect(run(["-f", format, "--threads", threads])).toEqual(one);
    });
  }

  it("gives the same output with a cache, whichever thread filled it", () => {
    const one = run(["-f", "json", "--threads", "1"]);
    const cache = join(scratch, "cache");
    expect(run(["-f", "json", "--threads", "2", "--cache", "--cache-location", cache])).toEqual(one);
    expect(run(["-f", "json", "--threads", "2", "--cache", "--cache-location", cache])).toEqual(one);
    expect(run(["-f", "json", "--threads", "1", "--cache", "--cache-location", cache])).toEqual(one);
  });

  it("refuses a thread count that is not a whole number >= 1 or auto", () => {
    const bad = run(["--threads", "0"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("expected a whole number >= 1, or auto");
    expect(run(["-f", "json", "--threads", "auto"]).stdout).toBe(run(["-f", "json", "--threads", "1"]).stdout);
  });
});
