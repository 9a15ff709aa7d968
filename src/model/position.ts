/** A point in a source text: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface SourcePoint {
  line: number;
  column: number;
  offset: number;
}

/** A range of source text; `end` is exclusive (the point just after the last character). */
export interface SourceSpan {
  start: SourcePoint;
  end: SourcePoint;
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
