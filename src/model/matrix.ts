/**
 * The positioned matrix model every reader produces and every fact is computed from.
 * Every value that came from a file carries its span, so findings can point at it. The model holds
 * domain data only: nothing in it names a memo entry or a reader's internals.
 */
import type { SourceSpan } from "./position.js";
import type { RoleCode, RoleScheme } from "./scheme.js";

export type { RoleCode } from "./scheme.js";

/** What kind of party a column stands for in the shared-responsibility sense. */
export type PartyRole = "customer" | "provider" | "third-party";

/** The formats raci-lint reads. */
export type MatrixFormat = "markdown" | "yaml" | "json" | "csv" | "xlsx";

/** A column of the matrix: who can hold role codes. */
export interface Party {
  /** Display name, e.g. `Client` (from `Client Role`) or `Cloud Temple` (from `**Cloud Temple**`). */
  name: string;
  /** The header cell as written. */
  header: string;
  /** Role in the shared-responsibility sense, when recognised. */
  role: PartyRole | null;
  /** Span of the first header that named this party. */
  span: SourceSpan;
  /** Transposed tables (a row per party): cells the party's row holds beyond its header's count. */
  extraCells?: { raw: string; span: SourceSpan }[];
  /** False for a party only named inside cells (a role-column table's `Informed` column), not declared by a header. */
  declared?: boolean;
}

/** What a token in a cell turned out to be. */
export type TokenKind =
  | "code" // a role code letter, valid or not for the scheme (e.g. `R`, `X`)
  | "party-name" // a party's name written where a code belongs
  | "not-applicable" // `N/A`, `n.a.`
  | "text"; // any other word or symbol

/** One token of a cell: a role code letter, or something that is not one. */
export interface CodeToken {
  kind: TokenKind;
  /** Upper-cased value: the code letter for `code`, the trimmed text otherwise. */
  value: string;
  /** As written. */
  raw: string;
  /** Whether `value` is a code of the role scheme in use. */
  valid: boolean;
  span: SourceSpan;
}

/** How a cell's codes are written, so fixes can keep the style. */
export interface CellStyle {
  /** Emphasis around the codes: `**`, `__`, `*`, `_`, `` ` `` or empty. */
  wrapper: string;
  /** What separates codes: empty (`RA`), `, `, `,`, `/`, ` `... (the first one seen). */
  separator: string;
  /** A footnote marker after the codes (`*`, `¹`, `(1)`), kept by fixes. */
  marker: string;
  /** Whether the codes were written in lower case (`ra`). */
  lowerCase: boolean;
  /** Whether the codes were written as words (`Responsible, Accountable`): each code token's `raw` is its word. */
  words: boolean;
  /** Offsets (into the source) of the part holding the codes, without wrapper and marker; -1 when the cell cannot be edited in place. */
  bodyStart: number;
  bodyEnd: number;
}

/**
 * What a cell's text says, wherever it is written: its tokens (offsets relative to the text), codes
 * and style. Equal texts read in the same context give equal readings; a reading never changes.
 */
export interface CellReading {
  /**
   * `empty`, `codes` (role codes, valid or not, a party name or N/A: something written where codes
   * belong), `words` (codes written as the words naming them) or `text`. Tells RACI tables from others.
   */
  readonly kind: "empty" | "codes" | "words" | "text";
  readonly tokens: readonly { readonly kind: TokenKind; readonly value: string; readonly raw: string; readonly valid: boolean; readonly offset: number }[];
  /** The valid role codes, in the order written (duplicates kept). */
  readonly codes: readonly RoleCode[];
  readonly empty: boolean;
  /** The style, with `bodyStart`/`bodyEnd` relative to the text. */
  readonly style: Readonly<CellStyle>;
}

/** A party's entry for one activity. */
export interface Cell {
  /** Index into `Matrix.parties`. */
  party: number;
  /** The cell content as written (trimmed). */
  raw: string;
  /** What the text says (see `CellReading`); `tokens`, `codes`, `empty` and `style` are it, placed. */
  reading: CellReading;
  /** Every token found, in source order. */
  tokens: CodeToken[];
  /** The valid role codes, in the order written (duplicates kept). */
  codes: readonly RoleCode[];
  /** True for an empty cell or an explicit "none" placeholder (`-`, `—`). */
  empty: boolean;
  style: CellStyle;
  /** Span of the content (zero-width inside the cell when empty). */
  span: SourceSpan;
  /** Span of the whole cell between its delimiters, padding included (Markdown only). */
  box: SourceSpan | null;
}

/** A table row / list entry: one activity and its cells. */
export interface Activity {
  /** The activity text as written. */
  name: string;
  /** Comparison key: formatting stripped, whitespace collapsed, case folded. */
  key: string;
  /** Index into `Matrix.sections`. */
  section: number;
  /** Index into `Matrix.groups` (a phase or group row above it in its table), or null. */
  group: number | null;
  /** Index into `Matrix.tables`: the table (or list, or YAML/JSON section) it was read from. */
  table?: number;
  /** Span of the activity text. */
  span: SourceSpan;
  /** Span of the whole row. */
  rowSpan: SourceSpan;
  /** One entry per matrix party; `null` when the row has no cell for that party (ragged row). */
  cells: (Cell | null)[];
  /** Cells the row holds (the activity cell included) and the count its header declares. */
  cellCount: number;
  expectedCellCount: number;
  /** Cells beyond the header's count, kept to report them. */
  extraCells: { raw: string; span: SourceSpan }[];
  /** Read from a column of a transposed table (parties as rows) rather than from a row. */
  transposed?: boolean;
  /** Parties whose codes could not be read (a YAML/JSON value of the wrong type, a schema violation): neither empty nor missing. */
  unread?: number[];
}

