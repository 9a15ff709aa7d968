/**
 * Tables of any format (Markdown, CSV, a spreadsheet's sheet) read as matrices. Deciding what a table
 * is and reading it in each layout people write:
 *
 * - `rows`: an activity per row, a party per column (`| Activity | Client | Provider |`), with group
 *   rows (`| **Launch** |`) and group columns (a phase written on its group's first row only, or
 *   repeated: `| Week 1 | Draft the plan | R | A |`);
 * - `columns`: parties as rows, activities as columns (`| Team | Governance | Operations |`);
 * - `role-columns`: a column per role, party names in the cells (`| Task | Responsible | Accountable |`);
 * - anything else is left alone (features, sizes, checkmarks, customer/shared/provider words), and
 *   the decision says why. Written down for people in docs/formats.md ("Which tables are matrices").
 */
import type { Cell, CellReading, CellStyle, LegendEntry, ReadDecision, ReadProblem } from "../model/matrix.js";
import type { LineIndex, SourceSpan } from "../model/position.js";
import type { RoleScheme } from "../model/scheme.js";
import { activityKey, findHighlight, nameKey, plainText } from "../model/text.js";
import type { MatrixBuilder } from "./builder.js";
import { cellContext, placedCell, type CellContext, type CellTextReader } from "./cell-codes.js";
import { guessPartyRole, isActivityHeader, partyNameFromHeader, PartyNames, splitPartyNames, CUSTOMER_WORDS, PROVIDER_WORDS } from "./parties.js";

/** One cell of a table: its text (trimmed, as written) and where it lies. */
export interface GridCell {
  readonly raw: string;
  readonly content: SourceSpan;
  readonly box: SourceSpan | null;
  /** False when fixes cannot rewrite the cell in place. Default true. */
  readonly editable?: boolean;
  /**
   * False when `raw` is not the source text at `content` character for character (a quoted CSV
   * field with `""` or a line break, a workbook's cell): every span in the cell is then `content`.
   * Default true.
   */
  readonly literal?: boolean;
}

/** One row of a table. */
export interface GridRow {
  readonly cells: readonly GridCell[];
  readonly span: SourceSpan;
}

/** A table: its header row and body rows. */
export interface GridTable {
  readonly header: GridRow;
  readonly rows: readonly GridRow[];
  readonly span: SourceSpan;
  /** Its rows are numbered (a spreadsheet's column of row numbers, set aside): each is an activity, none a party. */
  readonly numbered?: boolean;
}

/** What a table is, and how to read it. */
export type TableKind =
  | { kind: "legend"; entries: LegendEntry[] }
  | { kind: "ignored"; reason: string }
  | { kind: "rows"; activityColumn: number; groupColumn: number; reason: string }
  | { kind: "columns"; partyRows: number[]; reason: string }
  | { kind: "role-columns"; activityColumn: number; groupColumn: number; roleColumns: { column: number; code: string }[]; reason: string };

export const LEGEND_HEADER =
  /^(?:r[oô]le|rolle|rol|ruolo|roles|rôles|rollen|ruoli|code|codes|letter|lettre|légende|legend|legende|leyenda|legenda|abbreviation|abréviation|key|sigla|sigle|kürzel|abkürzung|clé)$/iu;
const LEGEND_CODE = /^\(\s*([A-Za-z])\s*\)\s*(.*)$|^([A-Z])\s*[-:–—=]\s*(.*)$|^([A-Z])$/u;
/** First headers of tables whose rows are parties (`| Party | Backup | Restore |`, `| Team | ... |`). */
export const PARTY_COLUMN_HEADER =
  /^(?:|part(?:y|ies)|partie|parties|partei|parteien|parte|partes|r[oô]le|roles|rôles|rolle|rollen|rol|roles|ruolo|ruoli|who|qui|wer|quién|team|teams|équipe|équipes|equipe|equipes|equipo|equipos|squadra|name|nom|nombre|stakeholder|stakeholders|persona|person|people|acteur|acteurs|akteur|akteure|responsable|owner|owners|group|groupe|gruppe|grupo)$/iu;

/** What a cell reads as, for deciding what a table is. */
type CellClass = "empty" | "code" | "word" | "letters" | "text";

/** The class of a reading: `code` holds a code of the scheme (or names a party, or N/A), `letters` only letters outside it. */
export function classOf(reading: CellReading): CellClass {
  if (reading.kind === "empty") return "empty";
  if (reading.kind === "words") return "word";
  if (reading.kind === "text") return "text";
  return reading.codes.length > 0 || reading.tokens.some((t) => t.kind !== "code") ? "code" : "letters";
}

/** Counts of cell classes over some cells. */
export interface ClassCounts {
  filled: number;
  code: number;
  word: number;
  letters: number;
  text: number;
}

