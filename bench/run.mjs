#!/usr/bin/env node
/**
 * `npm run bench`: generates two corpora and measures, each program in its own node process, the
 * floor (bench/floor.mjs), the reader floor (bench/reader-floor.mjs: what raci-lint's own reading
 * costs, reported without a target) and one or more raci-lint CLI builds, interleaved (floor A,
 * reader floor A, CLIs on A, floor B, reader floor B, CLIs on B, then again), BENCH_RUNS times
 * (default 3), and reports the medians against the targets.
 *
 * - Corpus A (bench/generate.mjs): 2,000 pages, 100,000 activities, two parties, few distinct
 *   cell texts and rows: what memoisation serves best.
 * - Corpus B (bench/generate-distinct.mjs): 1,000 pages, 50,000 activities, 6-9 parties, rows
 *   distinct within each file, every code style mixed in every table, 1% planted defects: what
 *   memoisation cannot serve. The bench checks the CLI reports every planted defect.
 * - Corpora Y and J: corpus A's pages as YAML and as JSON matrices (bench/generate.mjs
 *   --format=yaml|json). No floor: instead the data reader (bench/data-reader.mjs: raci-lint's
 *   YAML/JSON reader alone, in-process, each CLI build's own), and on Y Spectral
 *   (@stoplight/spectral-cli) with bench/spectral/ruleset.yaml, which does raci-lint's five structural
 *   checks; the bench checks Spectral and raci-lint report the same findings for those five rules.
 *
 * Then it runs bench/html.mjs (the HTML report of 10,000 activities opened in headless Chromium)
 * with the first CLI, unless --no-html, and bench/xlsx.mjs (a workbook of 10,000 activities read,
 * target under 2 s, and linted), unless --no-xlsx.
 *
 * Then cold start (node -e 0 against the CLI on matrices/), the lint cache on corpus A (second run
 * against the run without cache), worker threads on corpus A (--threads 2 against --threads 1) and the big results (bench/big-results.mjs: 2,000,000 findings
 * streamed by each format, a 50 MB page through the CLI).
 *
 * Usage: node bench/run.mjs [--json] [--cli [LABEL=]PATH]... [--corpus a|b|y|j] [--no-reader-floor] [--no-spectral] [--engine-runs] [--no-cache-bench] [--no-threads-bench] [--no-big] [--no-html] [--no-xlsx]
 *   --cli: a CLI script to measure (repeatable: several builds are measured in the same run,
 *          interleaved, their order rotating from one run to the next); default BENCH_CLI or dist/cli.js.
 *   --corpus: measure these corpora only (repeatable).
 *   --no-reader-floor: skip the reader floor (it imports this checkout's dist/ internals).
 *   --no-spectral: do not run Spectral on corpus Y.
 *   --engine-runs: after the timed runs, run each CLI once more per corpus, untimed, counting its
 *          json-rules-engine runs (bench/engine-runs.mjs).
 *   --no-html: skip the HTML report's bench.
 *   --no-xlsx: skip the workbook bench.
 * Env: BENCH_FILES, BENCH_ROWS, BENCH_DISTINCT_FILES (corpus sizes), BENCH_RUNS (repetitions),
 *      BENCH_CLI (the CLI script when no --cli is given), BENCH_RSS=preload.
 * Exit code: 0 when the bench ran (even if a target is missed); 1 when a CLI crashed (signal,
 * exit code other than 0/1, or no valid JSON on stdout), the floor failed, or a CLI is missing.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CORPUS_ROOT, MATRICES_DIR, corpusDir, corpusParams, describeCorpus, ensureCorpus } from "./generate.mjs";
import { DISTINCT_MATRICES_DIR, DISTINCT_ROOT, distinctParams, ensureDistinctCorpus, readPlanted } from "./generate-distinct.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const FLOOR_SCRIPT = path.join(HERE, "floor.mjs");
const READER_FLOOR_SCRIPT = path.join(HERE, "reader-floor.mjs");
const ENGINE_RUNS_SCRIPT = path.join(HERE, "engine-runs.mjs");
const DATA_READER_SCRIPT = path.join(HERE, "data-reader.mjs");
const SPECTRAL_BIN = path.join(ROOT, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
const SPECTRAL_RULESET = path.join(HERE, "spectral", "ruleset.yaml");
/** The five structural rules the Spectral ruleset does as raci-lint does them. */
const SPECTRAL_RULES = ["code-order", "customer-involved", "responsible-required", "single-accountable", "valid-codes"];
const HTML_SCRIPT = path.join(HERE, "html.mjs");
const XLSX_SCRIPT = path.join(HERE, "xlsx.mjs");
const TIME_OUTPUT = path.join(CORPUS_ROOT, "time-output.txt");

/** Targets per corpus: A keeps the issue's original three; B (many parties, distinct rows) has the memory bound and correctness. */
const TARGETS = {
  A: { maxRatio: 3, maxWallMs: 1500, maxRssMb: 200 },
  B: { maxRssMb: 200, plantedFound: "all" },
  Y: { minReaderMbPerSec: 10, minSpectralRatio: 5, maxRssMb: 200, sameAsSpectral: true },
  J: { minReaderMbPerSec: 10, maxRssMb: 200 },
};
const ARGS = process.argv.slice(2);
const JSON_MODE = ARGS.includes("--json");
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

/** The values of a repeatable option (`--cli X` or `--cli=X`). */
function optionValues(name) {
  const values = [];
  for (let i = 0; i < ARGS.length; i++) {
    if (ARGS[i] === name) {
      if (i + 1 >= ARGS.length) fail(`${name} needs a value`);
      values.push(ARGS[++i]);
    } else if (ARGS[i].startsWith(`${name}=`)) values.push(ARGS[i].slice(name.length + 1));
  }
  return values;
}

/**
 * The CLI builds to measure, each `{ label, path }`: `--cli [LABEL=]PATH` (repeatable), else
 * BENCH_CLI, else dist/cli.js. Without a label a build is named by the folder holding its dist/.
 */
