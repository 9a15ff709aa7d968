/**
 * Differential test: the block scanner must agree with the GFM reference parser (micromark with
 * micromark-extension-gfm-table, plus micromark-extension-frontmatter so YAML front matter is not
 * read as a setext heading or table) on every table of the shared corpus and of generated
 * documents: where each table starts, each row's line and every cell's text and offsets.
 *
 * micromark's events keep every cell a row holds (GFM only pads/truncates when rendering), so the
 * comparison is on the raw cells, which is stricter than the rendered, normalised view; the
 * normalised view (body rows padded/truncated to the header's cell count) is compared too.
 * Tables inside block quotes and list items are included: the scanner supports them.
 * Headings (depth and span), list item lines and HTML comment lines are compared as well, since
 * they decide where tables can start.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, postprocess, preprocess } from "micromark";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfmTable } from "micromark-extension-gfm-table";
import { describe, expect, it } from "vitest";
import { scanMarkdown } from "../../../src/readers/markdown/scan.js";
import { splitCells } from "../../../src/readers/markdown/cells.js";
import type { TableCell } from "../../../src/readers/markdown/scan-types.js";
// The seeded PRNG the bench generator uses: every run generates the same documents.
import { mulberry32 } from "../../../bench/generate.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const corpusDir = path.resolve(repoRoot, "../shared/corpus");

/** One row as both sides see it: its line and each cell's trimmed text and content offsets. */
interface RowView {
  line: number;
  cells: string[];
  /** `start-end` of each non-empty cell's content, `-` for an empty cell. */
  offsets: string[];
}

interface TableView {
  line: number;
  header: RowView;
  delimiter: RowView;
  rows: RowView[];
}

/** Everything compared for one document. */
interface DocumentView {
  tables: TableView[];
  /** `depth@line:column-line:column` per heading. */
  headings: string[];
  /** Start line of each list item. */
  listItems: number[];
  /** Start line of each HTML comment block. */
  comments: number[];
  /** `startLine-endLine` of the front matter (fences included), if any. */
  frontMatter: string | null;
}

type MicromarkEvents = ReturnType<typeof postprocess>;
type MicromarkToken = MicromarkEvents[number][1];

