/**
 * XLSX reader: a workbook's bytes -> `Matrix`, through exceljs. Every visible sheet is read (hidden
 * ones are skipped, and the decisions say so); a cell's text is what Excel shows of it: rich text
 * joined, a hyperlink's text, a formula's cached value; the other cells of a merged range are empty
 * (the range's text is its first cell's). Spans have the row as line and the column number as
 * column, and name their cell (`ref`); their offsets index the workbook's cell records
 * (`Matrix.source`), which is how a fix of a workbook becomes cells to change (`workbookCellEdits`):
 * raci-lint never writes a workbook. The file is checked first (zip.ts): a bad one costs bounded
 * time and memory and becomes a finding.
 */
import { createRequire } from "node:module";
import type { Matrix, ReadProblem } from "../../model/matrix.js";
import { a1, LineIndex, type CellRef, type SourceSpan } from "../../model/position.js";
import { RECORD_END, recordHead } from "../../model/workbook.js";
import type { GridCell } from "../grid.js";
import type { ReadOptions } from "../options.js";
import { readSheets, type Sheet, type SheetNote } from "./sheets.js";
import { checkWorkbook, WorkbookError, ZIP_LIMITS } from "./zip.js";

/**
 * The parts of exceljs a workbook is read with, loaded on first use (linting Markdown never pays for
 * them) from raci-lint's own node_modules: required, since the command's bundle runs where a dynamic
 * import cannot. Its Workbook class and enums, not its entry point: the entry point also loads the
 * streaming reader and writer and their zip libraries, twice the modules (661 against 278) and about
 * 200 ms more at start. exceljs is pinned (4.4.0), so these paths hold.
 */
function exceljs(): { Workbook: typeof import("exceljs").Workbook; ValueType: typeof import("exceljs").ValueType } {
  const require = createRequire(new URL("../../../package.json", import.meta.url));
  const { Workbook } = { Workbook: require("exceljs/lib/doc/workbook.js") as typeof import("exceljs").Workbook };
  const { ValueType } = require("exceljs/lib/doc/enums.js") as { ValueType: typeof import("exceljs").ValueType };
  return { Workbook, ValueType };
}

/** The text Excel shows of a cell value as exceljs gives it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(/\.000Z$/u, "Z");
  }
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((run) => (typeof run.text === "string" ? run.text : "")).join("");
    if ("formula" in v || "sharedFormula" in v) return cellText(v.result);
    if ("text" in v) return cellText(v.text);
    if (typeof v.error === "string") return v.error;
  }
  return "";
}

/** Builds a workbook's cell records (`Matrix.source`) as cells are met. */
class Records {
  /** The records so far: a string grown by concatenation (V8 joins its pieces once, when it is read). */
  private source = "";

  /** Adds a cell's record; returns the offset of its text. */
  add(ref: CellRef, text: string): number {
    if (this.source.length > 0) this.source += RECORD_END;
    this.source += recordHead(ref);
    const offset = this.source.length;
    this.source += text;
    return offset;
  }

  get text(): string {
    return this.source;
  }
}

/** A cell of a workbook: its text trimmed, placed at its row and column, pointed at whole. */
function workbookCell(records: Records, sheet: string, row: number, column: number, text: string): GridCell {
  const ref = { sheet, cell: a1(row, column) };
  const raw = text.trim();
  const offset = records.add(ref, raw);
  return { raw, content: { start: { line: row, column, offset }, end: { line: row, column: column + 1, offset: offset + raw.length }, ref }, box: null, literal: false };
}

/** A workbook that cannot be read: one parse-error, at its start. */
function unreadableWorkbook(file: string, message: string, options: ReadOptions): Matrix {
  const span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  const problems: ReadProblem[] = [{ ruleId: "parse-error", message, span }];
  return readSheets({ file, format: "xlsx", source: "", bom: false, lines: new LineIndex(""), sheets: [], skipped: [], problems, spanIn: (cell) => cell.content }, options);
}

/**
 * Reads an XLSX workbook into a matrix. Never throws on a bad file (what cannot be read becomes
 * the matrix' problems); asynchronous, as exceljs is.
 */
export async function readWorkbook(bytes: Uint8Array, file: string, options: ReadOptions): Promise<Matrix> {
  let checked;
  try {
    checked = await checkWorkbook(bytes);
  } catch (error) {
    if (error instanceof WorkbookError) return unreadableWorkbook(file, error.message, options);
    throw error;
  }
  const ExcelJS = exceljs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(checked.bytes.buffer, checked.bytes.byteOffset, checked.bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    return unreadableWorkbook(file, `The workbook cannot be read: ${(error as Error).message}.`, options);
  }
  const records = new Records();
  const sheets: Sheet[] = [];
  const skipped: SheetNote[] = [];
  const problems: ReadProblem[] = [];
  const at = (sheet: string, row: number, column: number): SourceSpan => ({
    start: { line: row, column, offset: 0 },
    end: { line: row, column: column + 1, offset: 0 },
    ref: { sheet, cell: a1(row, column) },
  });
  for (const cut of checked.cut) {
    const why =
      cut.reason === "rows"
        ? `raci-lint reads at most ${ZIP_LIMITS.rows.toLocaleString("en-US")} rows of a sheet`
        : `raci-lint reads at most ${ZIP_LIMITS.cells.toLocaleString("en-US")} cells of a workbook`;
    problems.push({
      ruleId: "parse-error",
      message: `Sheet ${cut.sheet} has ${cut.rows.toLocaleString("en-US")} rows: ${why}, so only its first ${cut.kept.toLocaleString("en-US")} were read.`,
      span: at(cut.sheet, 1, 1),
    });
  }
  for (const worksheet of workbook.worksheets) {
    const name = worksheet.name;
    if (worksheet.state !== "visible") {
      skipped.push({ sheet: name, span: at(name, 1, 1), reason: `sheet ${name} is hidden: not read` });
      continue;
    }
    const rows: (GridCell | undefined)[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: (GridCell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // The other cells of a merged range repeat its first cell's value: they are empty.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const text = cellText(cell.value);
        if (text.trim() !== "") cells[c - 1] = workbookCell(records, name, r, c, text);
      });
      rows[r - 1] = cells;
    });
    sheets.push({
      name,
      rows,
      blank: (r, c) => workbookCell(records, name, r + 1, c + 1, ""),
      between: (from, to) => ({ start: from.content.start, end: to.content.end, ...(from.content.ref ? { ref: from.content.ref } : {}) }),
    });
  }
  // The records grow while tables are cut from the sheets (blank cells inside them): the source is
  // read once they are all made, when the matrix is built.
  const input = {
    file,
    title: workbook.title || null,
    format: "xlsx" as const,
    bom: false,
    sheets,
    skipped,
    sheetOrder: workbook.worksheets.map((w) => w.name),
    problems,
    spanIn: (cell: GridCell) => cell.content,
    get source() {
      return records.text;
    },
    get lines() {
      return new LineIndex(records.text);
    },
  };
  return readSheets(input, options);
}
