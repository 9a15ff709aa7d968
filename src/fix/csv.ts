/**
 * Fixes of a CSV file keep each field's quoting: an edit inside a quoted field doubles the quotes
 * it writes; an edit that would put a separator, a quote or a line break in an unquoted field
 * quotes the field (and only that field). Pure.
 */
import type { TextEdit } from "../model/finding.js";
import { csvRecords, type CsvField } from "../readers/spreadsheet/csv.js";

/** The field holding an edit (its range within the field's content), or null. */
function fieldOf(fields: readonly CsvField[], edit: TextEdit): CsvField | null {
  let lo = 0;
  let hi = fields.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const field = fields[mid]!;
    if (field.contentEnd < edit.range[0]) lo = mid + 1;
    else if (field.contentStart > edit.range[0]) hi = mid - 1;
    else return edit.range[1] <= field.contentEnd ? field : null;
  }
  return null;
}

/** The edits of a CSV text rewritten so that every field keeps its quoting (see the module comment). */
export function csvEdits(source: string, edits: readonly TextEdit[]): TextEdit[] {
  if (edits.length === 0) return [];
  const { separator, records } = csvRecords(source);
  const fields = records.flat();
  return edits.map((edit) => {
    const field = fieldOf(fields, edit);
    // Fixes edit one cell's content; anything else is left as it is (the fixer's re-read judges it).
    if (!field) return edit;
    if (field.quoted) return { range: edit.range, text: edit.text.replace(/"/gu, '""') };
    const [start, end] = edit.range;
    const value = source.slice(field.start, start) + edit.text + source.slice(end, field.end);
    if (!value.includes(separator) && !/["\r\n]/u.test(value)) return edit;
    return { range: [field.start, field.end], text: `"${value.replace(/"/gu, '""')}"` };
  });
}
