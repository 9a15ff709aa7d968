/**
 * The XLSX reader: sheets, hidden sheets, merged cells, rich text, hyperlinks, formulas by their
 * cached values; findings at `Sheet!A1` in every report format; fixes as suggestions, never a
 * write; and bad files (not a zip, encrypted, zip bombs, a million rows) as findings, in bounded
 * time and memory (docs/formats.md).
 */
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { formatJson } from "../../../src/formatters/json.js";
import { formatSarif } from "../../../src/formatters/sarif.js";
import { formatStylish } from "../../../src/formatters/stylish.js";
import { formatContext } from "../../../src/formatters/context.js";
import { FixWriteError, fixText, parseMatrix, parseWorkbook, RaciLint, writeFileAtomic } from "../../../src/index.js";
import { buildReport } from "../../../src/model/result.js";
import { RACI } from "../../../src/model/scheme.js";
import { recommendedRules } from "../../../src/config/presets.js";
import { checkWorkbook, readZip, ZIP_LIMITS } from "../../../src/readers/spreadsheet/zip.js";
import { cli, project } from "../../cli/harness.js";
import { REPO, zipOf } from "../../helpers.js";

const ExcelJS = createRequire(import.meta.url)("exceljs") as typeof import("exceljs");

/** A workbook made with exceljs: `build` fills it. */
async function workbook(build: (wb: import("exceljs").Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Findings of a workbook as `Sheet!A1 rule`. */
async function findings(bytes: Uint8Array): Promise<string[]> {
  const root = project({});
  writeFileSync(join(root, "m.xlsx"), bytes);
  const [result] = await new RaciLint({ cwd: root, useConfigFiles: false }).lintFiles(["m.xlsx"]);
  return result!.findings.map((f) => `${f.sheet ?? ""}!${f.cell ?? ""} ${f.ruleId}${f.ruleId === "parse-error" ? `: ${f.message}` : ""}`);
}

const MATRIX = [
  ["Activity", "Client", "Provider"],
  ["Plan", "AR", "C"],
  ["Run", "I", "RA"],
];

describe("XLSX workbooks", () => {
  it("reads every visible sheet as a section, skips hidden ones and says so", async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet("Build").addRows(MATRIX);
      const hidden = wb.addWorksheet("Old");
      hidden.addRows([...MATRIX, ["Patch", "", ""]]);
      hidden.state = "hidden";
      wb.addWorksheet("Run").addRows([
        ["Activity", "Client", "Provider"],
        ["Patch", "I", "R"],
      ]);
    });
    const m = await parseWorkbook(bytes, "m.xlsx");
    expect(m.format).toBe("xlsx");
    expect(m.sections.map((s) => s.title)).toEqual(["Build", "Run"]);
    expect(m.decisions.map((d) => `${d.span.ref?.sheet}!${d.span.ref?.cell} ${d.kind}: ${d.reason}`)).toEqual([
      "Build!A1 matrix: its cells hold codes (4 of 4 filled cells)",
      "Old!A1 ignored: sheet Old is hidden: not read",
      "Run!A1 matrix: its cells hold codes (2 of 2 filled cells)",
    ]);
    expect(await findings(bytes)).toEqual(["Build!B2 code-order", "Run!A2 single-accountable"]);
    // --explain lists each sheet's tables in the workbook's order, by sheet and cells, the hidden one too.
    const root = project({});
    writeFileSync(join(root, "m.xlsx"), bytes);
    const run = await cli(["--explain", "--no-config", "m.xlsx"], root);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").slice(0, 11)).toEqual([
      "m.xlsx (xlsx): 3 activities",
      "  scheme: RACI (the default: the document names no other scheme)",
      '  Build!A1:C3: matrix in "Build", an activity per row, a party per column: 2 activities',
      "    parties: Client (customer), Provider (provider)",
      "    why: its cells hold codes (4 of 4 filled cells)",
      "  Old!A1: left alone, sheet Old is hidden: not read",
      '  Run!A1:C2: matrix in "Run", an activity per row, a party per column: 1 activity',
      "    parties: Client (customer), Provider (provider)",
      "    why: its cells hold codes (2 of 2 filled cells)",
      "",
      "m.xlsx",
    ]);
    const json = await cli(["--explain", "--no-config", "-f", "json", "m.xlsx"], root);
    const read = (JSON.parse(json.stdout) as { files: { read: { parts: Record<string, unknown>[] } }[] }).files[0]!.read;
    expect(read.parts.map((p) => [p.kind, p.sheet, p.cells, p.line, p.endLine])).toEqual([
      ["matrix", "Build", "A1:C3", 1, 3],
      ["ignored", "Old", "A1", 1, 1],
      ["matrix", "Run", "A1:C2", 1, 2],
    ]);
  });

  it("a workbook without a matrix: no-matrix at the first table left alone, saying why and which sheets are hidden", async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet("Sizes").addRows([
        ["Size", "vCores"],
        ["S", 2],
        ["M", 4],
      ]);
      const hidden = wb.addWorksheet("Secret");
      hidden.addRows(MATRIX);
      hidden.state = "hidden";
    });
    const root = project({});
    writeFileSync(join(root, "m.xlsx"), bytes);
    const run = await cli(["--no-config", "m.xlsx"], root);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      "",
      "m.xlsx",
      "  Sizes!A1  info  No RACI matrix found: its table at Sizes!A1 is not one: most of its cells (2 of 2) hold words, numbers or symbols, not role codes; its hidden sheet Secret is not read (`--explain` says what was read).  no-matrix",
    ]);
    // Met while walking a folder, a workbook without a matrix is counted, not reported (as a Markdown page is).
    expect((await cli(["--no-config", "."], root)).stdout).toBe("1 file without a matrix (--explain says what was read in each).\n");
  });

  it("reads merged cells (the range's text in its first cell), rich text, hyperlinks and formulas' cached values", async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("RACI");
      ws.getCell("A1").value = "RACI chart";
      ws.mergeCells("A1:C1");
      ws.addRow(["Activity", { richText: [{ text: "Cli", font: { bold: true } }, { text: "ent" }] }, { text: "Provider", hyperlink: "https://example.com" }]);
      ws.addRow(["Launch"]);
      ws.mergeCells("A3:C3");
      ws.addRow(["Plan", { formula: 'CONCATENATE("R","A")', result: "RA" }, "C"]);
      ws.addRow(["Run", "I", { richText: [{ text: "R" }, { text: "A", font: { italic: true } }] }]);
    });
    const m = await parseWorkbook(bytes, "m.xlsx");
    expect(m.title).toBe("RACI chart");
    expect(m.parties.map((p) => p.name)).toEqual(["Client", "Provider"]);
    expect(m.groups.map((g) => g.title)).toEqual(["Launch"]);
    expect(m.activities.map((a) => `${a.name}: ${a.cells.map((c) => c?.codes.join("")).join(" ")}`)).toEqual(["Plan: RA C", "Run: I RA"]);
    expect(m.activities.map((a) => a.cells.map((c) => `${c!.span.ref!.cell}@${c!.span.start.line}:${c!.span.start.column}`).join(" "))).toEqual(["B4@4:2 C4@4:3", "B5@5:2 C5@5:3"]);
  });

  it("points findings at Sheet!A1 in JSON (schema-valid), SARIF (logical location) and stylish", async () => {
    const bytes = await workbook((wb) =>
      wb.addWorksheet("Tech RACI").addRows([
        ["Area", "Step", "Role"],
        ["Planning", "Refine", "A"],
        ["", "Specify", "A/R"],
      ]),
    );
    const root = project({});
    writeFileSync(join(root, "m.xlsx"), bytes);
    const linter = new RaciLint({ cwd: root, useConfigFiles: false, keep: "source" });
    const results = await linter.lintFiles(["m.xlsx"]);
    const report = buildReport(results.map((r) => ({ path: r.path, findings: r.findings, suppressed: [], ...(r.source != null ? { source: r.source } : {}) })));
    const json = JSON.parse(formatJson(report)) as { files: { findings: Record<string, unknown>[] }[] };
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(REPO, "schemas/report.schema.json"), "utf8")) as object);
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json.files[0]!.findings.map((f) => [f.ruleId, f.sheet, f.cell, f.line, f.column])).toEqual([
      ["responsible-required", "Tech RACI", "B2", 2, 2],
      ["code-order", "Tech RACI", "C3", 3, 3],
    ]);
    // Fixes of a workbook are suggestions naming the cells to change.
    expect(json.files[0]!.findings[1]!.fix).toBeNull();
    expect(json.files[0]!.findings[1]!.suggestions).toEqual([
      { message: 'Write the codes in canonical order: RA: write "R/A" in Tech RACI!C3 (raci-lint does not rewrite workbooks)', fix: null, cells: [{ sheet: "Tech RACI", cell: "C3", text: "R/A" }] },
    ]);
    const sarif = JSON.parse(formatSarif(report, formatContext(linter.rulesMeta(), "0.0.0"))) as { runs: { results: { locations: { logicalLocations?: unknown }[]; fixes?: unknown }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.logicalLocations)).toEqual([
      [{ name: "B2", fullyQualifiedName: "Tech RACI!B2", kind: "element" }],
      [{ name: "C3", fullyQualifiedName: "Tech RACI!C3", kind: "element" }],
    ]);
    expect(sarif.runs[0]!.results.every((r) => r.fixes === undefined)).toBe(true);
    expect(formatStylish(report, { color: false }).split("\n").slice(1, 4)).toEqual([
      "m.xlsx",
      '  Tech RACI!B2  error    No party is Responsible (R) for "Refine".  responsible-required',
      '  Tech RACI!C3  warning  Codes "AR" are out of order: write "RA".   code-order',
    ]);
  });

  it("is never written: --fix lists its fixes, the file keeps its bytes; the fixer and the atomic writer refuse it", async () => {
    const bytes = await workbook((wb) =>
      wb.addWorksheet("M").addRows([
        ["Activity", "Client", "Provider"],
        ["Plan", "AR", "R"],
      ]),
    );
    const root = project({});
    writeFileSync(join(root, "m.xlsx"), bytes);
    const run = await cli(["m.xlsx", "--fix", "--no-config", "-f", "json"], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("raci-lint: m.xlsx: not fixed: raci-lint never rewrites a workbook: its fixes are listed as suggestions\n");
    expect(readFileSync(join(root, "m.xlsx"))).toEqual(Buffer.from(bytes));
    const fixed = await fixText("anything", "m.xlsx", { rules: recommendedRules(), scheme: RACI });
    expect([fixed.changed, fixed.parseFailed, fixed.output]).toEqual([false, true, "anything"]);
    await expect(writeFileAtomic(join(root, "m.xlsx"), "text")).rejects.toBeInstanceOf(FixWriteError);
    expect(readFileSync(join(root, "m.xlsx"))).toEqual(Buffer.from(bytes));
    // parseMatrix (text) cannot read a workbook, and says so.
    expect(parseMatrix("", "m.xlsx").problems.map((p) => p.message)).toEqual(["An XLSX workbook is binary: it is read from its bytes (readWorkbook, parseWorkbook), not from text."]);
  });
});

