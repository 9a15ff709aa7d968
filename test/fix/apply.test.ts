/** applyEdits: edits in source order, overlapping ones skipped, everything else byte for byte. */
import { describe, expect, it } from "vitest";
import { applyEdits } from "../../src/fix/apply.js";
import type { TextEdit } from "../../src/model/finding.js";

const edit = (start: number, end: number, text: string): TextEdit => ({ range: [start, end], text });

describe("applyEdits", () => {
  it("applies non-overlapping edits in source order, whatever the order given", () => {
    const text = "| AR | RR |\r\n";
    const result = applyEdits(text, [edit(7, 9, "R"), edit(2, 4, "RA")]);
    expect(result.text).toBe("| RA | R |\r\n");
    expect(result.applied).toEqual([edit(2, 4, "RA"), edit(7, 9, "R")]);
    expect(result.skipped).toEqual([]);
  });

  it("skips an edit that overlaps one accepted before it", () => {
    const first = edit(0, 4, "abcd");
    const overlapping = edit(2, 6, "xyzw");
    const result = applyEdits("0123456789", [first, overlapping, edit(6, 7, "!")]);
    expect(result.text).toBe("abcd45!789");
    expect(result.skipped).toEqual([overlapping]);
  });

  it("keeps only the first of two zero-width inserts at the same point", () => {
    const result = applyEdits("ab", [edit(1, 1, "X"), edit(1, 1, "Y")]);
    expect(result.text).toBe("aXb");
    expect(result.skipped).toEqual([edit(1, 1, "Y")]);
  });

  it("accepts an insert at either end of a replacement, and a replacement right after another", () => {
    const result = applyEdits("abcdef", [edit(2, 4, "CD"), edit(2, 2, "<"), edit(4, 4, ">"), edit(4, 6, "EF")]);
    expect(result.text).toBe("ab<CD>EF");
    expect(result.skipped).toEqual([]);
  });

  it("skips an insert strictly inside a replaced range", () => {
    const result = applyEdits("abcdef", [edit(1, 4, "-"), edit(2, 2, "!")]);
    expect(result.text).toBe("a-ef");
    expect(result.skipped).toEqual([edit(2, 2, "!")]);
  });

  it("skips an edit outside the text instead of corrupting it", () => {
    const result = applyEdits("abc", [edit(2, 9, "x"), edit(-1, 0, "y")]);
    expect(result.text).toBe("abc");
    expect(result.skipped).toHaveLength(2);
  });

  it("returns the text unchanged for no edits", () => {
    expect(applyEdits("\uFEFFa\r\nb", [])).toEqual({ text: "\uFEFFa\r\nb", applied: [], skipped: [] });
  });
});
