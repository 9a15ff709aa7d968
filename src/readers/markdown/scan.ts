/**
 * Line-based Markdown block scanner.
 *
 * One pass over the lines, no regular expressions, no per-character allocation: it follows the
 * CommonMark block structure (block quotes, list items, paragraphs, setext/ATX headings, thematic
 * breaks, fenced and indented code, HTML blocks) exactly as micromark implements it, and GFM tables
 * exactly as micromark-extension-gfm-table does, because those are the reference parsers the
 * differential test compares against. Only what the linter needs is reported: front matter,
 * headings, tables (every cell positioned), list items' first lines and HTML comments.
 *
 * Decisions worth knowing (each checked against micromark):
 * - A `|` inside a backtick code span DOES split a table cell: the table tokenizer runs before
 *   inline parsing and only `\|` escapes a pipe, even inside code (the GFM spec says so; micromark agrees).
 * - A table can interrupt a paragraph: the paragraph's last line becomes the header row.
 * - Body rows continue until a blank line, or a line that starts another block (ATX heading,
 *   fence, HTML block, thematic break, indented code, block quote, any list item). A line without
 *   any pipe is still a body row.
 * - Every cell a row holds is reported, even past the header's count; GFM pads or drops them.
 * - An empty cell's content is a zero-width span after the opening pipe and one padding
 *   character, if there is one (`| |` -> just after the space; `||` -> just after the pipe).
 * - Tables inside block quotes and list items are found and reported like top-level ones (their
 *   cells are measured from the container's content); a row's `span` is still the whole line.
 * - Link reference definitions are not recognised (a paragraph made only of definitions is
 *   treated as a paragraph); that only matters for a setext underline right below definitions.
 * - Comments are reported when an HTML block starts with `<!--` (first comment of the block);
 *   comments inline in a paragraph or table cell are not blocks and are not reported.
 * - Front matter closes with `---` or `...` (micromark's front matter extension knows only `---`).
 * - Spans may share point objects where positions coincide: treat results as read-only.
 */
import type { SourcePoint, SourceSpan } from "../../model/position.js";
import { TableRow } from "./scan-types.js";
import { skipSpaces, splitCells, trimEnd } from "./cells.js";
import type { ColumnAlign, ScannedBlock, ScannedDocument, ScannedFrontMatter, ScannedTable } from "./scan-types.js";

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const DIGIT_0 = 48;
const DIGIT_1 = 49;
const DIGIT_9 = 57;
const COLON = 58;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const UNDERSCORE = 95;
const BACKTICK = 96;
const PIPE = 124;
const TILDE = 126;

/** What the innermost open container currently holds. */
const NONE = 0;
const PARAGRAPH = 1;
const TABLE = 2;
const FENCE = 3;
const HTML = 4;
const INDENTED_CODE = 5;
type LeafKind = typeof NONE | typeof PARAGRAPH | typeof TABLE | typeof FENCE | typeof HTML | typeof INDENTED_CODE;

/** An open block quote or list item. */
interface Container {
  quote: boolean;
  /** List item: ordered (`1.`) or bullet (`-`). */
  ordered: boolean;
  /** List item: the bullet character, or `.`/`)` for ordered items; siblings must use the same. */
  marker: number;
  /** List item: columns of indentation a line needs to continue the item. */
  size: number;
  /** List item: started with a blank line (it may then not contain a second blank line first). */
  initialBlank: boolean;
  furtherBlank: boolean;
}

/** HTML block start tag names that may not be followed by markdown on the same line (kind 1). */
const HTML_RAW_NAMES = new Set(["pre", "script", "style", "textarea"]);
/** HTML block tag names of CommonMark's kind 6 (the list micromark uses, CommonMark 0.31). */
const HTML_BLOCK_NAMES = new Set([
  "address",
  "article",
  "aside",
  "base",
  "basefont",
  "blockquote",
  "body",
  "caption",
  "center",
  "col",
  "colgroup",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "frame",
  "frameset",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "head",
  "header",
  "hr",
  "html",
  "iframe",
  "legend",
  "li",
  "link",
  "main",
  "menu",
  "menuitem",
  "nav",
  "noframes",
  "ol",
  "optgroup",
  "option",
  "p",
  "param",
  "search",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "title",
  "tr",
  "track",
  "ul",
]);

/** Scans a Markdown document (BOM already stripped) for front matter, headings, GFM tables, list items and HTML comments. */
export function scanMarkdown(text: string): ScannedDocument {
  const doc = new BlockScanner(text).scan();
  breakTail.text = ""; // the text is not kept past its scan
  return doc;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiAlpha(code) || (code >= DIGIT_0 && code <= DIGIT_9);
}

/**
 * The last line end and marker a thematic-break question was asked about, and the answer for every
 * start on that line: the rest from `from` is a break when `from` is within the tail made only of
 * the marker and spaces (`pureFrom`) and at most at the third marker from the end (`thirdLast`).
 * A line of nested list markers (`- - - - item`) asks once per marker: without this, each question
 * rescanned the rest of the line.
 */
const breakTail = { text: "", to: -1, marker: -1, pureFrom: 0, thirdLast: -1 };

