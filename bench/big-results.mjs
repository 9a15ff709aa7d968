#!/usr/bin/env node
/**
 * The bench's "big results" part (issue 17, item 2): reports too big to hold as one string.
 *
 * 1. **Streamed formats**: a report of BENCH_BIG_FINDINGS findings (default 2,000,000) in one file,
 *    made as the linter makes findings (rule ids, sections and parties shared, messages and activity
 *    names per finding, a fix on one in four, a suggestion on one in seven), is written by each
 *    streamed format of this checkout's dist/ (`formatter.stream`, the CLI's way: pieces gathered
 *    into 64 KB writes) to a file, each format in its own process under GNU time (peak RSS). Then
 *    each output is checked: JSON parsed (python3's json, which reads strings of any length), JUnit
 *    validated against /work/shared/schemas/junit-ant.xsd with `xmllint --stream` when xmllint is
 *    there, SARIF validated against the SARIF 2.1.0 schema with ajv on a report of
 *    BENCH_BIG_SARIF_CHECK findings (default 100,000; a 2-million-result log is over a GB, more
 *    than one JavaScript string holds) and parsed whole by python3. The findings' own heap is
 *    measured too (heap used after building them, less before).
 * 2. **One big page through the CLI**: bench/generate-big.mjs's page (BENCH_BIG_MB, default 50 MB,
 *    about 2.1 million findings) linted by `node dist/cli.js PAGE -f json -o FILE`: wall, CPU and
 *    peak RSS; the JSON is parsed by python3. Skipped with --no-page.
 *
 * Usage: node bench/big-results.mjs [--json] [--no-page] [--formats json,sarif,...]
 * (child mode, internal: --child FORMAT N OUT)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const OUT_DIR = path.join(HERE, ".corpus", "big", "out");
const SCHEMAS = path.resolve(ROOT, "..", "shared", "schemas");
const FORMATS = ["json", "sarif", "junit", "stylish", "markdown"];
const ARGS = process.argv.slice(2);

/** The report of `n` findings in one file (and its text, for SARIF fixes), from dist/'s buildReport. */
async function bigReport(n) {
  const { buildReport } = await import(pathToFileURL(path.join(ROOT, "dist", "model", "result.js")).href);
  const rules = ["code-order", "single-accountable", "customer-involved", "responsible-required", "valid-codes", "no-duplicate-codes"];
  const sections = Array.from({ length: 100 }, (_, i) => `Section ${i + 1}`);
  const parties = ["Client", "Provider", "Auditor"];
  const lines = 1000;
  const source = Array.from({ length: lines }, (_, i) => `| Operate service ${i} | AR | AR | I |`).join("\n");
  const findings = new Array(n);
  // As src/lint/findings.ts makes them: messages flattened, one shared empty suggestions list.
  const none = Object.freeze([]);
  for (let i = 0; i < n; i++) {
    const message = `Codes "AR" are out of order in row ${i}: write "RA".`;
    message.charCodeAt(0);
    const line = 1 + (i % lines);
    const offset = source.indexOf("| AR", 0) + 2;
    findings[i] = {
      ruleId: rules[i % rules.length],
      severity: i % 3 === 0 ? "warning" : "error",
      message,
      file: "big.md",
      line,
      column: 24,
      endLine: line,
      endColumn: 26,
      section: sections[(i >> 10) % sections.length],
      activity: `Operate service ${(i >> 10) + 1}.${i & 1023}`,
      party: parties[i % 3],
      fix: i % 4 === 0 ? { range: [offset, offset + 2], text: "RA" } : null,
      suggestions: i % 7 === 0 ? [{ message: "Give Client an R", fix: { range: [offset, offset + 2], text: "R" } }] : none,
    };
  }
  return buildReport([{ path: "big.md", findings, suppressed: [], source }]);
}