function cliBuilds() {
  const specs = optionValues("--cli");
  if (specs.length === 0) specs.push(process.env.BENCH_CLI || path.join("dist", "cli.js"));
  const builds = specs.map((spec) => {
    const eq = spec.indexOf("=");
    const label = eq > 0 && !spec.slice(0, eq).includes(path.sep) ? spec.slice(0, eq) : null;
    const file = path.resolve(ROOT, label ? spec.slice(eq + 1) : spec);
    if (!fs.existsSync(file)) fail(`${file} not found; run \`npm run compile\` first`);
    const dir = path.dirname(file);
    return { label: label ?? (specs.length === 1 ? "CLI" : path.basename(path.basename(dir) === "dist" ? path.dirname(dir) : dir)), path: file };
  });
  const seen = new Map();
  for (const build of builds) {
    const n = (seen.get(build.label) ?? 0) + 1;
    seen.set(build.label, n);
    if (n > 1) build.label = `${build.label}#${n}`;
  }
  return builds;
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

/** What GNU time writes: peak RSS (KiB), user and system CPU seconds. */
const TIME_FORMAT = "%M %U %S";

/** Reads GNU time's -o file: optional "Command ..." lines, then `%M %U %S` (peak RSS in KiB, CPU seconds). */
function readTimeOutput() {
  let text;
  try {
    text = fs.readFileSync(TIME_OUTPUT, "utf8");
  } catch {
    return { rssBytes: null, cpuMs: null, signal: null };
  }
  const lines = text.trim().split("\n");
  const [kib, user, sys] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
  const signal = /terminated by signal (\d+)/.exec(text)?.[1] ?? null;
  return {
    rssBytes: Number.isFinite(kib) && kib > 0 ? kib * 1024 : null,
    cpuMs: Number.isFinite(user) && Number.isFinite(sys) ? (user + sys) * 1000 : null,
    signal,
  };
}

/** Runs the child under GNU `time -f "%M %U %S" -o FILE`, which reads the child's rusage (ru_maxrss, CPU times) via wait4. */
function gnuTimeMethod(timeBin) {
  return {
    name: `${timeBin} -f "${TIME_FORMAT}"`,
    wrap: (args) => {
      fs.rmSync(TIME_OUTPUT, { force: true });
      return [timeBin, ["-f", TIME_FORMAT, "-o", TIME_OUTPUT, process.execPath, ...args]];
    },
    inspect: (stderr) => ({ ...readTimeOutput(), stderr }),
  };
}

const RSS_MARK = "bench-maxrss-kib:";
const RSS_PRELOAD = "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n" + RSS_MARK + " '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

/** Fallback: a data: URL preload prints process.resourceUsage()'s maxRSS (KiB) and CPU time (µs) on exit. */
function preloadMethod() {
  const pattern = new RegExp(`\\n?${RSS_MARK} (\\d+) (\\d+)\\n`);
  return {
    name: "--import preload printing process.resourceUsage()",
    wrap: (args) => [process.execPath, ["--import", RSS_PRELOAD, ...args]],
    inspect: (stderr) => {
      const match = pattern.exec(stderr);
      return {
        rssBytes: match ? Number(match[1]) * 1024 : null,
        cpuMs: match ? Number(match[2]) / 1000 : null,
        signal: null,
        stderr: stderr.replace(pattern, ""),
      };
    },
  };
}

/** Picks GNU time when it is on PATH and works, else (or with BENCH_RSS=preload) the preload. */
function pickRssMethod() {
  const timeBin = process.env.BENCH_RSS === "preload" ? null : findTimeBinary();
  if (timeBin) {
    const probe = spawnSync(timeBin, ["-f", TIME_FORMAT, "-o", TIME_OUTPUT, process.execPath, "-e", "0"]);
    if (probe.status === 0 && readTimeOutput().rssBytes !== null) return gnuTimeMethod(timeBin);
  }
  return preloadMethod();
}

// ---------------------------------------------------------------------------
// Measuring

/** Runs `node <args>` once; returns wall ms (hrtime around spawnSync), CPU ms (user + system), peak RSS and output. */
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
    cpuMs: seen.cpuMs,
    status: result.status,
    signal: result.signal ?? seen.signal,
    stdout: result.stdout ?? "",
    stderr: seen.stderr,
  };
}

