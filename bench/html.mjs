#!/usr/bin/env node
/**
 * The HTML report's bench: does a report of 10,000 activities open and respond in under 2 s in
 * headless Chromium? `npm run bench` runs it after the CLI bench; alone: `node bench/html.mjs`.
 *
 * 1. Writes two inputs of 10,000 activities each with the corpus B generator (6-9 parties per
 *    table, every code style, 1% planted defects) under bench/.corpus/html/: one file holding one
 *    matrix of 10,000 activities (`one-matrix`), and 200 files of 50 (`200-files`).
 * 2. Runs the CLI on each, `-f html=<file>`, timed (wall, including Node start-up).
 * 3. Opens each report in Chromium (the system's, e.g. Debian's `chromium`; no browser download)
 *    through playwright-core, BENCH_HTML_RUNS times (default 3) in a fresh page each, and measures:
 *    - load: navigation start to the first frame painted after the `load` event (so parsing,
 *      the page's script, style and layout of what is on screen are in it);
 *    - filter: unticking the `error` severity box to the next frame painted;
 *    - rows: ticking "only activities with findings" to the next frame painted;
 *    - focus: focusing the first outlined cell (its messages show) to the next frame painted;
 *    - scroll: jumping to the end of the page to the next frame painted.
 *    "Next frame painted": a requestAnimationFrame callback, then a task after it.
 *
 * Usage: node bench/html.mjs [--json] [--cli PATH] [--chromium PATH]
 * Env: BENCH_HTML_RUNS, CHROMIUM (the browser executable; default /usr/bin/chromium).
 * Exit code 0 when it ran (a missed target is reported, not fatal), 1 when the CLI or the browser
 * failed, 3 when there is no browser to run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { renderPage } from "./generate-distinct.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const OUT = path.join(HERE, ".corpus", "html");
const ARGS = process.argv.slice(2);
const JSON_MODE = ARGS.includes("--json");
const TARGET_MS = 2000;
const SEED = 0x4854_4d4c;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function log(line = "") {
  (JSON_MODE ? process.stderr : process.stdout).write(`${line}\n`);
}

function fail(message) {
  process.stderr.write(`bench html: ${message}\n`);
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

/** Writes the inputs (deterministic: the same seed gives the same files) and returns them. */
function writeInputs() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const shapes = [
    { id: "one-matrix", what: "1 file, one matrix of 10,000 activities", pages: [[0, 10_000]] },
    { id: "200-files", what: "200 files of 50 activities", pages: Array.from({ length: 200 }, (_, i) => [i + 1, 50]) },
  ];
  for (const shape of shapes) {
    shape.dir = path.join(OUT, shape.id, "matrices");
    fs.mkdirSync(shape.dir, { recursive: true });
    shape.bytes = 0;
    for (const [index, rows] of shape.pages) {
      const { text } = renderPage(SEED, index, rows);
      fs.writeFileSync(path.join(shape.dir, `page-${String(index).padStart(3, "0")}.md`), text);
      shape.bytes += Buffer.byteLength(text);
    }
    shape.report = path.join(OUT, shape.id, "report.html");
  }
  return shapes;
}

/** Runs the CLI once: `-f html=<report>`; exit 0 or 1 (findings) are both fine. */
function runCli(cli, shape) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, path.relative(ROOT, shape.dir), "-f", `html=${shape.report}`], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0 && run.status !== 1) fail(`the CLI failed on ${shape.id} (exit ${run.status}, signal ${run.signal}):\n${run.stderr}`);
  return wallMs;
}

/** Waits for the next frame painted after now, in the page. */
const NEXT_FRAME = "new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))";

/** Opens a report once in a fresh page and times loading and four interactions. */
async function measurePage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: "load" });
  const load = await page.evaluate(`(async () => { await ${NEXT_FRAME}; return performance.now(); })()`);
  const interact = (action) => page.evaluate(`(async () => { const t0 = performance.now(); ${action}; await ${NEXT_FRAME}; return performance.now() - t0; })()`);
  const filter = await interact(`document.querySelector("#filters input[name=sev][value=error]").click()`);
  const rows = await interact(`document.querySelector("#filters input[name=only]").click()`);
  const focus = await interact(`document.querySelector("main [data-o]").focus()`);
  const shown = await page.evaluate(`getComputedStyle(document.activeElement.querySelector(".tip")).display`);
  const scroll = await interact(`window.scrollTo(0, document.documentElement.scrollHeight)`);
  const stats = await page.evaluate(`({ elements: document.getElementsByTagName("*").length, cells: document.querySelectorAll(".m td").length, findings: document.querySelectorAll("li.f").length })`);
  await page.close();
  if (shown !== "block") errors.push(`a focused cell does not show its messages (display: ${shown})`);
  return { load, filter, rows, focus, scroll, stats, errors };
}