/** Child: builds the report, streams one format to a file, prints what it measured as JSON. */
async function child(format, n, out) {
  const before = process.memoryUsage().heapUsed;
  const report = await bigReport(n);
  globalThis.gc?.();
  const findingsHeap = process.memoryUsage().heapUsed - before;
  const { loadFormatter } = await import(pathToFileURL(path.join(ROOT, "dist", "formatters", "index.js")).href);
  const { formatContext } = await import(pathToFileURL(path.join(ROOT, "dist", "formatters", "context.js")).href);
  const { builtInRules } = await import(pathToFileURL(path.join(ROOT, "dist", "engine", "load-rules.js")).href);
  const formatter = await loadFormatter(format);
  const context = formatContext(builtInRules().rules, "0.0.0-bench");
  const t0 = performance.now();
  const fd = fs.openSync(out, "w");
  let buffer = "";
  let pieces = 0;
  for (const piece of formatter.stream(report, context)) {
    pieces++;
    buffer += piece;
    if (buffer.length >= 1 << 15) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  process.stdout.write(JSON.stringify({ formatMs: performance.now() - t0, findingsHeapMb: findingsHeap / 1e6, pieces }));
}

/** Runs node with args under GNU time: wall, CPU, peak RSS, stdout. */
function timed(args, extraOptions = {}) {
  const timeFile = path.join(os.tmpdir(), `raci-lint-big-time-${process.pid}`);
  const t0 = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M %U %S", "-o", timeFile, process.execPath, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26, ...extraOptions });
  const wallMs = performance.now() - t0;
  const [kib, user, sys] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(/\s+/).map(Number);
  fs.rmSync(timeFile, { force: true });
  return { wallMs, cpuMs: (user + sys) * 1000, peakRssMb: (kib * 1024) / 1e6, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Whether python3 parses a JSON file (any size), or null without python3. */
function pythonParses(file) {
  const run = spawnSync("python3", ["-c", "import json,sys; json.load(open(sys.argv[1], encoding='utf-8')); print('ok')", file], { encoding: "utf8" });
  if (run.error) return null;
  return run.stdout.trim() === "ok";
}

/** A SARIF file validated against the SARIF 2.1.0 schema (draft-04) with ajv, as test/formatters/sarif.test.ts does. */
async function sarifValid(file) {
  const { default: Ajv } = await import("ajv-draft-04");
  const { default: addFormats } = await import("ajv-formats");
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, "sarif-schema-2.1.0.json"), "utf8"));
  const ajv = new Ajv({ allErrors: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(JSON.parse(fs.readFileSync(file, "utf8"))) ? true : JSON.stringify(validate.errors?.slice(0, 2));
}

/** Whether xmllint validates a JUnit file against the Ant schema (streaming), or null without xmllint. */
function junitValid(file) {
  const run = spawnSync("xmllint", ["--stream", "--noout", "--schema", path.join(SCHEMAS, "junit-ant.xsd"), file], { encoding: "utf8" });
  if (run.error) return null;
  return run.status === 0 ? true : run.stderr.split("\n").slice(0, 2).join(" ");
}

async function main() {
  const n = Number(process.env.BENCH_BIG_FINDINGS ?? 2_000_000);
  const sarifCheck = Number(process.env.BENCH_BIG_SARIF_CHECK ?? 100_000);
  const formatsArg = ARGS.find((a) => a.startsWith("--formats="));
  const formats = formatsArg ? formatsArg.slice("--formats=".length).split(",") : FORMATS;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const log = (line) => (ARGS.includes("--json") ? process.stderr : process.stdout).write(`${line}\n`);
  const result = { findings: n, loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100), formats: [], page: null };
  log(`big results: ${n.toLocaleString("en-US")} findings in one file, each streamed format in its own process (load average ${result.loadAverage.join(" ")})`);
  for (const format of formats) {
    const out = path.join(OUT_DIR, `findings.${format}`);
    const run = timed(["--expose-gc", fileURLToPath(import.meta.url), "--child", format, String(n), out]);
    if (run.status !== 0) throw new Error(`${format}: exit ${run.status}\n${run.stderr}`);
    const inner = JSON.parse(run.stdout);
    let valid;
    if (format === "json") valid = pythonParses(out);
    else if (format === "sarif") {
      const small = path.join(OUT_DIR, "check.sarif");
      timed(["--expose-gc", fileURLToPath(import.meta.url), "--child", "sarif", String(sarifCheck), small]);
      const schema = await sarifValid(small);
      valid = { schemaOn: sarifCheck, schema, parsedWhole: pythonParses(out) };
    } else if (format === "junit") valid = junitValid(out);
    else valid = true;
    const row = { format, bytes: fs.statSync(out).size, ...inner, wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssMb: run.peakRssMb, valid };
    result.formats.push(row);
    log(
      `  ${format.padEnd(8)} ${(row.bytes / 1e6).toFixed(0).padStart(6)} MB written in ${(row.formatMs / 1000).toFixed(1)} s (process ${(row.wallMs / 1000).toFixed(1)} s wall, ${(row.cpuMs / 1000).toFixed(1)} s CPU), peak RSS ${row.peakRssMb.toFixed(0)} MB, findings' heap ${row.findingsHeapMb.toFixed(0)} MB, ${row.pieces} pieces; valid: ${JSON.stringify(valid)}`,
    );
    fs.rmSync(out, { force: true });
  }
  if (!ARGS.includes("--no-page")) {
    const { ensureBigFile, BIG_FILE } = await import("./generate-big.mjs");
    const { manifest } = ensureBigFile();
    const out = path.join(OUT_DIR, "page.json");
    const run = timed([path.join("dist", "cli.js"), path.relative(ROOT, BIG_FILE), "-f", "json", "-o", out]);
    const parsed = pythonParses(out);
    result.page = {
      bytes: manifest.bytes,
      rows: manifest.rows,
      exit: run.status,
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      peakRssMb: run.peakRssMb,
      reportBytes: fs.statSync(out).size,
      jsonParses: parsed,
    };
    log(
      `  page     ${(manifest.bytes / 1e6).toFixed(0)} MB, ${manifest.rows.toLocaleString("en-US")} rows: exit ${run.status}, ${(run.wallMs / 1000).toFixed(1)} s wall, ${(run.cpuMs / 1000).toFixed(1)} s CPU, peak RSS ${run.peakRssMb.toFixed(0)} MB; JSON report ${(result.page.reportBytes / 1e6).toFixed(0)} MB parses: ${parsed} (targets: < 5 s, < 1,000 MB)`,
    );
    fs.rmSync(out, { force: true });
  }
  if (ARGS.includes("--json")) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (ARGS[0] === "--child") await child(ARGS[1], Number(ARGS[2]), ARGS[3]);
else await main();
