#!/usr/bin/env node
/**
 * The reader floor: the least raci-lint's own reading does, measured for the bench report (no
 * target; it shows how much of the CLI's time any design built on this reader pays). Reads every
 * .md file under the given directory (same order as bench/floor.mjs), runs raci-lint's GFM scanner
 * (dist/readers/markdown/scan.js, the one proven equal to micromark), reads the rest of every row
 * after its first cell as the reader does (dist/readers/markdown/rows.js: one parse per distinct
 * rest), and computes every activity key. No matrix model, no rules, no findings, no output.
 * Needs `npm run compile`.
 *
 * Usage: node bench/reader-floor.mjs <dir> [--json]
 */
import fs from "node:fs";
import { setFlagsFromString } from "node:v8";
import { listMarkdown } from "./floor.mjs";

// The engine settings the CLI runs with (src/cli.ts), so the two compare.
setFlagsFromString("--no-turbo-inlining");

const started = process.hrtime.bigint();
const dist = new URL("../dist/", import.meta.url);
const { scanMarkdown } = await import(new URL("readers/markdown/scan.js", dist).href);
const { restsOf } = await import(new URL("readers/markdown/rows.js", dist).href);
const { partyNameKeys } = await import(new URL("readers/parties.js", dist).href);
const { activityKey } = await import(new URL("model/text.js", dist).href);
const { RACI } = await import(new URL("model/scheme.js", dist).href);
const { LineIndex } = await import(new URL("model/position.js", dist).href);

/** Scans every file and reads its table rows; returns the counters. */
function run(dir) {
  const acc = { files: 0, tables: 0, rows: 0, distinctRests: 0 };
  const seen = new Set();
  for (const file of listMarkdown(dir)) {
    const text = fs.readFileSync(file, "utf8");
    acc.files++;
    const lines = new LineIndex(text);
    for (const block of scanMarkdown(text).blocks) {
      if (block.kind !== "table") continue;
      const table = block.table;
      acc.tables++;
      const ctx = { lines, scheme: RACI, partyNames: partyNameKeys(table.header.cells.slice(1).map((c) => c.raw)) };
      const rests = restsOf(table.rows, ctx);
      for (let i = 0; i < table.rows.length; i++) {
        const first = table.rows[i].firstCell;
        activityKey(first.raw);
        if (rests[i]) seen.add(rests[i]);
        acc.rows++;
      }
    }
  }
  acc.distinctRests = seen.size;
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
else console.log(`reader floor: ${acc.files} files, ${acc.tables} tables, ${acc.rows} rows (${acc.distinctRests} distinct rests) in ${elapsedMs.toFixed(1)} ms in-process`);
