/**
 * Reads the role codes out of one cell's text, whatever the house style:
 * `__RA__`, `**RA**`, `RA`, `R, A`, `A/R`, `ra`, footnote markers (`RA*`, `I¹`), `N/A`, party names.
 */
import type { Cell, CellReading, CellStyle, CodeToken } from "../model/matrix.js";
import type { LineIndex, SourceSpan } from "../model/position.js";
import type { RoleScheme } from "../model/scheme.js";
import type { TableCell } from "./markdown/scan-types.js";
import { nameKey } from "../model/text.js";
import type { PartyNames } from "./parties.js";

/** What the cell reader needs to know about its surroundings. */
export interface CellContext {
  lines: LineIndex;
  scheme: RoleScheme;
  /** The names that mean "a party" (headers, party names, customer/provider words). */
  partyNames: PartyNames;
  /** Reads a cell text in this context: `readCellText`, or a memoised equivalent the caller supplies. */
  read: (raw: string) => CellReading;
}

/** Reads cell texts: `readCellText` or an equivalent that remembers its answers (see `ReadOptions.readCell`). */
export type CellTextReader = (raw: string, scheme: RoleScheme, partyNames: PartyNames) => CellReading;

/** A cell context whose texts are read by `reader` (default: `readCellText` with the scheme's lexicon made once, nothing remembered). */
export function cellContext(lines: LineIndex, scheme: RoleScheme, partyNames: PartyNames, reader?: CellTextReader): CellContext {
  if (reader) return { lines, scheme, partyNames, read: (raw) => reader(raw, scheme, partyNames) };
  const lexicon = lexiconOf(scheme);
  return { lines, scheme, partyNames, read: (raw) => readCellText(raw, scheme, partyNames, lexicon) };
}

const WRAPPERS = ["**", "__", "*", "_", "`"];
/** Footnote markers of bounded length at the end of a text: `(1)`, `[1]`, `[^a]`. */
const BOUNDED_MARKER = /(?:\(\d{1,2}\)|\[\d{1,2}\]|\[\^[^\]\s]{1,10}\])$/u;
const SYMBOL_MARKERS = "†‡§";
const SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰";

/**
 * Where a footnote marker ending a text starts (`*`, `\*`, `†`, `¹`, `^1`, `(1)`, `[1]`, `[^a]`), or
 * -1. Walks back from the end: a regular expression anchored only at the end would be retried from
 * every position of a long run of `*` (quadratic).
 */
function markerStart(text: string): number {
  let i = text.length;
  const last = text[i - 1];
  if (last === undefined) return -1;
  if (last === "*") {
    while (i > 0 && text[i - 1] === "*") {
      i--;
      if (text[i - 1] === "\\") i--;
    }
    return i;
  }
  for (const set of [SYMBOL_MARKERS, SUPERSCRIPTS]) {
    if (!set.includes(last)) continue;
    while (i > 0 && set.includes(text[i - 1]!)) i--;
    return i;
  }
  if (last >= "0" && last <= "9") {
    while (i > 0 && text[i - 1]! >= "0" && text[i - 1]! <= "9") i--;
    return text[i - 1] === "^" ? i - 1 : -1;
  }
  const tail = text.slice(-14);
  const bounded = BOUNDED_MARKER.exec(tail);
  return bounded ? text.length - tail.length + bounded.index : -1;
}

/** `text` without the characters `drop` accepts at either end (`**R**` -> `R`), and where what is left starts. */
function trimWhere(text: string, drop: (ch: string) => boolean): { text: string; start: number } {
  let start = 0;
  let end = text.length;
  while (start < end && drop(text[start]!)) start++;
  while (end > start && drop(text[end - 1]!)) end--;
  return { text: text.slice(start, end), start };
}

