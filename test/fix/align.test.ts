/**
 * Table alignment after fixes: an aligned table stays aligned (only padding and delimiter dashes
 * change), any other table changes only in the edited cell; nothing else moves.
 */
import { describe, expect, it } from "vitest";
import { alignEdits, isAlignedTable } from "../../src/fix/align.js";
import { applyEdits } from "../../src/fix/apply.js";
import type { TextEdit } from "../../src/model/finding.js";
import { scanMarkdown } from "../../src/readers/markdown/scan.js";

const lines = (...rows: string[]) => rows.map((r) => `${r}\n`).join("");

/** An edit replacing the `nth` occurrence (0-based) of `from` in `text` with `to`. */
function replace(text: string, from: string, to: string, nth = 0): TextEdit {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(from, at + 1);
  if (at < 0) throw new Error(`no ${from} in the text`);
  return { range: [at, at + from.length], text: to };
}

/** Applies edits the way the fixer does: non-overlapping ones, then re-aligned. */
function fix(text: string, ...edits: TextEdit[]): string {
  const { applied } = applyEdits(text, edits);
  return applyEdits(text, alignEdits(text, applied)).text;
}

const tables = (text: string) => scanMarkdown(text).blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
const aligned = (text: string) => tables(text).map((t) => isAlignedTable(text, t));

describe("an aligned table", () => {
  const table = lines("| Activity | Client | Provider |", "|----------|--------|----------|", "| Backup   | RRA    | I        |", "| Restore  | I      | RA       |");

  it("is recognised as aligned; one with a ragged row or a shifted pipe is not", () => {
    expect(aligned(table)).toEqual([true]);
    expect(aligned(table.replace("| Backup   |", "| Backup |"))).toEqual([false]);
    expect(aligned(table.replace("|----------|--------|", "|---|---|"))).toEqual([false]);
  });

  it("pads a cell that shrinks back to its column's width: only that cell changes", () => {
    expect(fix(table, replace(table, "RRA", "RA"))).toBe(
      lines("| Activity | Client | Provider |", "|----------|--------|----------|", "| Backup   | RA     | I        |", "| Restore  | I      | RA       |"),
    );
  });

  it("widens the whole column when a cell no longer fits, delimiter dashes included", () => {
    const fixed = fix(table, replace(table, "I ", "R, A, C ", 1));
    expect(fixed).toBe(lines("| Activity | Client  | Provider |", "|----------|---------|----------|", "| Backup   | RRA     | I        |", "| Restore  | R, A, C | RA       |"));
    expect(aligned(fixed)).toEqual([true]);
  });

  it("pads on the left in a right-aligned column", () => {
    const right = lines("| Activity | Client |", "|----------|-------:|", "| Backup   |    RRA |", "| Restore  |      I |");
    const fixed = fix(right, replace(right, "I |", "R, A, C |"));
    expect(fixed).toBe(lines("| Activity |  Client |", "|----------|--------:|", "| Backup   |     RRA |", "| Restore  | R, A, C |"));
    expect(aligned(fixed)).toEqual([true]);
  });

  it("pads both sides in a centred column", () => {
    const centred = lines("| Activity | Client |", "|----------|:------:|", "| Backup   |  RRA   |", "| Restore  |   I    |");
    const fixed = fix(centred, replace(centred, "I", "R, A, C", 0));
    expect(fixed).toBe(lines("| Activity | Client  |", "|----------|:-------:|", "| Backup   |  RRA    |", "| Restore  | R, A, C |"));
    expect(aligned(fixed)).toEqual([true]);
  });

  it("handles one edit spanning several cells of a row (a combined fix)", () => {
    const two = lines("| Activity | Client | Provider |", "|----------|--------|----------|", "| Backup   | A      | A        |");
    const start = two.indexOf("A      | A");
    const fixed = fix(two, { range: [start, start + "A      | A".length], text: "A      | R, C, I" });
    expect(fixed).toBe(lines("| Activity | Client | Provider |", "|----------|--------|----------|", "| Backup   | A      | R, C, I  |"));
    const wider = fix(two, { range: [start, start + "A      | A".length], text: "A      | R, A, C, I" });
    expect(wider).toBe(lines("| Activity | Client | Provider   |", "|----------|--------|------------|", "| Backup   | A      | R, A, C, I |"));
  });

  it("keeps CRLF line endings, indentation and block-quote markers", () => {
    const quoted = ["> | A | Client |", "> |---|--------|", "> | x | I      |", "> | y | RA     |"].join("\r\n") + "\r\n";
    const fixed = fix(quoted, replace(quoted, "I ", "R, A, C "));
    expect(fixed).toBe(["> | A | Client  |", "> |---|---------|", "> | x | R, A, C |", "> | y | RA      |"].join("\r\n") + "\r\n");
  });

  it("leaves a last column without a closing pipe free", () => {
    const open = lines("| Activity | Client | Provider", "|----------|--------|---------", "| Backup   | RRA    | I");
    expect(fix(open, replace(open, "I", "R, A", 0))).toBe(lines("| Activity | Client | Provider", "|----------|--------|---------", "| Backup   | RRA    | R, A"));
  });
});

describe("a table that is not aligned", () => {
  const table = lines("| Activity | Client | Provider |", "|---|---|---|", "| Backup | RRA   | I |", "| Restore | I | RA |  ");

  it("changes only the edited cell; its padding absorbs the change when it can", () => {
    expect(fix(table, replace(table, "RRA", "RA"))).toBe(lines("| Activity | Client | Provider |", "|---|---|---|", "| Backup | RA    | I |", "| Restore | I | RA |  "));
  });

  it("lets the cell grow, keeping one space of padding, when it has no room", () => {
    expect(fix(table, replace(table, "I |", "R, A, C |", 1))).toBe(lines("| Activity | Client | Provider |", "|---|---|---|", "| Backup | RRA   | I |", "| Restore | R, A, C | RA |  "));
  });
});

describe("edits that are not cell contents", () => {
  it("are returned as they are, outside tables and when they would add a cell", () => {
    const text = lines("# Title", "", "| A | B |", "|---|---|", "| x | R |");
    const heading = replace(text, "Title", "Matrix");
    const pipe = replace(text, "R", "R | A");
    expect(alignEdits(text, [heading, pipe])).toEqual([heading, pipe]);
  });
});
