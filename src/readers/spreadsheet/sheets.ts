/**
 * Spreadsheets (CSV files, XLSX workbooks) read as matrices. A sheet is a grid of cells; its tables
 * are the blocks of filled rows (a blank row ends a table unless the rows after it go on with codes
 * in its columns: a group set apart), cut at wholly empty columns, with title rows (one filled cell)
 * above the header. Each table is read as a Markdown table is (`readGridTable`: the same layouts,
 * the same decisions), after what spreadsheets add around a matrix is set aside: a leading column
 * of row numbers (`Step Id`), sub-header rows of prose under the header, trailing columns of notes.
 * The scheme is chosen from the sheets' names, titles, headers and legends, as for Markdown.
 */
import type { CellReading, Matrix, MatrixFormat, ReadDecision, ReadProblem } from "../../model/matrix.js";
import type { LineIndex, SourceSpan } from "../../model/position.js";
import type { RoleScheme } from "../../model/scheme.js";
import { plainText } from "../../model/text.js";
import { MatrixBuilder } from "../builder.js";
import { codeWords, lexiconOf, readCellText, type CellTextReader, type SchemeLexicon } from "../cell-codes.js";
import { readGridTable, readLegendRows, roleOfHeader, type GridCell, type GridRow, type GridTable, type TableReader } from "../grid.js";
import type { ReadOptions } from "../options.js";
import { PartyNames } from "../parties.js";
import { chooseScheme, RACI_WORDS, wordConvention, type LegendHint, type SchemeHint } from "../scheme-hints.js";

/** One sheet: its cells by row and column (0-based); a missing cell is undefined. */
export interface Sheet {
  /** The sheet's name (a workbook's); null for a CSV file. */
  readonly name: string | null;
  readonly rows: readonly (readonly (GridCell | undefined)[] | undefined)[];
  /**
   * The cell standing for an empty one at a place the sheet has none (a workbook's blank cell inside
   * a table), or null where a row has ended (past a CSV line's last field).
   */
  blank(row: number, column: number): GridCell | null;
  /** The span from one cell to another (inclusive), for a row or a table. */
  between(from: GridCell, to: GridCell): SourceSpan;
}

/** A rectangle of a sheet (0-based, inclusive) holding a table, and the title rows above it. */
interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
  titles: GridCell[];
}

/** What a reader found besides tables: a sheet skipped (hidden) and why, problems met. */
export interface SheetNote {
  sheet: string;
  span: SourceSpan;
  reason: string;
}

/** Whether a cell holds something. */
function filled(cell: GridCell | undefined): cell is GridCell {
  return cell !== undefined && cell.raw !== "";
}

/** The filled columns of a row between `left` and `right`. */
function filledColumns(row: readonly (GridCell | undefined)[] | undefined, left = 0, right = Infinity): number[] {
  const out: number[] = [];
  if (!row) return out;
  const end = Math.min(row.length - 1, right);
  for (let c = left; c <= end; c++) if (filled(row[c])) out.push(c);
  return out;
}

/** Whether a text holds codes of the scheme (letters or role words; a party's name is not one). */
function codeLike(reading: CellReading): boolean {
  return reading.codes.length > 0;
}

/**
 * The regions of a sheet (see the module comment). `read` reads a cell text out of any table's
 * context, to tell a group set apart by a blank row (it goes on with codes) from a new table.
 */
export function regionsOf(sheet: Sheet, read: (raw: string) => CellReading): Region[] {
  const blocks: { top: number; bottom: number }[] = [];
  let current: { top: number; bottom: number } | null = null;
  for (let r = 0; r < sheet.rows.length; r++) {
    if (filledColumns(sheet.rows[r]).length === 0) {
      current = null;
      continue;
    }
    if (current) current.bottom = r;
    else blocks.push((current = { top: r, bottom: r }));
  }
  // A block whose first rows go on with codes (or a group row, then codes) continues the block above it.
  const merged: { top: number; bottom: number }[] = [];
  for (const block of blocks) {
    const last = merged[merged.length - 1];
    if (last && last.bottom > last.top && continues(sheet, last, block, read)) last.bottom = block.bottom;
    else merged.push({ ...block });
  }
  const regions: Region[] = [];
  for (const block of merged) {
    // Columns empty in every row of the block part tables set side by side.
    const used = new Set<number>();
    for (let r = block.top; r <= block.bottom; r++) for (const c of filledColumns(sheet.rows[r])) used.add(c);
    const columns = [...used].sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= columns.length; i++) {
      if (i < columns.length && columns[i] === columns[i - 1]! + 1) continue;
      const left = columns[start]!;
      const right = columns[i - 1]!;
      start = i;
      let top = block.top;
      let bottom = block.bottom;
      while (top < bottom && filledColumns(sheet.rows[top], left, right).length === 0) top++;
      while (bottom > top && filledColumns(sheet.rows[bottom], left, right).length === 0) bottom--;
      const titles: GridCell[] = [];
      // Rows of one cell above the first row of several are titles.
      const wide = (r: number) => filledColumns(sheet.rows[r], left, right).length >= 2;
      let firstWide = top;
      while (firstWide <= bottom && !wide(firstWide)) firstWide++;
      if (firstWide <= bottom) {
        for (let r = top; r < firstWide; r++) for (const c of filledColumns(sheet.rows[r], left, right)) titles.push(sheet.rows[r]![c]!);
        top = firstWide;
      }
      regions.push({ top, bottom, left, right, titles });
    }
  }
  return regions;
}