/** Runs the floor once on a corpus and checks it exited cleanly and counted the expected activities. */
function runFloor(method, corpus) {
  const run = measure(method, [FLOOR_SCRIPT, corpus.relDir, "--json"], "pipe");
  if (run.status !== 0) fail(`floor failed on corpus ${corpus.id} (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  run.report = JSON.parse(run.stdout);
  const { manifest } = corpus;
  if (run.report.activities !== manifest.activities || run.report.files !== manifest.files) {
    fail(`floor counted ${run.report.files} files / ${run.report.activities} activities in corpus ${corpus.id}, ` + `manifest says ${manifest.files} / ${manifest.activities}`);
  }
  return run;
}

/**
 * Runs the reader floor once (raci-lint's scanner, row rests and activity keys only; reported, no
 * target). It imports internals of this checkout's dist/, which a refactor may move: a failure is
 * reported once and the reader floor is left out of the rest of the run, never failing the bench.
 */
function runReaderFloor(method, corpus, state) {
  if (state.readerFloorError) return null;
  const run = measure(method, [READER_FLOOR_SCRIPT, corpus.relDir, "--json"], "pipe");
  if (run.status !== 0) {
    state.readerFloorError = run.stderr.trim().split("\n").slice(-3).join(" | ");
    log(`reader floor failed (exit ${run.status}), left out of this run: ${state.readerFloorError}`);
    return null;
  }
  run.report = JSON.parse(run.stdout);
  return run;
}

/**
 * Runs the data reader once on a YAML/JSON corpus with a CLI build's own dist/ (the folder of its
 * cli.js): parse+read in-process. A build without the modules it imports is reported once, and its
 * data reader left out of the rest of the run.
 */
function runDataReader(method, corpus, cli, state) {
  if (state.dataReaderErrors.has(cli.label)) return null;
  const run = measure(method, [DATA_READER_SCRIPT, corpus.relDir, "--dist", path.dirname(cli.path), "--json"], "pipe");
  if (run.status !== 0) {
    const why = run.stderr.trim().split("\n").slice(-3).join(" | ");
    state.dataReaderErrors.set(cli.label, why);
    log(`data reader of ${cli.label} failed (exit ${run.status}), left out of this run: ${why}`);
    return null;
  }
  run.report = JSON.parse(run.stdout);
  return run;
}

/** Where Spectral's JSON report on a corpus goes. */
function spectralOutputPath(corpus) {
  return path.join(corpus.root, "spectral-output.json");
}

/** Runs Spectral once on corpus Y (every .yaml file, bench/spectral/ruleset.yaml); exit 0 or 1 (findings) with a JSON report. */
function runSpectral(method, corpus) {
  const output = spectralOutputPath(corpus);
  fs.rmSync(output, { force: true });
  const run = measure(method, [SPECTRAL_BIN, "lint", `${corpus.relDir}/**/*.yaml`, "--ruleset", path.relative(ROOT, SPECTRAL_RULESET), "--format", "json", "--quiet", "--output", output], "ignore");
  if (run.signal !== null || (run.status !== 0 && run.status !== 1) || !isJsonFile(output)) {
    fail(`Spectral on corpus ${corpus.id} failed (exit ${run.status}, signal ${run.signal}); stderr tail:\n${run.stderr.trim().split("\n").slice(-20).join("\n")}`);
  }
  return run;
}

/** Runs a CLI once on a corpus with stdout to a file; exit 0 (clean) or 1 (findings) are both fine. */
function runCli(method, corpus, cli) {
  const output = cliOutputPath(corpus, cli);
  const fd = fs.openSync(output, "w");
  let run;
  try {
    run = measure(method, [cli.path, corpus.relDir, "--format", "json"], fd);
  } finally {
    fs.closeSync(fd);
  }
  const tail = () => run.stderr.trim().split("\n").slice(-20).join("\n");
  const what = `the CLI ${cli.label} (${cli.path}) on corpus ${corpus.id}`;
  if (run.signal !== null || (run.status !== 0 && run.status !== 1)) {
    fail(`${what} crashed or failed (exit ${run.status}, signal ${run.signal}); stderr tail:\n${tail()}`);
  }
  // An uncaught exception also exits 1, so exit 1 only counts as "findings" with a JSON report.
  if (!isJsonFile(output)) {
    fail(`${what} exited ${run.status} without a valid JSON report on stdout (crash?); stderr tail:\n${tail()}`);
  }
  return run;
}

/** Where a CLI's JSON report on a corpus goes: `cli-output.json` for a single CLI, `cli-output-<label>.json` for several. */
function cliOutputPath(corpus, cli) {
  const name = corpus.single ? "cli-output.json" : `cli-output-${cli.label.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`;
  return path.join(corpus.root, name);
}

/** Runs a CLI once, untimed, through bench/engine-runs.mjs; returns its json-rules-engine run count, or null. */
function countEngineRuns(corpus, cli) {
  const result = spawnSync(process.execPath, [ENGINE_RUNS_SCRIPT, cli.path, corpus.relDir, "--format", "json", "--output-file", os.devNull], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: MAX_BUFFER,
    encoding: "utf8",
  });
  const last = (result.stderr ?? "").trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last).engineRuns;
  } catch {
    log(`engine runs of ${cli.label} on corpus ${corpus.id} not counted: ${last}`);
    return null;
  }
}

/** Median of numbers (mean of the middle two for an even count). */
function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median (and least) wall, median CPU, throughput and peak RSS of a set of runs. */
function summarize(runs, manifest) {
  const wallMs = median(runs.map((r) => r.wallMs));
  const cpu = runs.map((r) => r.cpuMs).filter((v) => v !== null);
  const rss = runs.map((r) => r.rssBytes).filter((v) => v !== null);
  return {
    wallMs: round(wallMs, 1),
    minWallMs: round(Math.min(...runs.map((r) => r.wallMs)), 1),
    cpuMs: cpu.length ? round(median(cpu), 0) : null,
    activitiesPerSec: Math.round(manifest.activities / (wallMs / 1000)),
    mbPerSec: round(manifest.bytes / 1e6 / (wallMs / 1000), 1),
    peakRssMb: rss.length ? round(median(rss) / 1e6, 1) : null,
    maxPeakRssMb: rss.length ? round(Math.max(...rss) / 1e6, 1) : null,
    samples: runs.map((r) => ({ wallMs: round(r.wallMs, 1), cpuMs: r.cpuMs === null ? null : round(r.cpuMs, 0), peakRssMb: r.rssBytes === null ? null : round(r.rssBytes / 1e6, 1) })),
  };
}

/** Rounds to `digits` decimals. */
function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---------------------------------------------------------------------------
// Reading the CLI's reports (after timing, never inside it)

/** Whether a file holds valid JSON. */
function isJsonFile(file) {
  try {
    JSON.parse(fs.readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
}

/** The findings of a CLI JSON report as `path:line:column:ruleId` keys, and a count per rule. */
function readFindings(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const keys = [];
  const byRule = {};
  for (const entry of report.files ?? []) {
    for (const f of entry.findings ?? []) {
      keys.push(`${entry.path}:${f.line}:${f.column}:${f.ruleId}`);
      byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    }
  }
  return { keys: keys.sort(), byRule: Object.fromEntries(Object.entries(byRule).sort()) };
}

/**
 * Spectral's findings as `path:line:rule` keys (its lines are 0-based; its paths absolute), and the
 * same keys of a raci-lint report for the five rules Spectral's ruleset does: they must be equal.
 */
function compareWithSpectral(cliKeys, corpus) {
  const spectral = JSON.parse(fs.readFileSync(spectralOutputPath(corpus), "utf8"));
  const theirs = spectral.map((r) => `${path.relative(ROOT, r.source).split(path.sep).join("/")}:${r.range.start.line + 1}:${r.code}`).sort();
  const rules = new Set(SPECTRAL_RULES);
  const ours = cliKeys
    .map((k) => k.split(":"))
    .filter((parts) => rules.has(parts[parts.length - 1]))
    .map((parts) => `${parts.slice(0, -3).join(":")}:${parts[parts.length - 3]}:${parts[parts.length - 1]}`)
    .sort();
  const theirSet = new Set(theirs);
  const ourSet = new Set(ours);
  const byRule = {};
  for (const key of theirs) {
    const rule = key.slice(key.lastIndexOf(":") + 1);
    byRule[rule] = (byRule[rule] ?? 0) + 1;
  }
  return {
    spectralFindings: theirs.length,
    raciLintFindings: ours.length,
    byRule: Object.fromEntries(Object.entries(byRule).sort()),
    onlySpectral: theirs.filter((k) => !ourSet.has(k)).slice(0, 5),
    onlyRaciLint: ours.filter((k) => !theirSet.has(k)).slice(0, 5),
    same: theirs.length === ours.length && theirs.every((k, i) => k === ours[i]),
  };
}

/**
 * Compares a CLI's findings on corpus B with the planted defects: each must be reported by its
 * rule on its line; findings on lines without a planted defect are counted (the generator means
 * them to be none).
 */
function checkPlanted(keys, planted) {
  const reported = new Set(keys.map((k) => k.replace(/:\d+:([^:]+)$/, ":$1")));
  const plantedKeys = new Set(planted.map((p) => `${p.path}:${p.line}:${p.ruleId}`));
  const missing = planted.filter((p) => !reported.has(`${p.path}:${p.line}:${p.ruleId}`));
  const unexpected = {};
  let unexpectedCount = 0;
  for (const key of reported) {
    if (plantedKeys.has(key)) continue;
    const rule = key.slice(key.lastIndexOf(":") + 1);
    unexpected[rule] = (unexpected[rule] ?? 0) + 1;
    unexpectedCount++;
  }
  return {
    total: planted.length,
    found: planted.length - missing.length,
    missing: missing.slice(0, 10),
    unexpected: unexpectedCount,
    unexpectedByRule: unexpected,
  };
}

// ---------------------------------------------------------------------------
// Report

/** Checks one CLI's numbers on one corpus against that corpus' targets. */
function checkTargets(corpus, floor, cli, spectral) {
  const targets = TARGETS[corpus.id];
  const ratio = floor ? round(cli.wallMs / floor.wallMs, 2) : null;
  const checks = [];
  if (targets.minReaderMbPerSec !== undefined) {
    const mb = cli.dataReader?.inProcessMbPerSec;
    checks.push({
      target: "reader MB/s (in-process, parse+read)",
      value: mb === undefined ? "n/a" : `${mb.toFixed(1)} MB/s`,
      limit: `>= ${targets.minReaderMbPerSec} MB/s`,
      pass: mb !== undefined && mb >= targets.minReaderMbPerSec,
    });
  }
  if (targets.minSpectralRatio !== undefined && spectral) {
    const times = round(spectral.wallMs / cli.wallMs, 2);
    checks.push({ target: "Spectral wall / CLI wall", value: `${times.toFixed(2)}x`, limit: `>= ${targets.minSpectralRatio}x`, pass: times >= targets.minSpectralRatio });
  }
  if (targets.sameAsSpectral && cli.spectralComparison) {
    const c = cli.spectralComparison;
    checks.push({ target: "same findings as Spectral (5 rules)", value: `${c.raciLintFindings} vs ${c.spectralFindings}`, limit: "identical", pass: c.same });
  }
  if (targets.maxRatio !== undefined) {
    checks.push({ target: "CLI wall / floor wall", value: `${ratio.toFixed(2)}x`, limit: `<= ${targets.maxRatio}x`, pass: ratio <= targets.maxRatio });
  }
  if (targets.maxWallMs !== undefined) {
    checks.push({ target: "CLI wall time", value: `${cli.wallMs.toFixed(0)} ms`, limit: `< ${targets.maxWallMs} ms`, pass: cli.wallMs < targets.maxWallMs });
  }
  checks.push({
    target: "CLI peak RSS",
    value: cli.peakRssMb === null ? "n/a" : `${cli.peakRssMb.toFixed(1)} MB`,
    limit: `< ${targets.maxRssMb} MB`,
    pass: cli.peakRssMb !== null && cli.peakRssMb < targets.maxRssMb,
  });
  if (targets.plantedFound !== undefined) {
    checks.push({ target: "planted defects reported", value: `${cli.planted.found}/${cli.planted.total}`, limit: "all", pass: cli.planted.found === cli.planted.total });
  }
  return { ratio, checks: checks.map((c) => ({ cli: cli.label, ...c })) };
}

/** Formats rows of cells as a left/right aligned text table. */
function textTable(rows, rightAligned) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (rightAligned[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
        .join("   ")
        .trimEnd(),
    )
    .join("\n");
}

/** Prints the human-readable report. */
function printReport(result) {
  const fmt = (n) => n.toLocaleString("en-US");
  for (const c of result.corpora) {
    // Corpora with a floor compare each program with it; the others with the first CLI.
    const reference = c.floor ?? c.clis[0];
    const row = (label, s) => [
      label,
      s.wallMs.toFixed(1),
      s.minWallMs.toFixed(1),
      s.cpuMs === null ? "n/a" : fmt(s.cpuMs),
      fmt(s.activitiesPerSec),
      s.mbPerSec.toFixed(1),
      s.peakRssMb === null ? "n/a" : s.peakRssMb.toFixed(1),
      `${round(s.wallMs / reference.wallMs, 2).toFixed(2)}x`,
    ];
    log();
    log(`corpus ${c.id} (${c.name}): ${fmt(c.corpus.files)} files, ${fmt(c.corpus.activities)} activities, ${c.corpus.mb} MB in ${c.corpus.dir}`);
    const cliName = (cli) => (result.clis.length === 1 ? "raci-lint CLI" : `CLI ${cli.label}`);
    log(
      textTable(
        [
          ["", "wall ms", "min wall", "CPU ms", "activities/s", "MB/s", "peak RSS MB", c.floor ? "x floor" : `x ${cliName(c.clis[0])}`],
          ...(c.floor ? [row("floor", c.floor)] : []),
          ...(c.readerFloor ? [row("reader floor", c.readerFloor)] : []),
          ...c.clis.flatMap((cli) => (cli.dataReader ? [row(`data reader ${cli.label}`, cli.dataReader)] : [])),
          ...c.clis.map((cli) => row(cliName(cli), cli)),
          ...(c.spectral ? [row("Spectral", c.spectral)] : []),
        ],
        [false, true, true, true, true, true, true, true],
      ),
    );
    log();
    log(
      textTable(
        [
          ["target", ...(result.clis.length > 1 ? ["CLI"] : []), "value", "limit", "result"],
          ...c.checks.map((k) => [k.target, ...(result.clis.length > 1 ? [k.cli] : []), k.value, k.limit, k.pass ? "PASS" : "FAIL"]),
        ],
        [false, ...(result.clis.length > 1 ? [false] : []), true, true, false],
      ),
    );
    for (const cli of c.clis) {
      const extra = [
        `exit codes ${cli.exitCodes.join(",")}`,
        `${fmt(cli.findings)} findings`,
        `JSON ${fmt(cli.outputBytes)} bytes`,
        ...(cli.planted
          ? [
              `planted ${cli.planted.found}/${cli.planted.total} reported, ${cli.planted.unexpected} findings elsewhere` +
                (cli.planted.unexpected
                  ? ` (${Object.entries(cli.planted.unexpectedByRule)
                      .map(([r, n]) => `${r} ${n}`)
                      .join(", ")})`
                  : ""),
            ]
          : []),
        ...(cli.sameFindingsAs ? [`findings ${cli.sameFindingsAs.same ? "identical to" : "DIFFER from"} ${cli.sameFindingsAs.label}'s`] : []),
        ...(cli.engineRuns !== undefined ? [`engine runs ${cli.engineRuns ?? "n/a"}`] : []),
        ...(cli.dataReader
          ? [`data reader in-process (parse+read, first pass) ${cli.dataReader.inProcessMs} ms = ${cli.dataReader.inProcessMbPerSec} MB/s (CPU ${cli.dataReader.inProcessCpuMs} ms)`]
          : []),
        ...(c.spectral
          ? [
              `Spectral takes ${round(c.spectral.wallMs / cli.wallMs, 2).toFixed(2)}x its wall time, ${c.spectral.cpuMs && cli.cpuMs ? round(c.spectral.cpuMs / cli.cpuMs, 2).toFixed(2) : "n/a"}x its CPU time`,
            ]
          : []),
      ];
      log(`${result.clis.length === 1 ? "CLI" : `CLI ${cli.label}`}: ${extra.join("; ")}`);
    }
    if (c.spectral) {
      const k = c.spectral.comparison;
      log(
        `Spectral: exit codes ${c.spectral.exitCodes.join(",")}; ${fmt(k.spectralFindings)} findings (${Object.entries(k.byRule)
          .map(([r, n]) => `${r} ${n}`)
          .join(", ")}); ` +
          `${k.same ? "identical to" : "DIFFERENT from"} ${result.clis[0].label}'s findings of those rules (path:line:rule)` +
          (k.same ? "" : `; only Spectral: ${k.onlySpectral.join(" ")}; only raci-lint: ${k.onlyRaciLint.join(" ")}`),
      );
    }
    const floorLine = [];
    if (c.floor) floorLine.push(`floor in-process ${c.floor.inProcessMs} ms`);
    if (c.readerFloor) floorLine.push(`reader floor (no target) in-process ${c.readerFloor.inProcessMs} ms, ${fmt(c.readerFloor.distinctRests)} distinct row rests of ${fmt(c.readerFloor.rows)} rows`);
    if (floorLine.length) log(floorLine.join("; "));
  }
  if (result.clis.length > 1) {
    log();
    const [first, ...others] = result.clis;
    for (const other of others) {
      const ratios = result.corpora.map((c) => {
        const a = c.clis.find((x) => x.label === first.label);
        const b = c.clis.find((x) => x.label === other.label);
        const cpu = a.cpuMs && b.cpuMs ? `, ${round(b.cpuMs / a.cpuMs, 3).toFixed(3)}x CPU` : "";
        return (
          `corpus ${c.id} ${round(b.wallMs / a.wallMs, 3).toFixed(3)}x wall (median), ${round(b.minWallMs / a.minWallMs, 3).toFixed(3)}x (min)${cpu}, ` +
          `peak RSS ${b.peakRssMb ?? "n/a"} vs ${a.peakRssMb ?? "n/a"} MB`
        );
      });
      log(`${other.label} / ${first.label}: ${ratios.join("; ")}`);
    }
  }
  log();
  log(
    `medians of ${result.runs} interleaved runs (min wall: the fastest run); wall = spawn to exit (includes Node start-up); ` +
      `CPU = the child's user + system time (all its threads); MB = 10^6 bytes` +
      (result.readerFloorError ? `; reader floor left out: ${result.readerFloorError}` : ""),
  );
  log(`peak RSS via ${result.rssMethod}; ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}; ` + `load average at start ${result.machine.loadAverage.join(" ")}`);
  log(result.pass ? "all targets met" : "some targets missed (report only, exit code 0)");
}

