#!/usr/bin/env node
/**
 * The workbook bench: is a workbook of 10,000 activities read in under 2 s? `npm run bench` runs it
 * after the CLI bench; alone: `node bench/xlsx.mjs` (after `npm run compile`).
 *
 * 1. Writes the input under bench/.corpus/xlsx/ (deterministic): the corpus B generator's page of
 *    10,000 activities (6-9 parties, every code style, 1% planted defects), read as Markdown and
 *    written as XLSX by raci-lint's own writer (`raci-lint convert --to xlsx` does the same).
 * 2. Measures, BENCH_XLSX_RUNS times (default 3), each in a fresh node process:
 *    - read: `parseWorkbook` (the file's bytes to a matrix: zip checks, exceljs, tables found and
 *      read), loading exceljs included: the target is on its wall time; its CPU time is reported
 *      beside it (on a busy machine the wall time is mostly waiting for a core);
 *    - lint: the CLI on the workbook (`-f json`), wall time from node's start to its exit.
 *    Each run checks the workbook reads back as 10,000 activities.
 *
 * Usage: node bench/xlsx.mjs [--json] [--cli PATH]
 * Exit code 0 when it ran (a missed target is reported, not fatal), 1 when reading or the CLI failed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { renderPage } from "./generate-distinct.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const OUT = path.join(HERE, ".corpus", "xlsx");
const ARGS = process.argv.slice(2);
const JSON_MODE = ARGS.includes("--json");
const TARGET_MS = 2000;
const ACTIVITIES = 10_000;
const SEED = 0x584c_5358;

function log(line = "") {
  (JSON_MODE ? process.stderr : process.stdout).write(`${line}\n`);
}

function fail(message) {
  process.stderr.write(`bench xlsx: ${message}\n`);
  process.exit(1);
}

function option(name, fallback) {
  const at = ARGS.indexOf(name);
  return at >= 0 && at + 1 < ARGS.length ? ARGS[at + 1] : fallback;
}

const median = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value) => Math.round(value * 10) / 10;

/** The library of this checkout's build. */
const library = () => import(pathToFileURL(path.join(ROOT, "dist", "index.js")).href);

/** Writes the workbook (10,000 activities) and returns its path and size. */
async function writeInput() {
  const { parseMatrix, contentOf, writeXlsx } = await library();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const { text } = renderPage(SEED, 0, ACTIVITIES);
  const matrix = parseMatrix(text, "page.md");
  if (matrix.activities.length !== ACTIVITIES) fail(`the generated page reads as ${matrix.activities.length} activities, not ${ACTIVITIES}`);
  const bytes = await writeXlsx(contentOf(matrix));
  const file = path.join(OUT, "matrix-10000.xlsx");
  fs.writeFileSync(file, bytes);
  return { file, bytes: bytes.length, parties: matrix.parties.length };
}

/** The child's side of a read run: reads the workbook once, prints `{ ms, activities }`. */
async function readOnce(file) {
  const bytes = fs.readFileSync(file);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const { parseWorkbook } = await library();
  const matrix = await parseWorkbook(bytes, path.basename(file));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, activities: matrix.activities.length, problems: matrix.problems.map((p) => p.message) }));
}

/** One read run in a fresh process. */
function timedRead(file) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--read", file], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (run.status !== 0) fail(`reading the workbook failed (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  const out = JSON.parse(run.stdout);
  if (out.activities !== ACTIVITIES || out.problems.length > 0) fail(`the workbook read as ${out.activities} activities (problems: ${out.problems.join("; ") || "none"})`);
  return out;
}

/** One CLI run on the workbook; exit 0 or 1 (findings) are both fine. */
function timedLint(cli, file) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, path.relative(ROOT, file), "-f", "json", "--no-config"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0 && run.status !== 1) fail(`the CLI failed on the workbook (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  const report = JSON.parse(run.stdout);
  return { ms, findings: report.files[0].findings.length };
}

async function main() {
  if (ARGS[0] === "--read") return readOnce(ARGS[1]);
  const cli = path.resolve(ROOT, option("--cli", path.join("dist", "cli.js")));
  if (!fs.existsSync(cli)) fail(`${cli} not found; run \`npm run compile\` first`);
  const runs = Number(process.env.BENCH_XLSX_RUNS || 3);
  const input = await writeInput();
  const reads = [];
  const lints = [];
  let findings = 0;
  const readsCpu = [];
  for (let i = 0; i < runs; i++) {
    const read = timedRead(input.file);
    reads.push(read.ms);
    readsCpu.push(read.cpuMs);
    const lint = timedLint(cli, input.file);
    lints.push(lint.ms);
    findings = lint.findings;
  }
  const result = {
    targetMs: TARGET_MS,
    runs,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", loadAverage: os.loadavg().map((v) => round(v)) },
    workbook: { activities: ACTIVITIES, parties: input.parties, bytes: input.bytes },
    readMs: round(median(reads)),
    readSamplesMs: reads.map(round),
    readCpuMs: round(median(readsCpu)),
    lintMs: round(median(lints)),
    findings,
    pass: median(reads) < TARGET_MS,
  };
  log(
    `Workbook bench: ${ACTIVITIES.toLocaleString("en-US")} activities, ${input.parties} parties, ${(input.bytes / 1024).toFixed(0)} KiB (median of ${runs}, load average ${result.machine.loadAverage.join(" ")})`,
  );
  log(`  read (parseWorkbook, exceljs loaded): ${result.readMs} ms (CPU ${result.readCpuMs} ms)  target < ${TARGET_MS} ms  ${result.pass ? "ok" : "MISSED"}`);
  log(`  lint (CLI, -f json, from start to exit): ${result.lintMs} ms, ${findings} findings`);
  if (JSON_MODE) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