/** Whether `next` continues the table of `block` across blank rows (see `regionsOf`). */
function continues(sheet: Sheet, block: { top: number; bottom: number }, next: { top: number; bottom: number }, read: (raw: string) => CellReading): boolean {
  const columns = new Set<number>();
  for (let r = block.top; r <= block.bottom; r++) for (const c of filledColumns(sheet.rows[r])) columns.add(c);
  const left = Math.min(...columns);
  const right = Math.max(...columns);
  const rowCodes = (r: number) => filledColumns(sheet.rows[r]).some((c) => c > left && c <= right && codeLike(read(sheet.rows[r]![c]!.raw)));
  const within = (r: number) => filledColumns(sheet.rows[r]).every((c) => c >= left && c <= right);
  if (!within(next.top)) return false;
  if (rowCodes(next.top)) return true;
  // A group row (its one cell in the activity column), then codes.
  return next.bottom > next.top && filledColumns(sheet.rows[next.top]).length === 1 && within(next.top + 1) && rowCodes(next.top + 1);
}

/** A region's table: its first row the header, each later row with cells (blank rows left out). */
function tableOf(sheet: Sheet, region: Region): GridTable | null {
  let width = Infinity;
  const rowOf = (r: number, header: boolean): GridRow | null => {
    const row = sheet.rows[r];
    const cells: GridCell[] = [];
    // A row goes to the region's right edge, and on to its last filled cell (cells past the header: a ragged row).
    const last = Math.max(region.right, ...filledColumns(row, region.right + 1));
    for (let c = region.left; c <= (header ? region.right : last); c++) {
      const cell = row?.[c] ?? sheet.blank(r, c);
      if (cell === null) break;
      cells.push(cell);
    }
    // A CSV line's empty fields past the header's count are not cells of the table.
    while (cells.length > width && cells[cells.length - 1]!.raw === "") cells.pop();
    if (cells.length === 0) return null;
    return { cells, span: sheet.between(cells[0]!, cells[cells.length - 1]!) };
  };
  const header = rowOf(region.top, true);
  if (!header) return null;
  width = header.cells.length;
  const rows: GridRow[] = [];
  for (let r = region.top + 1; r <= region.bottom; r++) {
    if (filledColumns(sheet.rows[r], region.left).length === 0) continue;
    const row = rowOf(r, false);
    if (row) rows.push(row);
  }
  const lastRow = rows[rows.length - 1] ?? header;
  return { header, rows, span: { ...sheet.between(header.cells[0]!, lastRow.cells[lastRow.cells.length - 1]!), ...(header.cells[0]!.content.ref ? { ref: header.cells[0]!.content.ref } : {}) } };
}

/**
 * Why a region's first row is no header (a sheet's block of numbers, a grid whose header row is
 * above a blank row), or null when it may be one: a header names its columns, so most of its
 * cells after the first are filled, and some hold letters.
 */
function headerProblem(table: GridTable): string | null {
  const rest = table.header.cells.slice(1);
  if (rest.length === 0) return null;
  const filledCount = rest.filter((c) => c.raw !== "").length;
  if (filledCount * 2 < rest.length)
    return `its first row (${table.header.cells
      .map((c) => c.raw)
      .filter((t) => t !== "")
      .join(", ")}) is mostly empty: no header`;
  if (!table.header.cells.some((c) => /\p{L}/u.test(c.raw))) return "its first row holds no word: no header";
  return null;
}

