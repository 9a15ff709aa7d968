#!/usr/bin/env node
/**
 * `npm run bench`: generates the corpus (bench/generate.mjs), then measures, each in its
 * own node process, the floor (bench/floor.mjs), the reader floor (bench/reader-floor.mjs: what
 * raci-lint's own reading costs, reported without a target) and the real CLI
 * (`node dist/cli.js bench/.corpus/matrices --format json`), interleaved, BENCH_RUNS times
 * (default 3), and reports the medians against the targets.
 *
 * Usage: node bench/run.mjs [--json]
 * Env: BENCH_FILES, BENCH_ROWS (corpus size), BENCH_RUNS (repetitions),
 *      BENCH_CLI (path of the CLI script, default dist/cli.js).
 * Exit code: 0 when the bench ran (even if a target is missed); 1 when the CLI crashed
 * (signal, exit code other than 0/1, or no valid JSON on stdout), the floor failed, or
 * the CLI is missing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CORPUS_ROOT, MATRICES_DIR, corpusParams, describeCorpus, ensureCorpus } from "./generate.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const FLOOR_SCRIPT = path.join(HERE, "floor.mjs");
const READER_FLOOR_SCRIPT = path.join(HERE, "reader-floor.mjs");
const CLI_OUTPUT = path.join(CORPUS_ROOT, "cli-output.json");
const TIME_OUTPUT = path.join(CORPUS_ROOT, "time-output.txt");

const TARGETS = { maxRatio: 3, maxWallMs: 1500, maxRssMb: 200 };
const JSON_MODE = process.argv.includes("--json");
const MAX_BUFFER = 512 * 1024 * 1024;

/** Progress and report lines: stdout normally, stderr in --json mode (stdout stays JSON). */
function log(line = "") {
  (JSON_MODE ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Prints an error and exits 1. */
function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

/** Reads a positive integer env var, or returns the default. */
function envInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) fail(`${name} must be a positive integer`);
  return value;
}

// ---------------------------------------------------------------------------
// Peak RSS of a child process

/** Finds an executable `time` on PATH (what `command -v time` finds outside a shell keyword). */
function findTimeBinary() {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir || ".", "time");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Reads GNU time's -o file: optional "Command ..." lines, then %M (peak RSS in KiB). */
function readTimeOutput() {
  let text = "";
  try {
    text = fs.readFileSync(TIME_OUTPUT, "utf8");
  } catch {
    return { rssBytes: null, signal: null };
  }
  const lines = text.trim().split("\n");
  const kib = Number(lines[lines.length - 1]);
  const signal = /terminated by signal (\d+)/.exec(text)?.[1] ?? null;
  return { rssBytes: Number.isFinite(kib) && kib > 0 ? kib * 1024 : null, signal };
}

/** Runs the child under GNU `time -f %M -o FILE`, which reads the child's ru_maxrss via wait4. */
function gnuTimeMethod(timeBin) {
  return {
    name: `${timeBin} -f %M`,
    wrap: (args) => {
      fs.rmSync(TIME_OUTPUT, { force: true });
      return [timeBin, ["-f", "%M", "-o", TIME_OUTPUT, process.execPath, ...args]];
    },
    inspect: (stderr) => ({ ...readTimeOutput(), stderr }),
  };
}