// ---------------------------------------------------------------------------
// Entry point

/** The corpora to measure, generated if needed: `{ id, name, manifest, root, relDir, planted }`. */
function prepareCorpora(single) {
  const only = optionValues("--corpus").map((v) => v.toUpperCase());
  for (const id of only) if (!["A", "B", "Y", "J"].includes(id)) fail(`--corpus takes a, b, y or j, not ${id}`);
  const corpora = [];
  if (only.length === 0 || only.includes("A")) {
    const generated = ensureCorpus(corpusParams());
    log(`A: ${describeCorpus(generated)}`);
    corpora.push({ id: "A", name: "repetitive: 2 parties, repeated cells and rows", manifest: generated.manifest, root: CORPUS_ROOT, relDir: path.relative(ROOT, MATRICES_DIR), single });
  }
  if (only.length === 0 || only.includes("B")) {
    const generated = ensureDistinctCorpus(distinctParams());
    const { manifest } = generated;
    log(
      `B: distinct corpus: ${manifest.files} files, ${manifest.activities.toLocaleString("en-US")} activities, ` +
        `${manifest.bytes.toLocaleString("en-US")} bytes (${(manifest.bytes / 1e6).toFixed(2)} MB) in ${manifest.dir}, ` +
        `${manifest.planted.total} planted defects [${generated.generated ? `generated in ${generated.ms.toFixed(0)} ms` : "up to date, not regenerated"}]`,
    );
    corpora.push({
      id: "B",
      name: "distinct: 6-9 parties, distinct rows, mixed styles",
      manifest,
      root: DISTINCT_ROOT,
      relDir: path.relative(ROOT, DISTINCT_MATRICES_DIR),
      planted: readPlanted(),
      single,
    });
  }
  for (const [id, format] of [
    ["Y", "yaml"],
    ["J", "json"],
  ]) {
    if (only.length > 0 && !only.includes(id)) continue;
    const generated = ensureCorpus(corpusParams(), { format });
    log(`${id}: ${describeCorpus(generated)}`);
    const dir = corpusDir(format);
    corpora.push({
      id,
      name: `corpus A's pages as ${format.toUpperCase()} matrices`,
      manifest: generated.manifest,
      root: path.dirname(dir),
      relDir: path.relative(ROOT, dir),
      data: true,
      spectral: format === "yaml" && !ARGS.includes("--no-spectral"),
      single,
    });
  }
  return corpora;
}