/** A table without some of its columns (by index in the table). */
function withoutColumns(table: GridTable, drop: ReadonlySet<number>): GridTable {
  const keep = (row: GridRow): GridRow => ({ cells: row.cells.filter((_, i) => !drop.has(i)), span: row.span });
  return { header: keep(table.header), rows: table.rows.map(keep), span: table.span, ...(table.numbered ? { numbered: true } : {}) };
}

/**
 * Sets aside what spreadsheets add around a matrix (see the module comment): a first column of row
 * numbers before a column of text, sub-header rows of prose right under the header, trailing
 * columns of notes (no code in any row) after columns of codes. Tables whose headers name roles
 * (party names in the cells) are left as they are.
 */
export function trimTable(table: GridTable, read: (raw: string) => CellReading, scheme: RoleScheme, words: ReadonlyMap<string, string>): GridTable {
  if (table.header.cells.some((h) => roleOfHeader(h.raw, scheme, words) !== null)) return table;
  let out = table;
  const texts = (column: number) => out.rows.map((r) => r.cells[column]?.raw ?? "").filter((t) => t !== "");
  const first = texts(0);
  const second = texts(1);
  if (out.header.cells.length >= 3 && first.length >= 2 && first.every((t) => /^\d+(?:\.\d+)*\.?$/u.test(t)) && second.some((t) => /\p{L}/u.test(t) && !codeLike(read(t)))) {
    out = { ...withoutColumns(out, new Set([0])), numbered: true };
  }
  const width = out.header.cells.length;
  const columnHasCodes = (c: number) => out.rows.some((r) => r.cells[c] !== undefined && codeLike(read(r.cells[c].raw)));
  let right = width - 1;
  while (right > 1 && !columnHasCodes(right) && texts(right).length > 0) right--;
  if (right < width - 1 && [...Array(right).keys()].some((c) => c > 0 && columnHasCodes(c))) {
    out = withoutColumns(out, new Set(Array.from({ length: width - 1 - right }, (_, i) => right + 1 + i)));
  }
  let skip = 0;
  const prose = (row: GridRow) => {
    const rest = row.cells.slice(1).filter((c) => c.raw !== "");
    return rest.length >= 2 && rest.every((c) => !codeLike(read(c.raw)));
  };
  while (skip < out.rows.length - 1 && prose(out.rows[skip]!) && out.rows.slice(skip + 1).some((r) => r.cells.slice(1).some((c) => codeLike(read(c.raw))))) skip++;
  if (skip > 0) out = { ...out, rows: out.rows.slice(skip) };
  return out;
}

/** What a spreadsheet reader hands to `readSheets`. */
export interface SheetsInput {
  file: string;
  format: MatrixFormat;
  /** The text spans refer to (see `Matrix.source`), BOM removed. */
  source: string;
  bom: boolean;
  lines: LineIndex;
  sheets: readonly Sheet[];
  /** The document's title, when it has one of its own (a workbook's properties). */
  title?: string | null;
  /** Sheets left out (hidden), for the decisions. */
  skipped: readonly SheetNote[];
  /** A workbook's sheets in its order, hidden ones too (the decisions follow it). */
  sheetOrder?: readonly string[];
  problems: ReadProblem[];
  /** A span inside a cell's text. */
  readonly spanIn: (cell: GridCell, start: number, end: number) => SourceSpan;
}