/** Whether `text[from, to)` (after indentation) is a thematic break: 3+ of one of `*-_`, spaces between. */
function isThematicBreak(text: string, from: number, to: number): boolean {
  const marker = text.charCodeAt(from);
  if (marker !== STAR && marker !== DASH && marker !== UNDERSCORE) return false;
  if (breakTail.text !== text || breakTail.to !== to || breakTail.marker !== marker) {
    let i = to;
    let count = 0;
    let thirdLast = -1;
    while (i > 0) {
      const code = text.charCodeAt(i - 1);
      if (code === marker) {
        if (++count === 3) thirdLast = i - 1;
      } else if (!isSpaceOrTab(code)) break;
      i--;
    }
    breakTail.text = text;
    breakTail.to = to;
    breakTail.marker = marker;
    breakTail.pureFrom = i;
    breakTail.thirdLast = thirdLast;
  }
  return from >= breakTail.pureFrom && from <= breakTail.thirdLast;
}

/** ATX opening sequence length (1-6) at `from`, or 0 when `text[from, to)` is not an ATX heading. */
function atxLevel(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === HASH) i++;
  const level = i - from;
  if (level < 1 || level > 6) return 0;
  return i === to || isSpaceOrTab(text.charCodeAt(i)) ? level : 0;
}

/** A setext underline's depth (1 for `=`, 2 for `-`), or 0. */
function setextDepth(text: string, from: number, to: number): number {
  const marker = text.charCodeAt(from);
  if (marker !== EQUALS && marker !== DASH) return 0;
  let i = from;
  while (i < to && text.charCodeAt(i) === marker) i++;
  return skipSpaces(text, i, to) === to ? (marker === EQUALS ? 1 : 2) : 0;
}

/** Length of a code fence opening at `from` (3+ backticks or tildes), or 0. */
function fenceOpening(text: string, from: number, to: number): number {
  const marker = text.charCodeAt(from);
  if (marker !== BACKTICK && marker !== TILDE) return 0;
  let i = from;
  while (i < to && text.charCodeAt(i) === marker) i++;
  const length = i - from;
  if (length < 3) return 0;
  // A backtick fence's info string may not contain a backtick (it would be inline code).
  if (marker === BACKTICK && indexWithin(text, "`", i, to) !== -1) return 0;
  return length;
}

/** Whether `text[from, to)` closes a fence of `length` `marker`s. */
function isFenceClosing(text: string, from: number, to: number, marker: number, length: number): boolean {
  let i = from;
  while (i < to && text.charCodeAt(i) === marker) i++;
  return i - from >= length && skipSpaces(text, i, to) === to;
}

/**
 * The CommonMark HTML block kind (1-7) starting at `from`, or 0. Kind 7 (a lone complete tag) is
 * only accepted when `allowComplete`, as it may not interrupt a paragraph.
 */
function htmlBlockKind(text: string, from: number, to: number, allowComplete: boolean): number {
  if (text.charCodeAt(from) !== LT) return 0;
  let i = from + 1;
  const first = text.charCodeAt(i);
  if (first === BANG) {
    const next = text.charCodeAt(i + 1);
    if (next === DASH) return text.charCodeAt(i + 2) === DASH ? 2 : 0;
    if (next === LBRACKET) return text.startsWith("[CDATA[", i + 1) ? 5 : 0;
    return isAsciiAlpha(next) ? 4 : 0;
  }
  if (first === QUESTION) return 3;
  const closing = first === SLASH;
  if (closing) i++;
  if (!isAsciiAlpha(text.charCodeAt(i))) return 0;
  const nameStart = i;
  while (i < to && (isAsciiAlphanumeric(text.charCodeAt(i)) || text.charCodeAt(i) === DASH)) i++;
  const after = i < to ? text.charCodeAt(i) : -1;
  if (after !== -1 && after !== SLASH && after !== GT && !isSpaceOrTab(after)) return 0;
  const name = text.slice(nameStart, i).toLowerCase();
  if (!closing && after !== SLASH && HTML_RAW_NAMES.has(name)) return 1;
  if (HTML_BLOCK_NAMES.has(name)) {
    if (after !== SLASH) return 6;
    return text.charCodeAt(i + 1) === GT ? 6 : 0;
  }
  if (!allowComplete) return 0;
  return isCompleteTagLine(text, i, to, closing) ? 7 : 0;
}

