/**
 * Reads the role codes out of one cell's text, whatever the house style:
 * `__RA__`, `**RA**`, `RA`, `R, A`, `A/R`, `ra`, footnote markers (`RA*`, `I¹`), `N/A`, party names.
 */
import type { Cell, CellStyle, CodeToken } from "../model/matrix.js";
import type { LineIndex, SourceSpan } from "../model/position.js";
import type { RoleScheme } from "../model/scheme.js";
import { nameKey } from "../model/text.js";

/** What the cell reader needs to know about its surroundings. */
export interface CellContext {
  lines: LineIndex;
  scheme: RoleScheme;
  /** Lower-cased names that mean "a party" (headers, party names, customer/provider words). */
  partyNames: ReadonlySet<string>;
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
interface CellTemplate {
  tokens: { kind: CodeToken["kind"]; value: string; raw: string; valid: boolean; offset: number }[];
  codes: string[];
  empty: boolean;
  style: CellStyle;
}

// Real matrices repeat a few cell texts (`__RA__`, `**I**`) thousands of times: parse each text once
// per context (scheme and party names) and re-position the result.
const templateCache = new WeakMap<RoleScheme, WeakMap<ReadonlySet<string>, Map<string, CellTemplate>>>();

/** The (cached) parse of a cell text in a context. */
function templateOf(raw: string, ctx: CellContext): CellTemplate {
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
  let template = cache.get(raw);
  if (!template) {
    template = parseTemplate(raw, ctx);
    if (cache.size < 10_000) cache.set(raw, template);
  }
  return template;
}

/**
 * What a cell text reads as, without positioning it: `empty`, `codes` (role codes, valid or not,
 * a party name or N/A: something written where codes belong) or `text`. Used to tell RACI tables
 * from other tables.
 */
export function cellKind(raw: string, ctx: CellContext): "empty" | "codes" | "text" {
  const t = templateOf(raw, ctx);
  if (t.empty) return "empty";
  return t.tokens.some((k) => k.kind !== "text") ? "codes" : "text";
}

/** Parses one cell. `raw` is the trimmed content and `start` its offset in the source. */
export function parseCell(
  raw: string,
  start: number,
  party: number,
  ctx: CellContext,
  box: Cell["box"],
  span: SourceSpan | null = null,
): Cell {
  const t = templateOf(raw, ctx);
  // A cell never spans lines: with its span known, its tokens' points are column arithmetic.
  const at = span ?? ctx.lines.span(start, start + raw.length);
  const { line, column } = at.start;
  const tokenSpan = (offset: number, length: number): SourceSpan => ({
    start: { line, column: column + offset, offset: start + offset },
    end: { line, column: column + offset + length, offset: start + offset + length },
  });
  return {
    party,
    raw,
    tokens: t.tokens.map((k) => ({ kind: k.kind, value: k.value, raw: k.raw, valid: k.valid, span: tokenSpan(k.offset, k.raw.length) })),
    codes: t.codes,
    empty: t.empty,
    style: { ...t.style, bodyStart: start + t.style.bodyStart, bodyEnd: start + t.style.bodyEnd },
    span: at,
    box,
  };
}

/** Parses a cell's text at offset 0. */
function parseTemplate(raw: string, ctx: CellContext): CellTemplate {
  const start = 0;
  const style: CellStyle = { wrapper: "", separator: "", marker: "", lowerCase: false, bodyStart: start, bodyEnd: start + raw.length };
  const cell: CellTemplate = { tokens: [], codes: [], empty: true, style };
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
    // Words, numbers or a mix: one token for the whole text (`24 GB`, `Yes`, `?`, `R (lead)`).
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