const isEmphasis = (ch: string) => ch === "*" || ch === "_" || ch === "`";
const isEmphasisOrSpace = (ch: string) => isEmphasis(ch) || /\s/u.test(ch);
const PLACEHOLDER = /^[-–—]+$/u;
const NOT_APPLICABLE = /^(?:n\s*\/\s*a|n\.\s*a\.?|na|not applicable|s\.\s*o\.|k\.\s*a\.|nicht zutreffend|no aplica|non applicabile|sans objet)$/iu;
const PART = /n\/a|[^\s,;/+&]+/giu;
/** Words that join codes (`Responsible and Accountable`): read as separators. */
const CONNECTOR = /^(?:and|et|und|y|e|or|ou|oder|o)$/iu;
const UPPER_LETTERS = /^[A-Z]{1,4}$/u;
const LOWER_LETTERS = /^[a-z]{1,4}$/u;
/** A numbered code: `R1`, `R2` (primary, secondary). */
const NUMBERED = /^([A-Za-z])(\d{1,2})$/u;
/** A comment in parentheses after the codes: `**R** (facilitates)`, `A (sign-off)`. */
const COMMENT = /\s*\(([^()]*)\)$/u;

/** Strips one level of emphasis around a text, returning the wrapper and where the inside starts/ends. */
function unwrap(text: string): { wrapper: string; start: number; end: number; after: string } | null {
  for (const w of WRAPPERS) {
    if (!text.startsWith(w) || text.length <= 2 * w.length) continue;
    const close = text.lastIndexOf(w);
    if (close < w.length) continue;
    const after = text.slice(close + w.length);
    if (after === "" || markerStart(after) >= 0) return { wrapper: w, start: w.length, end: close, after };
  }
  return null;
}

/**
 * A cell: its text's reading placed at its position. A cell never spans lines, so every span in it
 * is column arithmetic from where its text starts; tokens, style and spans are made when first
 * asked for, since most cells are only read for their codes.
 */
class PlacedCell implements Cell {
  private placedTokens: CodeToken[] | null = null;
  private placedStyle: CellStyle | null = null;

  constructor(
    readonly party: number,
    readonly raw: string,
    readonly reading: CellReading,
    /** Offset, line and column where `raw` starts. */
    private readonly start: number,
    private readonly line: number,
    private readonly column: number,
    private contentSpan: SourceSpan | null,
    /** The box's span, when it is not on the cell's line (null: see `boxStart`). */
    private readonly boxSpan: SourceSpan | null,
    /** The box's offsets on the cell's line (Markdown); -1 when the cell has no box. */
    private readonly boxStart: number,
    private readonly boxEnd: number,
    /** False when `raw` is not the source text at `start` (a YAML/JSON string with escapes, an alias): every span is then the whole cell's. */
    private readonly literal: boolean,
    /** False when the cell cannot be edited in place (read through an alias, or not written as it reads). */
    private readonly editable: boolean,
  ) {}

  get codes(): readonly string[] {
    return this.reading.codes;
  }
  get empty(): boolean {
    return this.reading.empty;
  }
  get span(): SourceSpan {
    this.contentSpan ??= this.spanAt(0, this.raw.length);
    return this.contentSpan;
  }
  get box(): SourceSpan | null {
    if (this.boxStart < 0) return this.boxSpan;
    const { line, column, start } = this;
    const lineStart = start - column + 1;
    const at = (offset: number) => ({ line, column: offset - lineStart + 1, offset });
    return { start: at(this.boxStart), end: at(this.boxEnd) };
  }
  get tokens(): CodeToken[] {
    this.placedTokens ??= this.reading.tokens.map((k) => ({ kind: k.kind, value: k.value, raw: k.raw, valid: k.valid, span: this.spanAt(k.offset, k.raw.length) }));
    return this.placedTokens;
  }
  get style(): CellStyle {
    const style = this.reading.style;
    this.placedStyle ??= this.editable ? { ...style, bodyStart: this.start + style.bodyStart, bodyEnd: this.start + style.bodyEnd } : { ...style, bodyStart: -1, bodyEnd: -1 };
    return this.placedStyle;
  }
  /** The cell as data (what `JSON.stringify` writes). */
  toJSON(): Omit<Cell, "reading"> {
    const { party, raw, tokens, codes, empty, style, span, box } = this;
    return { party, raw, tokens, codes, empty, style, span, box };
  }

  private spanAt(offset: number, length: number): SourceSpan {
    if (!this.literal && this.contentSpan) return this.contentSpan;
    const { line, column, start } = this;
    const span: SourceSpan = {
      start: { line, column: column + offset, offset: start + offset },
      end: { line, column: column + offset + length, offset: start + offset + length },
    };
    // A spreadsheet cell's tokens name its cell too.
    const ref = this.contentSpan?.ref;
    if (ref) span.ref = ref;
    return span;
  }
}