/** The smallest workbook parts exceljs reads, around one sheet's XML. */
function minimalWorkbook(sheetXml: string): Buffer {
  const text = (name: string, data: string) => ({ name, data: Buffer.from(data), deflate: true });
  return zipOf([
    text(
      "[Content_Types].xml",
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    text(
      "_rels/.rels",
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    text(
      "xl/workbook.xml",
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Big &amp; long" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    text(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    text("xl/worksheets/sheet1.xml", sheetXml),
  ]);
}

describe("bad workbooks", () => {
  it.each([
    ["a text file", Buffer.from("Activity,Client\nPlan,R\n"), "The file is not an XLSX workbook: it is not a zip archive."],
    ["a truncated zip", zipOf([{ name: "a.xml", data: Buffer.from("<a/>") }]).subarray(0, 40), "The file is not an XLSX workbook: its zip directory is missing (a truncated or damaged file)."],
    [
      "a password-protected workbook (an OLE file holding EncryptionInfo)",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from("EncryptionInfo", "utf16le")]),
      "The workbook is password-protected (encrypted): raci-lint cannot read it. Save a copy without a password.",
    ],
    [
      "an old .xls workbook",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]),
      "The file is an Excel 97-2003 workbook (.xls) or another OLE document, not an XLSX workbook. Save it as .xlsx.",
    ],
    [
      "a zip bomb that lies about its sizes (1 GiB of zeros declared as 1 KiB)",
      zipOf([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(64 * 1024 * 1024), deflate: true, declared: 1024 }]),
      "The workbook's zip entry xl/worksheets/sheet1.xml expands beyond the size its directory gives (a zip bomb): it is not read.",
    ],
    [
      "a zip whose entries say they expand to gigabytes",
      zipOf([{ name: "xl/worksheets/sheet1.xml", data: Buffer.from("<a/>"), declared: 0xfffffff0 }]),
      `The workbook's entries expand to more than ${ZIP_LIMITS.uncompressed / 1024 / 1024} MiB (a zip bomb, or a workbook too large): it is not read.`,
    ],
  ])("%s: one parse-error at the file's start, exit code 1", async (_, bytes, message) => {
    expect(await findings(bytes)).toEqual([`! parse-error: ${message}`]);
    const root = project({});
    writeFileSync(join(root, "m.xlsx"), bytes);
    const run = await cli(["m.xlsx", "--no-config", "-f", "json"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { files: { findings: Record<string, unknown>[] }[] };
    expect(report.files[0]!.findings.map((f) => [f.ruleId, f.severity, f.line, f.column, f.message])).toEqual([["parse-error", "error", 1, 1, message]]);
  });

  it("a sheet of a million rows: the first 100,000 are read, a finding at the sheet's A1 says so, exit code 1", async () => {
    // A column of numbers under `Id`: no matrix, so the cut is the one finding.
    const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Id</t></is></c><c r="B1" t="inlineStr"><is><t>Client</t></is></c></row>'];
    for (let r = 2; r <= 1_000_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
    const root = project({});
    writeFileSync(join(root, "big.xlsx"), minimalWorkbook(xml));
    const run = await cli(["big.xlsx", "--no-config"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "",
        "big.xlsx",
        "  Big & long!A1  error  Sheet Big & long has 1,000,000 rows: raci-lint reads at most 100,000 rows of a sheet, so only its first 100,000 were read.  parse-error",
        "",
        "✖ 1 problem (1 error, 0 warnings, 0 infos)",
        "1 file without a matrix (--explain says what was read in each).",
        "",
      ].join("\n"),
    );
  });

  it("a cut workbook is zipped anew: exceljs reads it, its cut sheet ending at the 100,000th row, its other parts as they were", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= ZIP_LIMITS.rows + 1; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const bytes = minimalWorkbook(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`);
    const checked = await checkWorkbook(bytes);
    expect(checked.cut).toEqual([{ sheet: "Big & long", rows: ZIP_LIMITS.rows + 1, kept: ZIP_LIMITS.rows, reason: "rows" }]);
    const parts = (zip: Uint8Array) => new Map(readZip(zip).map((entry) => [entry.name, entry.data.toString("utf8")]));
    const [before, after] = [parts(bytes), parts(checked.bytes)];
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, text] of before) if (name !== "xl/worksheets/sheet1.xml") expect(after.get(name)).toBe(text);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(checked.bytes) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect([sheet.name, sheet.rowCount, sheet.getCell(`A${ZIP_LIMITS.rows}`).value]).toEqual(["Big & long", ZIP_LIMITS.rows, ZIP_LIMITS.rows]);
  });
});
