/** `--explain`: what was read in each file (tables, lists, YAML/JSON documents), as text and in `-f json`. */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { CORPUS, REPO } from "../helpers.js";
import { cli, project } from "./harness.js";

const PAGE = `# Object storage: RACI

| Code | Meaning |
|---|---|
| R | Responsible |
| A | Accountable |
| C | Consulted |
| I | Informed |

## Operations

| Activity | Client | Provider |
|---|---|---|
| **Setup** | | |
| Define the backup plan | RA | C |
| Run the backups | I | AR |

## Sizes

| Size | vCores |
|---|---|
| S | 2 |
| M | 4 |
`;

const ROLE_MAJOR = `title: Release process
activities:
  - activity: Cut the release
    R: [Dev, QA]
    A: Release Manager
  - activity: Announce the release
    responsible: Support
    accountable: Release Manager
    informed: [Dev, QA]
`;

const schema = JSON.parse(readFileSync(join(REPO, "schemas/report.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe("--explain", () => {
  it("prints, per file, the scheme and why, and each table read as a matrix, a legend, or left alone, then the findings", async () => {
    const run = await cli(["--explain", "page.md", "release.yaml"], project({ "page.md": PAGE, "release.yaml": ROLE_MAJOR }));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "page.md (markdown): 2 activities",
        "  scheme: RACI (the legend at line 3 defines R, A, C, I)",
        "  lines 3-8: legend, its rows define codes (R, A, C, I)",
        '  lines 12-16: matrix in "Operations", an activity per row, a party per column: 2 activities',
        "    parties: Client (customer), Provider (provider)",
        "    groups: Setup",
        "    why: its cells hold codes (4 of 4 filled cells)",
        "  lines 20-23: left alone, most of its cells (2 of 2) hold words, numbers or symbols, not role codes",
        "",
        "release.yaml (yaml): 2 activities",
        "  scheme: RACI (the default: the document names no other scheme)",
        "  lines 1-9: matrix, a YAML/JSON matrix: 2 activities",
        "    parties: Dev, QA, Release Manager, Support",
        "    why: its activities give the parties of each role (`R:`, `accountable:`)",
        "",
        "page.md",
        '  16:25  warning  Codes "AR" are out of order: write "RA".  code-order',
        "",
        "✖ 1 problem (0 errors, 1 warning, 0 infos)",
        "  1 problem potentially fixable with the `--fix` option.",
        "",
      ].join("\n"),
    );
  });

  it("says why a file holds no matrix, and which scheme a document named", async () => {
    const root = project({
      "prices.md": "# Prices\n\n| Size | Price |\n|---|---|\n| S | 10 EUR |\n",
      "empty.md": "# Notes\n\nNothing here yet.\n",
      "rasci.md": "# RASCI of the releases\n\n| Activity | Dev | Ops |\n|---|---|---|\n| Ship | RA | S |\n",
      "site.yml": "site_name: docs\nnav: [index.md]\n",
    });
    const run = await cli(["--explain", "prices.md", "empty.md", "rasci.md", "site.yml"], root);
    const blocks = run.stdout.split("\n\n");
    expect(blocks[0]).toBe("empty.md (markdown): no matrix\n  scheme: RACI (the default: the document names no other scheme)\n  no table, role list or legend");
    expect(blocks[1]).toBe(
      "prices.md (markdown): no matrix\n  scheme: RACI (the default: the document names no other scheme)\n  lines 3-5: left alone, most of its cells (1 of 1) hold words, numbers or symbols, not role codes",
    );
    expect(blocks[2]).toContain("rasci.md (markdown): 1 activity\n  scheme: RASCI (the heading at line 1 names RASCI)\n");
    expect(blocks[3]).toMatch(
      /^site\.yml \(yaml\): no matrix\n {2}scheme: RACI \(the default: the document names no other scheme\)\n {2}lines 1-2: left alone, its top level has none of sections, activities, parties: a YAML\/JSON matrix lists activities under/u,
    );
    // Each named file without a matrix is a no-matrix finding (info), and the summary counts them.
    expect(run.stdout).toContain("3 files without a matrix (--explain says what was read in each).");
    expect(run.stdout.match(/no-matrix$/gmu)).toHaveLength(3);
    expect(run.code).toBe(0);
  });

  it("-f json carries each file's reading as `read`, valid against the report schema", async () => {
    const run = await cli(["--explain", "-f", "json", "page.md", "release.yaml"], project({ "page.md": PAGE, "release.yaml": ROLE_MAJOR }));
    const report = JSON.parse(run.stdout) as { files: { path: string; read: unknown }[] };
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.files[0]!.read).toEqual({
      format: "markdown",
      scheme: "RACI",
      schemeReason: "the legend at line 3 defines R, A, C, I",
      activities: 2,
      parts: [
        { kind: "legend", line: 3, endLine: 8, reason: "its rows define codes (R, A, C, I)" },
        {
          kind: "matrix",
          line: 12,
          endLine: 16,
          layout: "rows",
          section: "Operations",
          parties: [
            { name: "Client", role: "customer" },
            { name: "Provider", role: "provider" },
          ],
          groups: ["Setup"],
          activities: 2,
          reason: "its cells hold codes (4 of 4 filled cells)",
        },
        { kind: "ignored", line: 20, endLine: 23, reason: "most of its cells (2 of 2) hold words, numbers or symbols, not role codes" },
      ],
    });
    expect(report.files[1]!.read).toMatchObject({ format: "yaml", activities: 2, parts: [{ kind: "matrix", layout: "document", line: 1, endLine: 9 }] });
    // Without --explain, the JSON report has no `read`.
    const plain = JSON.parse((await cli(["-f", "json", "page.md"], project({ "page.md": PAGE }))).stdout) as { files: object[] };
    expect(Object.keys(plain.files[0]!)).toEqual(["path", "findings"]);
  });

  describe("translations (the shared Cloud Temple corpus)", () => {
    const VPC = "docs/contractual/network/raci_vpc.md";
    const VPC_DE = "i18n/de/docusaurus-plugin-content-docs/current/contractual/network/raci_vpc.md";
    const VPC_IT = "i18n/it/docusaurus-plugin-content-docs/current/contractual/network/raci_vpc.md";
    const VM_ES = "i18n/es/docusaurus-plugin-content-docs/current/contractual/vm-instances/raci.md";
    /** The lines of the explanation that are about translations, per file. */
    const translationLines = (stdout: string) =>
      stdout
        .split("\n\n")
        .filter((block) => / \((markdown|yaml|json)\): /u.test(block.split("\n")[0]!))
        .map((block) => block.split("\n").filter((line, i) => i === 0 || /^ {2}translat/u.test(line)));

    it("says which file each translated page was compared with, and why a page was paired with none", async () => {
      // Files come in path order: i18n/es before i18n/it.
      const run = await cli(["--explain", VPC, VPC_DE, VPC_IT, VM_ES], CORPUS);
      expect(translationLines(run.stdout)).toEqual([
        [`${VPC} (markdown): 60 activities`, `  translated by ${VPC_DE}, ${VPC_IT}`],
        [`${VPC_DE} (markdown): 60 activities`, `  translation (de) of ${VPC} (Docusaurus' i18n layout), compared by consistent-translations`],
        [`${VM_ES} (markdown): 79 activities`, "  translation (es) by its path (Docusaurus' i18n layout), paired with no file: docs/contractual/vm-instances/raci.md is not among the files linted"],
        [`${VPC_IT} (markdown): 60 activities`, `  translation (it) of ${VPC} (Docusaurus' i18n layout), compared by consistent-translations`],
      ]);
      // The drifts of the hand list (test/corpus/cloud-temple-drift.yaml) for those two pages, each naming the source's file and line.
      expect(run.stdout).toContain(`111:127  error    Cloud Temple has "CI" here but "C" in the source, ${VPC}:113`);
      expect(run.stdout).toContain(`111:124  error  Cloud Temple has "CI" here but "C" in the source, ${VPC}:113`);
    });

    it("says when a pair was not compared because the rule is off", async () => {
      const run = await cli(["--explain", "--rule", "consistent-translations: off", VPC, VPC_DE], CORPUS);
      expect(translationLines(run.stdout)).toEqual([
        [`${VPC} (markdown): 60 activities`, `  translated by ${VPC_DE}`],
        [`${VPC_DE} (markdown): 60 activities`, `  translation (de) of ${VPC} (Docusaurus' i18n layout), not compared: consistent-translations is off`],
      ]);
      expect(run.stdout).not.toContain("consistent-translations\n");
    });

    it("names both candidate sources of a page with a language suffix, and -f json carries it all, valid against the report schema", async () => {
      const root = project({});
      mkdirSync(join(root, "vpc"));
      copyFileSync(join(CORPUS, VPC), join(root, "vpc/raci.md"));
      copyFileSync(join(CORPUS, VPC_DE), join(root, "vpc/raci.de.md"));
      copyFileSync(join(CORPUS, VM_ES), join(root, "vm.es.md"));
      const run = await cli(["--explain", "-f", "json", "vpc/raci.md", "vpc/raci.de.md", "vm.es.md"], root);
      const report = JSON.parse(run.stdout) as { files: { path: string; read: { translationOf?: unknown; translatedBy?: unknown } }[] };
      expect(validate(report) ? [] : validate.errors).toEqual([]);
      expect(report.files.map((f) => [f.path, f.read.translationOf, f.read.translatedBy])).toEqual([
        ["vm.es.md", { source: null, locale: "es", convention: "locale-suffix", compared: false, reason: "none of vm.md, vm.en.md is among the files linted" }, undefined],
        ["vpc/raci.de.md", { source: "vpc/raci.md", locale: "de", convention: "locale-suffix", compared: true }, undefined],
        ["vpc/raci.md", undefined, ["vpc/raci.de.md"]],
      ]);
    });
  });

  it("says when a page's source was left out of the run", async () => {
    const root = project({ "release.yaml": "site_name: docs\nnav: [index.md]\n", "release.de.yaml": ROLE_MAJOR });
    const run = await cli(["--explain", "."], root);
    expect(run.stdout).toContain(
      "release.de.yaml (yaml): 2 activities\n  scheme: RACI (the default: the document names no other scheme)\n  translation (de) of release.yaml (its language suffix), not compared: release.yaml holds no matrix data (a file found in a folder, left out)\n",
    );
  });

  it("is refused with formats that cannot carry it (exit 2)", async () => {
    const run = await cli(["--explain", "-f", "sarif", "page.md"], project({ "page.md": PAGE }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("raci-lint: --explain prints text (stylish) or adds each file's `read` to -f json: use one of those formats\n");
  });
});
