/** A point in a source text: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface SourcePoint {
  line: number;
  column: number;
  offset: number;
}

/**
 * Where a span lies in a spreadsheet: the sheet (an XLSX workbook's; absent for a CSV file) and the
 * cell's A1 reference (`B7`).
 */
export interface CellRef {
  sheet?: string;
  cell: string;
}

/**
 * A range of source text; `end` is exclusive (the point just after the last character). In a
 * spreadsheet `ref` names the cell: a CSV file's spans are text positions too, an XLSX workbook's
 * have the row as line and the column number as column (their offsets index the workbook's cell
 * records, see `Matrix.source`).
 */
export interface SourceSpan {
  start: SourcePoint;
  end: SourcePoint;
  ref?: CellRef;
}

/** The A1 name of a column (1 -> `A`, 27 -> `AA`). */
export function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The A1 reference of a 1-based row and column (`B7`). */
export function a1(row: number, column: number): string {
  return `${columnName(column)}${row}`;
}

/** How reports name a spreadsheet cell: `Sheet!B7` (the sheet's name as written, unquoted), or `B7` in a CSV file. */
export function cellName(ref: CellRef): string {
  return ref.sheet === undefined ? ref.cell : `${ref.sheet}!${ref.cell}`;
}

/** Maps offsets to 1-based line/column for one text; the line starts are found on first use. */
export class LineIndex {
  private starts: number[] | null = null;

  constructor(readonly text: string) {}

  /** Offset of the first character of each line (index 0 is line 1). */
  get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  /** The point at `offset` (clamped to the text). */
  point(offset: number): SourcePoint {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
  }

  /** The span between two offsets. */
  span(start: number, end: number): SourceSpan {
    return { start: this.point(start), end: this.point(end) };
  }
}