/** Whether the rest of a tag after its name (`i`) completes an open/closing tag followed only by whitespace. */
function isCompleteTagLine(text: string, i: number, to: number, closing: boolean): boolean {
  if (closing) {
    i = skipSpaces(text, i, to);
  } else {
    // Attributes, as micromark's html-flow states: name, optional `= value`, whitespace between.
    for (;;) {
      const code = i < to ? text.charCodeAt(i) : -1;
      if (code === SLASH) {
        i++;
        break;
      }
      if (code === COLON || code === UNDERSCORE || isAsciiAlpha(code)) {
        i++;
        while (i < to) {
          const c = text.charCodeAt(i);
          if (c === DASH || c === DOT || c === COLON || c === UNDERSCORE || isAsciiAlphanumeric(c)) i++;
          else break;
        }
        i = skipSpaces(text, i, to);
        if (i < to && text.charCodeAt(i) === EQUALS) {
          i = skipSpaces(text, i + 1, to);
          const v = i < to ? text.charCodeAt(i) : -1;
          if (v === -1 || v === LT || v === EQUALS || v === GT || v === BACKTICK) return false;
          if (v === DQUOTE || v === SQUOTE) {
            const close = indexWithin(text, v === DQUOTE ? '"' : "'", i + 1, to);
            if (close === -1) return false;
            i = close + 1;
            const c = i < to ? text.charCodeAt(i) : -1;
            if (c !== SLASH && c !== GT && !isSpaceOrTab(c)) return false;
          } else {
            while (i < to) {
              const c = text.charCodeAt(i);
              if (c === DQUOTE || c === SQUOTE || c === SLASH || c === LT || c === EQUALS || c === GT || c === BACKTICK || isSpaceOrTab(c)) break;
              i++;
            }
            i = skipSpaces(text, i, to);
          }
        }
        continue;
      }
      if (isSpaceOrTab(code)) {
        i++;
        continue;
      }
      break;
    }
  }
  if (i >= to || text.charCodeAt(i) !== GT) return false;
  return skipSpaces(text, i + 1, to) === to;
}

/** Whether `text[from, to)` contains the end condition of an HTML block of `kind` 1-5. */
function htmlBlockEnds(text: string, from: number, to: number, kind: number): boolean {
  switch (kind) {
    case 1: {
      const lower = text.slice(from, to).toLowerCase();
      return lower.includes("</script>") || lower.includes("</pre>") || lower.includes("</style>") || lower.includes("</textarea>");
    }
    case 2:
      return indexWithin(text, "-->", from, to) !== -1;
    case 3:
      return indexWithin(text, "?>", from, to) !== -1;
    case 4:
      return indexWithin(text, ">", from, to) !== -1;
    case 5:
      return indexWithin(text, "]]>", from, to) !== -1;
    default:
      return false;
  }
}

/**
 * Offset of `needle` within `text[from, to)`, or -1. Bounded on purpose: `indexOf` would search
 * to the end of the text, once per line of a long HTML block (quadratic).
 */
function indexWithin(text: string, needle: string, from: number, to: number): number {
  const first = needle.charCodeAt(0);
  const last = to - needle.length;
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && text.startsWith(needle, i)) return i;
  }
  return -1;
}

/**
 * Parses a GFM delimiter row in `text[from, to)` (indentation already skipped), returning each
 * column's alignment, or null when it is not one. Mirrors micromark-extension-gfm-table: at least
 * one `|` or `:` must appear (else it is a setext underline or thematic break), cells are
 * `:?-+:?`, empty cells are only allowed after a trailing pipe.
 */
function parseDelimiterRow(text: string, from: number, to: number): ColumnAlign[] | null {
  const aligns: ColumnAlign[] = [];
  let seen = false;
  let i = from;
  if (text.charCodeAt(i) === PIPE) {
    seen = true;
    i++;
  }
  for (;;) {
    i = skipSpaces(text, i, to);
    if (i === to) break;
    let left = false;
    let right = false;
    if (text.charCodeAt(i) === COLON) {
      left = true;
      seen = true;
      i++;
    }
    if (i >= to || text.charCodeAt(i) !== DASH) return null;
    while (i < to && text.charCodeAt(i) === DASH) i++;
    if (i < to && text.charCodeAt(i) === COLON) {
      right = true;
      seen = true;
      i++;
    }
    aligns.push(left && right ? "center" : left ? "left" : right ? "right" : null);
    i = skipSpaces(text, i, to);
    if (i === to) break;
    if (text.charCodeAt(i) !== PIPE) return null;
    seen = true;
    i++;
  }
  return seen ? aligns : null;
}

/** Number of cells GFM sees in a row `text[from, to)` (see `splitCells`). */
function countCells(text: string, from: number, to: number): number {
  return splitCells(text, from, to, () => {});
}

class BlockScanner {
  private readonly text: string;
  private readonly length: number;
  private readonly hasCarriageReturn: boolean;
  private readonly blocks: ScannedBlock[] = [];
  private frontMatter: ScannedFrontMatter | null = null;

  // The current line.
  private lineNumber = 1;
  private lineStart = 0;
  private lineEnd = 0;
  private nextLineStart = -1;

  // Cursor within the line: offset and tab-expanded column (a tab may be partly consumed).
  private offset = 0;
  private column = 0;
  // Set by findNonspace(): first non-space/tab at or after the cursor, and its column.
  private nonspace = 0;
  private nonspaceColumn = 0;
  /** The run of spaces `nonspace` ends: its line (start offset), start, and whether it holds a tab. */
  private runLine = -1;
  private runStart = 0;
  private runHasTab = false;

