/**
 * What the Markdown block scanner (`scan.ts`) finds in a document: front matter, headings,
 * GFM tables with every cell positioned, list items, fenced code and HTML comments.
 * Offsets are into the text given to the scanner (a leading BOM is stripped by the caller).
 */
import type { SourceSpan } from "../../model/position.js";

/** Column alignment from a table's delimiter row. */
export type ColumnAlign = "left" | "right" | "center" | null;

/** One cell of a table row as written in the source. */
export interface ScannedCell {
  /** The cell's content with surrounding whitespace trimmed, exactly as in the source (escapes kept). */
  raw: string;
  /** Span of `raw`. For an empty cell, a zero-width span just after the opening pipe and its padding. */
  content: SourceSpan;
  /** Span from just after the opening delimiter to just before the closing one (padding included). */
  box: SourceSpan;
}

/** One row of a table (header, or body row). */
export interface ScannedRow {
  /** Every cell the line holds, even beyond the header's count (GFM would drop those; we report them). */
  cells: ScannedCell[];
  /** The whole line without its line ending. */
  span: SourceSpan;
}

/** A GFM table. */
export interface ScannedTable {
  header: ScannedRow;
  /** The delimiter row (`| --- | :-: |`). */
  delimiter: ScannedRow;
  align: ColumnAlign[];
  rows: ScannedRow[];
  /** Whether rows start with a pipe (taken from the header row). */
  leadingPipe: boolean;
  span: SourceSpan;
}

/** An ATX (`## Title`) or setext heading. */
export interface ScannedHeading {
  depth: number;
  /** The heading text without markers, trimmed (inline markup kept). */
  text: string;
  span: SourceSpan;
}

/** A list item's first line (`- text`, `* text`, `+ text`, `1. text`). */
export interface ScannedListItem {
  /** The item's text after the marker, trimmed. */
  text: string;
  content: SourceSpan;
}

/** An HTML comment `<!-- ... -->` (used later for inline directives). */
export interface ScannedComment {
  /** The text between `<!--` and `-->`, trimmed. */
  body: string;
  span: SourceSpan;
}

/** YAML front matter between `---` fences at the very start of the document. */
export interface ScannedFrontMatter {
  /** The YAML text between the fences. */
  yaml: string;
  /** Span of the YAML text (used to position YAML errors). */
  content: SourceSpan;
  span: SourceSpan;
}

/** A block of the document, in source order. */
export type ScannedBlock =
  | { kind: "heading"; heading: ScannedHeading }
  | { kind: "table"; table: ScannedTable }
  | { kind: "list-item"; item: ScannedListItem }
  | { kind: "comment"; comment: ScannedComment };

/** The scanner's result for one document. */
export interface ScannedDocument {
  frontMatter: ScannedFrontMatter | null;
  /** Headings, tables, list items and comments in source order (nothing inside fenced or indented code). */
  blocks: ScannedBlock[];
}