/** Entry point. */
function main() {
  const clis = cliBuilds();
  const corpora = prepareCorpora(clis.length === 1);
  const runs = envInt("BENCH_RUNS", 3);
  const withReaderFloor = !ARGS.includes("--no-reader-floor");
  const method = pickRssMethod();
  const state = { readerFloorError: null, dataReaderErrors: new Map() };
  if (corpora.some((c) => c.spectral) && !fs.existsSync(SPECTRAL_BIN)) fail(`${SPECTRAL_BIN} not found: run npm ci (Spectral is a devDependency), or pass --no-spectral`);
  const samples = new Map(corpora.map((c) => [c.id, { floor: [], reader: [], spectral: [], data: new Map(clis.map((x) => [x.label, []])), cli: new Map(clis.map((x) => [x.label, []])) }]));

  for (let i = 0; i < runs; i++) {
    // The CLIs' order rotates from run to run, so none always runs right after the floor.
    const order = clis.map((_, k) => clis[(k + i) % clis.length]);
    for (const corpus of corpora) {
      const s = samples.get(corpus.id);
      const parts = [];
      if (!corpus.data) {
        const floor = runFloor(method, corpus);
        s.floor.push(floor);
        const reader = withReaderFloor ? runReaderFloor(method, corpus, state) : null;
        if (reader) s.reader.push(reader);
        parts.push(`floor ${floor.wallMs.toFixed(1)} ms`);
        if (reader) parts.push(`reader floor ${reader.wallMs.toFixed(1)} ms`);
      } else {
        for (const cli of order) {
          const data = runDataReader(method, corpus, cli, state);
          if (!data) continue;
          s.data.get(cli.label).push(data);
          parts.push(`data reader ${cli.label} ${data.report.elapsedMs.toFixed(1)} ms in-process`);
        }
      }
      // Spectral runs among the CLIs, its place rotating with theirs.
      const programs = corpus.spectral ? [...order.slice(0, i % (order.length + 1)), null, ...order.slice(i % (order.length + 1))] : order;
      for (const cli of programs) {
        if (cli === null) {
          const run = runSpectral(method, corpus);
          s.spectral.push(run);
          parts.push(`Spectral ${run.wallMs.toFixed(1)} ms (exit ${run.status})`);
          continue;
        }
        const run = runCli(method, corpus, cli);
        s.cli.get(cli.label).push(run);
        parts.push(`${clis.length === 1 ? "CLI" : cli.label} ${run.wallMs.toFixed(1)} ms (exit ${run.status})`);
      }
      log(`run ${i + 1}/${runs} ${corpus.id}: ${parts.join(", ")}`);
    }
  }

  const result = {
    runs,
    rssMethod: method.name,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: os.loadavg().map((v) => round(v, 2)),
    },
    clis: clis.map((c) => ({ label: c.label, path: c.path })),
    targets: TARGETS,
    readerFloorError: state.readerFloorError,
    dataReaderErrors: Object.fromEntries(state.dataReaderErrors),
    corpora: [],
    pass: true,
  };
  for (const corpus of corpora) {
    const s = samples.get(corpus.id);
    const { manifest } = corpus;
    const floor =
      s.floor.length === 0
        ? null
        : {
            ...summarize(s.floor, manifest),
            inProcessMs: round(median(s.floor.map((r) => r.report.elapsedMs)), 1),
            tableRows: s.floor[0].report.tableRows,
          };
    const spectral =
      s.spectral.length === 0
        ? null
        : {
            ...summarize(s.spectral, manifest),
            exitCodes: s.spectral.map((r) => r.status),
            command: `node ${path.relative(ROOT, SPECTRAL_BIN)} lint "${corpus.relDir}/**/*.yaml" --ruleset ${path.relative(ROOT, SPECTRAL_RULESET)} --format json`,
          };
    const readerFloor =
      s.reader.length === runs
        ? {
            ...summarize(s.reader, manifest),
            inProcessMs: round(median(s.reader.map((r) => r.report.elapsedMs)), 1),
            rows: s.reader[0].report.rows,
            distinctRests: s.reader[0].report.distinctRests,
          }
        : null;
    const checks = [];
    let firstKeys = null;
    const cliResults = clis.map((cli, k) => {
      const output = cliOutputPath(corpus, cli);
      const { keys, byRule } = readFindings(output);
      const summary = {
        label: cli.label,
        ...summarize(s.cli.get(cli.label), manifest),
        command: `node ${path.relative(ROOT, cli.path)} ${corpus.relDir} --format json`,
        exitCodes: s.cli.get(cli.label).map((r) => r.status),
        outputBytes: fs.statSync(output).size,
        findings: keys.length,
        findingsByRule: byRule,
      };
      if (corpus.planted) summary.planted = checkPlanted(keys, corpus.planted);
      const data = s.data.get(cli.label);
      if (data.length === runs) {
        summary.dataReader = {
          ...summarize(data, manifest),
          inProcessMs: round(median(data.map((r) => r.report.elapsedMs)), 1),
          inProcessCpuMs: round(median(data.map((r) => r.report.cpuMs)), 0),
          inProcessMbPerSec: round(manifest.bytes / 1e6 / (median(data.map((r) => r.report.elapsedMs)) / 1000), 1),
        };
      }
      if (spectral) {
        summary.spectralComparison = compareWithSpectral(keys, corpus);
        if (k === 0) spectral.comparison = summary.spectralComparison;
      }
      if (k === 0) firstKeys = keys;
      else summary.sameFindingsAs = { label: clis[0].label, same: keys.length === firstKeys.length && keys.every((key, j) => key === firstKeys[j]) };
      if (ARGS.includes("--engine-runs")) summary.engineRuns = countEngineRuns(corpus, cli);
      const checked = checkTargets(corpus, floor, summary, spectral);
      summary.ratio = checked.ratio;
      checks.push(...checked.checks);
      return summary;
    });
    const pass = checks.every((c) => c.pass);
    result.pass &&= pass;
    result.corpora.push({
      id: corpus.id,
      name: corpus.name,
      corpus: {
        dir: manifest.dir,
        files: manifest.files,
        activities: manifest.activities,
        bytes: manifest.bytes,
        mb: round(manifest.bytes / 1e6, 2),
        contentHash: manifest.contentHash,
        ...(manifest.planted ? { planted: manifest.planted } : {}),
      },
      floor,
      readerFloor,
      ...(spectral ? { spectral } : {}),
      clis: cliResults,
      checks,
      pass,
    });
  }

  printReport(result);
  result.coldStart = runColdStart(method, clis[0]);
  const corpusA = result.corpora.find((c) => c.id === "A");
  if (corpusA && !ARGS.includes("--no-cache-bench"))
    result.cache = runCacheBench(
      method,
      corpora.find((c) => c.id === "A"),
      clis[0],
      corpusA.clis[0],
    );
  if (corpusA && !ARGS.includes("--no-threads-bench"))
    result.threads = runThreadsBench(
      method,
      corpora.find((c) => c.id === "A"),
      clis[0],
    );
  if (!ARGS.includes("--no-big")) result.bigResults = runBigResults();
  if (!ARGS.includes("--no-html")) result.html = runHtmlBench(clis[0]);
  if (!ARGS.includes("--no-xlsx")) result.xlsx = runXlsxBench(clis[0]);
  if (JSON_MODE) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/**
 * Cold start (issue 17, item 5): `node -e 0` and the CLI on the seed (`matrices/`), interleaved,
 * BENCH_COLD_RUNS times each (default 15); medians, and the CLI's against the target of 1.5x.
 */