/** Counts the classes of readings. */
export function countClasses(readings: Iterable<CellReading>): ClassCounts {
  const counts: ClassCounts = { filled: 0, code: 0, word: 0, letters: 0, text: 0 };
  for (const r of readings) {
    const c = classOf(r);
    if (c === "empty") continue;
    counts.filled++;
    counts[c]++;
  }
  return counts;
}

/** `countClasses` over the first `width` readings of each row, without copying them. */
function countRows(rows: readonly (readonly CellReading[] | undefined)[], width: number): ClassCounts {
  const counts: ClassCounts = { filled: 0, code: 0, word: 0, letters: 0, text: 0 };
  for (const row of rows) {
    if (!row) continue;
    const end = Math.min(width, row.length);
    for (let i = 0; i < end; i++) {
      const c = classOf(row[i]!);
      if (c === "empty") continue;
      counts.filled++;
      counts[c]++;
    }
  }
  return counts;
}

/**
 * Whether cells read as a matrix's: most non-empty ones hold codes, or role words when the table
 * announced itself (`words`); overwhelmingly role words (four in five) whatever it announced.
 * Null when every cell is empty.
 */
export function mostlyCodes(counts: ClassCounts, words: boolean): boolean | null {
  if (counts.filled === 0) return null;
  const codeLike = counts.code + (words ? counts.word : 0);
  if (codeLike > 0 && codeLike * 2 >= counts.filled) return true;
  return (counts.code + counts.word) * 5 >= counts.filled * 4;
}

/** The code a header names, when it names a role (`Responsible`, `R`, `(A)`, `Accountable (A)`, `Consulté`), else null. */
export function roleOfHeader(header: string, scheme: RoleScheme, words: ReadonlyMap<string, string>): string | null {
  const text = plainText(header).trim();
  // Most headers are party names: without a bracket or separator, only a role's name can match.
  if (text.length > 1 && !/[()\-:–—=]/u.test(text)) {
    const named = words.get(nameKey(text));
    return named !== undefined && scheme.codes.some((c) => c.code === named) ? named : null;
  }
  // `R`, `(R)`, `(R) Responsible`, `R - Responsible`, `R: Responsible`, `Responsible (R)`.
  const letter = /^\(?([A-Za-z])\)?$/u.exec(text) ?? /^\(([A-Z])\)\s*\p{L}/u.exec(text) ?? /^([A-Z])\s*[-:–—=]\s*\p{L}/u.exec(text) ?? /\s\(([A-Z])\)$/u.exec(text);
  const byWord = words.get(nameKey(text.replace(/\s*\(([A-Za-z])\)$/u, "").replace(/^\(?[A-Z]\)?\s*[-:–—=]\s*/u, "")));
  const code = byWord ?? (letter ? letter[1]!.toUpperCase() : null);
  return code !== null && scheme.codes.some((c) => c.code === code) ? code : null;
}

/** Reads a legend table (`| (R) Performs | __P__erforms the process |`, `| R | Responsible | ... |`), or returns null. */
export function readLegendRows(table: GridTable, spanOf: (cell: GridCell, start: number, end: number) => SourceSpan): LegendEntry[] | null {
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
    // A legend names roles: a term that holds no letter (`| S | 2 | 8 GB |`, a sizing table) is not one.
    if (!/\p{L}/u.test(term) && !headerSaysLegend) continue;
    const descriptionCell = row.cells[row.cells.length > 1 ? Math.min(row.cells.length, headers.length) - 1 : 0]!;
    entries.push(legendEntry(code, term, first, descriptionCell, row.span, spanOf));
  }
  if (entries.length < 2 || (!headerSaysLegend && entries.length < table.rows.length * 0.6)) return null;
  return entries;
}

/** Builds a legend entry, finding the letter the entry highlights. */
function legendEntry(code: string, term: string, termCell: GridCell, descriptionCell: GridCell, span: SourceSpan, spanOf: (cell: GridCell, start: number, end: number) => SourceSpan): LegendEntry {
  for (const cell of [descriptionCell, termCell]) {
    const highlight = findHighlight(cell.raw);
    if (highlight) {
      return { code, term: plainText(term), description: descriptionCell.raw, markedLetter: highlight.letter, span, markSpan: spanOf(cell, highlight.index, highlight.index + highlight.length) };
    }
  }
  return { code, term: plainText(term), description: descriptionCell.raw, markedLetter: null, span, markSpan: termCell.content };
}

