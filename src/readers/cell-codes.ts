/**
 * Reads the role codes out of one cell's text, whatever the house style:
 * `__RA__`, `**RA**`, `RA`, `R, A`, `A/R`, `ra`, footnote markers (`RA*`, `I¹`), `N/A`, party names.
 */
import type { Cell, CellStyle, CodeToken } from "../model/matrix.js";
import type { LineIndex } from "../model/position.js";
import type { RoleScheme } from "../model/scheme.js";

/** What the cell reader needs to know about its surroundings. */
export interface CellContext {
  lines: LineIndex;
  scheme: RoleScheme;
  /** Lower-cased names that mean "a party" (headers, party names, customer/provider words). */
  partyNames: ReadonlySet<string>;
}

const WRAPPERS = ["**", "__", "*", "_", "`"];
const MARKER = /(?:\*+|[†‡§]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\^\d+|\(\d{1,2}\)|\[\d{1,2}\])$/u;
const PLACEHOLDER = /^[-–—]+$/u;
const NOT_APPLICABLE = /^(?:n\s*\/\s*a|n\.\s*a\.?|na|not applicable|s\.\s*o\.|k\.\s*a\.|nicht zutreffend|no aplica|non applicabile|sans objet)$/iu;
const SEPARATOR = /\s*[,;\/+&]\s*|\s+/gu;
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

/** Normalises a text for comparing names: emphasis and punctuation dropped, case folded. */
export function nameKey(text: string): string {
  return text
    .replace(/[*_`]+/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();
}

/** Parses one cell. `raw` is the trimmed content and `start` its offset in the source. */
export function parseCell(
  raw: string,
  start: number,
  party: number,
  ctx: CellContext,
  box: Cell["box"],
): Cell {
  const span = ctx.lines.span(start, start + raw.length);
  const style: CellStyle = { wrapper: "", separator: "", marker: "", lowerCase: false, bodyStart: start, bodyEnd: start + raw.length };
  const cell: Cell = { party, raw, tokens: [], codes: [], empty: true, style, span, box };
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

  const tokenAt = (kind: CodeToken["kind"], value: string, tokenRaw: string, offset: number, valid: boolean): CodeToken => ({
    kind,
    value,
    raw: tokenRaw,
    valid,
    span: ctx.lines.span(start + from + offset, start + from + offset + tokenRaw.length),
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
  const parts: { text: string; offset: number }[] = [];
  let last = 0;
  for (const sep of body.matchAll(SEPARATOR)) {
    if (sep.index > last) parts.push({ text: body.slice(last, sep.index), offset: last });
    if (!style.separator && sep.index > 0) style.separator = sep[0];
    last = sep.index + sep[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), offset: last });

  const isCodes = (text: string): "upper" | "lower" | null => {
    if (UPPER_LETTERS.test(text)) return "upper";
    if (LOWER_LETTERS.test(text) && [...text.toUpperCase()].every((l) => valid.has(l))) return "lower";
    return null;
  };
  if (!parts.every((p) => isCodes(p.text))) {
    // Words, numbers or a mix: one token for the whole text (`24 GB`, `Yes`, `?`, `R (lead)`).
    cell.tokens.push(tokenAt("text", body, body, 0, false));
    return cell;
  }
  for (const part of parts) {
    const kind = isCodes(part.text)!;
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