function runColdStart(method, cli) {
  const runs = envInt("BENCH_COLD_RUNS", 15);
  const node = [];
  const seed = [];
  for (let i = 0; i < runs; i++) {
    node.push(measure(method, ["-e", "0"], "ignore"));
    seed.push(measure(method, [cli.path, "matrices"], "ignore"));
  }
  const nodeMs = median(node.map((r) => r.wallMs));
  const seedMs = median(seed.map((r) => r.wallMs));
  const nodeCpu = median(node.map((r) => r.cpuMs ?? 0));
  const seedCpu = median(seed.map((r) => r.cpuMs ?? 0));
  const ratio = round(seedMs / nodeMs, 2);
  log();
  log(
    `cold start (${runs} runs each, interleaved, medians): node -e 0 ${nodeMs.toFixed(1)} ms (CPU ${nodeCpu.toFixed(0)} ms); ` +
      `${cli.label} on matrices/ ${seedMs.toFixed(1)} ms (CPU ${seedCpu.toFixed(0)} ms): ${ratio.toFixed(2)}x wall, ${round(seedCpu / nodeCpu, 2).toFixed(2)}x CPU (target <= 1.5x) ${ratio <= 1.5 ? "PASS" : "FAIL"}`,
  );
  return { runs, nodeMs: round(nodeMs, 1), seedMs: round(seedMs, 1), nodeCpuMs: round(nodeCpu, 0), seedCpuMs: round(seedCpu, 0), ratio, pass: ratio <= 1.5 };
}