/** A heading with the activities listed under it. */
export interface Section {
  title: string;
  /** Span of the heading, or null when the matrix has no heading above the table. */
  span: SourceSpan | null;
  /** The parties of this section's tables (indexes into `Matrix.parties`). */
  parties: number[];
}

/** One table (or role list, or YAML/JSON section) a matrix was read from: its parties and where it names them. */
export interface MatrixTable {
  /** Index into `Matrix.sections`. */
  section: number;
  /** Its parties, in column (or row) order (indexes into `Matrix.parties`). */
  parties: number[];
  /** Where it names each of `parties` (a header cell, the first name in a cell). */
  partySpans: SourceSpan[];
}

/** A group of activities inside a section: a phase row (`| **Launch** | | |`) and the rows under it. */
export interface Group {
  title: string;
  span: SourceSpan;
  /** Index into `Matrix.sections`. */
  section: number;
}

/** One definition in the document's legend, e.g. `(R) Performs | __P__erforms the process`. */
export interface LegendEntry {
  /** The code the entry defines, upper-cased. */
  code: RoleCode;
  /** The term naming the role (`Performs`), formatting stripped. */
  term: string;
  /** The description (`__P__erforms the process`) as written. */
  description: string;
  /** The letter the entry highlights (`__P__erforms` -> `P`), or the term's initial; upper-cased. */
  markedLetter: string | null;
  /** Span of the whole entry (row or list item). */
  span: SourceSpan;
  /** Span of the highlighted letter or of the term, for pointing at the mismatch. */
  markSpan: SourceSpan;
}

/** The legend of role codes in a document. */
export interface Legend {
  entries: LegendEntry[];
  span: SourceSpan;
}

/** A problem met while reading a file (syntax or schema), reported as a finding. */
export interface ReadProblem {
  ruleId: "parse-error" | "schema-violation";
  message: string;
  span: SourceSpan;
}

/** Column alignment from a Markdown table's delimiter row. */
export type ColumnAlign = "left" | "right" | "center" | null;

/** One row of a table as laid out in the source: each cell's text, content span and box (between its delimiters). */
export interface RowLayout {
  readonly cells: readonly { readonly raw: string; readonly content: SourceSpan; readonly box: SourceSpan }[];
  /** The whole line without its line ending. */
  readonly span: SourceSpan;
}

/** A Markdown table as laid out in the source, for keeping it aligned and placing directives. */
export interface TableLayout {
  readonly header: RowLayout;
  readonly delimiter: RowLayout;
  readonly rows: readonly RowLayout[];
  readonly align: readonly ColumnAlign[];
  readonly span: SourceSpan;
}

/** An HTML comment standing as a block of its own (`<!-- ... -->`): where inline directives live. */
export interface CommentBlock {
  /** The text between `<!--` and `-->`, trimmed. */
  readonly body: string;
  readonly span: SourceSpan;
}

/** What a text's layout holds beside the matrix (Markdown): every table and comment block, as scanned once. */
export interface DocumentLayout {
  readonly tables: readonly TableLayout[];
  readonly comments: readonly CommentBlock[];
}

/** What a reader made of one part of a document (a table, a list, a YAML/JSON document), and why: what `--explain` prints. */
export interface ReadDecision {
  /** The table, list or document. */
  span: SourceSpan;
  kind: "matrix" | "legend" | "ignored";
  /**
   * How a matrix was read: `rows` (an activity per row, a party per column), `columns` (an activity
   * per column, parties as rows), `role-columns` (a column per role, party names in the cells),
   * `list` (activities as list items, roles as sub-items), `document` (a YAML/JSON matrix).
   */
  layout?: "rows" | "columns" | "role-columns" | "list" | "document";
  /** For a matrix: the section it is in, its parties, its groups and how many activities it has. */
  section?: string;
  parties?: string[];
  groups?: string[];
  activities?: number;
  /** Why it was read so (or left alone). */
  reason: string;
  /** For a workbook's sheet left unread because it is hidden: the sheet's name. */
  hiddenSheet?: string;
}

/** A whole document's RACI content. */
export interface Matrix {
  /** Path as given to the reader. */
  file: string;
  format: MatrixFormat;
  title: string | null;
  titleSpan: SourceSpan | null;
  /** Front matter (Markdown) or top-level metadata fields (YAML/JSON). */
  frontMatter: Record<string, unknown>;
  parties: Party[];
  sections: Section[];
  /** The tables activities were read from, in document order. */
  tables: MatrixTable[];
  groups: Group[];
  activities: Activity[];
  legend: Legend | null;
  /** Problems met while reading; the rest of the file is still checked. */
  problems: ReadProblem[];
  /**
   * The source text the spans refer to (BOM removed). An XLSX workbook is not text: its source is
   * one record per cell read, `Sheet!A1` U+0001 the cell's text, records joined by U+0000 (which no
   * workbook text holds); its spans' offsets index that text (see `workbookCellEdits`).
   */
  source: string;
  /** Whether the file started with a byte-order mark. */
  bom: boolean;
  /** Tables and comment blocks as the reader found them (Markdown); null for other formats. */
  layout: DocumentLayout | null;
  /** The role scheme the document was read with (configured, named by the document, or the default). */
  scheme: RoleScheme;
  /** Why that scheme (`set by the configuration`, `the title names RASCI`...). */
  schemeReason: string;
  /** What was made of each table, list or document, in source order. */
  decisions: ReadDecision[];
}

/** How a library user or the configuration names the parties of each role (replaces the built-in recognition). */
export type PartyAliases = Partial<Record<PartyRole, string[]>>;