function micromarkEvents(text: string): MicromarkEvents {
  const withFrontMatter = postprocess(
    parse({ extensions: [frontmatter(), gfmTable()] })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  // The extension names its token after the matter type ("yaml"), outside micromark's token type map.
  if (withFrontMatter.some(([, token]) => String(token.type) === "yaml")) return withFrontMatter;
  // micromark-extension-frontmatter 2.0.0 quirk: when a first line `---` turns out not to open
  // front matter, its failed (concrete) construct stays current and no block quote or list can
  // open anywhere after it. Documents without front matter are therefore parsed without it.
  return postprocess(
    parse({ extensions: [gfmTable()] })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
}

/** Reads tables, headings, list items and comments off micromark's event stream. */
function referenceView(text: string): DocumentView {
  const view: DocumentView = { tables: [], headings: [], listItems: [], comments: [], frontMatter: null };
  let table: TableView | null = null;
  let row: RowView | null = null;
  let rowKind: "header" | "delimiter" | "body" = "body";
  let cellOpen = false;
  let heading: { token: MicromarkToken; depth: number } | null = null;
  for (const [kind, token] of micromarkEvents(text)) {
    if (kind === "enter") {
      switch (token.type) {
        case "table":
          table = { line: token.start.line, header: emptyRow(), delimiter: emptyRow(), rows: [] };
          view.tables.push(table);
          break;
        case "tableHead":
          rowKind = "header";
          break;
        case "tableRow":
        case "tableDelimiterRow":
          row = { line: token.start.line, cells: [], offsets: [] };
          if (token.type === "tableDelimiterRow") rowKind = "delimiter";
          break;
        case "tableHeader":
        case "tableData":
        case "tableDelimiter":
          row!.cells.push("");
          row!.offsets.push("-");
          cellOpen = true;
          break;
        case "tableContent":
          if (cellOpen) {
            row!.cells[row!.cells.length - 1] = text.slice(token.start.offset, token.end.offset);
            row!.offsets[row!.offsets.length - 1] = `${token.start.offset}-${token.end.offset}`;
          }
          break;
        case "atxHeading":
          heading = { token, depth: 0 };
          break;
        case "atxHeadingSequence":
          if (heading && heading.depth === 0) heading.depth = token.end.offset - token.start.offset;
          break;
        case "setextHeading":
          heading = { token, depth: 0 };
          break;
        case "setextHeadingLineSequence":
          if (heading) heading.depth = text[token.start.offset] === "=" ? 1 : 2;
          break;
        case "listItemPrefix":
          view.listItems.push(token.start.line);
          break;
        case "htmlFlow": {
          // The token includes the line's indentation.
          const html = text.slice(token.start.offset, token.end.offset).replace(/^[ \t]+/, "");
          if (html.startsWith("<!--") && html.indexOf("-->", 2) !== -1) view.comments.push(token.start.line);
          break;
        }
        default:
          if (String(token.type) === "yaml") view.frontMatter = `${token.start.line}-${token.end.line}`;
      }
    } else {
      switch (token.type) {
        case "tableHeader":
        case "tableData":
        case "tableDelimiter":
          cellOpen = false;
          break;
        case "tableRow":
        case "tableDelimiterRow":
          if (rowKind === "header") table!.header = row!;
          else if (rowKind === "delimiter") table!.delimiter = row!;
          else table!.rows.push(row!);
          rowKind = "body";
          row = null;
          break;
        case "table":
          table = null;
          break;
        case "atxHeading":
        case "setextHeading":
          view.headings.push(headingKey(heading!.depth, heading!.token.start, heading!.token.end));
          heading = null;
          break;
      }
    }
  }
  return view;
}

function emptyRow(): RowView {
  return { line: 0, cells: [], offsets: [] };
}

function headingKey(depth: number, start: { line: number; column: number }, end: { line: number; column: number }): string {
  return `${depth}@${start.line}:${start.column}-${end.line}:${end.column}`;
}

/** The same view, from the scanner. */
function scannerView(text: string): DocumentView {
  const doc = scanMarkdown(text);
  const frontMatter = doc.frontMatter ? `${doc.frontMatter.span.start.line}-${doc.frontMatter.span.end.line}` : null;
  const view: DocumentView = { tables: [], headings: [], listItems: [], comments: [], frontMatter };
  for (const block of doc.blocks) {
    switch (block.kind) {
      case "table": {
        const { table } = block;
        const toView = (row: (typeof table)["header"]): RowView => {
          // Readers may take a row's first cell and split the rest on their own: both must give the row's cells.
          const parts = [row.firstCell];
          if (row.restStart !== -1) splitCells(row.text, row.restStart, row.lineEnd, (start, end) => parts.push(row.cellAt(start, end)), true, true);
          const place = (cell: TableCell) => `${cell.raw}@${cell.contentStart}/${cell.boxStart}-${cell.boxEnd}`;
          expect(parts.map(place), `row at line ${row.line} split from its rest`).toEqual(row.cells.map(place));
          // The rest on its own (as the reader keys it): offsets from its start.
          if (row.restStart !== -1) {
            const rest = row.text.slice(row.restStart, row.lineEnd);
            const boxes: string[] = [];
            splitCells(rest, 0, rest.length, (start, end) => boxes.push(`${row.restStart + start}-${row.restStart + end}`), rest.includes("\\"), true);
            expect(boxes, `row at line ${row.line}: its rest split alone`).toEqual(row.cells.slice(1).map((c) => `${c.boxStart}-${c.boxEnd}`));
          }
          return rowView(row);
        };
        const rowView = (row: (typeof table)["header"]): RowView => ({
          line: row.span.start.line,
          cells: row.cells.map((cell) => cell.raw),
          offsets: row.cells.map((cell) => (cell.raw === "" ? "-" : `${cell.content.start.offset}-${cell.content.end.offset}`)),
        });
        view.tables.push({ line: table.span.start.line, header: toView(table.header), delimiter: toView(table.delimiter), rows: table.rows.map(toView) });
        break;
      }
      case "heading":
        view.headings.push(headingKey(block.heading.depth, block.heading.span.start, block.heading.span.end));
        break;
      case "list-item":
        view.listItems.push(block.item.content.start.line);
        break;
      case "comment":
        view.comments.push(block.comment.span.start.line);
        break;
    }
  }
  return view;
}

/** What GFM renders: body rows padded with empty cells or truncated to the header's count. */
function normalised(view: DocumentView): string[][][] {
  return view.tables.map((table) => {
    const width = table.header.cells.length;
    const fit = (cells: string[]): string[] => Array.from({ length: width }, (_, i) => cells[i] ?? "");
    return [table.header.cells, ...table.rows.map((row) => fit(row.cells))];
  });
}

/** Asserts both parsers agree on `text`; the message carries the document so a failure can be replayed. */
function expectAgreement(text: string, label: string): void {
  const expected = referenceView(text);
  const actual = scannerView(text);
  const message = `${label}: scanner disagrees with micromark on document ${JSON.stringify(text)}`;
  expect(normalised(actual), message).toEqual(normalised(expected));
  expect(actual, message).toEqual(expected);
}

function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(full));
    else if (entry.name.endsWith(".md")) files.push(full);
  }
  return files.sort();
}

