#!/usr/bin/env node
/**
 * The YAML/JSON reader alone: reads every .yaml/.yml/.json file under a directory into memory, then
 * times raci-lint's structured reader on them in-process (text -> matrix: parse, schema validation,
 * cells read through the run's memo, as a lint run reads them; no rules, no output). Reports MB/s of
 * parse+read, the first pass (what a run pays: nothing compiled yet) and, with --passes N, the best
 * of N passes.
 *
 * It imports the build's own modules (`<dist>/readers/structured.js`, `<dist>/engine/memo.js`,
 * `<dist>/model/scheme.js`), so two builds compare: `--dist /tmp/base/dist`.
 *
 * Usage: node bench/data-reader.mjs <dir> [--dist PATH] [--passes N] [--json]
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";

// The engine settings the CLI runs with (src/cli.ts), so the two compare.
setFlagsFromString("--no-turbo-inlining");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const dir = args.find((arg, i) => !arg.startsWith("--") && !["--dist", "--passes"].includes(args[i - 1]));
if (!dir) {
  console.error("usage: node bench/data-reader.mjs <dir> [--dist PATH] [--passes N] [--json]");
  process.exit(2);
}
const dist = path.resolve(option("--dist", new URL("../dist/", import.meta.url).pathname));
const passes = Math.max(1, Number(option("--passes", "1")));
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);
const { readStructured } = await load("readers/structured.js");
const { RunMemo } = await load("engine/memo.js");
const { RACI } = await load("model/scheme.js");

/** The data files under `root`, depth-first, names sorted. */
function list(root, out = []) {
  const entries = fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) list(full, out);
    else if (/\.(ya?ml|json)$/u.test(entry.name)) out.push(full);
  }
  return out;
}

const files = list(dir).map((file) => ({ file, text: fs.readFileSync(file, "utf8"), format: file.endsWith(".json") ? "json" : "yaml" }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const runs = [];
let activities = 0;
let problems = 0;
for (let p = 0; p < passes; p++) {
  // A memo per pass, as a run has one.
  const memo = new RunMemo();
  activities = 0;
  problems = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const { file, text, format } of files) {
    const matrix = readStructured(file, text, format, { scheme: RACI, readCell: memo.readCell });
    activities += matrix.activities.length;
    problems += matrix.problems.length;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  runs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
}
const first = runs[0];
const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const mbPerSec = (ms) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
const result = {
  files: files.length,
  bytes,
  activities,
  problems,
  elapsedMs: first.ms,
  cpuMs: first.cpuMs,
  mbPerSec: mbPerSec(first.ms),
  cpuMbPerSec: mbPerSec(first.cpuMs),
  bestMs: best.ms,
  bestMbPerSec: mbPerSec(best.ms),
};
if (args.includes("--json")) console.log(JSON.stringify(result));
else
  console.log(
    `data reader (${dist}): ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB, ${activities} activities, ${problems} problems; ` +
      `first pass ${first.ms.toFixed(0)} ms (${result.mbPerSec} MB/s; CPU ${first.cpuMs.toFixed(0)} ms, ${result.cpuMbPerSec} MB/s)` +
      (passes > 1 ? `; best of ${passes} ${best.ms.toFixed(0)} ms (${result.bestMbPerSec} MB/s)` : ""),
  );
