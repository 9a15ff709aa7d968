/**
 * `convert` keeps a matrix: on every matrix of the shared corpus, md -> yaml -> md, md -> xlsx -> md
 * and csv -> md -> csv (from the corpus' matrices written as CSV) keep every section, activity,
 * party and code. And the seed workbook in matrices/ is what `convert` makes of the seed today.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contentOf, parseMatrix, parseWorkbook, writeCsv, writeJson, writeMarkdown, writeXlsx, writeYaml } from "../../src/index.js";
import type { Matrix } from "../../src/model/matrix.js";
import { readZip } from "../../src/readers/spreadsheet/zip.js";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { CORPUS, REPO, SEED } from "../helpers.js";
import { cli, project } from "../cli/harness.js";

const ExcelJS = createRequire(import.meta.url)("exceljs") as typeof import("exceljs");

/** Every Markdown file under a folder. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith(".md") ? [path] : [];
  });
}

/** What a round trip must keep: each section's title and, per activity, its name and each party's codes. */
function shape(m: Matrix) {
  return m.sections
    .map((s, i) => ({
      title: s.title,
      activities: m.activities
        .filter((a) => a.section === i)
        .map((a) => [a.name.replace(/[*_`]/gu, "").trim(), Object.fromEntries(s.parties.flatMap((p) => (a.cells[p] ? [[m.parties[p]!.name, a.cells[p].codes.join("")]] : [])).sort())]),
    }))
    .filter((s) => s.activities.length > 0);
}

const FILES = markdownFiles(CORPUS).filter((f) => parseMatrix(readFileSync(f, "utf8"), f).activities.length > 0);
const schema = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(REPO, "schemas/matrix.schema.json"), "utf8")) as object);

describe("convert round trips on the shared corpus", () => {
  it("has matrices to convert", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(FILES.map((f) => [f.slice(CORPUS.length + 1), f]))("%s", async (_, file) => {
    const md = parseMatrix(readFileSync(file, "utf8"), file);
    const base = shape(md);
    expect(md.problems).toEqual([]);
    // YAML and JSON are valid against the matrix schema.
    const yaml = writeYaml(contentOf(md));
    expect(schema(parse(yaml)) ? [] : schema.errors).toEqual([]);
    expect(schema(JSON.parse(writeJson(contentOf(md)))) ? [] : schema.errors).toEqual([]);
    const viaYaml = parseMatrix(writeMarkdown(contentOf(parseMatrix(yaml, "m.yaml"))), "m.md");
    expect(shape(viaYaml)).toEqual(base);
    const workbook = await parseWorkbook(await writeXlsx(contentOf(md)), "m.xlsx");
    expect(workbook.problems).toEqual([]);
    expect(shape(parseMatrix(writeMarkdown(contentOf(workbook)), "m.md"))).toEqual(base);
    const csv = parseMatrix(writeCsv(contentOf(md)), "m.csv");
    expect(shape(csv)).toEqual(base);
    const back = parseMatrix(writeCsv(contentOf(parseMatrix(writeMarkdown(contentOf(csv)), "m.md"))), "m.csv");
    expect(shape(back)).toEqual(shape(csv));
  });

  it("keeps groups as group rows in Markdown, CSV and XLSX, and sections as group rows with --one-sheet", async () => {
    const text =
      "## Run\n\n| Activity | Client | Provider |\n|---|---|---|\n| **Launch** | | |\n| Plan | RA | C |\n| **Operate** | | |\n| Patch | I | RA |\n\n## Exit\n\n| Activity | Client | Provider |\n|---|---|---|\n| Export | RA | C |\n";
    const md = parseMatrix(text, "m.md");
    const groups = (m: Matrix) => m.groups.map((g) => `${m.sections[g.section]!.title}/${g.title}`);
    expect(groups(md)).toEqual(["Run/Launch", "Run/Operate"]);
    expect(groups(parseMatrix(writeMarkdown(contentOf(md)), "m.md"))).toEqual(groups(md));
    expect(groups(parseMatrix(writeCsv(contentOf(md)), "m.csv"))).toEqual(groups(md));
    expect(groups(await parseWorkbook(await writeXlsx(contentOf(md)), "m.xlsx"))).toEqual(groups(md));
    const one = await parseWorkbook(await writeXlsx(contentOf(md), { oneSheet: true }), "m.xlsx");
    // The document's title (its first heading) names the one sheet; group rows do not nest.
    expect(one.sections.map((s) => s.title)).toEqual(["Run"]);
    expect(one.groups.map((g) => g.title)).toEqual(["Run — Launch", "Run — Operate", "Exit"]);
    expect(one.activities.map((a) => a.name)).toEqual(["Plan", "Patch", "Export"]);
  });

  it("convert to CSV says what CSV has no place for: the title and the legend", async () => {
    const run = await cli(["convert", "matrices/cloud-temple-s3.md", "--to", "csv"], REPO);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'raci-lint convert: matrices/cloud-temple-s3.md: CSV has no place for its title ("IaaS Responsibility Matrix - S3 Object Storage") and its legend (4 entries): not written\n',
    );
  });

  it("convert refuses a row of another length than its header (its missing cells would be written empty), saying which", async () => {
    const root = project({ "rag.md": "| Activity | Client | Provider |\n|---|---|---|\n| Run it | RA |\n| Plan | RA | I |\n" });
    const run = await cli(["convert", "rag.md", "--to", "md"], root);
    expect([run.code, run.stdout, run.stderr]).toEqual([
      1,
      "",
      'raci-lint convert: rag.md:3:1: "Run it" has 2 cells, its header 3\nraci-lint convert: rag.md has rows of another length than their header\'s (no-ragged-row): nothing written\n',
    ]);
  });

  it("writes a table above any heading before the legend, so that it stays in no section (the legend's heading took it)", () => {
    const text = "| Task | Lead | Dev |\n|---|---|---|\n| Build | A | R |\n| Review | A | R |\n\nLegend:\n\n| Code | Meaning |\n|---|---|\n| R | Responsible |\n| A | Accountable |\n";
    const md = parseMatrix(text, "m.md");
    const again = parseMatrix(writeMarkdown(contentOf(md)), "m.md");
    expect(again.sections.map((s) => s.title)).toEqual(md.sections.map((s) => s.title));
    expect(shape(again)).toEqual(shape(md));
    expect(again.legend?.entries.map((e) => e.code)).toEqual(["R", "A"]);
  });

  it("writes a column-per-role table and a role list as each party's codes, never as the party's name", () => {
    // After the wild corpus' CERTEUS and REFACTOR pages: convert wrote `| T1 | RA | A4 |` where A4 holds C.
    const roleColumns = "| Activity | R | A | C | I |\n|---|---|---|---|---|\n| Deploy | Ops | Lead | A4 | QA, Sec |\n| Review | Lead | Lead | Ops | A4 |\n";
    const roleList = "## Plan\n\n- Deploy the service\n  - R: Ops\n  - A: Lead\n  - C: A4\n- Review the service\n  - R: Lead\n  - A: Lead\n  - I: A4\n";
    for (const [text, table] of [
      [roleColumns, ["| Deploy   | R   | A    | C   | I   | I   |", "| Review   | C   | RA   | I   |     |     |"]],
      [roleList, ["| Deploy the service | R   | A    | C   |", "| Review the service |     | RA   | I   |"]],
    ] as const) {
      const md = parseMatrix(text, "m.md");
      const written = writeMarkdown(contentOf(md));
      for (const row of table) expect(written).toContain(row);
      // A party a role table does not name in a row has no cell there; written, its cell is empty: both hold no code.
      const held = (m: Matrix) =>
        JSON.stringify(shape(m))
          .replace(/,?"[^"]+":""/gu, "")
          .replace(/\{,/gu, "{");
      expect(held(parseMatrix(written, "m.md"))).toEqual(held(md));
    }
  });
});

describe("the seed workbook", () => {
  it("matrices/cloud-temple-s3.xlsx is what `raci-lint convert` makes of the seed today", async () => {
    const made = await writeXlsx(contentOf(parseMatrix(readFileSync(SEED, "utf8"), SEED)));
    const entries = (bytes: Uint8Array) => Object.fromEntries(readZip(bytes).map((e) => [e.name, e.data.toString("utf8")]));
    expect(entries(readFileSync(join(REPO, "matrices/cloud-temple-s3.xlsx")))).toEqual(entries(made));
  });

  it("has a sheet per section and a Legend sheet, the title and header rows frozen, codes coloured by role, columns fitted", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(REPO, "matrices/cloud-temple-s3.xlsx")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      "Define your need",
      "Implement the service",
      "Recurring Operations",
      "Encryption Management",
      "Business Continuity",
      "Reversibility",
      "Legend",
    ]);
    const first = wb.worksheets[0]!;
    expect(first.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit])).toEqual([["frozen", 2]]);
    expect([first.getCell("A1").value, first.getCell("A1").font.bold, first.getRow(2).values, first.getCell("B2").font.bold]).toEqual([
      "Define your need",
      true,
      [undefined, "Activity", "Client", "Cloud Temple"],
      true,
    ]);
    const fill = (address: string) => [first.getCell(address).value, (first.getCell(address).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb];
    // R green, C yellow, I blue: a cell takes its first code's colour.
    expect(["B3", "C3", "C4"].map(fill)).toEqual([
      ["RA", "FFC6EFCE"],
      ["CI", "FFFFEB9C"],
      ["I", "FFDDEBF7"],
    ]);
    expect(first.columns.map((c) => c.width)).toEqual([60, 8, 14]);
    const legend = wb.getWorksheet("Legend")!;
    expect([legend.getRow(1).values, legend.getRow(2).values]).toEqual([
      [undefined, "Code", "Term", "Description"],
      [undefined, "R", "Performs", "Performs the process"],
    ]);
  });

  it("is made by the convert command, which writes what the writers write", async () => {
    const dir = REPO;
    const run = await cli(["convert", "matrices/cloud-temple-s3.md", "--to", "md"], dir);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(writeMarkdown(contentOf(parseMatrix(readFileSync(SEED, "utf8"), SEED))));
    expect(run.stdout.split("\n").slice(0, 14).join("\n")).toBe(
      [
        "---",
        "title: IaaS Responsibility Matrix - S3 Object Storage",
        "---",
        "",
        "## Legend",
        "",
        "| Code | Term     | Description                         |",
        "|------|----------|-------------------------------------|",
        "| R    | Performs | __P__erforms the process            |",
        "| A    | Approves | __A__pproves the process execution  |",
        "| C    | Consults | __C__onsulted during the process    |",
        "| I    | Informed | __I__nformed of the process results |",
        "",
        "## Define your need",
      ].join("\n"),
    );
  });
});