/** Reads a cell the Markdown scanner found, for party `party`. */
export function readTableCell(cell: TableCell, party: number, ctx: CellContext): Cell {
  return placeReading(ctx.read(cell.raw), party, cell);
}

/** A cell of a table of any format (see `GridCell` in grid.ts), for party `party`, whose text's reading is known. */
export function placedCell(reading: CellReading, party: number, cell: { raw: string; content: SourceSpan; box: SourceSpan | null; editable?: boolean; literal?: boolean }): Cell {
  const span = cell.content;
  return new PlacedCell(party, cell.raw, reading, span.start.offset, span.start.line, span.start.column, span, cell.box, -1, -1, cell.literal ?? true, cell.editable ?? true);
}

/** A cell the Markdown scanner found, for party `party`, whose text's reading is known. */
export function placeReading(reading: CellReading, party: number, cell: TableCell): Cell {
  return placeRowCell(reading, party, cell.raw, cell.line, cell.lineStart, cell.contentStart, cell.boxStart, cell.boxEnd);
}

/** A cell of a Markdown table row, from where it lies on its line (`line` starts at offset `lineStart`). */
export function placeRowCell(reading: CellReading, party: number, raw: string, line: number, lineStart: number, contentStart: number, boxStart: number, boxEnd: number): Cell {
  return new PlacedCell(party, raw, reading, contentStart, line, contentStart - lineStart + 1, null, null, boxStart, boxEnd, true, true);
}

/**
 * Reads one cell. `raw` is the trimmed content and `start` its offset in the source. `literal`:
 * `raw` is written as is at `start` (else, as for a string with escapes, every span in the cell is
 * `span`, the whole of where it is written). `editable`: fixes may rewrite it in place.
 */
export function readCell(raw: string, start: number, party: number, ctx: CellContext, box: Cell["box"], span: SourceSpan | null = null, literal = true, editable = true): Cell {
  const at = span ?? ctx.lines.span(start, start + raw.length);
  return new PlacedCell(party, raw, ctx.read(raw), start, at.start.line, at.start.column, at, box, -1, -1, literal, editable);
}

/** The kind of a reading (see `CellReading.kind`). */
function kindOf(reading: Omit<CellReading, "kind">): CellReading["kind"] {
  return reading.empty ? "empty" : reading.style.words ? "words" : reading.tokens.some((k) => k.kind !== "text") ? "codes" : "text";
}

/** What a scheme's codes look like written: its code letters, and its codes by the key of each of their names. */
export interface SchemeLexicon {
  codes: ReadonlySet<string>;
  words: ReadonlyMap<string, string>;
}

/** The lexicon of a scheme (see `SchemeLexicon`). */
export function lexiconOf(scheme: RoleScheme): SchemeLexicon {
  return { codes: new Set(scheme.codes.map((c) => c.code)), words: codeWords(scheme) };
}

/**
 * Reads a cell text (trimmed) in a context: the scheme, and the names that mean a party. Pure.
 * `lexicon`: the scheme's lexicon, when the caller keeps it (it is made from `scheme` otherwise).
 */
export function readCellText(raw: string, scheme: RoleScheme, partyNames: PartyNames, lexicon: SchemeLexicon = lexiconOf(scheme)): CellReading {
  return readCellTextAndKey(raw, lexicon, partyNames).reading;
}

/**
 * `readCellText`, and the key (`nameKey`) of the text's body if it could name a party (null when
 * it cannot): the reading depends on the party names only through whether they hold that key.
 */
export function readCellTextAndKey(raw: string, lexicon: SchemeLexicon, partyNames: PartyNames): { reading: CellReading; partyKey: string | null } {
  const { bodyKey, ...reading } = parseText(raw, lexicon, partyNames);
  return { reading: { ...reading, kind: kindOf(reading) }, partyKey: bodyKey };
}

type MutableReading = {
  tokens: { kind: CodeToken["kind"]; value: string; raw: string; valid: boolean; offset: number }[];
  codes: string[];
  empty: boolean;
  style: CellStyle;
  /** The key the party names were asked about, if they were. */
  bodyKey: string | null;
};

