/**
 * The YAML data tree: the fast line reader reads what it accepts exactly as yaml's document model
 * does (values, styles, both ends of every node's range), on generated and mutated documents; yaml
 * itself (parser and composer) reads the rest; aliases and duplicate keys cost linear time; documents
 * nested too deeply are refused before yaml's parser recurses on them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Alias, Parser, parseDocument } from "yaml";
import { afterEach, describe, expect, it, vi } from "vitest";
import { corpusParams, mulberry32, renderPage, renderYaml } from "../../bench/generate.mjs";
import { TOO_DEEP } from "../../src/schema/validate.js";
import { toData, type DataNode } from "../../src/readers/data-tree.js";
import { plainValue, readComposedYaml, readSimpleYaml, readYamlTree } from "../../src/readers/yaml-tree.js";
import { lintText } from "../../src/index.js";
import { REPO } from "../helpers.js";

/** Where two trees differ (kind, offsets, anchor, value, style, children), or null. */
function difference(a: DataNode | null, b: DataNode | null, where = "$"): string | null {
  if (a === null || b === null) return a === b ? null : `${where}: ${a?.kind ?? "null"} vs ${b?.kind ?? "null"}`;
  if (a.kind !== b.kind) return `${where}: ${a.kind} vs ${b.kind}`;
  if (a.start !== b.start || a.end !== b.end) return `${where}: range ${a.start}-${a.end} vs ${b.start}-${b.end}`;
  if (a.anchor !== b.anchor) return `${where}: anchor`;
  if (a.kind === "scalar" && b.kind === "scalar")
    return Object.is(a.value, b.value) && a.style === b.style ? null : `${where}: ${JSON.stringify(a.value)} ${a.style} vs ${JSON.stringify(b.value)} ${b.style}`;
  if (a.kind === "seq" && b.kind === "seq") {
    if (a.items.length !== b.items.length) return `${where}: ${a.items.length} vs ${b.items.length} items`;
    for (let i = 0; i < a.items.length; i++) {
      const d = difference(a.items[i]!, b.items[i]!, `${where}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a.kind === "map" && b.kind === "map") {
    if (a.pairs.length !== b.pairs.length) return `${where}: ${a.pairs.length} vs ${b.pairs.length} pairs`;
    for (let i = 0; i < a.pairs.length; i++) {
      const d = difference(a.pairs[i]!.key, b.pairs[i]!.key, `${where}.<key ${i}>`) ?? difference(a.pairs[i]!.value, b.pairs[i]!.value, `${where}.${i}`);
      if (d) return d;
    }
  }
  return null;
}

/** Why the fast reader's tree of `text` is not yaml's, or null (also when the fast reader declines it). */
function fastDiffers(text: string): string | null {
  const fast = readSimpleYaml(text);
  if (!fast) return null;
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return `accepted, but yaml says: ${doc.errors[0]!.message}`;
  return difference(fast.root, readComposedYaml(text).root);
}

/** Seeded YAML near the fast reader's subset: nested blocks, compact maps in items, sequences at their key's indent, flow collections, every kind of scalar, comments and blank lines at any indent, CRLF, and random edits. */
function yamlGenerator(seed: number): () => string {
  const r = mulberry32(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
  const chance = (p: number) => r() < p;
  const WORDS = [
    "Client",
    "Cloud Temple",
    "RA",
    "R, A",
    "I",
    "",
    "AR",
    "x",
    "a b",
    "null",
    "~",
    "true",
    "False",
    "12",
    "-3",
    "0x1F",
    "0o7",
    "1.5",
    "1e3",
    ".inf",
    ".NaN",
    "y",
    "on",
    "é ü",
    "a:b",
    "a#b",
    "R&D",
    "<4h",
    "l'ensemble",
    "(R) Performs",
    "__A__pproves",
    "-x",
    "1.",
    "+1",
    "007",
    "a  b",
    "Yes",
    "NULL",
    "1_000",
    "2001-12-14",
    "x,y",
    "[x]",
  ];
  const plainOk = (w: string) => (w !== "" && !/^[-?:,[\]{}#&*!|>'"%@`\s]|: |:$| #|\s$/u.test(w)) || (/^-\S/u.test(w) && !/: |:$| #|\s$/u.test(w));
  const scalar = (flow: boolean) => {
    const w = pick(WORDS);
    const k = int(10);
    if (k < 5 && plainOk(w) && (!flow || !/[,[\]{}:#]/u.test(w))) return w;
    if (k < 8) return JSON.stringify(w);
    return `'${w.replace(/'/gu, "''")}'`;
  };
  const comment = () => (chance(0.5) ? `# ${pick(["note", "x: y", "- z", "#"])}` : "#");
  const flow = (d: number): string => {
    const items: string[] = [];
    if (chance(0.5)) {
      for (let i = int(4); i > 0; i--) items.push(d < 2 && chance(0.2) ? flow(d + 1) : scalar(true));
      return `[${chance(0.5) ? " " : ""}${items.join(pick([", ", ","]))}]`;
    }
    const used = new Set<string>();
    for (let i = int(4); i > 0; i--) {
      const k = scalar(true);
      if (k === '""' || used.has(k)) continue;
      used.add(k);
      items.push(`${k}: ${d < 2 && chance(0.2) ? flow(d + 1) : scalar(true)}`);
    }
    return items.length && chance(0.7) ? `{ ${items.join(", ")} }` : `{${items.join(", ")}}`;
  };
  const lines: string[] = [];
  const extra = (indent: number) => {
    while (chance(0.15)) lines.push(chance(0.5) ? "" : " ".repeat(Math.max(0, indent + int(5) - 2)) + comment());
  };
  const inline = () => (chance(0.15) ? flow(0) : scalar(false)) + (chance(0.1) ? "  " : "") + (chance(0.15) ? ` ${comment()}` : "");
  const block = (indent: number, depth: number, prefix: string | null) => {
    const isSeq = chance(0.4);
    const used = new Set<string>();
    const count = 1 + int(4);
    for (let i = 0; i < count; i++) {
      const start = i === 0 && prefix !== null ? prefix : " ".repeat(indent);
      if (isSeq) {
        const sp = pick(["- ", "- ", "-  "]);
        const c = int(10);
        if (depth < 4 && c < 3) block(indent + sp.length, depth + 1, start + sp);
        else if (depth < 4 && c < 4) {
          lines.push(`${start}-${chance(0.3) ? ` ${comment()}` : ""}`);
          extra(indent);
          block(indent + 1 + int(3), depth + 1, null);
        } else if (c < 5) lines.push(`${start}-${chance(0.3) ? ` ${comment()}` : ""}`);
        else lines.push(`${start}${sp}${inline()}`);
      } else {
        let k = scalar(false) || "k";
        while (used.has(k)) k += "x";
        used.add(k);
        const c = int(10);
        if (depth < 4 && c < 3) {
          lines.push(`${start}${k}:${chance(0.2) ? `  ${comment()}` : ""}`);
          extra(indent);
          block(indent + (chance(0.2) ? 0 : 1 + int(3)), depth + 1, null);
        } else if (c < 4) lines.push(`${start}${k}:${chance(0.3) ? pick(["", " ", "  "]) + comment() : pick(["", " "])}`);
        else lines.push(`${start}${k}: ${inline()}`);
      }
      extra(indent);
    }
  };
  const EDITS = [" ", "\n", ":", "#", "-", "'", '"', "{", "[", "]", "}", ",", "  ", "\t", "&a ", "*a", "? ", "|", "\n---\n", "...", "\r"];
  return () => {
    lines.length = 0;
    if (chance(0.2)) lines.push(comment());
    if (chance(0.1)) lines.push("---");
    block(chance(0.1) ? 2 : 0, 0, null);
    let text = lines.join("\n") + (chance(0.8) ? "\n" : "");
    if (chance(0.05)) text = text.replace(/\n/gu, "\r\n");
    for (let edits = int(4); edits > 0; edits--) {
      if (!chance(0.4)) continue;
      const at = int(text.length + 1);
      const m = int(5);
      if (m === 0) text = text.slice(0, at) + text.slice(at + 1);
      else if (m === 1) text = text.slice(0, at) + pick(EDITS) + text.slice(at);
      else if (m === 2) text = text.replace(/\n {2}/u, "\n ");
      else if (m === 3) text = text.slice(0, at) + pick(EDITS) + text.slice(at + 1);
      else text = text.replace(/\n(\s*)/u, "\n$1  ");
    }
    return text;
  };
}

describe("the fast YAML reader", () => {
  it("reads what it accepts as yaml does, on 6,000 generated and mutated documents", () => {
    const generate = yamlGenerator(0x5eed);
    let accepted = 0;
    const differ: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const text = generate();
      if (readSimpleYaml(text)) accepted++;
      const why = fastDiffers(text);
      if (why) differ.push(`${JSON.stringify(text)}: ${why}`);
    }
    expect(differ.slice(0, 3)).toEqual([]);
    // The generator stays near the subset: most documents are read by the fast reader.
    expect(accepted).toBeGreaterThan(2000);
  });

  it.each([
    ["empty values", "a:\nb:   \nc: # note\nd:\n  # x\ne:\n"],
    ["trailing comments that stay with a nested block", "a:\n  b:\n    c: d\n    # t\n\n  e: f\nz:\n  y: x\n  # end\n"],
    ["comments more indented than their map", "a: b\n   # c\n\n  # d\ne:\n  - f\n      # g\n"],
    ["a sequence at its key's indent", "a:\n- b\n- c: d\n  e: f\n-\ng: h\n"],
    ["flow collections", "a: [b, 'c', \"d e\", [f], {g: h}]  # x\nb: { c: d, e: [ ] }\n"],
    ["CRLF and a document start", "---\r\na: b\r\nc:\r\n  - d\r\n"],
  ])("%s: read as yaml reads them", (_label, text) => {
    expect(readSimpleYaml(text)).not.toBeNull();
    expect(fastDiffers(text)).toBeNull();
  });

  it("reads the bench's YAML pages and the repository's YAML matrices itself (the fast path is the usual path)", () => {
    const params = corpusParams({});
    for (let i = 0; i < 20; i++) {
      const text = renderYaml(renderPage(params.seed, i, params.rowsPerFile).page);
      expect(readSimpleYaml(text)).not.toBeNull();
      expect(fastDiffers(text)).toBeNull();
    }
    for (const file of ["matrices/cloud-temple-s3.yaml", "test/rules/customer-involved.yaml"]) {
      const text = readFileSync(join(REPO, file), "utf8");
      expect(readSimpleYaml(text), file).not.toBeNull();
      expect(fastDiffers(text), file).toBeNull();
    }
  });

  it.each([
    "a: &x b\nc: *x\n",
    "a: !!str 1\n",
    "a: |\n  b\n",
    "a: b\n  c\n",
    "a: 'b\n  c'\n",
    'a: "\\u0041"\n',
    "a:\tb\n",
    "a: b\n---\nc: d\n",
    "? a\n: b\n",
    "- - a\n",
    "a: [b,\n  c]\n",
    "---\n---\na: b\n",
  ])("leaves %j to yaml", (text) => {
    expect(readSimpleYaml(text)).toBeNull();
  });

  it("resolves plain scalars as yaml's core schema does", () => {
    for (const text of [
      "~",
      "null",
      "Null",
      "NULL",
      "",
      "true",
      "True",
      "TRUE",
      "tRue",
      "TRue",
      "nULL",
      "NuLL",
      "fALSE",
      "False",
      "FALSE",
      "false",
      "0",
      "-0",
      "+12",
      "007",
      "0o17",
      "0o8",
      "0x1F",
      "0xg",
      "1.5",
      "1.",
      ".5",
      "-.5",
      "1e3",
      "1E-3",
      ".inf",
      "-.Inf",
      "+.INF",
      ".nan",
      ".NaN",
      "1_000",
      "2001-12-14",
      "yes",
      "on",
      "Client",
      "-x",
      ".",
      "+",
      "1e",
      "0x",
    ]) {
      const yaml = (parseDocument(`v: ${text}`).get("v", true) as { value: unknown }).value;
      expect(Object.is(plainValue(text), yaml), text).toBe(true);
    }
  });
});

describe("YAML through yaml's parser and composer", () => {
  afterEach(() => vi.restoreAllMocks());

  it("resolves 1,000 aliases to one anchor without yaml's per-alias document walk (issue 11 #6)", async () => {
    const resolve = vi.spyOn(Alias.prototype, "resolve");
    const lines = ["parties: [Client, Provider]", "sections:", "  - title: S", "    activities:", "      - activity: A0", "        codes: &c { Client: RA, Provider: I }"];
    for (let i = 1; i <= 1000; i++) lines.push(`      - activity: A${i}`, "        codes: *c");
    const result = await lintText(lines.join("\n") + "\n", { filename: "m.yaml" });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["1:19 party-has-responsibility"]);
    expect(result.matrix!.activities).toHaveLength(1001);
    expect(resolve).not.toHaveBeenCalled();
  });

  it("reports a duplicate among 16,000 keys at the key, reading the file without yaml (issue 11 #6)", async () => {
    const parse = vi.spyOn(Parser.prototype, "parse");
    const lines = ["parties: [Client, Provider]", "sections:", "  - title: S", "    activities:", "      - activity: A", "        codes:"];
    for (let i = 0; i < 16_000; i++) lines.push(`          P${i}: R`);
    lines.push("          P7: I");
    const result = await lintText(lines.join("\n") + "\n", { filename: "m.yaml" });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([`${lines.length}:11 parse-error Map keys must be unique: "P7" is given twice`]);
    // The fast reader finds no duplicate-free tree and hands the text to yaml once, for its messages.
    expect(parse).toHaveBeenCalledTimes(1);
    const clean = lines.slice(0, -1).join("\n") + "\n";
    parse.mockClear();
    expect(readYamlTree(clean).errors).toEqual([]);
    expect(parse).not.toHaveBeenCalled();
  });

  it("refuses a document nested deeper than yaml's parser can close (2,000 maps, then a key at the margin)", () => {
    const deep = Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i)}k:\n`).join("") + "sections: []\n";
    expect(readYamlTree(deep).errors).toEqual([{ message: TOO_DEEP, start: 0, end: 0 }]);
    const seqs = Array.from({ length: 700 }, (_, i) => `${" ".repeat(2 * i)}- k:\n`).join("") + "x: 1\n";
    expect(readYamlTree(seqs).errors.map((e) => e.message)).toEqual([TOO_DEEP]);
  });

  it("gives an alias bomb yaml's measure and message", () => {
    const bomb = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]", ...["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`), ""].join("\n");
    const tree = readYamlTree(bomb);
    expect(toData(tree.root, bomb)).toEqual({ ok: false, message: "Excessive alias count indicates a resource exhaustion attack" });
    const few = "a: &a [1, 2]\nb: [*a, *a, *a]\n";
    expect(toData(readYamlTree(few).root, few)).toEqual({ ok: true, value: parseDocument(few).toJS() });
  });
});
