/**
 * Differential test: `parseSimpleFrontMatter` must return exactly what the yaml package's
 * `parse(text, { prettyErrors: false })` returns (the call the Markdown reader falls back to),
 * whenever it returns anything but `undefined`: on every front matter of the shared corpus and of
 * the benchmark corpus, and on seeded generated documents full of values YAML 1.2 reads as
 * something else than a string. It must also accept the simple ones, or it would be no fast path.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseSimpleFrontMatter } from "../../src/readers/front-matter.js";
import { scanMarkdown } from "../../src/readers/markdown/scan.js";
import { corpusParams, mulberry32, renderPage } from "../../bench/generate.mjs";
import { CORPUS } from "../helpers.js";

/** What the yaml package makes of `text`, or "error" when it throws. */
function reference(text: string): unknown {
  try {
    return parse(text, { prettyErrors: false });
  } catch {
    return "error";
  }
}

/** Fails unless the fast path's result, when it has one, is yaml's (same keys in the same order). */
function expectAgreement(text: string): boolean {
  const fast = parseSimpleFrontMatter(text);
  if (fast === undefined) return false;
  const expected = reference(text);
  expect(fast, JSON.stringify(text)).toStrictEqual(expected);
  if (fast !== null) expect(Object.keys(fast), JSON.stringify(text)).toEqual(Object.keys(expected as object));
  return true;
}

/** The YAML text of a Markdown document's front matter, as the reader sees it. */
function frontMatterOf(markdown: string): string[] {
  const fm = scanMarkdown(markdown.replace(/^\uFEFF/, "")).frontMatter;
  return fm ? [fm.yaml] : [];
}

/** The front matter of every Markdown file under `dir`. */
function frontMatters(dir: string): string[] {
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort();
  return files.flatMap((file) => frontMatterOf(readFileSync(path.join(dir, file), "utf8")));
}