/**
 * The lint cache (issue 17, item 4) on corpus A: a first `--cache` run (cache file removed before),
 * then BENCH_CACHE_RUNS (default 5) second runs on the unchanged corpus; their median against the
 * CLI's median without a cache from the main runs (target: at least 5x faster), and their output
 * against the output without a cache (must be identical).
 */
function runCacheBench(method, corpus, cli, uncached) {
  const runs = envInt("BENCH_CACHE_RUNS", 5);
  const cacheFile = path.join(corpus.root, "lint-cache");
  const output = path.join(corpus.root, "cli-output-cached.json");
  fs.rmSync(cacheFile, { force: true });
  const args = [cli.path, corpus.relDir, "--format", "json", "--output-file", output, "--cache", "--cache-location", cacheFile];
  const first = measure(method, args, "ignore");
  const second = [];
  for (let i = 0; i < runs; i++) second.push(measure(method, args, "ignore"));
  const secondMs = median(second.map((r) => r.wallMs));
  const secondCpu = median(second.map((r) => r.cpuMs ?? 0));
  const same = fs.readFileSync(output, "utf8") === fs.readFileSync(cliOutputPath(corpus, cli), "utf8");
  const times = round(uncached.wallMs / secondMs, 2);
  log();
  log(
    `cache on corpus A: first run ${first.wallMs.toFixed(0)} ms; second run (median of ${runs}) ${secondMs.toFixed(0)} ms wall, CPU ${secondCpu.toFixed(0)} ms; ` +
      `without cache ${uncached.wallMs.toFixed(0)} ms wall, CPU ${uncached.cpuMs ?? "n/a"} ms: ${times.toFixed(2)}x faster wall, ${uncached.cpuMs ? round(uncached.cpuMs / secondCpu, 2).toFixed(2) : "n/a"}x CPU (target >= 5x) ${times >= 5 ? "PASS" : "FAIL"}; ` +
      `output ${same ? "identical to" : "DIFFERENT from"} the run without cache`,
  );
  return { firstMs: round(first.wallMs, 1), secondMs: round(secondMs, 1), secondCpuMs: round(secondCpu, 0), uncachedMs: uncached.wallMs, times, same, pass: times >= 5 && same };
}

