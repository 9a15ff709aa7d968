/**
 * Markdown reader: scanned blocks -> `Matrix`. Decides which tables are RACI matrices (normal or
 * transposed), which one is the legend, and which are something else (features, sizing) and left alone.
 */
import { parse, type YAMLError } from "yaml";
import type { Activity, Cell, Legend, LegendEntry, Matrix, Party, ReadProblem, Section } from "../../model/matrix.js";
import { LineIndex, type SourceSpan } from "../../model/position.js";
import { cellContext, placeRowCell, readTableCell, type CellContext } from "../cell-codes.js";
import { readRest, type RowRest } from "./rest.js";
import { cellContent } from "./cells.js";
import { activityKey, findHighlight, nameKey, plainText } from "../../model/text.js";
import { MatrixBuilder } from "../builder.js";
import { CUSTOMER_WORDS, guessPartyRole, isActivityHeader, partyNameFromHeader, PartyNames, PROVIDER_WORDS } from "../parties.js";
import { parseSimpleFrontMatter } from "../front-matter.js";
import type { ReadOptions } from "../options.js";
import { scanMarkdown } from "./scan.js";
import { TableCell, type ScannedCell, type ScannedFrontMatter, type ScannedListItem, type ScannedTable, type TableRow } from "./scan-types.js";

export { plainText };

const LEGEND_HEADER = /^(?:r[oô]le|rolle|rol|ruolo|roles|rôles|rollen|ruoli|code|codes|letter|lettre|légende|legend|legende|leyenda|legenda|abbreviation|abréviation|key)$/iu;
const LEGEND_CODE = /^\(\s*([A-Za-z])\s*\)\s*(.*)$|^([A-Z])\s*[-:–—=]\s*(.*)$|^([A-Z])$/u;
const PARTY_COLUMN_HEADER = /^(?:|part(?:y|ies)|partie|parties|partei|parte|partes|r[oô]le|rolle|rol|ruolo|who|qui|wer)$/iu;

/** Reads a Markdown document into a matrix model. Never throws on bad input. */
export function readMarkdown(file: string, text: string, options: ReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const doc = scanMarkdown(source);
  const builder = new MatrixBuilder(file, "markdown", source, bom, lines);
  builder.setLayout({
    tables: doc.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : [])),
    comments: doc.blocks.flatMap((b) => (b.kind === "comment" ? [b.comment] : [])),
  });
  const problems: ReadProblem[] = [];
  const frontMatter = doc.frontMatter ? readFrontMatter(doc.frontMatter, lines, problems) : {};
  builder.setFrontMatter(frontMatter);
  if (typeof frontMatter.title === "string" && doc.frontMatter) {
    builder.setTitle(frontMatter.title, doc.frontMatter.content);
  }

  let heading: { title: string; span: SourceSpan } | null = null;
  let headingSection: number | null = null;
  let listRun: ScannedListItem[] = [];
  const flushList = () => {
    if (listRun.length >= 2) {
      const entries = listRun.map((item) => legendEntryFromListItem(item, lines)).filter((e) => e !== null);
      if (entries.length >= 2 && entries.length >= listRun.length * 0.6) builder.addLegend(entries, spanOf(listRun.map((i) => i.content)));
    }
    listRun = [];
  };

  for (const block of doc.blocks) {
    if (block.kind !== "list-item") flushList();
    switch (block.kind) {
      case "heading":
        heading = { title: plainText(block.heading.text), span: block.heading.span };
        headingSection = null;
        builder.setTitle(heading.title, heading.span, false);
        break;
      case "list-item":
        listRun.push(block.item);
        break;
      case "comment":
        break;
      case "table": {
        const table = block.table;
        const headerTexts = table.header.cells.slice(1).map((c) => c.raw);
        const headerNames = headerTexts.map(partyNameFromHeader);
        const ctx = cellContext(lines, options.scheme, new PartyNames(headerTexts, headerNames), options.readCell);
        // A matrix whose activities are single letters (`| X | AR | I |`) is still a matrix, unless its header says "Role".
        const rests = restsOf(table.rows, ctx, options);
        const matrixLike = looksLikeMatrix(table, rests, headerNames);
        const legend = !matrixLike || LEGEND_HEADER.test(nameKey(table.header.cells[0]!.raw)) ? readLegendTable(table, lines) : null;
        if (legend) {
          builder.addLegend(legend, table.span);
          break;
        }
        const sectionFor = (): number => {
          if (headingSection === null) headingSection = builder.addSection(heading?.title ?? builder.title ?? "", heading?.span ?? null);
          return headingSection;
        };
        // A table whose first column lists parties under a "Party" header is transposed; test that first.
        if (looksTransposed(table, options, lines)) readTransposedTable(table, options, lines, builder, sectionFor(), problems);
        else if (matrixLike) readMatrixTable(table, rests, headerNames, builder, sectionFor(), problems);
        break;
      }
    }
  }
  flushList();
  return builder.finish(problems, options.parties ?? null);
}