async function main() {
  const cli = path.resolve(ROOT, option("--cli", path.join("dist", "cli.js")));
  if (!fs.existsSync(cli)) fail(`${cli} not found; run \`npm run compile\` first`);
  const executablePath = option("--chromium", process.env.CHROMIUM || "/usr/bin/chromium");
  if (!fs.existsSync(executablePath)) {
    process.stderr.write(`bench html: no browser at ${executablePath} (install Debian's chromium, or pass --chromium PATH)\n`);
    process.exit(3);
  }
  const runs = Number(process.env.BENCH_HTML_RUNS || 3);
  const { chromium } = await import("playwright-core");

  const shapes = writeInputs();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raci-lint-bench-html-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  const result = {
    targetMs: TARGET_MS,
    runs,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", loadAverage: os.loadavg().map((v) => round(v)) },
    browser: context.browser()?.version() ?? "chromium",
    reports: [],
  };
  try {
    for (const shape of shapes) {
      const cliMs = runCli(cli, shape);
      const url = pathToFileURL(shape.report).href;
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await measurePage(context, url));
      const errors = [...new Set(samples.flatMap((s) => s.errors))];
      const pick = (key) => round(median(samples.map((s) => s[key])));
      const report = {
        id: shape.id,
        what: shape.what,
        inputBytes: shape.bytes,
        htmlBytes: fs.statSync(shape.report).size,
        cliMs: round(cliMs),
        loadMs: pick("load"),
        filterMs: pick("filter"),
        rowsMs: pick("rows"),
        focusMs: pick("focus"),
        scrollMs: pick("scroll"),
        ...samples[0].stats,
        errors,
      };
      report.pass = errors.length === 0 && ["loadMs", "filterMs", "rowsMs", "focusMs", "scrollMs"].every((k) => report[k] < TARGET_MS);
      result.reports.push(report);
      log(`${shape.id}: load ${report.loadMs} ms, filter ${report.filterMs} ms, rows ${report.rowsMs} ms, focus ${report.focusMs} ms, scroll ${report.scrollMs} ms`);
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  result.pass = result.reports.every((r) => r.pass);
  printReport(result);
  if (JSON_MODE) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function printReport(result) {
  const fmt = (n) => n.toLocaleString("en-US");
  const rows = [["report", "input MB", "HTML MB", "elements", "CLI ms", "load ms", "filter ms", "rows ms", "focus ms", "scroll ms", "result"]];
  for (const r of result.reports) {
    rows.push([
      r.id,
      (r.inputBytes / 1e6).toFixed(2),
      (r.htmlBytes / 1e6).toFixed(2),
      fmt(r.elements),
      r.cliMs.toFixed(0),
      r.loadMs.toFixed(0),
      r.filterMs.toFixed(0),
      r.rowsMs.toFixed(0),
      r.focusMs.toFixed(0),
      r.scrollMs.toFixed(0),
      r.pass ? "PASS" : "FAIL",
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  log();
  log(`HTML report, 10,000 activities, in headless ${result.browser} (medians of ${result.runs} fresh pages; target: each under ${fmt(result.targetMs)} ms, no console error)`);
  for (const row of rows)
    log(
      row
        .map((c, i) => (i === 0 || i === row.length - 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
        .join("   ")
        .trimEnd(),
    );
  for (const r of result.reports) {
    log(`${r.id}: ${r.what}; ${fmt(r.cells)} matrix cells, ${fmt(r.findings)} findings${r.errors.length ? `; ERRORS: ${r.errors.join(" | ")}` : ""}`);
  }
  log(`${result.machine.cpus} CPUs (${result.machine.cpuModel}), load average at start ${result.machine.loadAverage.join(" ")}`);
}

await main();
