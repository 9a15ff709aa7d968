/**
 * Linting takes time linear in the input: on inputs that grow (test/fuzz/growing.ts), making the
 * input k times larger makes linting at most about k times slower (the bound: 1.5 k). Compared as a
 * ratio, never as an absolute time: each size is linted several times, interleaved with the other,
 * and the least CPU time of each is kept (CPU time, not wall time: other processes on a busy
 * machine do not count). With k = 4, a quadratic path shows a ratio near 16 against a bound of 6.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { RaciLint } from "../../src/api/raci-lint.js";
import { RACI } from "../../src/model/scheme.js";
import { GROWING } from "./growing.js";
import { FILE_RULES } from "./invariants.js";

/** How much slower than the growth of its input linting may get (time(kn) / time(n) <= SLACK * k). */
const SLACK = 1.5;
const REPEATS = 4;

// A full collection before each measured lint: otherwise one lint pays for the garbage of the one before, and whether
// that collection falls inside the smaller or the larger input's runs skews the ratio (x6-7 on a linear path).
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** CPU milliseconds one lint of `text` takes (a fresh instance, memo on, every file-scope built-in rule). */
async function cpuTime(name: string, text: string): Promise<number> {
  const linter = new RaciLint({ rules: FILE_RULES, scheme: RACI });
  collectGarbage();
  const start = process.cpuUsage();
  await linter.lintText(text, { filePath: name });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The least CPU time of linting the input at `n` and `k n`, and their ratio. */
async function growth(label: string, n: number, k: number, repeats: number): Promise<{ small: number; large: number; ratio: number; bytes: [number, number] }> {
  const { name, make } = GROWING[label]!;
  const texts = [make(n), make(k * n)];
  // Warm up the code paths (JIT) before measuring.
  for (const text of texts) await cpuTime(name, text);
  const best = [Infinity, Infinity];
  for (let r = 0; r < repeats; r++) {
    for (let i = 0; i < texts.length; i++) best[i] = Math.min(best[i]!, await cpuTime(name, texts[i]!));
  }
  // The small input is cheap: more runs of it make its least time (the ratio's divisor) steadier.
  for (let r = repeats; r < REPEATS; r++) best[0] = Math.min(best[0]!, await cpuTime(name, texts[0]!));
  return { small: best[0]!, large: best[1]!, ratio: best[1]! / Math.max(best[0]!, 0.5), bytes: [texts[0]!.length, texts[1]!.length] };
}

/** The check: time(k n) / time(n) within SLACK * k. */
async function linear(label: string, n: number, k = 4, repeats = REPEATS): Promise<void> {
  const g = await growth(label, n, k, repeats);
  const what = `${label}: ${g.bytes[0]} B in ${g.small.toFixed(1)} ms, ${g.bytes[1]} B in ${g.large.toFixed(1)} ms (x${g.ratio.toFixed(1)})`;
  expect(g.ratio, what).toBeLessThanOrEqual(SLACK * k);
}

/** Base sizes: large enough that the smaller input takes tens of milliseconds (below that, a collection of the larger input's garbage skews the ratio), small enough to keep the suite fast. */
const LINEAR: [string, number][] = [
  ["long table (rows)", 1600],
  ["wide table (columns)", 300],
  ["long cell (codes)", 4000],
  ["long cell (text)", 64000],
  ["long activity name", 2000],
  ["many tables", 400],
  ["many directives", 400],
  ["deep blockquote nesting", 2000],
  // Cubic in the depth until the indentation before a line's text was scanned once, not once per open list.
  ["deep list nesting", 32000],
  ["long YAML matrix", 300],
  ["YAML aliases (codes: *c)", 400],
  ["big codes map (YAML)", 300],
  ["big codes map (JSON)", 300],
  ["deep YAML flow nesting", 1000],
  // Quadratic until the footnote marker and the emphasis around codes were found by walking from the ends.
  ["run of * in a cell", 2500],
  ["run of _ in a cell", 2500],
  ["run of ` in a cell", 2500],
];

describe("linting time grows linearly with the input", () => {
  for (const [label, n] of LINEAR) it(label, { retry: 2 }, () => linear(label, n));
});
