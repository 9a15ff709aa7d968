/**
 * Unit tests of the block scanner: exact positions (1-based line and UTF-16 column, end exclusive)
 * of cells, headings, list items, comments and front matter, for LF, CRLF, lone CR and a missing
 * final newline. Differential coverage against micromark lives in scan-differential.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SourceSpan } from "../../../src/model/position.js";
import { LineIndex } from "../../../src/model/position.js";
import { scanMarkdown } from "../../../src/readers/markdown/scan.js";
import type { ScannedBlock, ScannedDocument, ScannedTable } from "../../../src/readers/markdown/scan-types.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** `[line, column, endColumn]` of a single-line span (fails on a multi-line one). */
function at(span: SourceSpan): [number, number, number] {
  expect(span.end.line, "single-line span").toBe(span.start.line);
  return [span.start.line, span.start.column, span.end.column];
}

/** `[line, column, endLine, endColumn]` of any span. */
function range(span: SourceSpan): [number, number, number, number] {
  return [span.start.line, span.start.column, span.end.line, span.end.column];
}

function tables(doc: ScannedDocument): ScannedTable[] {
  return doc.blocks.flatMap((block) => (block.kind === "table" ? [block.table] : []));
}

function only<K extends ScannedBlock["kind"]>(doc: ScannedDocument, kind: K): Extract<ScannedBlock, { kind: K }>[] {
  return doc.blocks.filter((block): block is Extract<ScannedBlock, { kind: K }> => block.kind === kind);
}

function raws(table: ScannedTable): string[][] {
  return [table.header, ...table.rows].map((row) => row.cells.map((cell) => cell.raw));
}

/** Every point of every span must agree with LineIndex, whatever the line endings. */
function expectConsistentPoints(text: string, doc: ScannedDocument): void {
  const index = new LineIndex(text);
  const check = (span: SourceSpan): void => {
    expect(span.start).toEqual(index.point(span.start.offset));
    expect(span.end).toEqual(index.point(span.end.offset));
  };
  if (doc.frontMatter) {
    check(doc.frontMatter.span);
    check(doc.frontMatter.content);
  }
  for (const block of doc.blocks) {
    if (block.kind === "heading") check(block.heading.span);
    else if (block.kind === "list-item") check(block.item.content);
    else if (block.kind === "comment") check(block.comment.span);
    else {
      check(block.table.span);
      for (const row of [block.table.header, block.table.delimiter, ...block.table.rows]) {
        check(row.span);
        for (const cell of row.cells) {
          check(cell.content);
          check(cell.box);
          expect(text.slice(cell.content.start.offset, cell.content.end.offset)).toBe(cell.raw);
        }
      }
    }
  }
}

const SIMPLE = ["# Roles", "", "| Activity | Client |  CT |", "|:---------|:------:|----:|", "| Run it   | **RA** |     |", "| Stop it  |I|C|"];