describe("scanMarkdown agrees with micromark + GFM tables on the corpus", () => {
  const files = markdownFiles(corpusDir);

  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files.map((file) => [path.relative(corpusDir, file), file]))("%s", (_name, file) => {
    const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const view = referenceView(text);
    expect(scannerView(text)).toEqual(view);
    expect(normalised(scannerView(text))).toEqual(normalised(view));
  });

  it("sees the corpus' tables", () => {
    let tables = 0;
    let rows = 0;
    for (const file of files) {
      const view = scannerView(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
      tables += view.tables.length;
      rows += view.tables.reduce((sum, table) => sum + table.rows.length, 0);
    }
    // The corpus README announces about 500 RACI tables and 2,800 activity rows.
    expect(tables).toBeGreaterThan(450);
    expect(rows).toBeGreaterThan(2500);
  });
});

// ---- generated documents --------------------------------------------------------------------

/** Random choices for the generator. */
class Dice {
  constructor(private readonly next: () => number) {}
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const WORDS = [
  "Activity",
  "Client",
  "Cloud Temple",
  "__RA__",
  "**R**",
  "I",
  "C",
  "A",
  "x",
  "Gérer",
  "日本",
  "a\\|b",
  "`a|b`",
  "`x`",
  "\\\\",
  "<b>t</b>",
  "1.",
  "#x",
  ":--",
  "- y",
  "* z",
  "> q",
] as const;
const PADDING = ["", " ", " ", "  ", "\t", "   "] as const;

function cellText(dice: Dice): string {
  if (dice.chance(0.12)) return "";
  const words = 1 + dice.int(2);
  return Array.from({ length: words }, () => dice.pick(WORDS)).join(" ");
}

function indent(dice: Dice): string {
  return dice.chance(0.8) ? "" : " ".repeat(dice.int(5));
}

/** A table row; `pipes` chooses outer pipes: both, leading only, trailing only, none. */
function tableRow(dice: Dice, cells: string[], pipes: number): string {
  const padded = cells.map((cell) => dice.pick(PADDING) + cell + dice.pick(PADDING));
  let line = padded.join("|");
  if (pipes === 0 || pipes === 1) line = "|" + line;
  if (pipes === 0 || pipes === 2) line = line + "|";
  if (dice.chance(0.15)) line += dice.pick([" ", "  ", "\t"]);
  return indent(dice) + line;
}

function delimiterCell(dice: Dice): string {
  const dashes = "-".repeat(1 + dice.int(4));
  return dice.pick(["", ":", ""]) + dashes + dice.pick(["", ":", ""]);
}

function generateTable(dice: Dice): string[] {
  const width = 1 + dice.int(4);
  const pipes = dice.int(4);
  const lines: string[] = [];
  const header = Array.from({ length: width }, () => cellText(dice) || "h");
  lines.push(tableRow(dice, header, pipes));
  // Sometimes a wrong cell count (not a table), sometimes a plain `---` (setext underline).
  const delimiterWidth = dice.chance(0.1) ? Math.max(1, width + dice.pick([-1, 1])) : width;
  if (dice.chance(0.05)) lines.push("---");
  else
    lines.push(
      tableRow(
        dice,
        Array.from({ length: delimiterWidth }, () => delimiterCell(dice)),
        dice.chance(0.8) ? pipes : dice.int(4),
      ),
    );
  const bodyRows = dice.int(5);
  for (let r = 0; r < bodyRows; r++) {
    const count = dice.chance(0.2) ? Math.max(1, width + dice.pick([-2, -1, 1, 2])) : width;
    lines.push(
      tableRow(
        dice,
        Array.from({ length: count }, () => cellText(dice)),
        dice.chance(0.85) ? pipes : dice.int(4),
      ),
    );
  }
  if (dice.chance(0.2)) lines.push(dice.pick(["no pipe after the table", "Text continues", "   indented text", "    four spaces", "|", "||", "\\|"]));
  return lines;
}

const PREFIXES = ["", "", "", " ", "  ", "   ", "    ", "\t", "> ", ">", ">\t", "> > ", "- ", "-\t", "* ", "1. ", "2) ", "  - ", "   ", "     "] as const;
const FRAGMENTS = [
  "| a | b |",
  "| - | - |",
  "|:-:|--:|",
  "a | b",
  "-|-",
  "- | -",
  ":--",
  "|",
  "text",
  "",
  "   ",
  "---",
  "===",
  "# h",
  "```",
  "~~~",
  "<div>",
  "<custom-tag>",
  "<!-- c -->",
  "<!--",
  "-->",
  "<script>",
  "</script>",
  "<![CDATA[",
  "]]>",
  "<?x",
  "?>",
  "<!DOCTYPE html>",
  "<a href=\"x\" b='y' c=z d>",
  "</span >",
  "    code",
  "1) x",
  "10. x",
  "-",
  "* * *",
  "\\| x |",
] as const;

/** Random lines of prefixes and fragments: stresses containers, laziness and block starts. */
function generateSoup(dice: Dice): string[] {
  return Array.from({ length: 2 + dice.int(6) }, () => dice.pick(PREFIXES) + (dice.chance(0.3) ? dice.pick(PREFIXES) : "") + dice.pick(FRAGMENTS));
}

function generateBlock(dice: Dice): string[] {
  switch (dice.int(16)) {
    case 14:
    case 15:
      return generateSoup(dice);
    case 0:
      return [`${"#".repeat(1 + dice.int(7))}${dice.pick([" ", "", "  "])}${cellText(dice)}${dice.pick(["", " #", " ##  ", "#"])}`];
    case 1:
      return [cellText(dice) || "Title", dice.pick(["===", "---", "-", "  ==  "])];
    case 2:
      return [dice.pick(["A paragraph line", "p | q", "Paragraph with | pipe |", "a"]), ...(dice.chance(0.5) ? ["second line"] : [])];
    case 3:
    case 4:
    case 5:
      return generateTable(dice);
    case 6: {
      const fence = dice.pick(["```", "~~~", "````", "```js", "~~~ info"]);
      const close = dice.chance(0.8) ? indent(dice).slice(0, 3) + fence.replace(/[a-z ]+$/, "") + dice.pick(["", "`", " "]) : "";
      return [indent(dice).slice(0, 3) + fence, ...generateTable(dice), ...(close ? [close] : [])];
    }
    case 7:
      return generateTable(dice).map((line) => "    " + line);
    case 8: {
      const prefix = dice.pick(["> ", ">", "> > "]);
      return generateTable(dice).map((line, i) => (i === 0 || dice.chance(0.9) ? prefix + line : line));
    }
    case 9: {
      const marker = dice.pick(["- ", "* ", "1. ", "2) ", "+ "]);
      const pad = " ".repeat(marker.length);
      const lines = [marker + dice.pick(["item", "| a | b |", "", "[x] done"])];
      if (dice.chance(0.5)) lines.push("", ...generateTable(dice).map((line) => (dice.chance(0.9) ? pad + line : line)));
      // eslint-disable-next-line no-dupe-else-if -- each chance() draws a new number
      else if (dice.chance(0.5)) lines.push(...generateTable(dice).map((line) => pad + line));
      return lines;
    }
    case 10:
      return dice.pick([["<!-- raci-lint-disable -->"], ["<!--", "| a | b |", "| - | - |", "-->"], ["<!-- a -->  text"], ["<!-->"], ["<!-- unterminated"]]);
    case 11:
      return dice.pick([["<div>", ...generateTable(dice), "</div>"], ["<br>"], ["<span>x</span>"], ["<custom-tag>"], ["<?php", "| a |", "?>"]]);
    case 12:
      return [dice.pick(["---", "***", "___", "- - -", " * * *"])];
    default:
      return [dice.pick(["- item", "1. first", "2. second", "-", "* star", "10) ten"])];
  }
}

function generateDocument(dice: Dice): string {
  const lines: string[] = [];
  if (dice.chance(0.1)) lines.push("---", "title: x", dice.pick(["---", "--- "]));
  const blocks = 1 + dice.int(6);
  for (let b = 0; b < blocks; b++) {
    if (b > 0) {
      // Mostly one blank line between blocks; sometimes none (a paragraph right above a table).
      const blanks = dice.pick([0, 1, 1, 1, 2]);
      for (let i = 0; i < blanks; i++) lines.push(dice.pick(["", "", "  "]));
    }
    lines.push(...generateBlock(dice));
  }
  const eol = dice.pick(["\n", "\n", "\r\n", "\r"]);
  return lines.join(eol) + (dice.chance(0.7) ? eol : "");
}

describe("scanMarkdown agrees with micromark + GFM tables on generated documents", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i: 400 documents", (seed) => {
    const dice = new Dice(mulberry32(seed));
    for (let n = 0; n < 400; n++) expectAgreement(generateDocument(dice), `seed ${seed} document ${n}`);
  });
});