/** Whether a header names a party and nothing else: a customer or provider word, or a name with a role word (`Cloud Temple Role`). */
export function namesPartyOutright(header: string, partyName = partyNameFromHeader(header)): boolean {
  const key = nameKey(partyName);
  return key !== "" && (CUSTOMER_WORDS.includes(key) || PROVIDER_WORDS.includes(key) || key !== nameKey(header).replace(/:$/u, ""));
}

/** What decides a table's kind, besides its cells: the document's words and scheme. */
export interface TableContext {
  scheme: RoleScheme;
  /** The scheme's codes by the key of their names. */
  words: ReadonlyMap<string, string>;
  /** Reads a cell text in the table's context (its party names). */
  read: (raw: string) => CellReading;
  /** Whether the document names RACI or its roles (a title, a legend): tables of role words then count. */
  raciNamed: boolean;
}

/** Each body row's readings from column `from` on. */
function readingsFrom(table: GridTable, from: number, read: (raw: string) => CellReading): CellReading[][] {
  return table.rows.map((row) => row.cells.slice(from).map((c) => read(c.raw)));
}

/** The number of distinct non-empty texts in a column, and how many rows fill it. */
function columnStats(table: GridTable, column: number): { filled: number; distinct: number } {
  const texts = table.rows.map((r) => r.cells[column]?.raw ?? "").filter((t) => t !== "");
  return { filled: texts.length, distinct: new Set(texts.map(nameKey)).size };
}

/**
 * A leading group column: the first column names a phase or week written once per group (empty on
 * the group's other rows) or repeated on each of them, while the second holds the activities
 * (text, one per row, distinct). Then the second column is the activity column.
 */
function hasGroupColumn(table: GridTable, read: (raw: string) => CellReading): boolean {
  const headers = table.header.cells;
  // Three columns are enough: a group, the activity and one party (`| Area | Step | Role |`).
  if (headers.length < 3 || table.rows.length < 2) return false;
  // Cheapest tests first: most tables fail on their first column (filled and distinct: activities).
  if (!nameKey(table.rows[0]!.cells[0]?.raw ?? "")) return false;
  const first = columnStats(table, 0);
  if (first.filled === 0 || (first.filled === table.rows.length && first.distinct === first.filled)) return false;
  const second = columnStats(table, 1);
  // Activities on every row, nearly all distinct (a real matrix may repeat one, one in ten at most:
  // no-duplicate-activity says so) and more of them than groups.
  const repeats = second.filled - second.distinct;
  if (second.filled < table.rows.length || repeats > Math.max(1, Math.floor(second.filled / 10)) || second.distinct <= first.distinct) return false;
  // The second column is text, not codes (it is no party's column).
  const counts = countClasses(table.rows.map((r) => read(r.cells[1]?.raw ?? "")));
  return counts.code * 2 < counts.filled && guessPartyRole(partyNameFromHeader(headers[1]!.raw)) === null;
}

/**
 * Decides what a table is (see the module comment). `rowReadings`: the readings of each body row's
 * cells after the first, when the caller has them already (a Markdown table's rests).
 */
