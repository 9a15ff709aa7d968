/** --fix, --fix-dry-run and --unsafe-fixes through the command line. */
import { chmodSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED } from "../helpers.js";
import { cli, project } from "./harness.js";

const seed = readFileSync(SEED, "utf8");
const changedLines = (before: string, after: string) => {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
};

describe("--fix", () => {
  it("rewrites exactly lines 55 and 62 of the seed, keeps the file's mode, and prints what remains", async () => {
    const root = project({ "seed.md": seed });
    chmodSync(join(root, "seed.md"), 0o640);
    const run = await cli(["--fix", "seed.md"], root);
    expect(run.code).toBe(1);
    const fixed = readFileSync(join(root, "seed.md"), "utf8");
    expect(changedLines(seed, fixed)).toEqual([55, 62]);
    expect(statSync(join(root, "seed.md")).mode & 0o777).toBe(0o640);
    expect(run.stdout).toContain("✖ 5 problems (2 errors, 1 warning, 2 infos)");
    expect(run.stdout).not.toContain("code-order");
    const again = await cli(["--fix", "seed.md"], root);
    expect(readFileSync(join(root, "seed.md"), "utf8")).toBe(fixed);
    expect(again.code).toBe(1);
  });

  it("applies unsafe fixes only with --unsafe-fixes", async () => {
    const root = project({ "seed.md": seed });
    await cli(["--fix", "seed.md"], root);
    const safe = readFileSync(join(root, "seed.md"), "utf8");
    expect(changedLines(seed, safe)).toEqual([55, 62]);
    const run = await cli(["--fix", "--unsafe-fixes", "seed.md"], root);
    expect(changedLines(seed, readFileSync(join(root, "seed.md"), "utf8"))).toEqual([41, 55, 62, 74]);
    expect(run.code).toBe(0);
  });

  it("--unsafe-fixes alone is a usage error", async () => {
    expect(await cli(["--unsafe-fixes", "."], project({ "a.md": seed }))).toMatchObject({ code: 2, stderr: "raci-lint: --unsafe-fixes needs --fix or --fix-dry-run\n" });
  });

  it("a file that cannot be written is reported, exit 2, and left intact", async () => {
    // A 250-character name leaves no room for the temporary file beside it (ENAMETOOLONG), even as root.
    const name = `${"m".repeat(247)}.md`;
    const root = project({ [name]: seed });
    const run = await cli(["--fix", name], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot write ${name}`);
    expect(readFileSync(join(root, name), "utf8")).toBe(seed);
  });

  it("writes many files, and reports the ones it could not write in file order, the others written", async () => {
    // Forty fixable files, two of them with names too long for the temporary file (ENAMETOOLONG).
    const long = (n: number) => `${String(n).padStart(2, "0")}${"m".repeat(245)}.md`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[i === 7 || i === 31 ? long(i) : `f${String(i).padStart(2, "0")}.md`] = seed;
    const root = project(files);
    const run = await cli(["--fix", "-f", "json", "."], root);
    expect(run.code).toBe(2);
    // The report still comes out: the files not written keep their findings (code-order at lines
    // 55 and 62), the written ones no longer have them.
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string; line: number }[] }[] };
    const codeOrder = (path: string) =>
      report.files
        .find((f) => f.path === path)!
        .findings.filter((f) => f.ruleId === "code-order")
        .map((f) => f.line);
    expect(report.files).toHaveLength(40);
    expect(codeOrder(long(7))).toEqual([55, 62]);
    expect(codeOrder(long(31))).toEqual([55, 62]);
    expect(codeOrder("f39.md")).toEqual([]);
    expect(run.stderr.split("\n").filter((l) => l.includes("cannot write"))).toEqual([
      `raci-lint: cannot write ${long(7)}: ENAMETOOLONG (the file is unchanged)`,
      `raci-lint: cannot write ${long(31)}: ENAMETOOLONG (the file is unchanged)`,
    ]);
    expect(readFileSync(join(root, long(7)), "utf8")).toBe(seed);
    expect(changedLines(seed, readFileSync(join(root, "f39.md"), "utf8"))).toEqual([55, 62]);
  });

  it("with standard input and no name, a YAML matrix is fixed as YAML (as lint mode reads it)", async () => {
    const yaml = 'parties:\n  - { name: C, role: customer }\n  - { name: P, role: provider }\nsections:\n  - title: S\n    activities:\n      - activity: Run\n        codes: {C: "I, A", P: R}\n';
    const run = await cli(["--fix", "-"], project({}), yaml);
    expect(run.stdout).toBe(yaml.replace('"I, A"', '"A, I"'));
    expect(run.code).toBe(0);
  });

  it("with standard input, prints the fixed text and reports on standard error", async () => {
    const run = await cli(["--fix", "--stdin-filename", "seed.md", "-"], project({}), seed);
    expect(changedLines(seed, run.stdout)).toEqual([55, 62]);
    expect(run.stderr).toContain("✖ 5 problems");
  });
});

describe("--fix-dry-run", () => {
  it("writes nothing; -f json carries each file's fixed output, -f diff a unified diff", async () => {
    const root = project({ "seed.md": seed });
    const json = await cli(["--fix-dry-run", "-f", "json", "seed.md"], root);
    expect(readFileSync(join(root, "seed.md"), "utf8")).toBe(seed);
    const report = JSON.parse(json.stdout);
    expect(changedLines(seed, report.files[0].output)).toEqual([55, 62]);
    const diff = await cli(["--fix-dry-run", "-f", "diff", "seed.md"], root);
    expect(diff.stdout.split("\n").filter((l) => /^[-+]\|/.test(l))).toEqual([
      "-| Manage data encryption before deployment on the S3 Object Storage service                 | __AR__      |                   |",
      "+| Manage data encryption before deployment on the S3 Object Storage service                 | __RA__      |                   |",
      "-| Ensure the continuity of the S3 object storage service                                    | __I__       | __AR__            |",
      "+| Ensure the continuity of the S3 object storage service                                    | __I__       | __RA__            |",
    ]);
    expect(diff.stdout.startsWith("--- a/seed.md\n+++ b/seed.md\n")).toBe(true);
  });

  it("-f diff needs --fix-dry-run", async () => {
    expect((await cli(["-f", "diff", "."], project({ "a.md": seed }))).code).toBe(2);
  });

  it("never touches a file that does not parse", async () => {
    const broken = "title: x\nparties: [Client\nsections: []\n";
    const root = project({ "m.yaml": broken });
    await cli(["--fix", "--unsafe-fixes", "m.yaml"], root);
    expect(readFileSync(join(root, "m.yaml"), "utf8")).toBe(broken);
  });
});

describe("--fix on YAML", () => {
  it("a party left empty (null) in one activity does not block the fixes of the others", async () => {
    const yaml =
      "parties: [Client, Provider]\nsections:\n  - title: Ops\n    activities:\n      - activity: Backup\n        codes: { Client: AR, Provider: I }\n      - activity: Restore\n        codes:\n          Client:\n          Provider: RA\n";
    const root = project({ "m.yaml": yaml });
    await cli(["--fix", "m.yaml"], root);
    expect(readFileSync(join(root, "m.yaml"), "utf8")).toBe(yaml.replace("Client: AR", "Client: RA"));
  });
});
