/**
 * Reads the role codes out of one cell's text, whatever the house style:
 * `__RA__`, `**RA**`, `RA`, `R, A`, `A/R`, `ra`, footnote markers (`RA*`, `I¹`), `N/A`, party names.
 */
import type { Cell, CellStyle, CodeToken } from "../model/matrix.js";
import type { LineIndex, SourceSpan } from "../model/position.js";
import type { RoleScheme } from "../model/scheme.js";
import { TableCell } from "./markdown/scan-types.js";
import { nameKey } from "../model/text.js";
import { IdTable } from "../model/ids.js";

/** What the cell reader needs to know about its surroundings. */
export interface CellContext {
  lines: LineIndex;
  scheme: RoleScheme;
  /** Lower-cased names that mean "a party" (headers, party names, customer/provider words). */
  partyNames: ReadonlySet<string>;
  /** The parses of this context, found on first use. */
  templates?: Map<string, CellTemplate>;
}

const WRAPPERS = ["**", "__", "*", "_", "`"];
const MARKER = /(?:\*+|[†‡§]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\^\d+|\(\d{1,2}\)|\[\d{1,2}\]|\[\^[^\]\s]{1,10}\])$/u;
const PLACEHOLDER = /^[-–—]+$/u;
const NOT_APPLICABLE = /^(?:n\s*\/\s*a|n\.\s*a\.?|na|not applicable|s\.\s*o\.|k\.\s*a\.|nicht zutreffend|no aplica|non applicabile|sans objet)$/iu;
const PART = /n\/a|[^\s,;\/+&]+/giu;
const UPPER_LETTERS = /^[A-Z]{1,4}$/u;
const LOWER_LETTERS = /^[a-z]{1,4}$/u;

/** Strips one level of emphasis around a text, returning the wrapper and where the inside starts/ends. */
function unwrap(text: string): { wrapper: string; start: number; end: number; after: string } | null {
  for (const w of WRAPPERS) {
    if (!text.startsWith(w) || text.length <= 2 * w.length) continue;
    const close = text.lastIndexOf(w);
    if (close < w.length) continue;
    const after = text.slice(close + w.length);
    if (after === "" || MARKER.test(after)) return { wrapper: w, start: w.length, end: close, after };
  }
  return null;
}

/** A parsed cell with offsets relative to its start, reusable for every cell with the same text. */
export interface CellTemplate {
  /** Names this parse (see `Cell.shape`) and what it reads as (see `Cell.reading`). */
  shape: number;
  reading: number;
  /**
   * What the text reads as: `empty`, `codes` (role codes, valid or not, a party name or N/A:
   * something written where codes belong), `words` (codes written as the words naming them) or
   * `text`. Tells RACI tables from other tables.
   */
  kind: "empty" | "codes" | "words" | "text";
  tokens: { kind: CodeToken["kind"]; value: string; raw: string; valid: boolean; offset: number }[];
  codes: string[];
  empty: boolean;
  style: CellStyle;
}

const shapeIds = new IdTable();
const readingIds = new IdTable();

/** Names a fresh parse: equal parses (from any text, in any context) get equal ids. */
function identify(template: CellTemplate): CellTemplate {
  const { tokens, codes, empty, style } = template;
  template.shape = shapeIds.of(JSON.stringify([tokens, codes, empty, style]));
  template.reading = readingIds.of(JSON.stringify([codes, empty, tokens.filter((t) => !t.valid).length]));
  template.kind = empty ? "empty" : style.words ? "words" : tokens.some((k) => k.kind !== "text") ? "codes" : "text";
  return template;
}

// Real matrices repeat a few cell texts (`__RA__`, `**I**`) thousands of times: parse each text once
// per context (scheme and party names) and re-position the result.
const templateCache = new WeakMap<RoleScheme, WeakMap<ReadonlySet<string>, Map<string, CellTemplate>>>();

/** The (cached) parse of a cell text in a context. */
export function templateOf(raw: string, ctx: CellContext): CellTemplate {
  const cache = (ctx.templates ??= templatesOf(ctx));
  let template = cache.get(raw);
  if (!template) {
    template = identify(parseTemplate(raw, ctx));
    if (cache.size < 10_000) cache.set(raw, template);
  }
  return template;
}