/**
 * Worker threads (issue 17, item 3) on corpus A: the CLI with `--threads 1` and `--threads 2`,
 * interleaved, BENCH_THREADS_RUNS times each (default 5); medians; target: 2 threads at least 1.6x
 * faster; their JSON reports must be identical.
 */
function runThreadsBench(method, corpus, cli) {
  const runs = envInt("BENCH_THREADS_RUNS", 5);
  const samples = { 1: [], 2: [] };
  const outputs = {};
  for (let i = 0; i < runs; i++) {
    for (const threads of i % 2 ? [2, 1] : [1, 2]) {
      outputs[threads] = path.join(corpus.root, `cli-output-threads-${threads}.json`);
      samples[threads].push(measure(method, [cli.path, corpus.relDir, "--format", "json", "--output-file", outputs[threads], "--threads", String(threads)], "ignore"));
    }
  }
  const wall = (t) => median(samples[t].map((r) => r.wallMs));
  const cpu = (t) => median(samples[t].map((r) => r.cpuMs ?? 0));
  const times = round(wall(1) / wall(2), 2);
  const same = fs.readFileSync(outputs[1], "utf8") === fs.readFileSync(outputs[2], "utf8");
  log();
  log(
    `threads on corpus A (${runs} runs each, interleaved, medians): --threads 1 ${wall(1).toFixed(0)} ms (CPU ${cpu(1).toFixed(0)} ms), ` +
      `--threads 2 ${wall(2).toFixed(0)} ms (CPU ${cpu(2).toFixed(0)} ms): ${times.toFixed(2)}x (target >= 1.6x on 2 cores) ${times >= 1.6 ? "PASS" : "FAIL"}; ` +
      `output ${same ? "identical" : "DIFFERENT"}; ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
  );
  return { runs, oneMs: round(wall(1), 1), twoMs: round(wall(2), 1), oneCpuMs: round(cpu(1), 0), twoCpuMs: round(cpu(2), 0), times, same, pass: times >= 1.6 && same };
}

/** Runs bench/big-results.mjs (2,000,000 findings streamed by each format; the 50 MB page through the CLI): its JSON result. */
function runBigResults() {
  log();
  const run = spawnSync(process.execPath, [path.join(HERE, "big-results.mjs"), "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: MAX_BUFFER });
  if (run.stderr) log(run.stderr.trimEnd());
  if (run.status !== 0) fail(`bench/big-results.mjs failed (exit ${run.status}, signal ${run.signal})`);
  return JSON.parse(run.stdout);
}

/**
 * Runs bench/html.mjs with a CLI (its own report goes to the log): its JSON result, or
 * `{ skipped }` when there is no browser. Any other failure fails the bench.
 */
function runHtmlBench(cli) {
  log();
  const run = spawnSync(process.execPath, [HTML_SCRIPT, "--json", "--cli", cli.path], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: MAX_BUFFER });
  const stderr = (run.stderr ?? "").trimEnd();
  if (run.status === 3) {
    log(`HTML report bench skipped: ${stderr.replace(/^bench html: /, "")}`);
    return { skipped: stderr };
  }
  if (stderr) log(stderr);
  if (run.status !== 0) fail(`bench/html.mjs failed (exit ${run.status}, signal ${run.signal})`);
  return JSON.parse(run.stdout);
}

/** Runs bench/xlsx.mjs with a CLI (its own report goes to the log): its JSON result. A failure fails the bench. */
function runXlsxBench(cli) {
  log();
  const run = spawnSync(process.execPath, [XLSX_SCRIPT, "--json", "--cli", cli.path], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: MAX_BUFFER });
  const stderr = (run.stderr ?? "").trimEnd();
  if (stderr) log(stderr);
  if (run.status !== 0) fail(`bench/xlsx.mjs failed (exit ${run.status}, signal ${run.signal})`);
  return JSON.parse(run.stdout);
}

main();
