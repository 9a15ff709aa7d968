/**
 * Writes a matrix as an XLSX workbook (exceljs): a sheet per section (its title in row 1, the table
 * under it; a title longer than a sheet name's 31 characters is cut in the name and whole in row 1),
 * or with `oneSheet` a single sheet whose sections are group rows (a section's groups named after
 * it: `Run — Launch`); a Legend sheet; the header row
 * frozen, codes coloured by role, column widths fitted. The workbook's dates are fixed, so the same
 * matrix gives the same sheets. Reading it back gives the same sections, activities, parties and
 * codes (docs/formats.md).
 */
import { createRequire } from "node:module";
import { plainText } from "../model/text.js";
import type { ContentRow, MatrixContent } from "./content.js";

type ExcelJS = typeof import("exceljs");
type Worksheet = import("exceljs").Worksheet;

/** exceljs, loaded when a workbook is written (see the XLSX reader). */
function exceljs(): ExcelJS {
  return createRequire(new URL("../../package.json", import.meta.url))("exceljs") as ExcelJS;
}

/** Options of `writeXlsx`. */
export interface XlsxOptions {
  /** One sheet, sections as group rows (all sections' parties as columns), instead of a sheet per section. */
  oneSheet?: boolean;
}

/** Fill colours of the codes (ARGB), by code letter: the first code of a cell colours it. */
const CODE_COLOURS: Record<string, string> = { R: "FFC6EFCE", A: "FFFFC7CE", C: "FFFFEB9C", I: "FFDDEBF7", S: "FFE4DFEC", V: "FFFCE4D6", O: "FFEDEDED" };

/** The characters a sheet name may not hold, and its length. */
const SHEET_NAME_BAD = /[[\]:*?/\\]/gu;
const SHEET_NAME_MAX = 31;

/** A sheet name for a section title: what Excel allows, unique in the workbook (`Title (2)`). */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(SHEET_NAME_BAD, " ")
      .replace(/\s+/gu, " ")
      .replace(/^[\s']+|[\s']+$/gu, "") || "Matrix";
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    // Excel refuses a name that starts or ends with an apostrophe.
    const name = base.slice(0, SHEET_NAME_MAX - suffix.length).replace(/^[\s']+|[\s']+$/gu, "") + suffix;
    if (!taken.has(name.toLowerCase()) && name.toLowerCase() !== "legend") {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** Writes a table (header then rows) from row `top`; returns the widest text of each column. */
function writeTable(sheet: Worksheet, top: number, parties: readonly string[], rows: readonly ContentRow[], widths: number[]): void {
  const header = sheet.getRow(top);
  ["Activity", ...parties].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
    widths[i] = Math.max(widths[i] ?? 0, text.length);
  });
  rows.forEach((row, r) => {
    const line = sheet.getRow(top + 1 + r);
    if (row.kind === "group") {
      const cell = line.getCell(1);
      cell.value = row.title;
      cell.font = { bold: true };
      widths[0] = Math.max(widths[0] ?? 0, row.title.length);
      return;
    }
    line.getCell(1).value = row.name;
    widths[0] = Math.max(widths[0] ?? 0, row.name.length);
    row.cells.forEach((text, i) => {
      if (text === null || text === "") return;
      const cell = line.getCell(i + 2);
      cell.value = text;
      cell.alignment = { horizontal: "center" };
      const colour = CODE_COLOURS[/[A-Z]/u.exec(text)?.[0] ?? ""];
      if (colour && /^[A-Za-z]{1,4}$|^[A-Z](?:\s*[,/]\s*[A-Z])+$/u.test(text)) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colour } };
      widths[i + 1] = Math.max(widths[i + 1] ?? 0, text.length);
    });
  });
}

/** Column widths fitted to the texts (within 8 and 60 characters). */
function fitColumns(sheet: Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, w + 2));
  });
}

/** The matrix as an XLSX workbook's bytes. */
export async function writeXlsx(content: MatrixContent, options: XlsxOptions = {}): Promise<Uint8Array> {
  const { Workbook } = exceljs();
  const workbook = new Workbook();
  // Fixed dates: the same matrix gives the same workbook.
  workbook.creator = "raci-lint";
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = new Date(Date.UTC(2000, 0, 1));
  if (content.title) workbook.title = content.title;
  const taken = new Set<string>();
  if (options.oneSheet) {
    const sheet = workbook.addWorksheet(sheetName(content.title ?? "Matrix", taken), { views: [{ state: "frozen", ySplit: 2 }] });
    sheet.getCell("A1").value = content.title ?? "Matrix";
    sheet.getCell("A1").font = { bold: true, size: 14 };
    const parties = [...new Set(content.sections.flatMap((s) => s.parties))];
    const rows: ContentRow[] = content.sections.flatMap((section) => {
      const at = section.parties.map((p) => parties.indexOf(p));
      const spread = (cells: (string | null)[]) => parties.map((_, i) => (at.includes(i) ? (cells[at.indexOf(i)] ?? null) : null));
      // Group rows do not nest: a section's own groups are named after it (`Run — Launch`).
      const named = (title: string) => (section.title === "" ? title : `${section.title} — ${title}`);
      const body = section.rows.map((row): ContentRow => (row.kind === "group" ? { kind: "group", title: named(row.title) } : { ...row, cells: spread(row.cells) }));
      return section.title === "" || body[0]?.kind === "group" ? body : [{ kind: "group", title: section.title }, ...body];
    });
    const widths: number[] = [];
    writeTable(sheet, 2, parties, rows, widths);
    fitColumns(sheet, widths);
  } else {
    for (const section of content.sections) {
      const sheet = workbook.addWorksheet(sheetName(section.title, taken), { views: [{ state: "frozen", ySplit: 2 }] });
      sheet.getCell("A1").value = section.title || content.title || "Matrix";
      sheet.getCell("A1").font = { bold: true, size: 14 };
      const widths: number[] = [];
      writeTable(sheet, 2, section.parties, section.rows, widths);
      fitColumns(sheet, widths);
    }
  }
  const legend = workbook.addWorksheet("Legend");
  // A matrix without a legend gets its scheme's codes and names.
  const entries = content.legend.length > 0 ? content.legend : content.codes.map((c) => ({ ...c, description: "" }));
  legend.addRow(["Code", "Term", "Description"]).font = { bold: true };
  for (const e of entries) {
    const row = legend.addRow([e.code, e.term, plainText(e.description)]);
    const colour = CODE_COLOURS[e.code];
    if (colour) row.getCell(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: colour } };
  }
  fitColumns(legend, [4, Math.max(4, ...entries.map((e) => e.term.length)), Math.max(11, ...entries.map((e) => plainText(e.description).length))]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
