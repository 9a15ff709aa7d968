/**
 * The whole shared corpus fixed in a temporary copy (the originals are never touched): idempotent,
 * nothing fixable left, and every changed line of the diff is a table row whose changed cells are
 * exactly cells that had a fixable finding.
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOptions } from "../../src/config/presets.js";
import { builtInRules } from "../../src/engine/load-rules.js";
import { unifiedDiff } from "../../src/formatters/diff.js";
import { fixText, type FixResult } from "../../src/fix/fixer.js";
import { writeFileAtomic } from "../../src/fix/write.js";
import { lintFiles } from "../../src/index.js";
import type { LintSetup } from "../../src/lint/linter.js";
import type { Finding, TextEdit } from "../../src/model/finding.js";
import { RACI } from "../../src/model/scheme.js";
import { scanMarkdown } from "../../src/readers/markdown/scan.js";
import type { ScannedCell } from "../../src/readers/markdown/scan-types.js";
import { CORPUS } from "../helpers.js";

/** Every built-in rule, code-style included, with its default options. */
const rules = builtInRules().rules.map((rule) => ({ rule, severity: null, options: defaultOptions(rule) }));
const setup: LintSetup = { rules, scheme: RACI };

interface Fixed {
  path: string;
  before: string;
  result: FixResult;
  /** The fixable findings of the original and their edits (offsets into `before`, no BOM in the corpus). */
  edits: { finding: Finding; edit: TextEdit }[];
}

let copy: string;
const fixed: Fixed[] = [];

/** The Markdown files under a folder, relative to it, sorted. */
function markdownFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort();
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), "raci-lint-corpus-"));
  cpSync(CORPUS, copy, { recursive: true });
  // The corpus is read-only; the copy's folders must take a rename (its files stay read-only).
  for (const entry of readdirSync(copy, { recursive: true }) as string[]) {
    if (statSync(join(copy, entry)).isDirectory()) chmodSync(join(copy, entry), 0o755);
  }
  for (const path of markdownFiles(copy)) {
    const file = join(copy, path);
    const before = readFileSync(file, "utf8");
    const original = await fixText(before, path, setup, { maxPasses: 0 });
    const edits = original.findings.flatMap((finding) => [finding.fix, ...finding.suggestions.map((s) => s.fix)].filter((e) => e !== null).map((edit) => ({ finding, edit })));
    const result = await fixText(before, path, setup, { unsafe: true });
    if (result.changed) await writeFileAtomic(file, result.output);
    fixed.push({ path, before, result, edits });
  }
}, 60_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("the corpus fixed with --fix --unsafe-fixes", () => {
  it("applies the 169 offered fixes in 30 files, in one pass each, refusing none", () => {
    expect(fixed).toHaveLength(50);
    expect(fixed.filter((f) => f.result.changed)).toHaveLength(30);
    expect(fixed.reduce((n, f) => n + f.result.applied, 0)).toBe(169);
    expect(fixed.reduce((n, f) => n + f.edits.length, 0)).toBe(169);
    expect(fixed.every((f) => f.result.passes <= 1 && f.result.refused.length === 0 && !f.result.parseFailed)).toBe(true);
  });

  it("wrote the fixed text, keeping each file's read-only mode, and left the originals alone", () => {
    for (const f of fixed) {
      const file = join(copy, f.path);
      expect(readFileSync(file, "utf8"), f.path).toBe(f.result.output);
      expect(statSync(file).mode & 0o777, f.path).toBe(statSync(join(CORPUS, f.path)).mode & 0o777);
      expect(readFileSync(join(CORPUS, f.path), "utf8"), f.path).toBe(f.before);
    }
  });

  it("is idempotent: fixing the fixed files changes nothing", async () => {
    for (const f of fixed) {
      const again = await fixText(readFileSync(join(copy, f.path), "utf8"), f.path, setup, { unsafe: true });
      expect(again.changed, f.path).toBe(false);
    }
  });

  it("leaves no fixable finding when the copy is linted again", async () => {
    const results = await lintFiles(["."], { cwd: copy, rules });
    expect(results).toHaveLength(50);
    const fixable = results.flatMap((r) => r.findings.filter((x) => x.fix || x.suggestions.length > 0).map((x) => `${r.path}:${x.line} ${x.ruleId}`));
    expect(fixable).toEqual([]);
    // Every empty customer cell got its I, in whichever table (and language) the customer column is.
    expect(results.flatMap((r) => r.findings.filter((x) => x.ruleId === "customer-involved"))).toEqual([]);
  });

  it("changes, in every file's diff, only table cells that had a fixable finding", () => {
    for (const f of fixed) {
      const after = f.result.output;
      const diff = unifiedDiff(f.path, f.before, after);
      if (!f.result.changed) {
        expect(diff).toBe("");
        continue;
      }
      // The lines the diff removes are exactly the lines holding a fixable finding's edit.
      const removed = new Set<number>();
      for (const hunk of diff.split(/^@@ /mu).slice(1)) {
        let line = Number(/^-(\d+)/u.exec(hunk)![1]);
        for (const row of hunk.split("\n").slice(1)) {
          if (row.startsWith("-")) removed.add(line++);
          else if (row.startsWith(" ")) line++;
        }
      }
      const lineOf = (offset: number) => f.before.slice(0, offset).split("\n").length;
      expect(
        [...removed].sort((a, b) => a - b),
        f.path,
      ).toEqual([...new Set(f.edits.map((e) => lineOf(e.edit.range[0])))].sort((a, b) => a - b));

      // Cell by cell: same tables and rows; a changed cell's content is one an edit covered.
      const cellsOf = (text: string) =>
        scanMarkdown(text)
          .blocks.flatMap((b) => (b.kind === "table" ? [b.table.header, b.table.delimiter, ...b.table.rows] : []))
          .map((r) => r.cells);
      const rowsBefore = cellsOf(f.before);
      const rowsAfter = cellsOf(after);
      expect(
        rowsAfter.map((r) => r.length),
        f.path,
      ).toEqual(rowsBefore.map((r) => r.length));
      const covered = (cell: ScannedCell) => f.edits.some(({ edit }) => edit.range[0] <= cell.box.end.offset && edit.range[1] >= cell.box.start.offset);
      let changedCells = 0;
      rowsBefore.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          const now = rowsAfter[r]![c]!;
          const box = (text: string, x: ScannedCell) => text.slice(x.box.start.offset, x.box.end.offset);
          if (box(f.before, cell) === box(after, now)) return;
          changedCells++;
          expect(covered(cell), `${f.path}:${cell.box.start.line} ${JSON.stringify(cell.raw)} -> ${JSON.stringify(now.raw)}`).toBe(true);
        }),
      );
      expect(changedCells, f.path).toBeGreaterThan(0);
    }
  });

  it("applies nothing without the unsafe flag: the corpus has no safe fix to make", async () => {
    for (const f of fixed) {
      const safe = await fixText(f.before, f.path, setup);
      expect(safe.changed, f.path).toBe(false);
      expect(safe.findings.filter((x) => x.suggestions.length > 0).length, f.path).toBe(f.edits.length);
    }
  });
});
