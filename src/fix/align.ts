/**
 * Keeps Markdown tables tidy when fixes change the width of a cell. Takes the (non-overlapping) edits
 * of one fix pass and returns the edits to apply instead: the same changes, plus padding.
 *
 * A table is *aligned* when every row (header, delimiter row and body rows) has its cell
 * delimiters (`|`) at the same columns: all rows hold the same number of cells and each column's
 * cells are padded to one width. Columns are counted in UTF-16 code units from the start of the
 * line, as offsets are everywhere else; wide characters (CJK, emoji) are not measured by display
 * width, so a table aligned for the eye with such characters reads as not aligned and is left alone.
 * A last column without a closing pipe has no width to keep.
 *
 * - Aligned table: when an edited cell no longer fits its column (it would have less padding than
 *   the tightest cell of the column had), the whole column is widened: every other cell gets the
 *   extra padding (on the side its column's alignment pads: right for left-aligned and unaligned
 *   columns, left for right-aligned, both for centred) and the delimiter row gets extra dashes.
 *   A cell that shrinks is padded back to the column's width. Columns never shrink.
 * - Any other table: only the edited cell changes; its padding absorbs the change in width when it
 *   can (keeping at least one space when it had one), so the pipes after it stay where they were.
 *
 * Only padding spaces and delimiter dashes are added or removed; nothing outside the table's cells
 * (indentation, block-quote markers, pipes, trailing spaces after the last pipe, line endings) is
 * touched. Edits that do not fall inside one row's cells are returned unchanged. Pure.
 */
import type { TextEdit } from "../model/finding.js";
import type { ColumnAlign, RowLayout, TableLayout } from "../model/matrix.js";
import { scanMarkdown } from "../readers/markdown/scan.js";
import { applyEdits } from "./apply.js";

/** A cell box (between its delimiters, padding included), as offsets into its line. */
interface Box {
  start: number;
  end: number;
}

/** A cell's text split into leading padding, content and trailing padding. */
interface Padded {
  lead: string;
  content: string;
  trail: string;
}

/** One row of a table before and after the edits. */
interface RowState {
  /** Offset of the line in the source. */
  lineStart: number;
  line: string;
  boxes: Box[];
  /** Each cell's box text before and after the edits. */
  before: string[];
  after: string[];
}

const isPad = (ch: string | undefined) => ch === " " || ch === "\t";

/** Splits a cell's box text into padding and content (spaces and tabs are padding, as in GFM). */
function padded(box: string): Padded {
  let start = 0;
  let end = box.length;
  while (start < end && isPad(box[start])) start++;
  while (end > start && isPad(box[end - 1])) end--;
  return { lead: box.slice(0, start), content: box.slice(start, end), trail: box.slice(end) };
}

/** Splits a row into cell boxes the GFM way (as the scanner does), from `from`: the leading pipe or the first cell. */
function splitRow(line: string, from: number): Box[] {
  const boxes: Box[] = [];
  let i = from;
  let boxStart = from;
  let lastPipe = -1;
  if (line[i] === "|") {
    i++;
    boxStart = i;
  }
  while (i < line.length) {
    const ch = line[i];
    if (ch === "\\") {
      const next = line[i + 1];
      i += i + 1 < line.length && (next === "\\" || next === "|") ? 2 : 1;
    } else if (ch === "|") {
      boxes.push({ start: boxStart, end: i });
      lastPipe = i;
      i++;
      boxStart = i;
    } else i++;
  }
  let rest = boxStart;
  while (rest < line.length && isPad(line[rest])) rest++;
  if (!(lastPipe !== -1 && rest === line.length)) boxes.push({ start: boxStart, end: line.length });
  return boxes;
}

/** The text of a line outside its cell boxes (indentation, pipes, what follows the last pipe). */
function skeleton(line: string, boxes: readonly Box[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const b of boxes) {
    parts.push(line.slice(at, b.start));
    at = b.end;
  }
  parts.push(line.slice(at));
  return parts;
}

/** Where the row's cells start: its leading pipe, or its first cell. */
function rowFrom(line: string, boxes: readonly Box[]): number {
  const first = boxes[0]!.start;
  return first > 0 && line[first - 1] === "|" ? first - 1 : first;
}