export function decideTable(table: GridTable, ctx: TableContext, rowReadings?: readonly (readonly CellReading[])[]): TableKind {
  const headers = table.header.cells;
  if (headers.length < 2) return { kind: "ignored", reason: "one column: no party to hold codes" };
  const first = headers[0]!.raw;
  const partyNames = headers.map((h) => partyNameFromHeader(h.raw));

  // A column per role, party names in the cells.
  const roleColumns = headers.map((h, column) => ({ column, code: roleOfHeader(h.raw, ctx.scheme, ctx.words) })).filter((r): r is { column: number; code: string } => r.code !== null);
  const roles = new Set(roleColumns.map((r) => r.code));
  if (roleColumns.length >= 2 && (roles.has(ctx.scheme.responsible) || roles.has(ctx.scheme.accountable)) && !roleColumns.some((r) => r.column === 0)) {
    const texts = table.rows.flatMap((row) => roleColumns.map((r) => row.cells[r.column]?.raw ?? ""));
    const inRoles = countClasses(texts.map(ctx.read));
    // Party names hold letters: numbers under `P | I | R` headers (probability, impact, risk) name no one.
    const named = texts.filter((t) => /\p{L}/u.test(t)).length;
    // Empty role columns are an unfilled template: still a column per role, not parties named Responsible...
    if (inRoles.filled === 0 || (inRoles.code * 2 < inRoles.filled && named * 2 > inRoles.filled)) {
      // The activity column: the column (not a role's) whose texts differ most; one left of it that
      // repeats its texts (`| Governance | Program charter | ...`) groups them.
      const others = headers.map((_, i) => i).filter((i) => !roleColumns.some((r) => r.column === i));
      const distinct = others.map((i) => columnStats(table, i).distinct);
      const activityColumn = others[distinct.indexOf(Math.max(...distinct))]!;
      const groupColumn = others.find((i) => i < activityColumn && columnStats(table, i).distinct < columnStats(table, i).filled) ?? -1;
      return {
        kind: "role-columns",
        activityColumn,
        groupColumn,
        roleColumns,
        reason: `its headers name roles (${roleColumns.map((r) => `${plainText(headers[r.column]!.raw)} = ${r.code}`).join(", ")}) and its cells name parties${groupColumn >= 0 ? ` (its column ${plainText(headers[groupColumn]!.raw)} groups the activities)` : ""}`,
      };
    }
    // Every column from the first role's on is a role, R and A among them, and the cells hold codes
    // (`| Role | Duties | R | A | C | I |` over `| Lead | Runs delivery | R | | C | I |`): a list of
    // who may hold which role. Its columns are no activities.
    const fromFirstRole = headers.length - roleColumns[0]!.column;
    if (roleColumns.length >= 3 && roleColumns.length === fromFirstRole && roles.has(ctx.scheme.responsible) && roles.has(ctx.scheme.accountable) && inRoles.code * 2 >= inRoles.filled) {
      return {
        kind: "ignored",
        reason: `its headers are the roles themselves (${roleColumns.map((r) => r.code).join(", ")}) and its cells repeat them: it says who may hold which role, not who holds it for which activity`,
      };
    }
  }

  // Who is in charge, not which role (`| Data | customer | shared | provider |`): a matrix of another kind.
  const whoIsInCharge = inChargeWords(rowReadings ?? readingsFrom(table, 1, ctx.read), partyNames.slice(1).map(nameKey));
  if (whoIsInCharge) return { kind: "ignored", reason: `its cells name parties or say who is in charge (${whoIsInCharge}), not role codes` };

  // Parties as rows, activities as columns.
  if (!table.numbered && PARTY_COLUMN_HEADER.test(nameKey(first)) && table.rows.length > 0 && !headers.slice(1).some((h, i) => namesPartyOutright(h.raw, partyNames[i + 1]))) {
    const readings = rowReadings ?? readingsFrom(table, 1, ctx.read);
    const partyRows = table.rows
      .map((_, r) => r)
      .filter((r) => {
        const counts = countClasses((readings[r] ?? []).slice(0, headers.length - 1));
        // An empty row, or a row of links or notes (a footer), names no party.
        return nameKey(table.rows[r]!.cells[0]?.raw ?? "") !== "" && counts.filled > 0 && counts.code + counts.word > counts.text;
      });
    const names = partyRows.map((r) => partyNameFromHeader(table.rows[r]!.cells[0]!.raw));
    const counts = countRows(
      partyRows.map((r) => readings[r]),
      headers.length - 1,
    );
    const announced = names.some((n) => guessPartyRole(n) !== null) || ctx.raciNamed || /^(?:team|teams|équipe|équipes|equipo|equipos|rolle|rollen|role|roles|rôle|rôles)$/iu.test(nameKey(first));
    if (partyRows.length > 0 && mostlyCodes(counts, announced) === true && (announced || counts.code * 2 >= counts.filled)) {
      const left = table.rows.length - partyRows.length;
      return {
        kind: "columns",
        partyRows,
        reason: `its first column (${plainText(first) || "unnamed"}) lists parties and its cells hold ${counts.word > counts.code ? "role words" : "codes"}${left ? `; ${left} row${left === 1 ? "" : "s"} without codes left out` : ""}`,
      };
    }
  }

  // The usual orientation: an activity per row, a party per column.
  const groupColumn = hasGroupColumn(table, ctx.read) ? 0 : -1;
  const activityColumn = groupColumn + 1;
  const readings = groupColumn < 0 && rowReadings ? rowReadings : readingsFrom(table, activityColumn + 1, ctx.read);
  const width = headers.length - activityColumn - 1;
  const counts = countRows(readings, width);
  const partyHeaders = partyNames.slice(activityColumn + 1);
  const announced = isActivityHeader(headers[activityColumn]!.raw) || partyHeaders.some((n) => guessPartyRole(n) !== null);
  let verdict = mostlyCodes(counts, announced || ctx.raciNamed);
  // Role words in the first column too (`| Responsible | Responsable |`): a glossary, not activities;
  // in one column (`| Leave | Approved |`): a status, not a party.
  if (verdict === true && !announced && counts.word > counts.code && width < 2) verdict = false;
  if (verdict === true && !announced && counts.word > counts.code) {
    const firsts = countClasses(table.rows.map((r) => ctx.read(r.cells[activityColumn]?.raw ?? "")));
    if (firsts.code + firsts.word > firsts.filled / 2) verdict = false;
  }
  const grouped = groupColumn === 0 ? ` (its first column, ${plainText(first)}, groups them)` : "";
  if (verdict === true) {
    return {
      kind: "rows",
      activityColumn,
      groupColumn,
      reason: `its cells hold ${counts.word > counts.code ? "role words" : "codes"} (${counts.code + counts.word} of ${counts.filled} filled cells)${grouped}`,
    };
  }
  // A table with only empty party cells is a matrix when its header says so.
  if (verdict === null && isActivityHeader(headers[activityColumn]!.raw) && table.rows.length > 0)
    return { kind: "rows", activityColumn, groupColumn, reason: "its header names an activity column (its cells are empty)" };
  if (verdict === null) return { kind: "ignored", reason: "its cells right of the first column are empty, and its header names no activity column" };
  const what = counts.letters > counts.text ? `letters that are not codes of ${ctx.scheme.name}` : "words, numbers or symbols, not role codes";
  return { kind: "ignored", reason: `most of its cells (${counts.filled - counts.code - counts.word} of ${counts.filled}) hold ${what}` };
}