/** Reads the tables of a spreadsheet's sheets into one matrix. */
export function readSheets(input: SheetsInput, options: ReadOptions): Matrix {
  // Without a run's reader, cells are read with each scheme's lexicon made once (not once per cell).
  const readCell = options.readCell ?? onceLexiconReader();
  const read0 = (raw: string) => readCell(raw, options.scheme, NO_NAMES);
  const words0 = codeWords(options.scheme);
  const skippedTables: { span: SourceSpan; reason: string }[] = [];
  const found = input.sheets.map((sheet) => {
    const tables = regionsOf(sheet, read0).flatMap((region) => {
      const table = tableOf(sheet, region);
      if (!table) return [];
      const notHeader = headerProblem(table);
      if (notHeader) {
        skippedTables.push({ span: table.span, reason: notHeader });
        return [];
      }
      return [{ region, table: trimTable(table, read0, options.scheme, words0) }];
    });
    return { sheet, tables };
  });
  // The scheme: what the sheets' names, titles and headers name, what their legends define.
  const texts: SchemeHint[] = [];
  const legends: LegendHint[] = [];
  let tableText = "";
  for (const { sheet, tables } of found) {
    const where = sheet.name === null ? "" : ` of sheet ${sheet.name}`;
    if (sheet.name !== null) texts.push({ text: sheet.name, where: `the sheet name ${sheet.name}` });
    for (const { region, table } of tables) {
      for (const title of region.titles) texts.push({ text: title.raw, where: `the title${where}` });
      texts.push({ text: table.header.cells.map((c) => c.raw).join(" "), where: `the table header${where}` });
      const legend = readLegendRows(table, input.spanIn);
      if (legend && legend.length >= 2) legends.push({ codes: legend.map((e) => e.code), where: `the legend${where}` });
      for (const row of [table.header, ...table.rows]) tableText += `${row.cells.map((c) => c.raw).join(" ")}\n`;
    }
  }
  let choice = chooseScheme(options.schemeConfigured ? options.scheme : null, options.scheme, texts, legends);
  const convention = !options.schemeConfigured && choice.scheme ? wordConvention(choice.scheme, tableText) : null;
  if (convention) choice = convention;
  const scheme = choice.scheme ?? options.scheme;
  const builder = new MatrixBuilder(input.file, input.format, input.source, input.bom, input.lines, scheme, choice.reason);
  const firstTitle = found.flatMap((f) => f.tables.flatMap((t) => t.region.titles))[0];
  if (input.title) builder.setTitle(input.title, null);
  else if (firstTitle) builder.setTitle(plainText(firstTitle.raw), firstTitle.content, false);
  for (const note of input.skipped) builder.decide({ span: note.span, kind: "ignored", reason: note.reason, hiddenSheet: note.sheet });
  for (const skipped of skippedTables) builder.decide({ span: skipped.span, kind: "ignored", reason: skipped.reason });
  const raciNamed = texts.some((t) => RACI_WORDS.test(t.text)) || legends.length > 0;
  const words = codeWords(scheme);
  for (const { sheet, tables } of found) {
    // A workbook's sheet is a section, titled by its name (or by the title row its name was cut
    // from); in a CSV file each title row above a table opens a section. Opened when a matrix is read.
    let section: number | null = null;
    let title = sheet.name ?? "";
    let titleSpan: SourceSpan | null = null;
    const firstTitle = tables[0]?.region.titles[0];
    if (sheet.name !== null && firstTitle && cutFrom(sheet.name, firstTitle.raw)) title = plainText(firstTitle.raw);
    for (const { region, table } of tables) {
      const own = region.titles[0];
      if (sheet.name === null && own) {
        section = null;
        title = plainText(own.raw);
        titleSpan = own.content;
      }
      const reader: TableReader = {
        builder,
        lines: input.lines,
        scheme,
        words,
        readCell,
        problems: input.problems,
        raciNamed,
        unknownScheme: choice.scheme === null ? choice.reason : null,
        section: () => (section ??= builder.addSection(title, titleSpan)),
        sectionTitle: () => title,
        spanIn: input.spanIn,
      };
      readGridTable(table, reader);
    }
  }
  const matrix = builder.finish(input.problems, options.parties ?? null);
  // Decisions in source order (`--explain` lists them so): by sheet, then row and column; tables
  // without a header and hidden sheets were decided first.
  const sheetIndex = new Map((input.sheetOrder ?? []).map((name, i) => [name, i]));
  const indexOf = (d: ReadDecision) => (d.span.ref?.sheet === undefined ? 0 : (sheetIndex.get(d.span.ref.sheet) ?? 0));
  matrix.decisions.sort((a, b) => indexOf(a) - indexOf(b) || a.span.start.line - b.span.start.line || a.span.start.column - b.span.start.column);
  return matrix;
}

const NO_NAMES = new PartyNames([]);

/** `readCellText` with the lexicon of each scheme it meets made once. */
function onceLexiconReader(): CellTextReader {
  const lexicons = new Map<RoleScheme, SchemeLexicon>();
  return (raw, scheme, partyNames) => {
    let lexicon = lexicons.get(scheme);
    if (!lexicon) lexicons.set(scheme, (lexicon = lexiconOf(scheme)));
    return readCellText(raw, scheme, partyNames, lexicon);
  };
}

/**
 * Whether a sheet's name was made from a title (Excel allows 31 characters, none of `[]:*?/\`, and
 * one name per workbook: `Title (2)`): then the title, written above the sheet's table, names its section.
 */
export function cutFrom(sheetName: string, title: string): boolean {
  const name = sheetName.replace(/ \(\d+\)$/u, "").trimEnd();
  const cleaned = plainText(title)
    .replace(/[[\]:*?/\\]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return name.length > 0 && cleaned !== name && cleaned.startsWith(name) ? true : cleaned === name && plainText(title) !== sheetName;
}