  private readonly containers: Container[] = [];
  private leaf: LeafKind = NONE;
  private fenceMarker = 0;
  private fenceLength = 0;
  private htmlKind = 0;
  private commentStart = -1;
  private commentStartPoint: SourcePoint | null = null;
  private table: ScannedTable | null = null;
  /** False on a line that micromark would only try as a (refused) lazy body row. */
  private tableHeadAllowed = true;
  private paragraphStart: SourcePoint | null = null;
  /** Content start/end offsets of each paragraph line, for a setext heading's text. */
  private readonly paragraphLines: number[] = [];

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
    this.hasCarriageReturn = text.indexOf("\r") !== -1;
  }

  scan(): ScannedDocument {
    let start = this.scanFrontMatter();
    while (start !== -1) {
      this.lineStart = start;
      this.lineEnd = this.endOfLine(start);
      this.nextLineStart = this.afterLineEnding(this.lineEnd);
      this.scanLine();
      start = this.nextLineStart;
      this.lineNumber++;
    }
    this.closeLeaf();
    return { frontMatter: this.frontMatter, blocks: this.blocks };
  }

  // ---- lines and positions -------------------------------------------------------------------

  private endOfLine(from: number): number {
    if (!this.hasCarriageReturn) {
      const lf = this.text.indexOf("\n", from);
      return lf === -1 ? this.length : lf;
    }
    for (let i = from; i < this.length; i++) {
      const code = this.text.charCodeAt(i);
      if (code === LF || code === CR) return i;
    }
    return this.length;
  }

  /** Start of the next line, or -1 when `lineEnd` is the end of the text. */
  private afterLineEnding(lineEnd: number): number {
    if (lineEnd >= this.length) return -1;
    return this.text.charCodeAt(lineEnd) === CR && this.text.charCodeAt(lineEnd + 1) === LF ? lineEnd + 2 : lineEnd + 1;
  }

  /** The point at `offset` on the current line. */
  private point(offset: number): SourcePoint {
    return { line: this.lineNumber, column: offset - this.lineStart + 1, offset };
  }

  private span(start: number, end: number): SourceSpan {
    return { start: this.point(start), end: this.point(end) };
  }

  // ---- front matter ----------------------------------------------------------------------------

  /**
   * Reads YAML front matter (a first line `---`, a later line `---` or `...`) and returns the
   * offset where the Markdown body starts, or -1 when the front matter ends the text.
   */
  private scanFrontMatter(): number {
    const text = this.text;
    const firstEnd = this.endOfLine(0);
    if (!text.startsWith("---", 0) || skipSpaces(text, 3, firstEnd) !== firstEnd) return 0;
    const contentStart = this.afterLineEnding(firstEnd);
    if (contentStart === -1) return 0;
    // The YAML text ends where the last line before the closing fence ends (empty: at line 2).
    let contentEnd = { line: 2, column: 1, offset: contentStart };
    let lineStart = contentStart;
    for (let lineNumber = 2; ; lineNumber++) {
      const lineEnd = this.endOfLine(lineStart);
      if ((text.startsWith("---", lineStart) || text.startsWith("...", lineStart)) && skipSpaces(text, lineStart + 3, lineEnd) === lineEnd) {
        this.frontMatter = {
          yaml: text.slice(contentStart, contentEnd.offset),
          content: { start: { line: 2, column: 1, offset: contentStart }, end: contentEnd },
          span: { start: { line: 1, column: 1, offset: 0 }, end: { line: lineNumber, column: lineEnd - lineStart + 1, offset: lineEnd } },
        };
        this.lineNumber = lineNumber + 1;
        return this.afterLineEnding(lineEnd);
      }
      const next = this.afterLineEnding(lineEnd);
      if (next === -1) return 0;
      contentEnd = { line: lineNumber, column: lineEnd - lineStart + 1, offset: lineEnd };
      lineStart = next;
    }
  }

  // ---- cursor ------------------------------------------------------------------------------------

  /** Sets `nonspace`/`nonspaceColumn` to the first non-space/tab at or after the cursor. */
  private findNonspace(): void {
    // Within the run of spaces last scanned, the first non-space is known: a line nested in many
    // containers asks once per container, and rescanning its indentation each time is quadratic.
    if (this.runLine === this.lineStart && this.offset >= this.runStart && this.offset <= this.nonspace && !this.runHasTab) {
      this.nonspaceColumn = this.column + (this.nonspace - this.offset);
      return;
    }
    const text = this.text;
    let i = this.offset;
    let column = this.column;
    const end = this.lineEnd;
    let tab = false;
    while (i < end) {
      const code = text.charCodeAt(i);
      if (code === SPACE) column++;
      else if (code === TAB) {
        column += 4 - (column % 4);
        tab = true;
      } else break;
      i++;
    }
    this.runLine = this.lineStart;
    this.runStart = this.offset;
    this.runHasTab = tab;
    this.nonspace = i;
    this.nonspaceColumn = column;
  }

  /** Advances over `count` columns of spaces/tabs (or marker characters), splitting a tab if needed. */
  private advanceColumns(count: number): void {
    const text = this.text;
    while (count > 0 && this.offset < this.lineEnd) {
      if (text.charCodeAt(this.offset) === TAB) {
        const width = 4 - (this.column % 4);
        if (width > count) {
          this.column += count;
          return;
        }
        this.column += width;
        count -= width;
      } else {
        this.column++;
        count--;
      }
      this.offset++;
    }
  }

  private advanceToNonspace(): void {
    this.offset = this.nonspace;
    this.column = this.nonspaceColumn;
  }

  // ---- containers ------------------------------------------------------------------------------

  /**
   * Consumes the prefixes of the open containers that the current line continues and returns
   * how many it continues. `commit` updates list items' blank-line state (false for look-ahead).
   */
  private matchContainers(commit: boolean): number {
    const containers = this.containers;
    let matched = 0;
    for (; matched < containers.length; matched++) {
      const container = containers[matched]!;
      this.findNonspace();
      const indent = this.nonspaceColumn - this.column;
      if (container.quote) {
        if (indent >= 4 || this.nonspace >= this.lineEnd || this.text.charCodeAt(this.nonspace) !== GT) break;
        this.offset = this.nonspace + 1;
        this.column = this.nonspaceColumn + 1;
        if (this.offset < this.lineEnd && isSpaceOrTab(this.text.charCodeAt(this.offset))) this.advanceColumns(1);
        continue;
      }
      if (this.nonspace >= this.lineEnd) {
        // A blank line continues a list item; a second one ends an item that started blank.
        if (commit) container.furtherBlank = container.furtherBlank || container.initialBlank;
        continue;
      }
      const further = container.furtherBlank;
      if (commit) {
        container.furtherBlank = false;
        container.initialBlank = false;
      }
      if (further || indent < container.size) break;
      this.advanceColumns(container.size);
    }
    return matched;
  }

  /**
   * Parses a list item marker at `nonspace` (indentation under 4 already checked) and moves the
   * cursor to the item's content. `sibling` restricts to the same list's marker; `interrupt`
   * applies the rules for interrupting a paragraph (non-empty, ordered lists start at 1).
   */
  private openListItem(interrupt: boolean, sibling: Container | null): Container | null {
    const text = this.text;
    const start = this.nonspace;
    const end = this.lineEnd;
    const code = text.charCodeAt(start);
    let markerEnd: number;
    let ordered: boolean;
    let marker: number;
    if (code === DASH || code === STAR || code === PLUS) {
      if (sibling && (sibling.ordered || sibling.marker !== code)) return null;
      if (code !== PLUS && isThematicBreak(text, start, end)) return null;
      ordered = false;
      marker = code;
      markerEnd = start + 1;
    } else if (code >= DIGIT_0 && code <= DIGIT_9) {
      if (sibling && !sibling.ordered) return null;
      if (interrupt && code !== DIGIT_1) return null;
      let i = start;
      while (i < end && i - start < 9 && text.charCodeAt(i) >= DIGIT_0 && text.charCodeAt(i) <= DIGIT_9) i++;
      if (interrupt && i - start > 1) return null;
      const delimiter = i < end ? text.charCodeAt(i) : -1;
      if (delimiter !== DOT && delimiter !== RPAREN) return null;
      if (sibling && sibling.marker !== delimiter) return null;
      ordered = true;
      marker = delimiter;
      markerEnd = i + 1;
    } else {
      return null;
    }
    const savedOffset = this.offset;
    const savedColumn = this.column;
    const initialSize = this.nonspaceColumn - this.column;
    const markerWidth = markerEnd - start;
    const afterMarker = markerEnd < end ? text.charCodeAt(markerEnd) : -1;
    if (afterMarker !== -1 && !isSpaceOrTab(afterMarker)) return null;
    this.offset = markerEnd;
    this.column = this.nonspaceColumn + markerWidth;
    this.findNonspace();
    const item: Container = { quote: false, ordered, marker, size: 0, initialBlank: false, furtherBlank: false };
    if (this.nonspace >= end) {
      if (interrupt) {
        // An empty item cannot interrupt a paragraph: put the cursor back.
        this.offset = savedOffset;
        this.column = savedColumn;
        return null;
      }
      item.initialBlank = true;
      item.size = initialSize + markerWidth + 1;
      this.advanceColumns(1);
      return item;
    }
    const spaces = this.nonspaceColumn - this.column;
    if (spaces >= 5) {
      // Content starting with indented code: the item's content starts one column after the marker.
      item.size = initialSize + markerWidth + 1;
      this.advanceColumns(1);
    } else {
      item.size = initialSize + markerWidth + spaces;
      this.advanceToNonspace();
    }
    return item;
  }

  /** Reports a list item's first line (the cursor is at its content). */
  private emitListItem(): void {
    this.findNonspace();
    const start = Math.min(this.nonspace, this.lineEnd);
    const end = trimEnd(this.text, start, this.lineEnd);
    const from = start === end ? Math.min(this.offset, this.lineEnd) : start;
    this.blocks.push({ kind: "list-item", item: { text: this.text.slice(start, end), content: this.span(from, start === end ? from : end) } });
  }

  /** Closes the containers from `depth` on, and whatever leaf was open. */
  private closeContainersFrom(depth: number): void {
    this.closeLeaf();
    this.containers.length = depth;
  }

  // ---- one line --------------------------------------------------------------------------------

  private scanLine(): void {
    this.offset = this.lineStart;
    this.column = 0;
    const open = this.containers.length;
    const matched = this.matchContainers(true);
    if (matched === open && (this.leaf === FENCE || this.leaf === HTML)) {
      // Fenced code and HTML are "concrete": no container may start inside them.
      if (this.continueConcrete()) return;
    }
    const depth = this.openContainers(matched, open);
    this.findNonspace();
    const blank = this.nonspace >= this.lineEnd;
    // A "lazy" line continues some containers only, and opens none.
    const lazy = depth === matched && matched < open;
    this.tableHeadAllowed = true;
    if (lazy) {
      if (this.leaf === PARAGRAPH && !blank && this.continuesLazily()) return;
      // micromark tries a line right after a table row as a body row, which may not be lazy, and
      // never as a new header: such a line cannot start a table.
      if (this.leaf === TABLE) this.tableHeadAllowed = false;
      this.closeContainersFrom(depth);
    }
    this.scanLeaf(blank);
    // micromark ends indented code that started on a lazy line at that line's end (so the next
    // line is not "interrupting" it).
    if (lazy && this.leaf === INDENTED_CODE) this.leaf = NONE;
  }

  /**
   * Opens the containers the line starts after the `matched` ones it continues (a sibling list
   * item, block quotes, list items) and returns the depth the line's content is at.
   */
  private openContainers(matched: number, open: number): number {
    let depth = matched;
    this.findNonspace();
    // micromark decides once per line whether new containers interrupt the open flow content
    // (a paragraph or indented code), and keeps that for every container the line opens.
    let interrupt = matched === open && (this.leaf === PARAGRAPH || this.leaf === INDENTED_CODE);
    if (matched < open && this.nonspace < this.lineEnd && !this.containers[matched]!.quote && this.nonspaceColumn - this.column < 4) {
      // A new item of the list whose current item the line did not continue.
      const item = this.openListItem(false, this.containers[matched]!);
      if (item) {
        this.closeContainersFrom(matched);
        this.containers.push(item);
        depth = this.containers.length;
        interrupt = false;
        this.emitListItem();
      }
    }
    for (;;) {
      this.findNonspace();
      if (this.nonspace >= this.lineEnd || this.nonspaceColumn - this.column >= 4) return depth;
      if (this.text.charCodeAt(this.nonspace) === GT) {
        this.closeContainersFrom(depth);
        this.offset = this.nonspace + 1;
        this.column = this.nonspaceColumn + 1;
        if (this.offset < this.lineEnd && isSpaceOrTab(this.text.charCodeAt(this.offset))) this.advanceColumns(1);
        this.containers.push({ quote: true, ordered: false, marker: GT, size: 0, initialBlank: false, furtherBlank: false });
      } else {
        const item = this.openListItem(interrupt, null);
        if (!item) return depth;
        this.closeContainersFrom(depth);
        this.containers.push(item);
        this.emitListItem();
      }
      depth = this.containers.length;
    }
  }

  /**
   * A line that does not continue every open container, while a paragraph is open: it continues
   * the paragraph ("lazily") unless it starts a block that can interrupt it. Returns true when
   * the line was consumed here.
   */
  private continuesLazily(): boolean {
    const text = this.text;
    const start = this.nonspace;
    const end = this.lineEnd;
    const indent = this.nonspaceColumn - this.column;
    if (indent < 4) {
      const code = text.charCodeAt(start);
      if (this.startsInterruptingBlock(start, end)) return false;
      if (code === LT && htmlBlockKind(text, start, end, true) === 7) {
        // A lone complete tag may interrupt a paragraph from a lazy line, but micromark only knows
        // it is one after looking at the next line, by which time the line counts as part of the
        // paragraph's containers: the HTML block opens inside them.
        this.closeLeaf();
        this.startHtml(7, start, end);
        return true;
      }
      // The delimiter row must continue every open container: then the table opens inside them.
      if (this.tryOpenTable()) return true;
    }
    this.addParagraphLine();
    return true;
  }

  /** Handles a line inside fenced code or an HTML block whose containers all continue; false when the block ended before it. */
  private continueConcrete(): boolean {
    const text = this.text;
    this.findNonspace();
    const start = this.nonspace;
    const end = this.lineEnd;
    if (this.leaf === FENCE) {
      if (this.nonspaceColumn - this.column < 4 && start < end && isFenceClosing(text, start, end, this.fenceMarker, this.fenceLength)) {
        this.leaf = NONE;
      }
      return true;
    }
    if (this.htmlKind >= 6) {
      if (start >= end) {
        this.leaf = NONE;
        return false;
      }
      return true;
    }
    this.continueHtmlUntilEnd(this.offset, end);
    return true;
  }

  /** Ends an HTML block of kind 1-5 when `text[from, to)` holds its end condition. */
  private continueHtmlUntilEnd(from: number, to: number): void {
    const kind = this.htmlKind;
    if (kind === 2) {
      const close = indexWithin(this.text, "-->", from, to);
      if (close === -1) return;
      this.emitComment(close);
      this.leaf = NONE;
      return;
    }
    if (htmlBlockEnds(this.text, from, to, kind)) this.leaf = NONE;
  }

  private emitComment(close: number): void {
    // `<!-->` and `<!--->` close inside their own opener: their body is empty.
    const body = close > this.commentStart + 4 ? this.text.slice(this.commentStart + 4, close).trim() : "";
    this.blocks.push({ kind: "comment", comment: { body, span: { start: this.commentStartPoint!, end: this.point(close + 3) } } });
  }

  /** The part of a line after its container prefixes, at the current depth. */
  private scanLeaf(blank: boolean): void {
    const text = this.text;
    const start = this.nonspace;
    const end = this.lineEnd;
    const indent = this.nonspaceColumn - this.column;

    switch (this.leaf) {
      case PARAGRAPH: {
        if (blank) {
          this.closeLeaf();
          return;
        }
        if (indent >= 4) {
          this.addParagraphLine();
          return;
        }
        const depth = setextDepth(text, start, end);
        if (depth > 0) {
          this.emitSetextHeading(depth, end);
          return;
        }
        if (this.startsInterruptingBlock(start, end)) {
          this.closeLeaf();
          this.startLeaf(start, end, indent, false);
          return;
        }
        if (this.tryOpenTable(true)) return;
        this.addParagraphLine();
        return;
      }
      case TABLE: {
        if (blank) {
          this.closeLeaf();
          return;
        }
        if (indent >= 4 || this.startsInterruptingBlock(start, end) || (text.charCodeAt(start) === LT && htmlBlockKind(text, start, end, true) > 0)) {
          this.closeLeaf();
          this.startLeaf(start, end, indent, true);
          return;
        }
        this.addBodyRow(start);
        return;
      }
      case INDENTED_CODE: {
        if (blank || indent >= 4) return;
        this.leaf = NONE;
        this.startLeaf(start, end, indent, true);
        return;
      }
      default: {
        this.closeLeaf();
        if (blank) return;
        this.startLeaf(start, end, indent, true);
      }
    }
  }

  /** Whether a line starts an ATX heading, thematic break, fence or HTML block of kinds 1-6 (those that interrupt a paragraph). */
  private startsInterruptingBlock(start: number, end: number): boolean {
    const text = this.text;
    const code = text.charCodeAt(start);
    return (code === HASH && atxLevel(text, start, end) > 0) || isThematicBreak(text, start, end) || fenceOpening(text, start, end) > 0 || (code === LT && htmlBlockKind(text, start, end, false) > 0);
  }

  /** Starts a new leaf block on a non-blank line when nothing (or a closed block) precedes it. */
  private startLeaf(start: number, end: number, indent: number, allowCompleteHtml: boolean): void {
    const text = this.text;
    if (indent >= 4) {
      this.leaf = INDENTED_CODE;
      return;
    }
    const code = text.charCodeAt(start);
    if (code === HASH) {
      const level = atxLevel(text, start, end);
      if (level > 0) {
        this.emitAtxHeading(level, start, end);
        return;
      }
    }
    if (isThematicBreak(text, start, end)) return;
    const fence = fenceOpening(text, start, end);
    if (fence > 0) {
      this.leaf = FENCE;
      this.fenceMarker = code;
      this.fenceLength = fence;
      return;
    }
    if (code === LT) {
      const kind = htmlBlockKind(text, start, end, allowCompleteHtml);
      if (kind > 0) {
        this.startHtml(kind, start, end);
        return;
      }
    }
    if (this.tryOpenTable()) return;
    this.leaf = PARAGRAPH;
    this.paragraphStart = this.point(start);
    this.paragraphLines.length = 0;
    this.addParagraphLine();
  }

  private startHtml(kind: number, start: number, end: number): void {
    this.leaf = HTML;
    this.htmlKind = kind;
    if (kind === 2) {
      this.commentStart = start;
      this.commentStartPoint = this.point(start);
      // The opener's dashes count: `<!-->` and `<!--->` are complete comments in micromark.
      this.continueHtmlUntilEnd(start + 2, end);
      return;
    }
    if (kind <= 5) this.continueHtmlUntilEnd(start + 1, end);
  }

  private addParagraphLine(): void {
    this.paragraphLines.push(this.nonspace, this.lineEnd);
  }

  private emitAtxHeading(level: number, start: number, end: number): void {
    const text = this.text;
    const contentEnd = trimEnd(text, start, end);
    let textStart = skipSpaces(text, start + level, contentEnd);
    let textEnd = contentEnd;
    // A closing sequence of `#`s counts only when preceded by whitespace (or it is all there is).
    let i = textEnd;
    while (i > textStart && text.charCodeAt(i - 1) === HASH) i--;
    if (i < textEnd && (i === textStart || isSpaceOrTab(text.charCodeAt(i - 1)))) textEnd = trimEnd(text, textStart, i);
    if (textEnd < textStart) textStart = textEnd;
    // Like micromark's token, the span runs to the end of the line (trailing whitespace included).
    this.blocks.push({ kind: "heading", heading: { depth: level, text: text.slice(textStart, textEnd), span: this.span(start, end) } });
  }

  private emitSetextHeading(depth: number, end: number): void {
    const lines = this.paragraphLines;
    const parts: string[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      const from = skipSpaces(this.text, lines[i]!, lines[i + 1]!);
      parts.push(this.text.slice(from, trimEnd(this.text, from, lines[i + 1]!)));
    }
    this.blocks.push({
      kind: "heading",
      heading: { depth, text: parts.join("\n"), span: { start: this.paragraphStart!, end: this.point(end) } },
    });
    this.leaf = NONE;
    this.paragraphStart = null;
  }

  private closeLeaf(): void {
    this.leaf = NONE;
    this.table = null;
    this.paragraphStart = null;
    this.commentStartPoint = null;
  }

  // ---- tables ------------------------------------------------------------------------------------

  /**
   * Opens a table when the current line (from `nonspace`) is a header row and the next line,
   * continuing every open container, is a delimiter row with as many cells. `inParagraph`: the
   * line would otherwise continue an open paragraph.
   */
  private tryOpenTable(inParagraph = false): boolean {
    const text = this.text;
    const start = this.nonspace;
    const end = this.lineEnd;
    const nextStart = this.nextLineStart;
    if (nextStart === -1 || !this.tableHeadAllowed) return false;
    // A header row made of a single pipe is not one (micromark counts `|` alone as too small).
    if (text.charCodeAt(start) === PIPE && skipSpaces(text, start + 1, end) === end) return false;

    const delimiter = this.peekDelimiterRow(nextStart);
    if (!delimiter) return false;
    const headerCount = countCells(text, start, end);
    if (headerCount !== delimiter.aligns.length) return false;
    if (inParagraph && text.charCodeAt(start) === LT && htmlBlockKind(text, start, end, true) === 7) {
      // The table only decides that the paragraph ends here; micromark then parses the line
      // afresh, where a lone complete tag (not allowed to interrupt) wins over a table.
      this.closeLeaf();
      this.startHtml(7, start, end);
      return true;
    }

    const header = this.row(start, end);
    const headerStart = this.point(this.lineStart);
    // Move to the delimiter line (it was only peeked at): the main loop resumes after it.
    this.lineStart = nextStart;
    this.lineEnd = delimiter.lineEnd;
    this.nextLineStart = this.afterLineEnding(delimiter.lineEnd);
    this.lineNumber++;
    this.offset = nextStart;
    this.column = 0;
    this.matchContainers(true);
    const delimiterRow = this.row(delimiter.start, delimiter.lineEnd);
    const table: ScannedTable = {
      header,
      delimiter: delimiterRow,
      align: delimiter.aligns,
      rows: [],
      leadingPipe: text.charCodeAt(start) === PIPE,
      span: { start: headerStart, end: this.point(delimiter.lineEnd) },
    };
    this.closeLeaf();
    this.leaf = TABLE;
    this.table = table;
    this.blocks.push({ kind: "table", table });
    return true;
  }

  /** Looks at the line starting at `lineStart` for a delimiter row inside the open containers, without consuming it. */
  private peekDelimiterRow(lineStart: number): { aligns: ColumnAlign[]; start: number; lineEnd: number } | null {
    const text = this.text;
    // Cheap rejection before measuring anything: skip up to 3 spaces and look at one character.
    if (this.containers.length === 0) {
      let i = lineStart;
      while (i < lineStart + 3 && text.charCodeAt(i) === SPACE) i++;
      const code = text.charCodeAt(i);
      // A tab in the indentation always reaches column 4, so only these can start a delimiter row.
      if (code !== PIPE && code !== DASH && code !== COLON) return null;
    }
    const saved = [this.lineStart, this.lineEnd, this.offset, this.column, this.nonspace, this.nonspaceColumn] as const;
    const lineEnd = this.endOfLine(lineStart);
    this.lineStart = lineStart;
    this.lineEnd = lineEnd;
    this.offset = lineStart;
    this.column = 0;
    let result: { aligns: ColumnAlign[]; start: number; lineEnd: number } | null = null;
    if (this.matchContainers(false) === this.containers.length) {
      this.findNonspace();
      const start = this.nonspace;
      const code = text.charCodeAt(start);
      const next = start + 1 < lineEnd ? text.charCodeAt(start + 1) : -1;
      // `- | -` starts a list item, which wins over the delimiter row.
      const listItem = code === DASH && isSpaceOrTab(next);
      if (start < lineEnd && this.nonspaceColumn - this.column < 4 && !listItem) {
        const aligns = parseDelimiterRow(text, start, lineEnd);
        if (aligns) result = { aligns, start, lineEnd };
      }
    }
    [this.lineStart, this.lineEnd, this.offset, this.column, this.nonspace, this.nonspaceColumn] = saved;
    return result;
  }

  private addBodyRow(start: number): void {
    const table = this.table!;
    table.rows.push(this.row(start, this.lineEnd));
    table.span.end = this.point(this.lineEnd);
  }

  /**
   * A row `text[from, to)` (from = first non-whitespace); its cells are split the GFM way when
   * first asked for (see `TableRow`).
   */
  private row(from: number, to: number): TableRow {
    return new TableRow(this.text, from, to, this.lineNumber, this.lineStart, this.hasBackslash(from, to));
  }

  /** Where the last search for a backslash started, and what it found (-1: none from there on). */
  private backslashSearchFrom = Number.MAX_SAFE_INTEGER;
  private nextBackslash = -1;

  /** Whether `text[from, to)` holds a backslash. Searches natively, once for each stretch without one. */
  private hasBackslash(from: number, to: number): boolean {
    if (from < this.backslashSearchFrom || (this.nextBackslash !== -1 && this.nextBackslash < from)) {
      this.backslashSearchFrom = from;
      this.nextBackslash = this.text.indexOf("\\", from);
    }
    return this.nextBackslash !== -1 && this.nextBackslash < to;
  }
}