describe("the fast path agrees with yaml on real front matter", () => {
  it("reads every front matter of the shared corpus, as yaml does", () => {
    const texts = frontMatters(CORPUS);
    expect(texts.length).toBeGreaterThan(40);
    // All of the corpus' front matter is `title:` / `slug:` lines: every one must take the fast path.
    expect(texts.filter((text) => !expectAgreement(text))).toEqual([]);
  });

  it("reads the benchmark corpus' front matter as yaml does, quoted titles included", () => {
    // The pages `npm run bench` writes, made in memory.
    const { seed, files, rowsPerFile } = corpusParams({});
    const texts = Array.from({ length: files }, (_, i) => frontMatterOf(renderPage(seed, i, rowsPerFile).text)).flat();
    expect(texts.length).toBe(2000);
    // The generator quotes about one title in five (`"Matrice de responsabilité : …"`).
    expect(texts.filter((text) => /^title: "/.test(text)).length).toBeGreaterThan(100);
    expect(texts.filter((text) => !expectAgreement(text))).toEqual([]);
  });
});

// ---- generated documents --------------------------------------------------------------------

const SIMPLE_KEYS = ["title", "slug", "sidebar_position", "description", "tags", "_draft", "sidebar-label", "id2", "constructor", "toString"];
const TRICKY_KEYS = ["null", "Null", "TRUE", "false", "__proto__", "yes", "1", "-a", "a b", '"q"', "ü", "?a", "a ", "<<", "k".repeat(1030)];
/** Values the fast path must take. */
const SIMPLE_VALUES = [
  "",
  "0",
  "1",
  "42",
  "9007199254740991",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  "null",
  "Null",
  "NULL",
  "~",
  "yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "Yes",
  "nULL",
  "tRUE",
  "nan",
  "inf",
  "Infinity",
  "NaN",
  "~foo",
  "=",
  "<<",
  "IaaS Responsibility Matrix - Firewall",
  "/contractual/storage/raci",
  "Modèle de responsabilité partagée — VPC",
  "C#",
  "a#b",
  "http://x.y/z",
  "a:b",
  'say "hi"',
  "it's",
  "b]",
  "b, c",
  "b{",
  "x\u00a0",
  "\u00a0x",
  "日本語",
  "😀 emoji",
  "'q'",
  '"q"',
  "''",
  '""',
  "'a \" # b'",
  '"it\'s: a # b"',
  "a - b",
  "a ? b",
  "a | b",
  "a > b",
  "a & b",
  "a * b",
  "a ! b",
  "a % b",
  "a @ b",
];
/** Values yaml reads as something other than a plain string, or that are outside the subset. */
const TRICKY_VALUES = [
  "1.5",
  "-1",
  "+1",
  "01",
  "007",
  "0o7",
  "0o8",
  "0x1",
  "0xFF",
  "0b1",
  "1e3",
  "1E3",
  "1_000",
  ".5",
  "5.",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "9007199254740992",
  "12345678901234567890",
  "1:20",
  "1,000",
  "2024-01-02",
  "'it''s'",
  '"a\\tb"',
  '"a"b"',
  "'a' # c",
  '"a" x',
  "[1, 2]",
  "{a: 1}",
  "- x",
  "-x",
  "? x",
  ": x",
  ",x",
  "#x",
  "&a x",
  "*a",
  "!tag x",
  "!!str 1",
  "| x",
  "> x",
  "%x",
  "@x",
  "`x`",
  "a: b",
  "a:",
  "a # c",
  "a #c",
  "a ",
  "a\t",
  "a\tb",
  "true ",
  " x",
  "x\u0007",
  "x\u0085y",
  "x\u2028y",
  "\ufeffx",
  "x\r",
  "a\\b",
  "{b",
];
const SEPARATORS = [": ", ": ", ": ", ":  ", ":", ":\t", " : ", ":\u00a0"];
const EXTRA_LINES = ["", "# a comment", "#", "   ", "  indented: 1", "  continued", "- item", "...", "%YAML 1.2", "? complex", "\t"];

interface GeneratedDocument {
  text: string;
  /** Only simple keys (no duplicates), separators, values, blank lines and comments: must be accepted. */
  simple: boolean;
}

/** A document of 1-6 lines mixing simple and tricky keys, separators, values and line endings. */
function generateDocument(next: () => number): GeneratedDocument {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines: string[] = [];
  const keys = new Set<string>();
  let simple = true;
  const count = 1 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    if (next() < 0.1) {
      const extra = pick(EXTRA_LINES);
      if (extra !== "" && !extra.startsWith("#")) simple = false;
      lines.push(extra);
      continue;
    }
    const key = next() < 0.1 ? pick(TRICKY_KEYS) : pick(SIMPLE_KEYS);
    const separator = next() < 0.1 ? pick(SEPARATORS) : ": ";
    const value = next() < 0.2 ? pick(TRICKY_VALUES) : next() < 0.1 ? randomValue(next) : pick(SIMPLE_VALUES);
    if (!SIMPLE_KEYS.includes(key) || keys.has(key) || !SIMPLE_VALUES.includes(value) || (separator !== ": " && separator !== ":  ")) simple = false;
    keys.add(key);
    lines.push(value === "" && separator.startsWith(":") ? `${key}:` : `${key}${separator}${value}`);
  }
  const ending = next() < 0.1 ? "\r\n" : "\n";
  return { text: lines.join(ending) + (next() < 0.2 ? ending : ""), simple };
}

/** A value of 1-8 characters drawn from the characters YAML gives meaning to. */
function randomValue(next: () => number): string {
  const alphabet = "ab01 .:#-+~'\"[]{},&*!|>%@`?eExXo_\\\u00e9\t";
  let value = "";
  const length = 1 + Math.floor(next() * 8);
  for (let i = 0; i < length; i++) value += alphabet[Math.floor(next() * alphabet.length)];
  return value;
}

describe("the fast path agrees with yaml on generated front matter", () => {
  it.each([1, 2, 3, 4, 5])("seed %i: 1,000 documents", (seed) => {
    const next = mulberry32(seed);
    let accepted = 0;
    let simple = 0;
    for (let n = 0; n < 1000; n++) {
      const document = generateDocument(next);
      const took = expectAgreement(document.text);
      if (document.simple) {
        simple++;
        expect(took, JSON.stringify(document.text)).toBe(true);
      }
      if (took) accepted++;
    }
    // A good share is simple and taken; the rest (a tricky key, value or line somewhere) goes to yaml.
    expect(simple).toBeGreaterThan(150);
    expect(accepted).toBeGreaterThanOrEqual(simple);
  });
  it("agrees on 5,000 single lines whose value is random characters YAML gives meaning to", () => {
    const next = mulberry32(6);
    let accepted = 0;
    for (let n = 0; n < 5000; n++) if (expectAgreement(`title: ${randomValue(next)}`)) accepted++;
    // More than a fifth start with a letter or other harmless character and hold no ` #`, `: ` or trailing space.
    expect(accepted).toBeGreaterThan(1000);
  });
});

describe("exact examples", () => {
  it("reads front matter as the corpus writes it", () => {
    expect(parseSimpleFrontMatter("title: IaaS Responsibility Matrix - Firewall\nsidebar_position: 1")).toStrictEqual({
      title: "IaaS Responsibility Matrix - Firewall",
      sidebar_position: 1,
    });
  });

  it("resolves the core schema's integers, booleans and nulls, and only those", () => {
    const text = "a:\nb: ~\nc: TRUE\nd: yes\ne: 0\nf: False\ng: Null\nh: on\n\n# comment\ni: 9007199254740991\n";
    const value = { a: null, b: null, c: true, d: "yes", e: 0, f: false, g: null, h: "on", i: 9007199254740991 };
    expect(parseSimpleFrontMatter(text)).toStrictEqual(value);
    expect(parse(text)).toStrictEqual(value);
  });

  it("reads quoted scalars without escapes as their text", () => {
    const text = "a: 'q'\nb: \"Matrice : RACI # 1\"\nc: ''\nd: \"it's\"\n";
    const value = { a: "q", b: "Matrice : RACI # 1", c: "", d: "it's" };
    expect(parseSimpleFrontMatter(text)).toStrictEqual(value);
    expect(parse(text)).toStrictEqual(value);
  });

  it("reads CRLF lines, and empty or comment-only text as null (as yaml does)", () => {
    expect(parseSimpleFrontMatter("a: b\r\nc: d\r\n")).toStrictEqual({ a: "b", c: "d" });
    expect(parseSimpleFrontMatter("")).toBeNull();
    expect(parseSimpleFrontMatter("# only a comment\n")).toBeNull();
    expect(parse("")).toBeNull();
  });

  it.each([
    "a: 1.5",
    "a: 0x1",
    "a: 0o7",
    "a: +1",
    "a: .inf",
    "a: 1e3",
    "a: 9007199254740992",
    "a: 'it''s'",
    'a: "q\\""',
    "a: 'q' # c",
    "a: b # c",
    "a: b ",
    "a: b:",
    "a: b: c",
    "a: [1]",
    "a: 1\na: 2",
    "  a: 1",
    "a:\n  - x",
    "a:b",
    "a:\tb",
    "__proto__: x",
    "null: x",
    "TRUE: x",
    "a: x\r",
    "a b: c",
  ])("leaves %j to yaml", (text) => {
    expect(parseSimpleFrontMatter(text)).toBeUndefined();
  });
});
