/**
 * Applies text edits to a source text: the one place where fixes become text. Pure.
 * Offsets are UTF-16 code units into the text the edits were made for (BOM excluded).
 */
import type { TextEdit } from "../model/finding.js";

/** The text after applying edits, and which edits were applied or left out. */
export interface AppliedEdits {
  text: string;
  /** The edits applied, in source order. */
  applied: TextEdit[];
  /** The edits left out because they overlap one applied before them (or fall outside the text). */
  skipped: TextEdit[];
}

/**
 * Applies the edits that do not overlap: edits are taken by start offset (ties in the order given),
 * and an edit that overlaps one already accepted is skipped. Two zero-width inserts at the same
 * point overlap (only the first is kept, so the result never depends on which one "goes first");
 * an insert at the very start or end of a replaced range does not overlap it.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const order = edits.map((edit, index) => ({ edit, index }));
  order.sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1] || a.index - b.index);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let end = -1;
  let lastInsertAt = -1;
  for (const { edit } of order) {
    const [start, stop] = edit.range;
    const valid = Number.isInteger(start) && Number.isInteger(stop) && start >= 0 && start <= stop && stop <= text.length;
    const insert = start === stop;
    // Sorted by (start, end), an insert comes before a replacement starting at the same point, so
    // `start < end` is exactly "inside or across an accepted edit".
    const overlaps = start < end || (insert && start === lastInsertAt);
    if (!valid || overlaps) {
      skipped.push(edit);
      continue;
    }
    applied.push(edit);
    end = Math.max(end, stop);
    if (insert) lastInsertAt = start;
  }
  let out = "";
  let at = 0;
  for (const edit of applied) {
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  return { text: out + text.slice(at), applied, skipped };
}