/** Parses front matter YAML; a syntax error becomes a positioned problem, not an exception. */
function readFrontMatter(fm: ScannedFrontMatter, lines: LineIndex, problems: ReadProblem[]): Record<string, unknown> {
  // Most front matter is a few `key: plain scalar` lines: read those directly, since yaml's first
  // documents are slow (cold code); anything else goes through `parse` (no document model kept).
  let value: unknown = parseSimpleFrontMatter(fm.yaml);
  if (value === undefined) {
    try {
      // logLevel "error": yaml's warnings (an unknown `!tag`) would go to the process' stderr.
      value = parse(fm.yaml, { prettyErrors: false, logLevel: "error" });
    } catch (error) {
      const at = fm.content.start.offset + ((error as YAMLError).pos?.[0] ?? 0);
      problems.push({ ruleId: "parse-error", message: `Front matter: ${(error as Error).message.split("\n")[0]}`, span: lines.span(at, at) });
      return {};
    }
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The smallest span covering all spans given. */
function spanOf(spans: SourceSpan[]): SourceSpan {
  return { start: spans[0]!.start, end: spans[spans.length - 1]!.end };
}

/** The rest of each row after its first cell, read in `ctx` (empty for a row of one cell). */
function restsOf(rows: readonly TableRow[], ctx: CellContext, options: ReadOptions): RowRest[] {
  const read = options.readRest ?? readRest;
  return rows.map((row) => {
    const start = row.restStart;
    return start === -1 ? [] : read(row.text.slice(start, row.lineEnd), ctx);
  });
}

/**
 * Whether most non-empty cells right of the first column (up to the header's `width`) read as
 * codes. Codes written as words (`Informed`) count only when `words` says the table announced
 * itself as a matrix: such words also fill legends, glossaries and status columns. Null when every
 * such cell is empty.
 */
function mostlyCodesOf(rests: readonly RowRest[], width: number, words: boolean): boolean | null {
  let filled = 0;
  let codeLike = 0;
  for (const rest of rests) {
    const end = Math.min(rest.length, width - 1);
    for (let i = 0; i < end; i++) {
      const kind = rest[i]!.reading.kind;
      if (kind === "empty") continue;
      filled++;
      if (kind === "codes" || (kind === "words" && words)) codeLike++;
    }
  }
  if (filled === 0) return null;
  return codeLike > 0 && codeLike * 2 >= filled;
}

/**
 * A table is a RACI matrix when most non-empty cells right of the first column read as codes: role
 * letters, or role words when the header names an activity column or a customer or provider.
 */
function looksLikeMatrix(table: ScannedTable, rests: readonly RowRest[], headerNames: readonly string[]): boolean {
  const headers = table.header.cells;
  if (headers.length < 2) return false;
  const announced = isActivityHeader(headers[0]!.raw) || headerNames.some((name) => guessPartyRole(name) !== null);
  const verdict = mostlyCodesOf(rests, headers.length, announced);
  // A table with only empty party cells is a matrix when its header says so.
  if (verdict === null) return isActivityHeader(table.header.cells[0]!.raw) && table.rows.length > 0;
  return verdict;
}

/** Reads a matrix in the usual orientation: one activity per row, one party per column (`readings`: each row's cells after the first). */
function readMatrixTable(table: ScannedTable, rests: readonly RowRest[], headerNames: readonly string[], builder: MatrixBuilder, section: number, problems: ReadProblem[]): void {
  const headers = table.header.cells;
  // A column without a header still holds a party's codes: it is named by its place.
  const partyIndexes = headers.slice(1).map((h, i) => builder.party(headerNames[i] || `column ${i + 2}`, h.raw, h.content));
  // A party named by two columns: the first column is read; the other is reported, never merged silently.
  const columns = partyIndexes.map((party, i) => {
    const first = partyIndexes.indexOf(party);
    if (first === i) return party;
    const header = headers[i + 1]!;
    problems.push({
      ruleId: "schema-violation",
      message: `Column ${i + 2} ("${header.raw}") names party "${builder.partyName(party)}" again (column ${first + 2}): its cells are not read; give each party one column.`,
      span: header.content,
    });
    return -1;
  });
  builder.useParties(section, partyIndexes);
  const width = headers.length;
  table.rows.forEach((row, r) => {
    const cells = builder.emptyCells();
    const rest = rests[r]!;
    const at = row.restStart;
    const present = Math.min(rest.length, columns.length);
    for (let i = 0; i < present; i++) {
      const party = columns[i]!;
      const cell = rest[i]!;
      if (party >= 0) cells[party] = placeRowCell(cell.reading, party, cell.raw, row.line, row.lineStart, at + cell.contentStart, at + cell.boxStart, at + cell.boxEnd);
    }
    builder.addActivity(new TableRowActivity(row, section, cells, 1 + rest.length, width, rest.length >= width ? rest.slice(width - 1) : []));
  });
}

/**
 * An activity read from a table row. Its spans are made when asked for: most activities are never
 * pointed at.
 */
class TableRowActivity implements Activity {
  readonly name: string;
  readonly key: string;
  readonly group: number | null = null;
  /** Where the activity text starts (for an empty one, where the scanner places an empty cell's content). */
  private readonly nameStart: number;

  constructor(
    private readonly row: TableRow,
    readonly section: number,
    readonly cells: (Cell | null)[],
    readonly cellCount: number,
    readonly expectedCellCount: number,
    /** Cells beyond the header's count, from the row's rest. */
    private readonly extra: RowRest,
  ) {
    const { start, end } = cellContent(row.text, row.firstBoxStart, row.firstBoxEnd);
    this.nameStart = start;
    this.name = start === end ? "" : row.text.slice(start, end);
    this.key = activityKey(this.name);
  }

  get span(): SourceSpan {
    const { line, lineStart } = this.row;
    const start = this.nameStart;
    return {
      start: { line, column: start - lineStart + 1, offset: start },
      end: { line, column: start - lineStart + 1 + this.name.length, offset: start + this.name.length },
    };
  }
  get rowSpan(): SourceSpan {
    return this.row.span;
  }
  get extraCells(): Activity["extraCells"] {
    const { line, lineStart, restStart } = this.row;
    return this.extra.map((c) => {
      const start = restStart + c.contentStart;
      return { raw: c.raw, span: { start: { line, column: start - lineStart + 1, offset: start }, end: { line, column: start - lineStart + 1 + c.raw.length, offset: start + c.raw.length } } };
    });
  }

  /** The activity as data (what `JSON.stringify` writes). */
  toJSON(): Activity {
    const { name, key, section, group, span, rowSpan, cells, cellCount, expectedCellCount, extraCells } = this;
    return { name, key, section, group, span, rowSpan, cells, cellCount, expectedCellCount, extraCells };
  }
}

/** A transposed matrix has parties as rows and activities as columns. */
function looksTransposed(table: ScannedTable, options: ReadOptions, lines: LineIndex): boolean {
  const headers = table.header.cells;
  if (headers.length < 2 || table.rows.length === 0) return false;
  if (!PARTY_COLUMN_HEADER.test(nameKey(headers[0]!.raw))) return false;
  // Columns headed by parties (`Client`, `Provider Role`) make the usual orientation, whatever the
  // rows say (`| | Client | Provider |` over `| Onboard the client | RA | I |`).
  if (headers.slice(1).some((h) => namesPartyOutright(h.raw))) return false;
  const names = table.rows.map((r) => partyNameFromHeader(r.cells[0]?.raw ?? ""));
  if (!names.some((n) => guessPartyRole(n) !== null) || names.some((n) => n === "")) return false;
  const ctx = cellContext(lines, options.scheme, new PartyNames(table.rows.map((r) => r.cells[0]?.raw ?? ""), names), options.readCell);
  // Its first column names parties (one of them a customer or provider): it announced itself.
  return mostlyCodesOf(restsOf(table.rows, ctx, options), headers.length, true) === true;
}

/** Whether a header names a party and nothing else: a customer or provider word, or a name with a role word (`Cloud Temple Role`). */
function namesPartyOutright(header: string): boolean {
  const key = nameKey(partyNameFromHeader(header));
  return key !== "" && (CUSTOMER_WORDS.includes(key) || PROVIDER_WORDS.includes(key) || key !== nameKey(header).replace(/:$/u, ""));
}

/**
 * Reads a transposed matrix: each header cell after the first is an activity, each row a party's.
 * A party named by two rows: the first row is read, the other reported. Cells a row holds beyond
 * the header's count are kept on the party, to be reported.
 */
function readTransposedTable(table: ScannedTable, options: ReadOptions, lines: LineIndex, builder: MatrixBuilder, section: number, problems: ReadProblem[]): void {
  const headers = table.header.cells;
  const partyIndexes = table.rows.map((r) => builder.party(partyNameFromHeader(r.cells[0]!.raw), r.cells[0]!.raw, r.cells[0]!.content));
  const read = partyIndexes.map((party, r) => {
    const first = partyIndexes.indexOf(party);
    if (first === r) return true;
    const name = table.rows[r]!.cells[0]!;
    problems.push({
      ruleId: "schema-violation",
      message: `Row ${r + 1} ("${name.raw}") names party "${builder.partyName(party)}" again (row ${first + 1}): its cells are not read; give each party one row.`,
      span: name.content,
    });
    return false;
  });
  builder.useParties(section, partyIndexes);
  const ctx = cellContext(lines, options.scheme, new PartyNames(table.rows.map((r) => r.cells[0]!.raw)), options.readCell);
  table.rows.forEach((row, r) => {
    if (read[r] && row.cells.length > headers.length) builder.addPartyExtraCells(partyIndexes[r]!, row.cells.slice(headers.length).map((c) => ({ raw: c.raw, span: c.content })));
  });
  headers.slice(1).forEach((header, i) => {
    const cells = builder.emptyCells();
    let present = 1;
    table.rows.forEach((row, r) => {
      const scanned = row.cells[i + 1];
      if (!scanned || !read[r]) return;
      present++;
      cells[partyIndexes[r]!] = readTableCell(scanned, partyIndexes[r]!, ctx);
    });
    const span = header.content;
    builder.addActivity({
      name: header.raw,
      key: activityKey(header.raw),
      section,
      group: null,
      span,
      rowSpan: span,
      cells,
      cellCount: present,
      expectedCellCount: read.filter(Boolean).length + 1,
      extraCells: [],
      transposed: true,
    });
  });
}

/** Reads a legend table (`| (R) Performs | __P__erforms the process |`), or returns null. */
function readLegendTable(table: ScannedTable, lines: LineIndex): LegendEntry[] | null {
  const headers = table.header.cells;
  if (headers.length < 2 || table.rows.length < 2) return null;
  const headerSaysLegend = LEGEND_HEADER.test(nameKey(headers[0]!.raw));
  // A legend's rows start with a code: unless the header says "Role", look at the first row before reading them all.
  if (!headerSaysLegend && !LEGEND_CODE.test(plainText(table.rows[0]!.cells[0]?.raw ?? ""))) return null;
  const entries: LegendEntry[] = [];
  for (const row of table.rows) {
    const first = row.cells[0];
    if (!first) continue;
    const match = LEGEND_CODE.exec(plainText(first.raw));
    if (!match) continue;
    const code = (match[1] ?? match[3] ?? match[5] ?? "").toUpperCase();
    let term = (match[2] ?? match[4] ?? "").trim();
    const rest = row.cells.slice(1).map((c) => c.raw);
    // `| R | Responsible | Does the work |`: the term has its own cell; `| R | Responsible |`: a single word is the term too.
    if (term === "" && rest.length >= 2) term = plainText(rest[0]!);
    else if (term === "" && rest.length === 1 && /^\p{L}+$/u.test(plainText(rest[0]!))) term = plainText(rest[0]!);
    const descriptionCell = row.cells[row.cells.length > 1 ? Math.min(row.cells.length, headers.length) - 1 : 0]!;
    entries.push(legendEntry(code, term, first, descriptionCell, row.span, lines));
  }
  if (entries.length < 2 || (!headerSaysLegend && entries.length < table.rows.length * 0.6)) return null;
  return entries;
}

/** Builds a legend entry, finding the letter the entry highlights. */
function legendEntry(code: string, term: string, termCell: ScannedCell, descriptionCell: ScannedCell, span: SourceSpan, lines: LineIndex): LegendEntry {
  for (const cell of [descriptionCell, termCell]) {
    const highlight = findHighlight(cell.raw);
    if (highlight) {
      const at = cell.content.start.offset + highlight.index;
      return {
        code,
        term: plainText(term),
        description: descriptionCell.raw,
        markedLetter: highlight.letter,
        span,
        markSpan: cell instanceof TableCell ? cell.spanOf(at, at + highlight.length) : lines.span(at, at + highlight.length),
      };
    }
  }
  return { code, term: plainText(term), description: descriptionCell.raw, markedLetter: null, span, markSpan: termCell.content };
}

const LIST_LEGEND = /^[*_]*\(?([A-Z])\)?[*_]*\s*(?:\(([^)]+)\)\s*[-:–—=]?|[-:–—=])\s*(.*)$/u;

/** Reads a legend list item (`- **R** (Responsible): performs the work`), or returns null. */
function legendEntryFromListItem(item: ScannedListItem, lines: LineIndex): LegendEntry | null {
  const match = LIST_LEGEND.exec(item.text);
  if (!match) return null;
  const rest = (match[3] ?? "").trim();
  const term = (match[2] ?? plainText(rest).split(/[\s:,.;—–-]/u)[0] ?? "").trim();
  const cell: ScannedCell = { raw: item.text, content: item.content, box: item.content };
  const highlight = findHighlight(rest);
  const restAt = item.content.start.offset + item.text.length - (match[3] ?? "").length;
  if (highlight) {
    const at = restAt + highlight.index;
    return { code: match[1]!, term: plainText(term), description: rest, markedLetter: highlight.letter, span: item.content, markSpan: lines.span(at, at + highlight.length) };
  }
  return { code: match[1]!, term: plainText(term), description: rest, markedLetter: null, span: item.content, markSpan: cell.content };
}

export type { Legend, Party, Section };