/** The columns of a row's cell delimiters, as one comparable key. */
function pipeKey(row: RowState): string {
  const pipes = new Set<number>();
  for (const b of row.boxes) {
    if (b.start > 0 && row.line[b.start - 1] === "|") pipes.add(b.start - 1);
    if (row.line[b.end] === "|") pipes.add(b.end);
  }
  return `${row.boxes.length}:${[...pipes].join(",")}`;
}

/** Whether every row has its delimiters at the same columns (see the module comment). */
function isAligned(rows: readonly RowState[]): boolean {
  const key = pipeKey(rows[0]!);
  return rows.every((r) => pipeKey(r) === key);
}

/** Whether a table, as scanned from `text`, is aligned (see the module comment). */
export function isAlignedTable(text: string, table: TableLayout): boolean {
  return isAligned(tableRows(table).map((row) => rowState(text, row, [])!));
}

/** The table's rows in line order: header, delimiter row, body rows. */
function tableRows(table: TableLayout): RowLayout[] {
  return [table.header, table.delimiter, ...table.rows];
}

/** A row's state after applying its edits (offsets in the source), or null when the edits change more than cell contents. */
function rowState(text: string, row: RowLayout, edits: readonly TextEdit[]): RowState | null {
  const lineStart = row.span.start.offset;
  const line = text.slice(lineStart, row.span.end.offset);
  const boxes = row.cells.map((c) => ({ start: c.box.start.offset - lineStart, end: c.box.end.offset - lineStart }));
  const before = boxes.map((b) => line.slice(b.start, b.end));
  if (edits.length === 0) return { lineStart, line, boxes, before, after: before };
  const shifted = edits.map((e) => ({ range: [e.range[0] - lineStart, e.range[1] - lineStart] as [number, number], text: e.text }));
  const edited = applyEdits(line, shifted);
  if (edited.skipped.length > 0) return null;
  const newLine = edited.text;
  const newBoxes = splitRow(newLine, rowFrom(line, boxes));
  if (newBoxes.length !== boxes.length) return null;
  const oldSkeleton = skeleton(line, boxes);
  const newSkeleton = skeleton(newLine, newBoxes);
  if (oldSkeleton.some((part, i) => part !== newSkeleton[i])) return null;
  return { lineStart, line, boxes, before, after: newBoxes.map((b) => newLine.slice(b.start, b.end)) };
}

/** A cell's new text, keeping its old width when its padding can absorb the change (tables that are not aligned). */
function fitCell(text: string, width: number, align: ColumnAlign): string {
  if (text.length === width) return text;
  const p = padded(text);
  if (p.content === "") return text;
  if (align === "right") {
    const lead = Math.max(width - p.content.length - p.trail.length, Math.min(1, p.lead.length));
    return " ".repeat(lead) + p.content + p.trail;
  }
  const trail = Math.max(width - p.lead.length - p.content.length, Math.min(1, p.trail.length));
  return p.lead + p.content + " ".repeat(trail);
}

/** A cell's text padded to `width` on its column's side. */
function place(p: Padded, width: number, align: ColumnAlign): string {
  const free = width - p.content.length;
  if (p.content === "") return p.lead + " ".repeat(Math.max(0, width - p.lead.length));
  if (align === "right") return " ".repeat(free - p.trail.length) + p.content + p.trail;
  if (align === "center") {
    const left = Math.floor(free / 2);
    return " ".repeat(left) + p.content + " ".repeat(free - left);
  }
  return p.lead + p.content + " ".repeat(free - p.lead.length);
}

/** An unedited cell widened by `extra` on its column's side; a delimiter cell gets dashes. */
function widen(text: string, extra: number, align: ColumnAlign, delimiter: boolean): string {
  if (extra <= 0) return text;
  if (delimiter) {
    const lastDash = text.lastIndexOf("-");
    return text.slice(0, lastDash + 1) + "-".repeat(extra) + text.slice(lastDash + 1);
  }
  if (padded(text).content === "" || align === null || align === "left") return text + " ".repeat(extra);
  if (align === "right") return " ".repeat(extra) + text;
  const left = Math.floor(extra / 2);
  return " ".repeat(left) + text + " ".repeat(extra - left);
}

