/**
 * The text an XLSX workbook's matrix holds as its source (`Matrix.source`): one record per cell read,
 * `Sheet!A1` U+0001 the cell's text, records joined by U+0000 (neither is valid in a workbook's XML,
 * so no text holds them). Spans' offsets index it, so fixes are text edits on it as on any source;
 * `workbookCellEdits` turns such an edit into the cells to change, since a workbook is never rewritten.
 */
import type { CellEdit, TextEdit } from "./finding.js";
import type { CellRef } from "./position.js";

/** What ends a record's reference, and what ends a record. */
export const REF_END = "\u0001";
export const RECORD_END = "\u0000";

/** A record's head: its cell's reference and the character that ends it. */
export function recordHead(ref: CellRef): string {
  return `${ref.sheet ?? ""}!${ref.cell}${REF_END}`;
}

/** The cells a text edit of a workbook's records changes, with their new texts (empty when it changes none, or breaks a record). */
export function workbookCellEdits(source: string, edit: TextEdit): CellEdit[] {
  const [start, end] = edit.range;
  // Only the records the edit touches are compared (a workbook holds 100,000s of them).
  const from = source.lastIndexOf(RECORD_END, start - 1) + 1;
  const next = source.indexOf(RECORD_END, end);
  const to = next < 0 ? source.length : next;
  const before = source.slice(from, to).split(RECORD_END);
  const now = (source.slice(from, start) + edit.text + source.slice(end, to)).split(RECORD_END);
  if (before.length !== now.length) return [];
  const edits: CellEdit[] = [];
  for (let i = 0; i < before.length; i++) {
    if (before[i] === now[i]) continue;
    const split = before[i]!.indexOf(REF_END);
    if (split < 0 || now[i]!.slice(0, split + 1) !== before[i]!.slice(0, split + 1)) return [];
    const head = before[i]!.slice(0, split);
    const bang = head.lastIndexOf("!");
    edits.push({ sheet: head.slice(0, bang), cell: head.slice(bang + 1), text: now[i]!.slice(split + 1) });
  }
  return edits;
}