/** The parses made so far in a context (a scheme and the party names of a table). */
function templatesOf(ctx: CellContext): Map<string, CellTemplate> {
  let byNames = templateCache.get(ctx.scheme);
  if (!byNames) {
    byNames = new WeakMap();
    templateCache.set(ctx.scheme, byNames);
  }
  let cache = byNames.get(ctx.partyNames);
  if (!cache) {
    cache = new Map();
    byNames.set(ctx.partyNames, cache);
  }
  return cache;
}

/**
 * A cell: its text's parse (shared by every cell with the same text) placed at its position. A
 * cell never spans lines, so every span in it is column arithmetic from where its text starts;
 * tokens, style and spans are made when first asked for, since most cells are only read for their
 * codes.
 */
class PlacedCell implements Cell {
  private placedTokens: CodeToken[] | null = null;
  private placedStyle: CellStyle | null = null;

  constructor(
    readonly party: number,
    readonly raw: string,
    private readonly template: CellTemplate,
    /** Offset, line and column where `raw` starts. */
    private readonly start: number,
    private readonly line: number,
    private readonly column: number,
    private contentSpan: SourceSpan | null,
    private readonly boxOf: TableCell | SourceSpan | null,
    /** False when `raw` is not the source text at `start` (a YAML/JSON string with escapes, an alias): every span is then the whole cell's. */
    private readonly literal = true,
  ) {}

  get shape(): number {
    return this.template.shape;
  }
  get reading(): number {
    return this.template.reading;
  }
  get codes(): string[] {
    return this.template.codes;
  }
  get empty(): boolean {
    return this.template.empty;
  }
  get span(): SourceSpan {
    this.contentSpan ??= this.spanAt(0, this.raw.length);
    return this.contentSpan;
  }
  get box(): SourceSpan | null {
    const box = this.boxOf;
    return box instanceof TableCell ? box.box : box;
  }
  get tokens(): CodeToken[] {
    this.placedTokens ??= this.template.tokens.map((k) => ({ kind: k.kind, value: k.value, raw: k.raw, valid: k.valid, span: this.spanAt(k.offset, k.raw.length) }));
    return this.placedTokens;
  }
  /** The style, placed; the YAML reader marks cells it cannot edit in place by setting the body offsets to -1. */
  get style(): CellStyle {
    const style = this.template.style;
    this.placedStyle ??= { ...style, bodyStart: this.start + style.bodyStart, bodyEnd: this.start + style.bodyEnd };
    return this.placedStyle;
  }
  /** The cell as data (what `JSON.stringify` writes): the `Cell` fields, not how they are kept. */
  toJSON(): Cell {
    const { party, raw, tokens, codes, shape, reading, empty, style, span, box } = this;
    return { party, raw, tokens, codes, shape, reading, empty, style, span, box };
  }

  private spanAt(offset: number, length: number): SourceSpan {
    if (!this.literal && this.contentSpan) return this.contentSpan;
    const { line, column, start } = this;
    return {
      start: { line, column: column + offset, offset: start + offset },
      end: { line, column: column + offset + length, offset: start + offset + length },
    };
  }
}

/** Parses a cell the Markdown scanner found, for party `party`. */
export function parseTableCell(cell: TableCell, party: number, ctx: CellContext): Cell {
  return placeTemplate(templateOf(cell.raw, ctx), party, cell);
}

/** A cell the Markdown scanner found, for party `party`, whose text's parse (`templateOf`) is known. */
export function placeTemplate(template: CellTemplate, party: number, cell: TableCell): Cell {
  const start = cell.contentStart;
  return new PlacedCell(party, cell.raw, template, start, cell.line, start - cell.lineStart + 1, null, cell);
}

/** The parses made so far in a context: one object per scheme and list of party names, for callers that memoise beside it. */
export function contextTemplates(ctx: CellContext): Map<string, CellTemplate> {
  return (ctx.templates ??= templatesOf(ctx));
}

/**
 * Parses one cell. `raw` is the trimmed content and `start` its offset in the source. `literal`:
 * `raw` is written as is at `start` (else, as for a string with escapes, every span in the cell is
 * `span`, the whole of where it is written).
 */
export function parseCell(
  raw: string,
  start: number,
  party: number,
  ctx: CellContext,
  box: Cell["box"],
  span: SourceSpan | null = null,
  literal = true,
): Cell {
  const at = span ?? ctx.lines.span(start, start + raw.length);
  return new PlacedCell(party, raw, templateOf(raw, ctx), start, at.start.line, at.start.column, at, box, literal);
}

