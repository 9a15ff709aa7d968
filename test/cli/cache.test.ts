/** `--cache` and `--cache-location`: a second run answers from the cache with the same output; what changed is linted again; a cache not to trust is said and not used. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, project } from "./harness.js";

const TABLE = (codes: string) => `## Ops\n\n| Activity | Client | Provider |\n|---|---|---|\n| Back up the data | ${codes} | I |\n| Restore the data | RA | C |\n`;
/** consistent-across-files compares the two files (it is off by default). */
const CONFIG = "rules:\n  consistent-across-files: warning\n";

function files(): Record<string, string> {
  return { "a.md": TABLE("CA"), "b.md": TABLE("RA"), "raci-lint.config.yaml": CONFIG };
}

describe("--cache", () => {
  it("gives the same output on a second run, corpus-scope findings included, and writes .raci-lint-cache", async () => {
    const root = project(files());
    const plain = await cli([".", "-f", "json"], root);
    const first = await cli([".", "-f", "json", "--cache"], root);
    expect(existsSync(join(root, ".raci-lint-cache"))).toBe(true);
    const second = await cli([".", "-f", "json", "--cache"], root);
    expect(first).toEqual(plain);
    expect(second).toEqual(plain);
    expect(plain.stdout).toContain("consistent-across-files");
    for (const format of ["sarif", "junit", "stylish"]) expect((await cli([".", "-f", format, "--cache"], root)).stdout).toBe((await cli([".", "-f", format], root)).stdout);
  });

  it("answers an unchanged file from the cache (not linted again)", async () => {
    const root = project(files());
    await cli([".", "-f", "json", "--cache"], root);
    const cache = join(root, ".raci-lint-cache");
    const data = JSON.parse(readFileSync(cache, "utf8")) as { entries: Record<string, { lint: { findings: { message: string }[] } }> };
    for (const entry of Object.values(data.entries)) for (const f of entry.lint.findings) f.message = "as the cache says";
    writeFileSync(cache, JSON.stringify(data));
    expect((await cli([".", "-f", "json", "--cache"], root)).stdout).toContain("as the cache says");
  });

  it("lints a changed file again, and a run under another configuration", async () => {
    const root = project(files());
    await cli([".", "-f", "json", "--cache"], root);
    writeFileSync(join(root, "a.md"), TABLE("RA"));
    const changed = await cli([".", "-f", "json", "--cache"], root);
    expect(changed).toEqual(await cli([".", "-f", "json"], root));
    expect(changed.stdout).not.toContain("code-order");
    writeFileSync(join(root, "raci-lint.config.yaml"), "rules:\n  consistent-across-files: off\n");
    writeFileSync(join(root, "a.md"), TABLE("CA"));
    await cli([".", "-f", "json", "--cache"], root);
    writeFileSync(join(root, "raci-lint.config.yaml"), CONFIG);
    const reconfigured = await cli([".", "-f", "json", "--cache"], root);
    expect(reconfigured).toEqual(await cli([".", "-f", "json"], root));
    expect(reconfigured.stdout).toContain("consistent-across-files");
  });

  it("keeps the cache where --cache-location says: a file, or a folder", async () => {
    const root = project({ ...files(), "cache/.keep": "" });
    await cli([".", "--cache", "--cache-location", "my-cache.json"], root);
    expect(existsSync(join(root, "my-cache.json"))).toBe(true);
    await cli([".", "--cache", "--cache-location", "cache"], root);
    expect(existsSync(join(root, "cache/.raci-lint-cache"))).toBe(true);
    // A folder not made yet (a path ending in a separator) is made.
    const run = await cli([".", "--cache", "--cache-location", "new/cache/dir/"], root);
    expect(run.stderr).toBe("");
    expect(existsSync(join(root, "new/cache/dir/.raci-lint-cache"))).toBe(true);
  });

  it("says so of a corrupt, stale or foreign cache, lints every file, and overwrites only its own", async () => {
    const root = project(files());
    const expected = await cli([".", "-f", "json"], root);
    const cache = join(root, ".raci-lint-cache");

    writeFileSync(cache, '{"tool":"raci-lint","version":"0.1.0","format":1,"entries":{"');
    const corrupt = await cli([".", "-f", "json", "--cache"], root);
    expect(corrupt.stdout).toBe(expected.stdout);
    expect(corrupt.stderr).toMatch(/cache .*was not used: it is not valid JSON \(corrupt\)/u);
    expect(JSON.parse(readFileSync(cache, "utf8"))).toMatchObject({ tool: "raci-lint" });

    const stale = JSON.parse(readFileSync(cache, "utf8")) as { version: string };
    stale.version = "0.0.1";
    writeFileSync(cache, JSON.stringify(stale));
    const old = await cli([".", "-f", "json", "--cache"], root);
    expect(old.stdout).toBe(expected.stdout);
    expect(old.stderr).toContain("written by raci-lint 0.0.1");

    // An entry whose findings were tampered with (not the shape written) is not trusted.
    const tampered = JSON.parse(readFileSync(cache, "utf8")) as { entries: Record<string, { lint: { findings: unknown } }> };
    for (const entry of Object.values(tampered.entries)) entry.lint.findings = [{ ruleId: 1 }];
    writeFileSync(cache, JSON.stringify(tampered));
    expect((await cli([".", "-f", "json", "--cache"], root)).stdout).toBe(expected.stdout);

    writeFileSync(cache, '{"name": "something else"}');
    const foreign = await cli([".", "-f", "json", "--cache"], root);
    expect(foreign.stdout).toBe(expected.stdout);
    expect(foreign.stderr).toContain("not a raci-lint cache (left as it is)");
    expect(readFileSync(cache, "utf8")).toBe('{"name": "something else"}');
  });
});
