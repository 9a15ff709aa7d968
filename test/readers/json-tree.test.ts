/**
 * The JSON data tree: it accepts what JSON.parse accepts and reads the same data, gives each node the
 * offsets yaml gave it when JSON was read as YAML, and points at a syntax error where JSON.parse
 * does (or, when JSON.parse names no place, at the token that goes wrong: where jsonc-parser, which
 * located those before, pointed). Nothing recurses on the text, however deep.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../bench/generate.mjs";
import { toData, type DataNode } from "../../src/readers/data-tree.js";
import { readJsonTree } from "../../src/readers/json-tree.js";
import { readComposedYaml } from "../../src/readers/yaml-tree.js";
import { TOO_DEEP } from "../../src/schema/validate.js";
import { REPO } from "../helpers.js";

/** Every node's kind and offsets, in document order. */
function ranges(node: DataNode | null, out: string[] = []): string[] {
  if (!node) return out;
  out.push(`${node.kind} ${node.start}-${node.end}`);
  if (node.kind === "seq") for (const item of node.items) ranges(item, out);
  if (node.kind === "map") for (const pair of node.pairs) ranges(pair.value, ranges(pair.key, out));
  return out;
}

/** Seeded JSON texts with random whitespace, then random edits half of the time. */
function jsonGenerator(seed: number): () => string {
  const r = mulberry32(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
  const STRINGS = ["a", "", "Client", "R, A", "é", "\u0001", 'x"y', "\\", "\n", "\u2028", "💡", "a/b", "<<", "__proto__", "1", "true"];
  const value = (d: number): unknown => {
    const k = int(10);
    if (d > 3 || k < 4) return pick([pick(STRINGS), 0, 1.5, -3e10, 18446744073709551616, true, false, null, 0.1, 1e-7]);
    if (k < 7) return Array.from({ length: int(4) }, () => value(d + 1));
    return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(STRINGS), value(d + 1)]));
  };
  const ws = () => pick(["", "", " ", "\n", "  ", "\r\n", "\t"]);
  const render = (v: unknown): string => {
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => render(x) + ws()).join(`,${ws()}`)}]`;
    if (v && typeof v === "object")
      return `{${ws()}${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${render(x)}${ws()}`)
        .join(`,${ws()}`)}}`;
    if (typeof v === "number" && r() < 0.3) return pick(["1E5", "-0", "0.50", "1e+2", "-12.5e-3", "100"]);
    return JSON.stringify(v);
  };
  const EDITS = [",", "]", "}", "[", "{", '"', ":", "1", "-", ".", "e", "x", " ", "/", "\\", "\u0000", "tru", "nul"];
  return () => {
    let text = ws() + render(value(0)) + ws();
    if (r() < 0.5) {
      const at = int(text.length + 1);
      const m = int(3);
      const edit = pick(EDITS);
      text = m === 0 ? text.slice(0, at) + text.slice(at + 1) : m === 1 ? text.slice(0, at) + edit + text.slice(at) : text.slice(0, at) + edit + text.slice(at + 1);
    }
    return text;
  };
}

describe("the JSON reader", () => {
  it("agrees with JSON.parse (validity, data, error offsets) and with yaml (offsets) on 6,000 generated and edited texts", () => {
    const generate = jsonGenerator(0x15011);
    const problems: string[] = [];
    let valid = 0;
    for (let i = 0; i < 6000 && problems.length < 3; i++) {
      const text = generate();
      let parsed: unknown;
      let position: number | null = null;
      let ok = true;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        ok = false;
        const at = /\bat position (\d+)/u.exec((error as Error).message);
        position = at ? Number(at[1]) : null;
      }
      const tree = readJsonTree(text);
      const duplicate = tree.errors[0]?.message.startsWith("Map keys must be unique:") === true;
      if (ok !== (tree.errors.length === 0 || duplicate)) {
        problems.push(`${JSON.stringify(text)}: JSON.parse ${ok ? "accepts" : "refuses"} it, the reader says ${JSON.stringify(tree.errors)}`);
        continue;
      }
      if (!ok) {
        if (position !== null && tree.errors[0]!.start !== position) problems.push(`${JSON.stringify(text)}: error at ${tree.errors[0]!.start}, JSON.parse says ${position}`);
        continue;
      }
      valid++;
      const doc = parseDocument(text, { uniqueKeys: true });
      if (duplicate) {
        if (!doc.errors.some((e) => e.code === "DUPLICATE_KEY" && e.pos[0] === tree.errors[0]!.start)) problems.push(`${JSON.stringify(text)}: duplicate key not where yaml saw it`);
        continue;
      }
      const data = toData(tree.root, text);
      if (!data.ok || !isDeepStrictEqual(data.value, parsed)) problems.push(`${JSON.stringify(text)}: data ${JSON.stringify(data)}`);
      // yaml misreads a CR without LF inside flow collections, and refuses some JSON (tabs before a key): nothing to compare there.
      if (doc.errors.length > 0 || /\r(?!\n)/u.test(text)) continue;
      const expected = ranges(readComposedYaml(text).root);
      if (!isDeepStrictEqual(ranges(tree.root), expected)) problems.push(`${JSON.stringify(text)}: offsets ${ranges(tree.root).join(", ")} vs yaml's ${expected.join(", ")}`);
    }
    expect(problems).toEqual([]);
    expect(valid).toBeGreaterThan(2000);
  });

  it.each([
    ["a misspelt literal, from its start", '{"a": tru }', 6, "Unexpected token ' '"],
    ["a misspelt literal before a bracket, from its start", "[nul]", 1, "Unexpected token ']'"],
    ["a trailing comma, at the bracket", "[1,]", 3, "Unexpected token ']'"],
    ["a bad escape, where JSON.parse says", '["a", "b\\x"]', 9, "Bad escaped character"],
  ])("points at %s", (_label, text, offset, message) => {
    const [error] = readJsonTree(text).errors;
    expect(error!.start).toBe(offset);
    expect(error!.message).toContain(message);
  });

  it("reads 100,000 nested arrays without recursing, then refuses them as too deep; a syntax error deep inside is told first", () => {
    const deep = `{"sections":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(readJsonTree(deep).errors).toEqual([{ message: TOO_DEEP, start: 0, end: 0 }]);
    expect(readJsonTree("[".repeat(500) + "]".repeat(500)).errors).toEqual([]);
    expect(readJsonTree("[".repeat(501) + "]".repeat(501)).errors.map((e) => e.message)).toEqual([TOO_DEEP]);
  });

  it("lintText gives the position of a syntax error under 10,000 open arrays, in a process of its own (issue 11 #2)", () => {
    // A child process: a stack overflow or an abort fails this test instead of the test runner.
    const script = `import { lintText } from ${JSON.stringify(join(REPO, "dist/index.js"))};
const result = await lintText("[".repeat(10000) + "<" + "]".repeat(10000), { filename: "a.json" });
console.log(JSON.stringify(result.findings.map((f) => [f.line, f.column, f.ruleId, f.message])));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([[1, 10001, "parse-error", "Invalid JSON: Unexpected token '<'"]]);
  });
});
