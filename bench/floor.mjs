#!/usr/bin/env node
/**
 * The floor: the least work any linter of these files must do. Reads every .md file under
 * the given directory (fs.readFileSync, sorted depth-first order) and splits each table
 * row (a line starting with `|`) into cells on `|`. Counts table rows, cells, and the body
 * rows of tables whose first header cell is `Activity` (the activity count).
 *
 * Run it as its own node process so its wall time includes Node start-up like the CLI's.
 * Usage: node bench/floor.mjs <dir> [--json]
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const started = process.hrtime.bigint();

/** Lists the .md files under `dir`, depth-first, entries sorted by name (bench/reader-floor.mjs uses it too). */
export function listMarkdown(dir, out = []) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listMarkdown(full, out);
    else if (entry.isFile() && entry.name.endsWith(".md")) out.push(full);
  }
  return out;
}

/** Splits the table rows of one file into cells and adds to the counters in `acc`. */
function scanText(text, acc) {
  let inTable = false;
  let atDelimiter = false;
  let activityTable = false;
  for (const line of text.split("\n")) {
    if (line.charCodeAt(0) !== 124 /* | */) {
      inTable = false;
      continue;
    }
    const cells = line.split("|");
    acc.tableRows++;
    acc.cells += cells.length;
    if (!inTable) {
      inTable = true;
      atDelimiter = true;
      activityTable = cells.length > 1 && cells[1].trim() === "Activity";
    } else if (atDelimiter) {
      atDelimiter = false;
    } else if (activityTable) {
      acc.activities++;
    }
  }
}

/** Reads and scans every file; returns the counters. */
function run(dir) {
  const acc = { files: 0, bytes: 0, tableRows: 0, cells: 0, activities: 0 };
  for (const file of listMarkdown(dir)) {
    const data = fs.readFileSync(file);
    acc.files++;
    acc.bytes += data.length;
    scanText(data.toString("utf8"), acc);
  }
  return acc;
}

/** Entry point: scan, then print the counts and the in-process elapsed time. */
function main() {
  const dir = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!dir) {
    console.error("usage: node bench/floor.mjs <dir> [--json]");
    process.exit(2);
  }
  const acc = run(dir);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ ...acc, elapsedMs }));
  } else {
    console.log(
      `floor: ${acc.files} files, ${(acc.bytes / 1e6).toFixed(2)} MB, ${acc.tableRows} table rows ` +
        `(${acc.cells} cells), ${acc.activities} activity rows in ${elapsedMs.toFixed(1)} ms ` +
        `(in-process, excludes Node start-up)`,
    );
  }
}

// Run only as a script (bench/reader-floor.mjs imports listMarkdown).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