/** Words that share a duty between parties rather than give a role. */
const SHARED_WORDS = /^(?:shared|both|joint|jointly|partagée?s?|conjoint|geteilt|gemeinsam|compartid[oa]s?|condivis[oa]|ambos|les deux|beide)$/iu;

/**
 * The words of a table whose cells say who is in charge (party names other than their column's,
 * `shared`) and hold almost no role code, joined for a reason; null for any other table. A party
 * column that holds its own party's name (`| Kunde |` under Kunde) is a matrix written wrongly, not this.
 */
function inChargeWords(readings: readonly (readonly CellReading[])[], columnKeys: readonly string[]): string | null {
  let filled = 0;
  let withCodes = 0;
  const words = new Map<string, string>();
  let who = 0;
  for (const row of readings) {
    for (const [column, r] of row.entries()) {
      if (r.kind === "empty") continue;
      filled++;
      const other = (t: CellReading["tokens"][number]) => t.kind === "party-name" && nameKey(plainText(t.raw)) !== columnKeys[column];
      if (r.codes.length > 0) withCodes++;
      else if (r.tokens.length > 0 && r.tokens.every((t) => other(t) || (t.kind === "text" && SHARED_WORDS.test(t.raw)))) {
        who++;
        for (const t of r.tokens) if (words.size < 4) words.set(nameKey(t.raw), plainText(t.raw).toLowerCase());
      }
    }
  }
  return filled > 0 && who * 2 >= filled && withCodes * 5 < filled ? [...words.values()].join(", ") : null;
}

/** Reads a table of parties as rows: each header cell after the first is an activity, each party row a party's. */
export function readPartyRows(table: GridTable, partyRows: readonly number[], ctx: CellContext, builder: MatrixBuilder, section: number, problems: ReadProblem[]): void {
  const headers = table.header.cells;
  const rows = partyRows.map((r) => table.rows[r]!);
  const partyIndexes = rows.map((row) => builder.party(partyNameFromHeader(row.cells[0]!.raw), row.cells[0]!.raw, row.cells[0]!.content));
  const read = partyIndexes.map((party, r) => {
    const first = partyIndexes.indexOf(party);
    if (first === r) return true;
    const name = rows[r]!.cells[0]!;
    problems.push({
      ruleId: "schema-violation",
      message: `Row ${partyRows[r]! + 1} ("${name.raw}") names party "${builder.partyName(party)}" again (row ${partyRows[first]! + 1}): its cells are not read; give each party one row.`,
      span: name.content,
    });
    return false;
  });
  builder.useParties(
    section,
    partyIndexes,
    rows.map((row) => row.cells[0]!.content),
  );
  rows.forEach((row, r) => {
    if (read[r] && row.cells.length > headers.length)
      builder.addPartyExtraCells(
        partyIndexes[r]!,
        row.cells.slice(headers.length).map((c) => ({ raw: c.raw, span: c.content })),
      );
  });
  headers.slice(1).forEach((header, i) => {
    const cells = builder.emptyCells();
    let present = 1;
    rows.forEach((row, r) => {
      const cell = row.cells[i + 1];
      if (!cell || !read[r]) return;
      present++;
      cells[partyIndexes[r]!] = placedCell(ctx.read(cell.raw), partyIndexes[r]!, cell);
    });
    builder.addActivity({
      name: header.raw,
      key: activityKey(header.raw),
      section,
      group: null,
      span: header.content,
      rowSpan: header.content,
      cells,
      cellCount: present,
      expectedCellCount: read.filter(Boolean).length + 1,
      extraCells: [],
      transposed: true,
    });
  });
}