describe("tables", () => {
  it("positions every cell's content and box (LF)", () => {
    const text = SIMPLE.join("\n") + "\n";
    const doc = scanMarkdown(text);
    const [table] = tables(doc);
    expect(table).toBeDefined();
    expect(table!.leadingPipe).toBe(true);
    expect(table!.align).toEqual(["left", "center", "right"]);
    expect(range(table!.span)).toEqual([3, 1, 6, 17]);
    expect(at(table!.header.span)).toEqual([3, 1, 28]);

    const [activity, client, ct] = table!.header.cells;
    expect(activity!.raw).toBe("Activity");
    expect(at(activity!.content)).toEqual([3, 3, 11]);
    expect(at(activity!.box)).toEqual([3, 2, 12]);
    expect(at(client!.content)).toEqual([3, 14, 20]);
    expect(at(ct!.content)).toEqual([3, 24, 26]);
    expect(at(ct!.box)).toEqual([3, 22, 27]);

    expect(table!.delimiter.cells.map((cell) => cell.raw)).toEqual([":---------", ":------:", "----:"]);
    expect(at(table!.delimiter.cells[1]!.content)).toEqual([4, 13, 21]);

    const [run, stop] = table!.rows;
    expect(run!.cells.map((cell) => cell.raw)).toEqual(["Run it", "**RA**", ""]);
    expect(at(run!.cells[1]!.content)).toEqual([5, 14, 20]);
    // Empty cell: zero-width, one padding character after the opening pipe.
    expect(at(run!.cells[2]!.content)).toEqual([5, 23, 23]);
    expect(at(run!.cells[2]!.box)).toEqual([5, 22, 27]);
    // Unpadded cells: content and box coincide.
    expect(at(stop!.cells[1]!.content)).toEqual([6, 13, 14]);
    expect(at(stop!.cells[1]!.box)).toEqual([6, 13, 14]);
    expect(at(stop!.span)).toEqual([6, 1, 17]);
    expectConsistentPoints(text, doc);
  });

  it("gives the same lines and columns with CRLF, lone CR and no final newline", () => {
    const lf = scanMarkdown(SIMPLE.join("\n") + "\n");
    for (const text of [SIMPLE.join("\r\n") + "\r\n", SIMPLE.join("\r"), SIMPLE.join("\n")]) {
      const doc = scanMarkdown(text);
      const strip = (d: ScannedDocument) =>
        tables(d).map((table) => [table.header, table.delimiter, ...table.rows].map((row) => row.cells.map((cell) => [...at(cell.content), ...at(cell.box), cell.raw])));
      expect(strip(doc)).toEqual(strip(lf));
      expect(at(tables(doc)[0]!.rows[1]!.span)).toEqual([6, 1, 17]);
      expectConsistentPoints(text, doc);
    }
  });

  it("reads a table whose last row has no line ending", () => {
    const doc = scanMarkdown("| a | b |\n|---|---|\n| c | d |");
    const [table] = tables(doc);
    expect(raws(table!)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(at(table!.rows[0]!.cells[1]!.content)).toEqual([3, 7, 8]);
    expect(table!.span.end.offset).toBe(29);
  });

  it("reads tables without outer pipes, and an empty cell without padding right after its pipe", () => {
    const doc = scanMarkdown("a | b\n--|--\nc ||\n");
    const [table] = tables(doc);
    expect(table!.leadingPipe).toBe(false);
    expect(raws(table!)).toEqual([
      ["a", "b"],
      ["c", ""],
    ]);
    expect(at(table!.header.cells[0]!.box)).toEqual([1, 1, 3]);
    expect(at(table!.header.cells[1]!.box)).toEqual([1, 4, 6]);
    expect(at(table!.rows[0]!.cells[1]!.content)).toEqual([3, 4, 4]);
    expect(at(table!.rows[0]!.cells[1]!.box)).toEqual([3, 4, 4]);
  });

  it("keeps every cell of a ragged row (GFM would pad or drop)", () => {
    const [table] = tables(scanMarkdown("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n"));
    expect(raws(table!)).toEqual([["a", "b"], ["1"], ["1", "2", "3", "4"]]);
    expect(at(table!.rows[1]!.cells[3]!.content)).toEqual([4, 15, 16]);
  });

  it("splits on pipes, except escaped ones; pipes in code spans split too (as in GFM)", () => {
    const [table] = tables(scanMarkdown("| a | b |\n|---|---|\n| x \\| y | `p|q` |\n| \\\\| z |\n"));
    expect(raws(table!)).toEqual([
      ["a", "b"],
      ["x \\| y", "`p", "q`"],
      ["\\\\", "z"],
    ]);
  });

  it("needs as many delimiter cells as header cells", () => {
    expect(tables(scanMarkdown("| a | b |\n|---|\n| c | d |\n"))).toEqual([]);
    expect(tables(scanMarkdown("| a |\n|---|---|\n"))).toEqual([]);
    // A lone pipe is too small a header.
    expect(tables(scanMarkdown("|\n|-|\n"))).toEqual([]);
  });

  it("lets a table interrupt a paragraph and continue on lines without pipes until a blank line", () => {
    const doc = scanMarkdown("Intro line\n| a | b |\n| - | - |\nplain text\n\nafter\n");
    const [table] = tables(doc);
    expect(table!.header.span.start.line).toBe(2);
    expect(raws(table!)).toEqual([["a", "b"], ["plain text"]]);
    expect(table!.span.end.line).toBe(4);
  });

  it("ends a table at a heading, a list item, a block quote or a fence", () => {
    for (const next of ["# h", "- item", "2. item", "> quote", "```", "***", "    code", "<div>"]) {
      const [table] = tables(scanMarkdown(`| a |\n| - |\n| b |\n${next}\n| c |\n`));
      expect(raws(table!), next).toEqual([["a"], ["b"]]);
    }
  });

  it("takes `---` under a paragraph line as a setext heading, not a delimiter row", () => {
    const doc = scanMarkdown("a | b\n---\n");
    expect(tables(doc)).toEqual([]);
    expect(only(doc, "heading").map((b) => [b.heading.depth, b.heading.text])).toEqual([[2, "a | b"]]);
  });

  it("allows up to 3 spaces of indentation; 4 (or a tab) make indented code", () => {
    const [table] = tables(scanMarkdown("   | a |\n   |---|\n   | b |\n"));
    expect(at(table!.header.cells[0]!.content)).toEqual([1, 6, 7]);
    expect(at(table!.header.span)).toEqual([1, 1, 9]);
    expect(tables(scanMarkdown("    | a |\n    |---|\n"))).toEqual([]);
    expect(tables(scanMarkdown("\t| a |\n\t|---|\n"))).toEqual([]);
  });

  it("trims spaces and tabs only, and counts a tab as one column", () => {
    const [table] = tables(scanMarkdown("|\ta\u00a0|\tb |\n|-|-|\n"));
    expect(table!.header.cells[0]!.raw).toBe("a\u00a0");
    expect(at(table!.header.cells[0]!.content)).toEqual([1, 3, 5]);
  });

  it("ignores tables in fenced and indented code", () => {
    const text = "```md\n| a |\n|---|\n```\n\n~~~\n| a |\n|---|\n~~~~\n\n    | a |\n    |---|\n\n````\n| a |\n```\n|---|\n";
    expect(tables(scanMarkdown(text))).toEqual([]);
  });

  it("finds tables in block quotes and list items, cells measured from the container content", () => {
    const doc = scanMarkdown("> | a | b |\n> |---|---|\n> | c | d |\n\n- item\n\n  | e |\n  |---|\n");
    const [quoted, listed] = tables(doc);
    expect(raws(quoted!)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(at(quoted!.rows[0]!.cells[0]!.content)).toEqual([3, 5, 6]);
    expect(at(quoted!.rows[0]!.span)).toEqual([3, 1, 12]);
    expect(raws(listed!)).toEqual([["e"]]);
    expect(at(listed!.header.cells[0]!.content)).toEqual([7, 5, 6]);
  });
});

describe("headings", () => {
  it("reads ATX headings (closing hashes stripped) and setext headings", () => {
    const text = "# Title #\n\n## Sub ##  \n\nSetext one\n===\n\nSetext two\n---\n\n---\n\n#NoSpace\n####### seven\n";
    const doc = scanMarkdown(text);
    const headings = only(doc, "heading").map((b) => [b.heading.depth, b.heading.text, ...range(b.heading.span)]);
    expect(headings).toEqual([
      [1, "Title", 1, 1, 1, 10],
      [2, "Sub", 3, 1, 3, 12],
      [1, "Setext one", 5, 1, 6, 4],
      [2, "Setext two", 8, 1, 9, 4],
    ]);
    expectConsistentPoints(text, doc);
  });

  it("positions headings the same with CRLF and without a final newline", () => {
    const doc = scanMarkdown("Intro\r\n\r\n### Roles\r\nSetext\r\n---");
    expect(only(doc, "heading").map((b) => [b.heading.text, ...range(b.heading.span)])).toEqual([
      ["Roles", 3, 1, 3, 10],
      ["Setext", 4, 1, 5, 4],
    ]);
  });
});

describe("list items", () => {
  it("reports each item's first line, trimmed, with its span", () => {
    const text = "- one\n* two  \n+ three\n1. four\n10) five\n-\n  - nested\n";
    const doc = scanMarkdown(text);
    expect(only(doc, "list-item").map((b) => [b.item.text, ...at(b.item.content)])).toEqual([
      ["one", 1, 3, 6],
      ["two", 2, 3, 6],
      ["three", 3, 3, 8],
      ["four", 4, 4, 8],
      ["five", 5, 5, 9],
      ["", 6, 2, 2],
      ["nested", 7, 5, 11],
    ]);
    expectConsistentPoints(text, doc);
  });

  it("does not report list markers inside tables, code or paragraphs that cannot be interrupted", () => {
    const doc = scanMarkdown("| a |\n|---|\n| - b |\n\n```\n- c\n```\n\ntext\n2. not a list\n");
    expect(only(doc, "list-item")).toEqual([]);
  });
});

describe("comments", () => {
  it("reports single- and multi-line HTML comments with trimmed bodies", () => {
    const text = "<!-- raci-lint-disable role-count -->\n\n  <!--\n  multi\n  line\n  -->\n\n<!---->\n";
    const doc = scanMarkdown(text);
    expect(only(doc, "comment").map((b) => [b.comment.body, ...range(b.comment.span)])).toEqual([
      ["raci-lint-disable role-count", 1, 1, 1, 38],
      ["multi\n  line", 3, 3, 6, 6],
      ["", 8, 1, 8, 8],
    ]);
    expectConsistentPoints(text, doc);
  });

  it("hides tables inside a comment, and reports nothing for an unterminated one", () => {
    const doc = scanMarkdown("<!--\n| a |\n|---|\n-->\n\n<!-- open\n| b |\n|---|\n");
    expect(tables(doc)).toEqual([]);
    expect(only(doc, "comment")).toHaveLength(1);
  });
});

describe("front matter", () => {
  it("gives the YAML text and its span", () => {
    const text = "---\ntitle: S3\nlang: en\n---\n# Heading\n";
    const doc = scanMarkdown(text);
    expect(doc.frontMatter!.yaml).toBe("title: S3\nlang: en");
    expect(range(doc.frontMatter!.content)).toEqual([2, 1, 3, 9]);
    expect(range(doc.frontMatter!.span)).toEqual([1, 1, 4, 4]);
    expect(only(doc, "heading").map((b) => at(b.heading.span))).toEqual([[5, 1, 10]]);
    expectConsistentPoints(text, doc);
  });

  it("handles CRLF, a `...` closing line, empty front matter and front matter ending the text", () => {
    const crlf = scanMarkdown("---\r\na: 1\r\n...\r\n| x |\r\n|---|\r\n");
    expect(crlf.frontMatter!.yaml).toBe("a: 1");
    expect(tables(crlf)[0]!.header.span.start.line).toBe(4);
    const empty = scanMarkdown("---\n---\ntext\n");
    expect(empty.frontMatter!.yaml).toBe("");
    expect(range(empty.frontMatter!.content)).toEqual([2, 1, 2, 1]);
    const last = scanMarkdown("---\na: 1\n---");
    expect(last.frontMatter!.yaml).toBe("a: 1");
    expect(last.blocks).toEqual([]);
  });

  it("reads nothing inside front matter as a block, and needs a closing line", () => {
    const inside = scanMarkdown("---\n# not a heading\n| a |\n|---|\n---\n");
    expect(inside.blocks).toEqual([]);
    const unclosed = scanMarkdown("---\n# heading\n");
    expect(unclosed.frontMatter).toBeNull();
    expect(only(unclosed, "heading")).toHaveLength(1);
  });
});

describe("matrices/cloud-temple-s3.md", () => {
  const text = readFileSync(path.join(repoRoot, "matrices/cloud-temple-s3.md"), "utf8");
  const doc = scanMarkdown(text);

  it("finds the front matter, the headings and the seven tables", () => {
    expect(doc.frontMatter!.yaml).toBe("title: IaaS Responsibility Matrix - S3 Object Storage");
    expect(tables(doc).map((table) => table.span.start.line)).toEqual([11, 20, 27, 36, 53, 60, 69]);
    expect(only(doc, "heading").map((b) => [b.heading.depth, b.heading.text, b.heading.span.start.line])).toEqual([
      [2, "Definition of different roles", 7],
      [2, "Define your need", 18],
      [2, "Implement the service", 25],
      [2, "Recurring Operations", 34],
      [2, "Encryption Management", 51],
      [2, "Business Continuity", 58],
      [2, "Reversibility", 67],
    ]);
    expectConsistentPoints(text, doc);
  });

  it("positions cells exactly", () => {
    const encryption = tables(doc)[4]!;
    const cell = encryption.rows[0]!.cells[1]!;
    expect(cell.raw).toBe("__AR__");
    expect(at(cell.content)).toEqual([55, 95, 101]);
    expect(at(cell.box)).toEqual([55, 94, 107]);
    // The last row of the file has no final newline.
    const last = tables(doc)[6]!.rows.at(-1)!;
    expect(last.cells.map((c) => c.raw)).toEqual(["Destroy storage media at end of life or in error", "", "__RA__"]);
    expect(last.span.end.line).toBe(74);
  });
});