/** Parses a cell's text at offset 0. */
function parseTemplate(raw: string, ctx: CellContext): CellTemplate {
  const start = 0;
  const style: CellStyle = { wrapper: "", separator: "", marker: "", lowerCase: false, words: false, bodyStart: start, bodyEnd: start + raw.length };
  const cell: CellTemplate = { shape: -1, reading: -1, kind: "empty", tokens: [], codes: [], empty: true, style };
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
    const marker = MARKER.exec(inner);
    if (marker && marker.index > 0) {
      if (!style.marker) style.marker = marker[0];
      to = from + marker.index;
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
  if (ctx.partyNames.has(nameKey(body))) {
    cell.tokens.push(tokenAt("party-name", body, body, 0, false));
    return cell;
  }

  const valid = new Set(ctx.scheme.codes.map((c) => c.code));
  // Split into parts at separators; `N/A` inside a list stays one part.
  const parts: { text: string; offset: number }[] = [];
  for (const part of body.matchAll(PART)) {
    if (!style.separator && parts.length === 1) style.separator = body.slice(parts[0]!.offset + parts[0]!.text.length, part.index);
    // Emphasis around each code (`**R**, **A**`): the outer peel leaves `R**` and `**A`.
    const lead = /^[*_`]*/u.exec(part[0])![0].length;
    const text = part[0].slice(lead).replace(/[*_`]+$/u, "");
    parts.push({ text: text === "" ? part[0] : text, offset: part.index + (text === "" ? 0 : lead) });
  }
  const isCodes = (text: string): "upper" | "lower" | null => {
    if (UPPER_LETTERS.test(text)) return "upper";
    if (LOWER_LETTERS.test(text) && [...text.toUpperCase()].every((l) => valid.has(l))) return "lower";
    return null;
  };
  if (!parts.every((p) => isCodes(p.text) || NOT_APPLICABLE.test(p.text))) {
    // Codes written as words (`Responsible, Accountable`, `Informé`)?
    const words = readWords(body, ctx.scheme);
    if (words) {
      style.words = true;
      style.separator = words.separator;
      for (const word of words.parts) {
        cell.tokens.push(tokenAt("code", word.code, word.text, word.offset, true));
        cell.codes.push(word.code);
      }
      return cell;
    }
    // Other words, numbers or a mix: one token for the whole text (`24 GB`, `Yes`, `?`, `R (lead)`).
    cell.tokens.push(tokenAt("text", body, body, 0, false));
    return cell;
  }
  for (const part of parts) {
    const kind = isCodes(part.text);
    if (!kind) {
      cell.tokens.push(tokenAt("not-applicable", part.text.toUpperCase(), part.text, part.offset, false));
      continue;
    }
    if (kind === "lower") style.lowerCase = true;
    for (let i = 0; i < part.text.length; i++) {
      const letter = part.text[i]!;
      const code = letter.toUpperCase();
      const token = tokenAt("code", code, letter, part.offset + i, valid.has(code));
      cell.tokens.push(token);
      if (token.valid) cell.codes.push(code);
    }
  }
  return cell;
}

/** A part of a cell between separators, trimmed: `Responsible` in `Responsible / Accountable`. */
const WORD_PART = /[^,;/+&]+/gu;

const codesByWord = new WeakMap<RoleScheme, Map<string, string>>();

/** The scheme's codes by the key of each of their names, in any language (a name two codes share names neither). */
function codeWords(scheme: RoleScheme): Map<string, string> {
  let words = codesByWord.get(scheme);
  if (!words) {
    words = new Map();
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
    codesByWord.set(scheme, words);
  }
  return words;
}

/**
 * Reads a cell body whose every part names a code of the scheme (`Responsible, Accountable`,
 * `Consulté`, `Führt aus`), with where each part is and the first separator; null otherwise.
 */
function readWords(body: string, scheme: RoleScheme): { parts: { code: string; text: string; offset: number }[]; separator: string } | null {
  const words = codeWords(scheme);
  const parts: { code: string; text: string; offset: number }[] = [];
  let separator = "";
  let firstEnd = 0;
  for (const match of body.matchAll(WORD_PART)) {
    // Spaces and emphasis around each word (`**Responsible**, **Accountable**`) are not the word.
    const word = /^[\s*_`]*(.*?)[\s*_`]*$/su.exec(match[0])!;
    const text = word[1]!;
    const lead = match[0].indexOf(text);
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