/** The edits for one table, or null when some edit changes more than cell contents. */
function tableEdits(text: string, table: TableLayout, edits: readonly TextEdit[]): TextEdit[] | null {
  const rows = tableRows(table);
  const byRow = rows.map(() => [] as TextEdit[]);
  for (const edit of edits) {
    // The last row starting at or before the edit (rows are in source order).
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rows[mid]!.span.start.offset <= edit.range[0]) lo = mid;
      else hi = mid - 1;
    }
    const row = rows[lo]!;
    if (edit.range[0] < row.span.start.offset || edit.range[1] > row.span.end.offset) return null;
    byRow[lo]!.push(edit);
  }
  const states: RowState[] = [];
  for (let r = 0; r < rows.length; r++) {
    const state = rowState(text, rows[r]!, byRow[r]!);
    if (!state) return null;
    states.push(state);
  }
  const out: TextEdit[] = [];
  const emit = (row: RowState, i: number, cell: string) => {
    if (cell !== row.before[i]) out.push({ range: [row.lineStart + row.boxes[i]!.start, row.lineStart + row.boxes[i]!.end], text: cell });
  };
  const aligned = isAligned(states);
  const columns = Math.max(...states.map((s) => s.boxes.length));
  for (let i = 0; i < columns; i++) {
    const align = table.align[i] ?? null;
    const keepsWidth = aligned && states.every((s) => s.line[s.boxes[i]!.end] === "|");
    if (!keepsWidth) {
      for (const s of states) if (i < s.boxes.length && s.after[i] !== s.before[i]) emit(s, i, fitCell(s.after[i]!, s.before[i]!.length, align));
      continue;
    }
    const width = states[0]!.before[i]!.length;
    // The tightest padding any filled cell of the column had (the delimiter row is padded with dashes).
    let minLead = Infinity;
    let minTrail = Infinity;
    states.forEach((s, r) => {
      const p = padded(s.before[i]!);
      if (r === 1 || p.content === "") return;
      minLead = Math.min(minLead, p.lead.length);
      minTrail = Math.min(minTrail, p.trail.length);
    });
    if (minLead === Infinity) minLead = minTrail = Math.min(1, width);
    let needed = width;
    for (const s of states) {
      if (s.after[i] === s.before[i]) continue;
      const p = padded(s.after[i]!);
      if (p.content === "") continue;
      const lead = align === "right" || align === "center" ? minLead : p.lead.length;
      const trail = align === "right" ? p.trail.length : minTrail;
      needed = Math.max(needed, lead + p.content.length + trail);
    }
    states.forEach((s, r) => {
      const edited = s.after[i] !== s.before[i];
      emit(s, i, edited ? place(padded(s.after[i]!), needed, align) : widen(s.before[i]!, needed - width, align, r === 1));
    });
  }
  return out;
}

/**
 * The edits to apply for `edits` (non-overlapping, on `text`) so that aligned tables stay aligned
 * and other tables change only in the edited cells. Edits outside tables are returned as they are.
 */
export function alignEdits(text: string, edits: readonly TextEdit[], tables: readonly TableLayout[] = tablesOf(text)): TextEdit[] {
  if (edits.length === 0) return [];
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const out: TextEdit[] = [];
  let next = 0;
  for (const table of tables) {
    if (next >= sorted.length) break;
    const start = table.span.start.offset;
    const end = table.span.end.offset;
    while (next < sorted.length && sorted[next]!.range[0] < start) out.push(sorted[next++]!);
    const inside: TextEdit[] = [];
    while (next < sorted.length && sorted[next]!.range[0] <= end && sorted[next]!.range[1] <= end) inside.push(sorted[next++]!);
    if (inside.length > 0) out.push(...(tableEdits(text, table, inside) ?? inside));
  }
  while (next < sorted.length) out.push(sorted[next++]!);
  return out.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

/** The tables of a Markdown text, for callers that did not keep its layout. */
function tablesOf(text: string): TableLayout[] {
  return scanMarkdown(text).blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
}
