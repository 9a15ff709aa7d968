/**
 * What the Markdown block scanner (`scan.ts`) finds in a document: front matter, headings,
 * GFM tables with every cell positioned, list items, fenced code and HTML comments.
 * Offsets are into the text given to the scanner (a leading BOM is stripped by the caller).
 */
import type { SourcePoint, SourceSpan } from "../../model/position.js";
import { cellContent, firstCellEnd, splitCells } from "./cells.js";

/** Column alignment from a table's delimiter row. */
export type ColumnAlign = "left" | "right" | "center" | null;

/** One cell of a table row as written in the source. */
export interface ScannedCell {
  /** The cell's content with surrounding whitespace trimmed, exactly as in the source (escapes kept). */
  readonly raw: string;
  /** Span of `raw`. For an empty cell, a zero-width span just after the opening pipe and its padding. */
  readonly content: SourceSpan;
  /** Span from just after the opening delimiter to just before the closing one (padding included). */
  readonly box: SourceSpan;
}

/**
 * A table cell as the scanner finds it: offsets and its line only. Tables can hold millions of
 * cells and most are read for their text alone, so the spans are made when first asked for.
 */
export class TableCell implements ScannedCell {
  constructor(
    readonly raw: string,
    /** 1-based line, and the offset where that line starts. */
    readonly line: number,
    readonly lineStart: number,
    /** Offset of `raw` (for an empty cell, of the zero-width point where its content would be). */
    readonly contentStart: number,
    readonly boxStart: number,
    readonly boxEnd: number,
  ) {}

  /** The point at `offset` on this cell's line. */
  private point(offset: number): SourcePoint {
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  /** The span of `[start, end)`, offsets within this cell's line. */
  spanOf(start: number, end: number): SourceSpan {
    return { start: this.point(start), end: this.point(end) };
  }

  get content(): SourceSpan {
    return { start: this.point(this.contentStart), end: this.point(this.contentStart + this.raw.length) };
  }

  get box(): SourceSpan {
    return { start: this.point(this.boxStart), end: this.point(this.boxEnd) };
  }
}

/** One row of a table (header, or body row). */
export interface ScannedRow {
  /** Every cell the line holds, even beyond the header's count (GFM would drop those; we report them). */
  readonly cells: TableCell[];
  /** The whole line without its line ending. */
  readonly span: SourceSpan;
}

/**
 * A table row as the scanner finds it: where it lies. Its cells are split, and its span made, when
 * first asked for: a reader that knows the rest of a row from an earlier one (see `restStart`)
 * never needs them.
 */
export class TableRow implements ScannedRow {
  private split: TableCell[] | null = null;

  constructor(
    /** The document. */
    readonly text: string,
    /** Where the row's content starts (its first non-whitespace, after any container prefix) and ends (line ending excluded). */
    readonly from: number,
    readonly lineEnd: number,
    /** 1-based line, and the offset where it starts. */
    readonly line: number,
    readonly lineStart: number,
    /** Whether the row holds a backslash (only then can a pipe be escaped). */
    readonly escapes: boolean,
  ) {}

  get cells(): TableCell[] {
    if (this.split === null) {
      const cells: TableCell[] = [];
      splitCells(this.text, this.from, this.lineEnd, (boxStart, boxEnd) => cells.push(this.cellAt(boxStart, boxEnd)), this.escapes);
      this.split = cells;
    }
    return this.split;
  }

  /** The pipe closing the first cell (-1: none), found on first use (-2: not yet). */
  private pipe = -2;

  /** The offset of the pipe closing the row's first cell, or -1 when the row has one cell. */
  get firstPipe(): number {
    if (this.pipe === -2) this.pipe = firstCellEnd(this.text, this.from, this.lineEnd, this.escapes);
    return this.pipe;
  }

  /** Where the rest of the row after its first cell starts (just after the pipe closing that cell), or -1 when the row has one cell. */
  get restStart(): number {
    const pipe = this.firstPipe;
    return pipe === -1 ? -1 : pipe + 1;
  }

  /** Where the first cell's box starts (after the row's opening pipe, if any) and ends. */
  get firstBoxStart(): number {
    return this.text.charCodeAt(this.from) === 124 /* | */ ? this.from + 1 : this.from;
  }
  get firstBoxEnd(): number {
    const pipe = this.firstPipe;
    return pipe === -1 ? this.lineEnd : pipe;
  }

  /** The row's first cell (without splitting the others, unless they were split already). */
  get firstCell(): TableCell {
    if (this.split !== null) return this.split[0]!;
    return this.cellAt(this.firstBoxStart, this.firstBoxEnd);
  }

  /** A cell of this row from its box `text[boxStart, boxEnd)`. */
  cellAt(boxStart: number, boxEnd: number): TableCell {
    const { start, end } = cellContent(this.text, boxStart, boxEnd);
    return new TableCell(start === end ? "" : this.text.slice(start, end), this.line, this.lineStart, start, boxStart, boxEnd);
  }

  get span(): SourceSpan {
    const { line, lineStart, lineEnd } = this;
    return { start: { line, column: 1, offset: lineStart }, end: { line, column: lineEnd - lineStart + 1, offset: lineEnd } };
  }
}

/** A GFM table. */
export interface ScannedTable {
  header: TableRow;
  /** The delimiter row (`| --- | :-: |`). */
  delimiter: TableRow;
  align: ColumnAlign[];
  rows: TableRow[];
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
  { kind: "heading"; heading: ScannedHeading } | { kind: "table"; table: ScannedTable } | { kind: "list-item"; item: ScannedListItem } | { kind: "comment"; comment: ScannedComment };

/** The scanner's result for one document. */
export interface ScannedDocument {
  frontMatter: ScannedFrontMatter | null;
  /** Headings, tables, list items and comments in source order (nothing inside fenced or indented code). */
  blocks: ScannedBlock[];
}