/**
 * Whether a row opens a group: its only non-empty cell is the activity's, the next row has codes,
 * and it reads as a heading: emphasised (`| **Launch** |`), or written across the table with its
 * other cells empty (`| Launch | | |`). A lone unemphasised cell (`| Delete the bucket |`) is an
 * activity whose cells are missing.
 */
export function isGroupRow(name: string, others: readonly string[], width: number, next: readonly CellReading[] | undefined): boolean {
  // Blank, not a placeholder: `| Archive | - | — |` is an activity that assigns no role.
  if (!others.every((raw) => raw === "") || next === undefined || !next.some((r) => !r.empty)) return false;
  return /^(?:\*\*|__|\*|_).+(?:\*\*|__|\*|_)$/u.test(name) || others.length >= width - 1;
}

/**
 * Reads a table in the usual orientation generically (the Markdown reader has a faster path for the
 * common case): activities in `activityColumn`, parties after it, groups from group rows and from
 * the group column (`groupColumn`, -1 for none).
 */
export function readRows(table: GridTable, activityColumn: number, groupColumn: number, ctx: CellContext, builder: MatrixBuilder, section: number, problems: ReadProblem[]): void {
  const headers = table.header.cells;
  const partyHeaders = headers.slice(activityColumn + 1);
  const partyIndexes = partyHeaders.map((h, i) => builder.party(partyNameFromHeader(h.raw) || `column ${activityColumn + i + 2}`, h.raw, h.content));
  const columns = partyIndexes.map((party, i) => {
    const first = partyIndexes.indexOf(party);
    if (first === i) return party;
    const header = partyHeaders[i]!;
    problems.push({
      ruleId: "schema-violation",
      message: `Column ${activityColumn + i + 2} ("${header.raw}") names party "${builder.partyName(party)}" again (column ${activityColumn + first + 2}): its cells are not read; give each party one column.`,
      span: header.content,
    });
    return -1;
  });
  builder.useParties(
    section,
    partyIndexes,
    partyHeaders.map((h) => h.content),
  );
  const readings = table.rows.map((row) => row.cells.slice(activityColumn + 1).map((c) => ctx.read(c.raw)));
  let group: number | null = null;
  table.rows.forEach((row, r) => {
    const groupCell = groupColumn >= 0 ? row.cells[groupColumn] : undefined;
    if (groupCell && groupCell.raw !== "" && (r === 0 || nameKey(groupCell.raw) !== nameKey(table.rows[r - 1]!.cells[groupColumn]?.raw ?? ""))) {
      group = builder.addGroup(plainText(groupCell.raw), groupCell.content, section);
    }
    const name = row.cells[activityColumn];
    if (
      name &&
      name.raw !== "" &&
      isGroupRow(
        name.raw,
        row.cells.slice(activityColumn + 1).map((c) => c.raw),
        headers.length - activityColumn,
        readings[r + 1],
      )
    ) {
      group = builder.addGroup(plainText(name.raw), name.content, section);
      return;
    }
    const cells = builder.emptyCells();
    const present = Math.min(readings[r]!.length, columns.length);
    for (let i = 0; i < present; i++) {
      const party = columns[i]!;
      if (party >= 0) cells[party] = placedCell(readings[r]![i]!, party, row.cells[activityColumn + 1 + i]!);
    }
    const activityCell = name ?? { raw: "", content: row.span, box: null };
    const width = headers.length - activityColumn;
    const cellCount = Math.max(0, row.cells.length - activityColumn);
    builder.addActivity({
      name: activityCell.raw,
      key: activityKey(activityCell.raw),
      section,
      group,
      span: activityCell.content,
      rowSpan: row.span,
      cells,
      cellCount,
      expectedCellCount: width,
      extraCells: row.cells.slice(headers.length).map((c) => ({ raw: c.raw, span: c.content })),
    });
  });
}

/** Splits a cell of a role column into the party names it holds (`Dev, QA`, `PM / PO`, `Legal and Finance`, `A<br>B`). */
export function partyNamesIn(cell: GridCell, spanOf: (cell: GridCell, start: number, end: number) => SourceSpan): { name: string; span: SourceSpan }[] {
  return splitPartyNames(cell.raw).map(({ name, start, end }) => ({ name, span: spanOf(cell, start, end) }));
}

/**
 * Reads a table with a column per role: each row an activity, each name in a role column a party
 * holding that role. A party's codes are written in the scheme's order; its cell is placed at the
 * first name naming it in the row and cannot be fixed in place.
 */