/** Parses a cell's text at offset 0. */
function parseText(raw: string, lexicon: SchemeLexicon, partyNames: PartyNames): MutableReading {
  const start = 0;
  const style: CellStyle = { wrapper: "", separator: "", marker: "", lowerCase: false, words: false, bodyStart: start, bodyEnd: start + raw.length };
  const cell: MutableReading = { tokens: [], codes: [], empty: true, style, bodyKey: null };
  if (raw === "") return cell;

  // Peel emphasis and footnote markers until only the codes are left.
  let from = 0;
  let to = raw.length;
  for (let round = 0; round < 3; round++) {
    const inner = raw.slice(from, to);
    const wrapped = unwrap(inner);
    if (wrapped) {
      if (!style.wrapper) style.wrapper = wrapped.wrapper;
      if (wrapped.after && !style.marker) style.marker = wrapped.after;
      to = from + wrapped.end;
      from += wrapped.start;
      continue;
    }
    const marker = markerStart(inner);
    if (marker > 0) {
      if (!style.marker) style.marker = inner.slice(marker);
      to = from + marker;
      continue;
    }
    break;
  }
  while (from < to && /\s/u.test(raw[from]!)) from++;
  while (to > from && /\s/u.test(raw[to - 1]!)) to--;
  style.bodyStart = start + from;
  style.bodyEnd = start + to;
  const body = raw.slice(from, to);
  if (body === "" || PLACEHOLDER.test(body) || /^[*_`]+$/u.test(body)) return cell;
  cell.empty = false;

  const tokenAt = (kind: CodeToken["kind"], value: string, tokenRaw: string, offset: number, valid: boolean) => ({
    kind,
    value,
    raw: tokenRaw,
    valid,
    offset: from + offset,
  });

  if (NOT_APPLICABLE.test(body)) {
    cell.tokens.push(tokenAt("not-applicable", body.toUpperCase(), body, 0, false));
    return cell;
  }
  cell.bodyKey = nameKey(body);
  if (partyNames.has(cell.bodyKey)) {
    cell.tokens.push(tokenAt("party-name", body, body, 0, false));
    return cell;
  }

  const valid = lexicon.codes;
  // Split into parts at separators; `N/A` inside a list stays one part.
  const parts: { text: string; offset: number }[] = [];
  for (const part of body.matchAll(PART)) {
    if (CONNECTOR.test(part[0])) continue;
    if (!style.separator && parts.length === 1) style.separator = body.slice(parts[0]!.offset + parts[0]!.text.length, part.index);
    // Emphasis around each code (`**R**, **A**`): the outer peel leaves `R**` and `**A`.
    const { text, start: lead } = trimWhere(part[0], isEmphasis);
    parts.push({ text: text === "" ? part[0] : text, offset: part.index + (text === "" ? 0 : lead) });
  }
  // Upper-case letters are codes when at least half of them are the scheme's (`AR`, `AX`) or the
  // letter stands alone (`X`), not an abbreviation (`GB`, `TBD`, `EUR`); lower-case ones only when
  // all are (`ra`, not `os`).
  const isCodes = (text: string): "upper" | "lower" | null => {
    if (UPPER_LETTERS.test(text)) {
      if (text.length === 1) return "upper";
      let known = 0;
      for (const l of text) if (valid.has(l)) known++;
      return known * 2 >= text.length ? "upper" : null;
    }
    if (LOWER_LETTERS.test(text) && [...text.toUpperCase()].every((l) => valid.has(l))) return "lower";
    return null;
  };
  const numbered = (text: string) => {
    const match = NUMBERED.exec(text);
    return match && valid.has(match[1]!.toUpperCase()) ? match[1]!.toUpperCase() : null;
  };
  const known = (text: string) => isCodes(text) !== null || numbered(text) !== null || NOT_APPLICABLE.test(text);
  if (!parts.every((p) => known(p.text))) {
    // Codes written as words (`Responsible, Accountable`, `Informé`)?
    const words = readWords(body, lexicon.words);
    if (words) {
      style.words = true;
      style.separator = words.separator;
      for (const word of words.parts) {
        cell.tokens.push(tokenAt("code", word.code, word.text, word.offset, true));
        cell.codes.push(word.code);
      }
      return cell;
    }
    // A comment in parentheses after codes (`**R** (facilitates)`): the codes are read, the comment is not.
    const comment = COMMENT.exec(body);
    if (comment && comment.index > 0) {
      const codes = parseText(raw.slice(0, from + comment.index), lexicon, partyNames);
      if (codes.tokens.length > 0 && codes.tokens.every((t) => t.kind === "code" && t.valid)) return codes;
    }
    // Words, numbers or a mix with no code of the scheme: one token for the whole text (`24 GB`, `Yes`, `TBD`).
    const holdsCode = (text: string) => (isCodes(text) !== null && [...text.toUpperCase()].some((l) => valid.has(l))) || numbered(text) !== null || lexicon.words.has(nameKey(text));
    const codeParts = parts.filter((p) => holdsCode(p.text)).length;
    // Codes among a few short tokens (`R, A?`, `A, TBD`) are read one by one; prose that happens to
    // hold a code-like word (`Integrate the checks in CI`) is text.
    const codeLike = codeParts > 0 && (codeParts * 2 >= parts.length || (parts.length <= 4 && parts.every((p) => holdsCode(p.text) || p.text.length <= 5)));
    if (!codeLike) {
      cell.tokens.push(tokenAt("text", body, body, 0, false));
      return cell;
    }
  }
  // Token by token: each part is a code (letters, a numbered code, a word naming one), N/A, or text
  // reported on its own span; the cell's known codes count whatever else it holds.
  for (const part of parts) {
    const kind = isCodes(part.text);
    if (kind) {
      if (kind === "lower") style.lowerCase = true;
      for (let i = 0; i < part.text.length; i++) {
        const letter = part.text[i]!;
        const code = letter.toUpperCase();
        const token = tokenAt("code", code, letter, part.offset + i, valid.has(code));
        cell.tokens.push(token);
        if (token.valid) cell.codes.push(code);
      }
      continue;
    }
    const code = numbered(part.text) ?? lexicon.words.get(nameKey(part.text));
    if (code !== undefined) {
      cell.tokens.push(tokenAt("code", code, part.text, part.offset, true));
      cell.codes.push(code);
      continue;
    }
    cell.tokens.push(tokenAt(NOT_APPLICABLE.test(part.text) ? "not-applicable" : "text", part.text.toUpperCase(), part.text, part.offset, false));
  }
  return cell;
}

/** A part of a cell between separators, trimmed: `Responsible` in `Responsible / Accountable`. */
const WORD_PART = /[^,;/+&]+/gu;

/** The scheme's codes by the key of each of their names, in any language (a name two codes share names neither). */
export function codeWords(scheme: RoleScheme): Map<string, string> {
  const words = new Map<string, string>();
  const shared = new Set<string>();
  for (const { code, names } of scheme.codes) {
    for (const name of Object.values(names).flat()) {
      const key = nameKey(name);
      const known = words.get(key);
      if (known !== undefined && known !== code) shared.add(key);
      words.set(key, code);
    }
  }
  for (const key of shared) words.delete(key);
  return words;
}

/**
 * Reads a cell body whose every part names a code of the scheme (`Responsible, Accountable`,
 * `Consulté`, `Führt aus`), with where each part is and the first separator; null otherwise.
 */
function readWords(body: string, words: ReadonlyMap<string, string>): { parts: { code: string; text: string; offset: number }[]; separator: string } | null {
  const parts: { code: string; text: string; offset: number }[] = [];
  let separator = "";
  let firstEnd = 0;
  for (const match of body.matchAll(WORD_PART)) {
    // Spaces and emphasis around each word (`**Responsible**, **Accountable**`) are not the word.
    const { text, start: lead } = trimWhere(match[0], isEmphasisOrSpace);
    if (text === "") return null;
    const code = words.get(nameKey(text));
    if (code === undefined) return null;
    const offset = match.index + lead;
    // The separator is what lies between the first two parts, emphasis aside: `, ` in `**R**, **A**`.
    if (parts.length === 0) firstEnd = match.index + match[0].trimEnd().length;
    if (parts.length === 1) separator = body.slice(firstEnd, match.index + match[0].length - match[0].trimStart().length);
    parts.push({ code, text, offset });
  }
  return parts.length > 0 ? { parts, separator } : null;
}
