#!/usr/bin/env node
/**
 * The reader floor: the least raci-lint's own reading does, measured for the bench report (no
 * target; it shows how much of the CLI's time any design built on this reader pays). Reads every
 * .md file under the given directory (same order as bench/floor.mjs), runs raci-lint's GFM scanner
 * (dist/readers/markdown/scan.js, the one proven equal to micromark), looks up the parse of every
 * cell right of the first column, computes every activity key, and looks every row up in a memo.
 * No matrix model, no rules, no findings, no output. Needs `npm run build`.
 *
 * Usage: node bench/reader-floor.mjs <dir> [--json]
 */
import fs from "node:fs";
import { listMarkdown } from "./floor.mjs";

const started = process.hrtime.bigint();
const dist = new URL("../dist/", import.meta.url);
const { scanMarkdown } = await import(new URL("readers/markdown/scan.js", dist).href);
const { cellKind } = await import(new URL("readers/cell-codes.js", dist).href);
const { partyNameKeys } = await import(new URL("readers/parties.js", dist).href);
const { activityKey } = await import(new URL("model/text.js", dist).href);
const { RACI } = await import(new URL("model/scheme.js", dist).href);
const { LineIndex } = await import(new URL("model/position.js", dist).href);

/** Scans every file and looks its table rows up; returns the counters. */
function run(dir) {
  const acc = { files: 0, tables: 0, rows: 0, distinctRows: 0 };
  const memo = new Set();
  for (const file of listMarkdown(dir)) {
    const text = fs.readFileSync(file, "utf8");
    acc.files++;
    const lines = new LineIndex(text);
    for (const block of scanMarkdown(text).blocks) {
      if (block.kind !== "table") continue;
      const table = block.table;
      acc.tables++;
      const ctx = { lines, scheme: RACI, partyNames: partyNameKeys(table.header.cells.slice(1).map((c) => c.raw)) };
      const keys = new Set();
      for (const row of table.rows) {
        let key = "";
        for (let i = 1; i < row.cells.length; i++) key += `${cellKind(row.cells[i].raw, ctx)}\u0001${row.cells[i].raw}\u0002`;
        keys.add(activityKey(row.cells[0]?.raw ?? ""));
        memo.add(key);
        acc.rows++;
      }
    }
  }
  acc.distinctRows = memo.size;
  return acc;
}

const dir = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
if (!dir) {
  console.error("usage: node bench/reader-floor.mjs <dir> [--json]");
  process.exit(2);
}
const acc = run(dir);
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
if (process.argv.includes("--json")) console.log(JSON.stringify({ ...acc, elapsedMs }));
else console.log(`reader floor: ${acc.files} files, ${acc.tables} tables, ${acc.rows} rows (${acc.distinctRows} distinct) in ${elapsedMs.toFixed(1)} ms in-process`);