export function readRoleColumns(
  table: GridTable,
  activityColumn: number,
  groupColumn: number,
  roleColumns: readonly { column: number; code: string }[],
  scheme: RoleScheme,
  builder: MatrixBuilder,
  section: number,
  spanOf: (cell: GridCell, start: number, end: number) => SourceSpan,
): void {
  const rank = new Map(scheme.codes.map((c, i) => [c.code, i]));
  const perRow = table.rows.map((row) => {
    const byParty = new Map<number, { codes: Set<string>; spans: { code: string; span: SourceSpan; name: string }[] }>();
    for (const { column, code } of roleColumns) {
      const cell = row.cells[column];
      if (!cell) continue;
      for (const { name, span } of partyNamesIn(cell, spanOf)) {
        const party = builder.party(name, name, span, false);
        let entry = byParty.get(party);
        if (!entry) byParty.set(party, (entry = { codes: new Set(), spans: [] }));
        entry.codes.add(code);
        entry.spans.push({ code, span, name });
      }
    }
    return byParty;
  });
  const parties = [...new Set(perRow.flatMap((m) => [...m.keys()]))];
  const firstNamed = new Map<number, SourceSpan>();
  for (const byParty of perRow) for (const [party, entry] of byParty) if (!firstNamed.has(party)) firstNamed.set(party, entry.spans[0]!.span);
  builder.useParties(
    section,
    parties,
    parties.map((p) => firstNamed.get(p)!),
  );
  let group: number | null = null;
  table.rows.forEach((row, r) => {
    const groupCell = groupColumn >= 0 ? row.cells[groupColumn] : undefined;
    if (groupCell && groupCell.raw !== "" && (r === 0 || nameKey(groupCell.raw) !== nameKey(table.rows[r - 1]!.cells[groupColumn]?.raw ?? ""))) {
      group = builder.addGroup(plainText(groupCell.raw), groupCell.content, section);
    }
    const name = row.cells[activityColumn];
    const byParty = perRow[r]!;
    if (byParty.size === 0 && name && name.raw !== "" && (perRow[r + 1]?.size ?? 0) > 0 && row.cells.filter((c) => c.raw !== "").length === 1) {
      group = builder.addGroup(plainText(name.raw), name.content, section);
      return;
    }
    const cells = builder.emptyCells();
    for (const [party, entry] of byParty) {
      const codes = [...entry.codes].sort((a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99));
      cells[party] = roleCell(party, codes, entry.spans);
    }
    const activityCell = name ?? { raw: "", content: row.span, box: null };
    builder.addActivity({
      name: activityCell.raw,
      key: activityKey(activityCell.raw),
      section,
      group,
      span: activityCell.content,
      rowSpan: row.span,
      // Parties not named in a row hold no role in it: their cells are empty, not missing.
      cells,
      cellCount: table.header.cells.length,
      expectedCellCount: table.header.cells.length,
      extraCells: [],
    });
  });
}

const NO_STYLE: CellStyle = { wrapper: "", separator: "", marker: "", lowerCase: false, words: true, bodyStart: -1, bodyEnd: -1 };

/** A party's cell assembled from the role columns (or role keys) that name it: each code's token is the name, where it is written. */
export function roleCell(party: number, codes: readonly string[], names: readonly { code: string; span: SourceSpan; name: string }[]): Cell {
  const first = names[0]!;
  const reading: CellReading = {
    kind: "codes",
    codes,
    empty: codes.length === 0,
    style: NO_STYLE,
    tokens: codes.map((code) => ({ kind: "code" as const, value: code, raw: names.find((n) => n.code === code)!.name, valid: true, offset: 0 })),
  };
  return {
    party,
    raw: first.name,
    reading,
    codes,
    empty: reading.empty,
    style: { ...NO_STYLE },
    tokens: codes.map((code) => {
      const at = names.find((n) => n.code === code)!;
      return { kind: "code", value: code, raw: at.name, valid: true, span: at.span };
    }),
    span: first.span,
    box: null,
  };
}

/** The cell of a party a role-major activity names under no role: empty (it holds none), placed at `at`, never rewritten. */
export function emptyRoleCell(party: number, at: SourceSpan): Cell {
  const point = { start: at.start, end: at.start };
  const reading: CellReading = { kind: "codes", codes: [], empty: true, style: NO_STYLE, tokens: [] };
  return { party, raw: "", reading, codes: [], empty: true, style: { ...NO_STYLE }, tokens: [], span: point, box: null };
}

/** A decision for a matrix just read (see `ReadDecision`). */
export function matrixDecision(span: SourceSpan, layout: ReadDecision["layout"], section: string, read: { parties: string[]; groups: string[]; activities: number }, reason: string): ReadDecision {
  return { span, kind: "matrix", layout, section, parties: read.parties, groups: read.groups, activities: read.activities, reason };
}

