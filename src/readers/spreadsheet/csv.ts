/**
 * CSV reader: text -> `Matrix`. csv-parse reads the records (RFC 4180 quoting, any line ending, rows
 * of any length); each field is then located in the text by following those records, so that every
 * cell has its line and column, its A1 reference, and can be fixed in place. The separator (`,`,
 * `;` or tab) is the one the first lines use consistently outside quotes.
 */
import { parse, CsvError } from "csv-parse/sync";
import type { Matrix, ReadProblem } from "../../model/matrix.js";
import { a1, LineIndex, type SourceSpan } from "../../model/position.js";
import type { GridCell } from "../grid.js";
import type { ReadOptions } from "../options.js";
import { readSheets, type Sheet } from "./sheets.js";

/** The separators a CSV file may use. */
export const CSV_SEPARATORS = [",", ";", "\t"] as const;

/** One field of a CSV record: where it is (`start`/`end` include its quotes), its content and value. */
export interface CsvField {
  start: number;
  end: number;
  /** The content (inside the quotes of a quoted field). */
  contentStart: number;
  contentEnd: number;
  quoted: boolean;
  /** The value, quotes and `""` escapes undone. */
  value: string;
}

/** The records of a CSV text, each a list of fields, and the first syntax error, if any (the records before it are read). */
export interface CsvRecords {
  separator: string;
  records: CsvField[][];
  error: { message: string; offset: number } | null;
}

/** How many fields of `separator` a line has outside quotes. */
function countOutsideQuotes(line: string, separator: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === separator) n++;
  }
  return n;
}

/**
 * The separator of a CSV text: among `,` `;` and tab, the one the first lines (up to 20) use the
 * same number of times as the first line, most often; `,` when none is used.
 */
export function detectSeparator(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/u, 21)
    .filter((l) => l.trim() !== "")
    .slice(0, 20);
  let best: string = ",";
  let bestScore = 0;
  for (const separator of CSV_SEPARATORS) {
    const counts = lines.map((l) => countOutsideQuotes(l, separator));
    if (counts.length === 0 || counts[0] === 0) continue;
    const score = counts.filter((c) => c === counts[0]).length * 1000 + counts[0]!;
    if (score > bestScore) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

/** Reads a CSV text (BOM removed) into records with each field's place; never throws on bad text. */
export function csvRecords(text: string, separator = detectSeparator(text)): CsvRecords {
  const values: string[][] = [];
  let error: CsvRecords["error"] = null;
  try {
    parse(text, {
      delimiter: separator,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        values.push(record);
        return record;
      },
    });
  } catch (caught) {
    if (!(caught instanceof CsvError)) throw caught;
    error = { message: caught.message.replace(/ at line \d+\.?$/u, "").replace(/\.?$/u, "."), offset: -1 };
  }
  // Each record's fields, found by following the values csv-parse read.
  const records: CsvField[][] = [];
  let at = 0;
  for (const record of values) {
    const fields: CsvField[] = [];
    for (let i = 0; i < record.length; i++) {
      const value = record[i]!;
      const start = at;
      if (text.charCodeAt(at) === 34) {
        let q = at + 1;
        for (;;) {
          const close = text.indexOf('"', q);
          if (close < 0) throw new Error(`csv: a quoted field at offset ${start} does not close where csv-parse read it`);
          if (text.charCodeAt(close + 1) === 34) {
            q = close + 2;
            continue;
          }
          fields.push({ start, end: close + 1, contentStart: start + 1, contentEnd: close, quoted: true, value });
          at = close + 1;
          break;
        }
      } else {
        if (text.slice(at, at + value.length) !== value) throw new Error(`csv: the field at offset ${start} is not what csv-parse read`);
        at += value.length;
        fields.push({ start, end: at, contentStart: start, contentEnd: at, quoted: false, value });
      }
      if (i < record.length - 1) {
        if (!text.startsWith(separator, at)) throw new Error(`csv: no separator after the field at offset ${start}`);
        at += separator.length;
      }
    }
    records.push(fields);
    if (text.startsWith("\r\n", at)) at += 2;
    else if (text.charCodeAt(at) === 10 || text.charCodeAt(at) === 13) at++;
  }
  if (error) error.offset = at;
  return { separator, records, error };
}

/** Reads a CSV document into a matrix. Never throws on bad text. */
export function readCsv(file: string, text: string, options: ReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const parsed = csvRecords(source);
  const problems: ReadProblem[] = [];
  if (parsed.error)
    problems.push({
      ruleId: "parse-error",
      message: `CSV: ${parsed.error.message} The rows from here on are not read.`,
      span: { ...lines.span(parsed.error.offset, parsed.error.offset), ref: { cell: a1(parsed.records.length + 1, 1) } },
    });
  const rows = parsed.records.map((fields, r) => fields.map((field, c) => csvCell(field, r, c, lines)));
  const sheet: Sheet = {
    name: null,
    rows,
    blank: () => null,
    between: (from, to) => ({ start: from.content.start, end: to.content.end, ...(from.content.ref ? { ref: from.content.ref } : {}) }),
  };
  return readSheets({ file, format: "csv", source, bom, lines, sheets: [sheet], skipped: [], problems, spanIn: spanIn(lines) }, options);
}

/** A field as a table cell: its text trimmed, placed in the text when written as it reads. */
function csvCell(field: CsvField, row: number, column: number, lines: LineIndex): GridCell {
  const ref = { cell: a1(row + 1, column + 1) };
  const value = field.value;
  const raw = value.trim();
  // A quoted field with `""` or a line break is not its value character for character: it is pointed at whole, and not fixed in place.
  const literal = !field.quoted || (!/["\r\n]/u.test(value) && field.contentEnd - field.contentStart === value.length);
  if (!literal) return { raw, content: { ...lines.span(field.contentStart, field.contentEnd), ref }, box: null, editable: false, literal: false };
  const start = field.contentStart + (value.length - value.trimStart().length);
  return { raw, content: { ...lines.span(start, start + raw.length), ref }, box: null };
}

/** Spans inside a CSV cell's text. */
function spanIn(lines: LineIndex): (cell: GridCell, start: number, end: number) => SourceSpan {
  return (cell, start, end) => {
    if (cell.literal === false) return cell.content;
    const at = cell.content.start.offset;
    const span: SourceSpan = lines.span(at + start, at + end);
    if (cell.content.ref) span.ref = cell.content.ref;
    return span;
  };
}