const RSS_MARK = "bench-maxrss-kib:";
const RSS_PRELOAD =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('\\n" +
  RSS_MARK +
  " '+process.resourceUsage().maxRSS+'\\n'))";

/** Fallback: a data: URL preload prints process.resourceUsage().maxRSS (KiB) on exit. */
function preloadMethod() {
  const pattern = new RegExp(`\\n?${RSS_MARK} (\\d+)\\n`);
  return {
    name: "--import preload printing process.resourceUsage().maxRSS",
    wrap: (args) => [process.execPath, ["--import", RSS_PRELOAD, ...args]],
    inspect: (stderr) => {
      const match = pattern.exec(stderr);
      return { rssBytes: match ? Number(match[1]) * 1024 : null, signal: null, stderr: stderr.replace(pattern, "") };
    },
  };
}

/** Picks GNU time when it is on PATH and works, else (or with BENCH_RSS=preload) the preload. */
function pickRssMethod() {
  const timeBin = process.env.BENCH_RSS === "preload" ? null : findTimeBinary();
  if (timeBin) {
    const probe = spawnSync(timeBin, ["-f", "%M", "-o", TIME_OUTPUT, process.execPath, "-e", "0"]);
    if (probe.status === 0 && readTimeOutput().rssBytes !== null) return gnuTimeMethod(timeBin);
  }
  return preloadMethod();
}

// ---------------------------------------------------------------------------
// Measuring

/** Runs `node <args>` once; returns wall ms (hrtime around spawnSync), peak RSS and output. */
function measure(method, args, stdout) {
  const [command, commandArgs] = method.wrap(args);
  const t0 = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, {
    cwd: ROOT,
    stdio: ["ignore", stdout, "pipe"],
    maxBuffer: MAX_BUFFER,
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  const seen = method.inspect(result.stderr ?? "");
  return {
    wallMs,
    rssBytes: seen.rssBytes,
    status: result.status,
    signal: result.signal ?? seen.signal,
    stdout: result.stdout ?? "",
    stderr: seen.stderr,
  };
}

/** Runs the floor once and checks it exited cleanly and counted the expected activities. */
function runFloor(method, manifest) {
  const run = measure(method, [FLOOR_SCRIPT, relDir(), "--json"], "pipe");
  if (run.status !== 0) fail(`floor failed (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  run.report = JSON.parse(run.stdout);
  if (run.report.activities !== manifest.activities || run.report.files !== manifest.files) {
    fail(`floor counted ${run.report.files} files / ${run.report.activities} activities, ` +
      `manifest says ${manifest.files} / ${manifest.activities}`);
  }
  return run;
}

/** Runs the reader floor once (raci-lint's scanner, row rests and activity keys only; reported, no target). */
function runReaderFloor(method) {
  const run = measure(method, [READER_FLOOR_SCRIPT, relDir(), "--json"], "pipe");
  if (run.status !== 0) fail(`reader floor failed (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  run.report = JSON.parse(run.stdout);
  return run;
}

/** Runs the CLI once with stdout to a file; exit 0 (clean) or 1 (findings) are both fine. */
function runCli(method, cliPath) {
  const fd = fs.openSync(CLI_OUTPUT, "w");
  let run;
  try {
    run = measure(method, [cliPath, relDir(), "--format", "json"], fd);
  } finally {
    fs.closeSync(fd);
  }
  const tail = () => run.stderr.trim().split("\n").slice(-20).join("\n");
  if (run.signal !== null || (run.status !== 0 && run.status !== 1)) {
    fail(`the CLI crashed or failed (exit ${run.status}, signal ${run.signal}); stderr tail:\n${tail()}`);
  }
  // An uncaught exception also exits 1, so exit 1 only counts as "findings" with a JSON report.
  if (!isJsonFile(CLI_OUTPUT)) {
    fail(`the CLI exited ${run.status} without a valid JSON report on stdout (crash?); stderr tail:\n${tail()}`);
  }
  return run;
}

/** The corpus directory as passed to both programs (relative to the repo root). */
function relDir() {
  return path.relative(ROOT, MATRICES_DIR);
}

/** Median of numbers (mean of the middle two for an even count). */
function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall, throughput and peak RSS of a set of runs. */
function summarize(runs, manifest) {
  const wallMs = median(runs.map((r) => r.wallMs));
  const rss = runs.map((r) => r.rssBytes).filter((v) => v !== null);
  return {
    wallMs: round(wallMs, 1),
    activitiesPerSec: Math.round(manifest.activities / (wallMs / 1000)),
    mbPerSec: round(manifest.bytes / 1e6 / (wallMs / 1000), 1),
    peakRssMb: rss.length ? round(median(rss) / 1e6, 1) : null,
    samples: runs.map((r) => ({ wallMs: round(r.wallMs, 1), peakRssMb: r.rssBytes === null ? null : round(r.rssBytes / 1e6, 1) })),
  };
}

/** Rounds to `digits` decimals. */
function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---------------------------------------------------------------------------
// Report

/** Checks the CLI numbers against the targets. */
function checkTargets(floor, cli) {
  const ratio = round(cli.wallMs / floor.wallMs, 2);
  return {
    ratio,
    checks: [
      { target: "CLI wall / floor wall", value: `${ratio.toFixed(2)}x`, limit: `<= ${TARGETS.maxRatio}x`, pass: ratio <= TARGETS.maxRatio },
      { target: "CLI wall time", value: `${cli.wallMs.toFixed(0)} ms`, limit: `< ${TARGETS.maxWallMs} ms`, pass: cli.wallMs < TARGETS.maxWallMs },
      { target: "CLI peak RSS", value: cli.peakRssMb === null ? "n/a" : `${cli.peakRssMb.toFixed(1)} MB`, limit: `< ${TARGETS.maxRssMb} MB`, pass: cli.peakRssMb !== null && cli.peakRssMb < TARGETS.maxRssMb },
    ],
  };
}

/** Formats rows of cells as a left/right aligned text table. */
function textTable(rows, rightAligned) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) => r.map((c, i) => (rightAligned[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join("   "))
    .join("\n");
}

/** Prints the human-readable report. */
function printReport(result) {
  const fmt = (n) => n.toLocaleString("en-US");
  const row = (label, s) => [label, s.wallMs.toFixed(1), fmt(s.activitiesPerSec), s.mbPerSec.toFixed(1), s.peakRssMb === null ? "n/a" : s.peakRssMb.toFixed(1)];
  log();
  log(textTable(
    [["", "wall ms", "activities/s", "MB/s", "peak RSS MB"], row("floor", result.floor), row("reader floor", result.readerFloor), row("raci-lint CLI", result.cli)],
    [false, true, true, true, true],
  ));
  log();
  log(textTable(
    [["target", "value", "limit", "result"], ...result.checks.map((c) => [c.target, c.value, c.limit, c.pass ? "PASS" : "FAIL"])],
    [false, true, true, false],
  ));
  log();
  log(`medians of ${result.runs} interleaved runs; wall = spawn to exit (includes Node start-up); ` +
    `MB = 10^6 bytes; floor in-process ${result.floor.inProcessMs} ms; reader floor (raci-lint's scanner, row rests ` +
    `and activity keys only, no target) ${round(result.readerFloor.wallMs / result.floor.wallMs, 2)}x the floor, in-process ` +
    `${result.readerFloor.inProcessMs} ms; CLI exit codes ${result.cli.exitCodes.join(",")}, ` +
    `JSON output ${fmt(result.cli.outputBytes)} bytes`);
  log(`peak RSS via ${result.rssMethod}; ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}`);
  log(result.pass ? "all targets met" : "some targets missed (report only, exit code 0)");
}

/** Whether a file holds valid JSON (checked after timing, never inside it). */
function isJsonFile(file) {
  try {
    JSON.parse(fs.readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
}

/** Entry point. */
function main() {
  const corpus = ensureCorpus(corpusParams());
  const { manifest } = corpus;
  log(describeCorpus(corpus));

  const cliPath = path.resolve(ROOT, process.env.BENCH_CLI ?? path.join("dist", "cli.js"));
  if (!fs.existsSync(cliPath)) fail(`${path.relative(ROOT, cliPath)} not found; run \`npm run build\` first`);

  const runs = envInt("BENCH_RUNS", 3);
  const method = pickRssMethod();
  const floorRuns = [];
  const readerRuns = [];
  const cliRuns = [];
  for (let i = 0; i < runs; i++) {
    floorRuns.push(runFloor(method, manifest));
    readerRuns.push(runReaderFloor(method));
    cliRuns.push(runCli(method, cliPath));
    log(`run ${i + 1}/${runs}: floor ${floorRuns[i].wallMs.toFixed(1)} ms, reader floor ${readerRuns[i].wallMs.toFixed(1)} ms, CLI ${cliRuns[i].wallMs.toFixed(1)} ms (exit ${cliRuns[i].status})`);
  }

  const floor = {
    ...summarize(floorRuns, manifest),
    inProcessMs: round(median(floorRuns.map((r) => r.report.elapsedMs)), 1),
    tableRows: floorRuns[0].report.tableRows,
  };
  const readerFloor = { ...summarize(readerRuns, manifest), inProcessMs: round(median(readerRuns.map((r) => r.report.elapsedMs)), 1) };
  const cli = {
    ...summarize(cliRuns, manifest),
    command: `node ${path.relative(ROOT, cliPath)} ${relDir()} --format json`,
    exitCodes: cliRuns.map((r) => r.status),
    outputBytes: fs.statSync(CLI_OUTPUT).size,
  };
  const { ratio, checks } = checkTargets(floor, cli);
  const result = {
    corpus: { dir: manifest.dir, files: manifest.files, activities: manifest.activities, bytes: manifest.bytes, mb: round(manifest.bytes / 1e6, 2), contentHash: manifest.contentHash },
    runs,
    rssMethod: method.name,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version, platform: `${os.platform()} ${os.release()}` },
    floor,
    readerFloor,
    cli,
    ratio,
    targets: TARGETS,
    checks,
    pass: checks.every((c) => c.pass),
  };

  printReport(result);
  if (JSON_MODE) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main();