/** What reading a table needs besides its cells: the document being read and where it stands. */
export interface TableReader {
  readonly builder: MatrixBuilder;
  readonly lines: LineIndex;
  readonly scheme: RoleScheme;
  /** The scheme's codes by the key of their names. */
  readonly words: ReadonlyMap<string, string>;
  readonly readCell?: CellTextReader;
  readonly problems: ReadProblem[];
  /** Whether the document names RACI or its roles. */
  readonly raciNamed: boolean;
  /** Set when the document's scheme is one raci-lint does not know: why its tables are left alone. */
  readonly unknownScheme: string | null;
  /** The section the table's activities go to (opened on first use). */
  section(): number;
  /** The title of that section, for the decision. */
  sectionTitle(): string;
  /** A span inside a cell's text. */
  readonly spanIn: (cell: GridCell, start: number, end: number) => SourceSpan;
}

/** What a format that has its own fast path for plain tables passes (Markdown): the header's context, each row's readings after the first cell, and the fast reader. */
export interface PlainRowsPath {
  ctx: CellContext;
  readings: readonly (readonly CellReading[])[];
  read(section: number): void;
}

/** The cell context of a table: its header names are its parties' names. */
export function tableContext(table: GridTable, reader: TableReader, activityColumn = 0): CellContext {
  const headerTexts = table.header.cells.slice(activityColumn + 1).map((c) => c.raw);
  return cellContext(reader.lines, reader.scheme, new PartyNames(headerTexts, headerTexts.map(partyNameFromHeader)), reader.readCell);
}

/**
 * Reads a table of any format: a legend, a matrix in one of its layouts, or left alone; records
 * which and why (`--explain`). Every format decides the same way; `plain` is a format's faster
 * reader for the usual layout (activities in the first column, no group column).
 */
export function readGridTable(table: GridTable, reader: TableReader, plain?: PlainRowsPath): void {
  const builder = reader.builder;
  const ctx = plain?.ctx ?? tableContext(table, reader);
  const decideContext: TableContext = { scheme: reader.scheme, words: reader.words, read: ctx.read, raciNamed: reader.raciNamed };
  const kind = decideTable(table, decideContext, plain?.readings);
  // A table whose rows start with a code and go on with a role word (`| R | Responsible |`) is a
  // legend, whatever its cells read as; one whose second column holds codes (`| X | AR | I |`) is not.
  const second = plain ? plain.readings[0]?.[0] : table.rows[0]?.cells[1] ? ctx.read(table.rows[0].cells[1].raw) : undefined;
  const secondIsCode = second !== undefined && second.kind === "codes";
  const legendFirst =
    kind.kind === "ignored" || LEGEND_HEADER.test(nameKey(table.header.cells[0]!.raw)) || (!secondIsCode && /^\(?[A-Z]\)?(?:\s|$)/u.test(plainText(table.rows[0]?.cells[0]?.raw ?? "")));
  const legend = legendFirst ? readLegendRows(table, reader.spanIn) : null;
  if (legend) {
    builder.addLegend(legend, table.span);
    builder.decide({ span: table.span, kind: "legend", reason: `its rows define codes (${legend.map((e) => e.code).join(", ")})` });
    return;
  }
  if (kind.kind === "ignored" || kind.kind === "legend") {
    builder.decide({ span: table.span, kind: "ignored", reason: kind.kind === "ignored" ? kind.reason : "a legend" });
    return;
  }
  if (reader.unknownScheme) {
    builder.decide({ span: table.span, kind: "ignored", reason: `its codes are of another scheme: ${reader.unknownScheme}` });
    return;
  }
  const from = builder.activityCount;
  const section = reader.section();
  switch (kind.kind) {
    case "rows":
      if (plain && kind.groupColumn < 0 && kind.activityColumn === 0) plain.read(section);
      // The parties are the columns after the activities': a group or activity header is none (an
      // activity header holding a legend, `R - Responsible ...`, would make "R" a party's name).
      else readRows(table, kind.activityColumn, kind.groupColumn, kind.activityColumn > 0 ? tableContext(table, reader, kind.activityColumn) : ctx, builder, section, reader.problems);
      break;
    case "columns": {
      const rowNames = kind.partyRows.map((r) => table.rows[r]!.cells[0]!.raw);
      const partyCtx = cellContext(reader.lines, reader.scheme, new PartyNames(rowNames), reader.readCell);
      readPartyRows(table, kind.partyRows, partyCtx, builder, section, reader.problems);
      break;
    }
    case "role-columns":
      readRoleColumns(table, kind.activityColumn, kind.groupColumn, kind.roleColumns, reader.scheme, builder, section, reader.spanIn);
      break;
  }
  builder.decide(matrixDecision(table.span, kind.kind, reader.sectionTitle(), builder.summary(from), kind.reason));
}
