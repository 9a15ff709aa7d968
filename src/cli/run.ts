/**
 * The CLI as a function of its arguments and streams, so tests run it in-process. It parses the
 * arguments, hands the work to the `RaciLint` façade, writes the reports and sets the exit code.
 * Exit codes: 0 no error-level finding, 1 errors (or too many warnings), 2 the tool could not do its job.
 */
import { mkdir, open } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { applyBaselineFile, type BaselineMode } from "../api/baseline.js";
import { cliRuleSettings } from "../config/cli-rules.js";
import { looksAcrossFiles } from "../model/rule.js";
import { ConfigError, hasInternalError, NoFilesError, RaciLint, reportOf } from "../api/raci-lint.js";
import { VERSION } from "../api/version.js";
import { looksLikeMatrixData } from "../readers/index.js";
import { FORMAT_NAMES, isFormatName, loadFormatter, type FormatName } from "../formatters/index.js";
import { formatExplain } from "../formatters/explain.js";
import { listRules, listRulesJson } from "../formatters/list-rules.js";
import { shouldColor } from "../formatters/stylish.js";
import { runConvert } from "./convert.js";
import { writeError, type CliIo } from "./io.js";
import type { ConfigProblem } from "../model/rule.js";
import type { LintResult } from "../model/result.js";
import { addDiffCommand, runDiff, type DiffRequest } from "./diff.js";

export { VERSION };

export type { CliIo } from "./io.js";

/** The output formats, for `-f NAME` or `-f NAME=PATH`. */
export const FORMATS = FORMAT_NAMES;

/** One requested output: a format, and a file to write it to (null: standard output). */
interface Output {
  format: FormatName;
  path: string | null;
}

interface CliOptions {
  /** The positional paths (set by `runCli`). */
  paths: string[];
  format?: string[];
  outputFile?: string;
  stdinFilename?: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  config?: string | false;
  printConfig?: string;
  rule?: string[];
  fix?: boolean;
  fixDryRun?: boolean;
  unsafeFixes?: boolean;
  baseline?: string;
  baselineWrite?: string;
  baselinePrune?: boolean;
  reportUnusedDisableDirectives?: boolean;
  listRules?: boolean;
  stats?: boolean;
  explain?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  threads?: number | "auto";
}

/** Accumulates a repeatable option. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parses a non-negative integer option. */
function integer(value: string): number {
  if (!/^\d+$/u.test(value)) throw new InvalidArgumentError("expected a whole number >= 0");
  return Number(value);
}

/** Parses `--threads`: a whole number >= 1, or `auto`. */
function threadCount(value: string): number | "auto" {
  if (value === "auto") return "auto";
  if (!/^\d+$/u.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a whole number >= 1, or auto");
  return Number(value);
}

/** Builds the argument parser; `onDiff` receives a `diff` subcommand's request. */
function program(io: CliIo, onDiff: (request: DiffRequest) => void): Command {
  const cmd = new Command()
    .name("raci-lint")
    .description("Lint RACI shared-responsibility matrices (Markdown, YAML, JSON, CSV, XLSX).")
    .argument("[paths...]", "files, directories or globs to lint; - reads standard input", ["."])
    .option("-f, --format <name[=path]>", `output format: ${FORMATS.join(", ")}; repeat it for several, NAME=PATH writes one to a file (default: stylish)`, collect)
    .option("-o, --output-file <path>", "write the (single, or first without =PATH) format to a file instead of standard output")
    .option("--stdin-filename <name>", "name (and format, by extension) of the text read from standard input")
    .option("--quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", integer)
    .option("-c, --config <path>", "use this configuration file for every file (instead of the nearest raci-lint.config.*)")
    .option("--no-config", "ignore configuration files: built-in defaults and --rule only")
    .option("--print-config <file>", "print the configuration that applies to a file, and exit")
    .option(
      "--explain",
      "say what was read in each file: each table, list or document read as a matrix (layout, parties, groups, activities, scheme), as a legend, or left alone, and why, and which file each translated page was compared with, or why with none; -f json carries it as each file's `read`",
    )
    .option("--rule <setting>", "set a rule, e.g. 'code-order: off' or 'responsible-required: [error, {accountableCountsAsResponsible: true}]' (repeatable)", collect)
    .option("--fix", "apply safe fixes to the files (atomically); print what remains")
    .option("--fix-dry-run", "compute fixes without writing: -f json includes each file's fixed text, -f diff prints a unified diff")
    .option("--unsafe-fixes", "with --fix or --fix-dry-run, also apply fixes that change meaning (suggestions)")
    .option("--baseline <file>", "report only findings not recorded in this baseline; list entries that no longer match")
    .option("--baseline-write <file>", "record the current findings in a baseline file (keeping reasons already written)")
    .option("--baseline-prune", "with --baseline, remove entries that no longer match from the file")
    .option("--report-unused-disable-directives", "report inline raci-lint-disable directives that suppressed nothing")
    .option("--list-rules", "list the rules (id, default severity, fixable, description) and exit; with -f json as JSON")
    .option("--cache", "lint only files that changed since the last run with --cache (text, configuration, rules or raci-lint version); the rest comes from the cache file")
    .option("--cache-location <path>", "the cache file, or a folder to hold .raci-lint-cache (default: .raci-lint-cache in the working directory)")
    .option("--threads <n>", "lint on this many threads (worker threads), or auto (one per core, up to 4, for 200 files or more); default 1 (see the README: not faster yet)", threadCount)
    .option("--stats", "print, on standard error, the time each rule took and how often its memo answered")
    .option("--color", "force colour in stylish output")
    .option("--no-color", "disable colour in stylish output")
    .version(VERSION, "-v, --version")
    .helpOption("-h, --help", "show this help")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    // Subcommands take their own options (`diff -f markdown`); without one, options go anywhere.
    .enablePositionalOptions()
    .helpCommand(false)
    .usage("[options] [paths...]")
    // An action of its own, so that paths that are not a subcommand's name are linted.
    .action(() => undefined);
  addDiffCommand(cmd, onDiff);
  // Listed in the help with diff; `runCli` hands `convert ...` to `runConvert` before parsing.
  cmd.command("convert <input>").description("write a matrix in another format: --to md|yaml|json|csv|xlsx [-o OUT] (raci-lint convert -h)").allowUnknownOption().helpOption(false);
  return cmd;
}

/** Reads all of standard input. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** A usage error: message on stderr, exit code 2. */
class UsageError extends Error {}

/** Runs the CLI and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // `raci-lint convert ...` is a command of its own; a file named convert is `./convert`.
  if (argv[0] === "convert") {
    try {
      return await runConvert(argv.slice(1), io);
    } catch (error) {
      io.stderr.write(`raci-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
      return 2;
    }
  }
  let diff: DiffRequest | null = null;
  const cmd = program(io, (request) => (diff = request));
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  if (diff) {
    try {
      return await runDiff(diff, io);
    } catch (error) {
      io.stderr.write(`raci-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
      return 2;
    }
  }
  const paths = cmd.processedArgs[0] as string[];
  const options: CliOptions = { ...cmd.opts<Omit<CliOptions, "paths">>(), paths };
  try {
    return await run(paths, options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`raci-lint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) return configFailure(error.problems, io);
    if (error instanceof NoFilesError) {
      for (const arg of error.patterns) io.stderr.write(`raci-lint: no files match "${arg}"\n`);
      return 2;
    }
    io.stderr.write(`raci-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

/** Parses `-f` values into outputs; `-o` applies to the first one without its own path. */
function outputsOf(options: CliOptions): Output[] {
  const specs = options.format?.length ? options.format : ["stylish"];
  const outputs = specs.map((spec): Output => {
    const at = spec.indexOf("=");
    const name = at < 0 ? spec : spec.slice(0, at);
    if (!isFormatName(name)) throw new UsageError(`unknown format "${name}" (formats: ${FORMATS.join(", ")})`);
    const path = at < 0 ? null : spec.slice(at + 1);
    if (path === "") throw new UsageError(`-f ${spec}: the file name is missing after "="`);
    return { format: name, path };
  });
  if (options.outputFile) {
    const target = outputs.find((o) => o.path === null);
    if (!target) throw new UsageError("--output-file needs a format without =PATH");
    target.path = options.outputFile;
  }
  if (outputs.filter((o) => o.path === null).length > 1) throw new UsageError("several formats to standard output: give all but one a file (-f NAME=PATH)");
  const paths = outputs.map((o) => o.path).filter((p) => p !== null);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice) throw new UsageError(`two formats would be written to ${twice}`);
  if (outputs.some((o) => o.format === "diff") && !options.fixDryRun) throw new UsageError("-f diff needs --fix-dry-run");
  return outputs;
}

/** Checks option combinations. */
function checkOptions(options: CliOptions): void {
  if (options.fix && options.fixDryRun) throw new UsageError("use --fix or --fix-dry-run, not both");
  if (options.unsafeFixes && !options.fix && !options.fixDryRun) throw new UsageError("--unsafe-fixes needs --fix or --fix-dry-run");
  if (options.baselinePrune && !options.baseline) throw new UsageError("--baseline-prune needs --baseline FILE");
  if (options.baseline && options.baselineWrite) throw new UsageError("use --baseline or --baseline-write, not both");
  // A dry run reports the text as it would be after fixing: it cannot tell which baseline entries the files on disk still need.
  if (options.fixDryRun && (options.baselineWrite || options.baselinePrune)) throw new UsageError("--baseline-write and --baseline-prune cannot be combined with --fix-dry-run");
  if (options.stdinFilename !== undefined && !options.paths.includes("-")) throw new UsageError("--stdin-filename needs - (standard input) among the paths");
  if (options.explain && (options.format ?? []).some((f) => !/^(?:stylish|json)(?:=|$)/u.test(f)))
    throw new UsageError("--explain prints text (stylish) or adds each file's `read` to -f json: use one of those formats");
}

/** Prints configuration problems (file:line:column: message) and returns exit code 2. */
function configFailure(problems: readonly ConfigProblem[], io: CliIo): number {
  const sorted = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start.offset - b.span.start.offset));
  for (const p of sorted) io.stderr.write(`raci-lint: ${p.file}:${p.span.start.line}:${p.span.start.column}: ${p.message}\n`);
  return 2;
}

/** Lints (or fixes), applies the baseline, writes the reports; returns the exit code. */
async function run(paths: string[], options: CliOptions, io: CliIo): Promise<number> {
  checkOptions(options);
  const outputs = outputsOf(options);
  const parsedRules = cliRuleSettings(options.rule ?? []);
  if ("problems" in parsedRules) return configFailure(parsedRules.problems, io);
  if (typeof options.config === "string" && !existsSync(resolve(io.cwd, options.config))) {
    io.stderr.write(`raci-lint: config file not found: ${options.config}\n`);
    return 2;
  }
  const fixing = options.fix || options.fixDryRun;
  // What the formats need of each file beyond its findings.
  const needs = new Set((await Promise.all(outputs.map((o) => loadFormatter(o.format)))).map((f) => f.needs));
  const linter = new RaciLint({
    cwd: io.cwd,
    overrideConfigFile: typeof options.config === "string" ? options.config : null,
    useConfigFiles: options.config !== false,
    overrideConfig: { rules: parsedRules.rules },
    overrideConfigName: "--rule",
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ?? false,
    fix: fixing ?? false,
    unsafeFixes: options.unsafeFixes ?? false,
    keepFixText: options.fixDryRun ?? false,
    keep: needs.has("matrix") ? "matrix" : needs.has("source") ? "source" : "none",
    stats: options.stats ?? false,
    explain: options.explain ?? false,
    cache: options.cache ?? false,
    threads: options.threads ?? 1,
    ...(options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    onNote: (message) => io.stderr.write(`raci-lint: ${message}\n`),
  });
  if (options.printConfig !== undefined) {
    io.stdout.write(`${JSON.stringify(await linter.calculateConfigForFile(options.printConfig), null, 2)}\n`);
    return 0;
  }
  if (options.listRules) {
    const format = options.format?.[0] ?? "stylish";
    if (format !== "stylish" && format !== "json") throw new UsageError("--list-rules prints stylish (a table) or json");
    const rules = linter.listRules();
    io.stdout.write(format === "json" ? listRulesJson(rules) : listRules(rules));
    return 0;
  }

  const stdinMode = paths.includes("-");
  if (stdinMode && paths.length > 1) throw new UsageError("'-' (standard input) cannot be combined with other paths");
  let results: LintResult[];
  let stdinFixed: string | Buffer | null = null;
  let writeFailed = false;
  if (stdinMode) {
    const bytes = await readStdin(io.stdin);
    const text = bytes.toString("utf8");
    // Without a name, the text says what it is: YAML/JSON matrices have top-level `parties`/`sections`.
    const name = options.stdinFilename ?? "<stdin>";
    const format = options.stdinFilename !== undefined ? undefined : looksLikeMatrixData(text) ? (/^\s*\{/u.test(text) ? "json" : "yaml") : "markdown";
    results = await linter.lintText(text, { filePath: name, bytes, ...(format ? { format } : {}) });
    const result = results[0]!;
    // Text that is not UTF-8 is checked as read and given back byte for byte, never fixed.
    if (options.fix) stdinFixed = result.notFixed ? bytes : (result.output ?? text);
  } else {
    results = await linter.lintFiles(paths);
    if (options.fix) {
      const failures = await linter.outputFixes(results);
      for (const f of failures) io.stderr.write(`raci-lint: cannot write ${f.path}: ${f.reason} (the file is unchanged)\n`);
      writeFailed = failures.length > 0;
    }
  }
  if (fixing) {
    for (const result of results) {
      if (result.notFixed) io.stderr.write(`raci-lint: ${result.path}: not fixed: ${result.notFixed}\n`);
      for (const refused of result.refusedFixes ?? []) io.stderr.write(`raci-lint: ${result.path}:${refused.line}:${refused.column}: fix for ${refused.ruleId} not applied: ${refused.reason}\n`);
    }
  }

  const baselineMode: BaselineMode | null = options.baselineWrite
    ? { kind: "write", file: options.baselineWrite }
    : options.baseline
      ? { kind: options.baselinePrune ? "prune" : "apply", file: options.baseline, quietStale: options.fixDryRun ?? false }
      : null;
  if (baselineMode) {
    // In fix mode corpus-scope checks do not run: their entries are neither found nor stale, and are kept.
    const notRun = new Set(
      fixing
        ? linter
            .rulesMeta()
            .filter(looksAcrossFiles)
            .map((r) => r.id)
        : [],
    );
    const applied = applyBaselineFile(results, baselineMode, io.cwd, notRun);
    for (const note of applied.notes) io.stderr.write(note.startsWith("  ") ? `${note}\n` : `raci-lint: ${note}\n`);
    if (applied.error) return 2;
    results = applied.results;
  }

  // With --fix on standard input, the fixed text is the standard output; reports go to stderr.
  if (stdinFixed !== null) io.stdout.write(stdinFixed);
  // Every report is written that can be (a report file's folder is made); one that cannot is said, then exit 2.
  let reportFailed = false;
  for (const output of outputs) {
    const formatter = await linter.loadFormatter(output.format);
    const toTerminal = output.path === null && stdinFixed === null;
    const color = output.format === "stylish" && toTerminal ? (options.color ?? shouldColor(io.stdout, io.env)) : false;
    // Written as it is made, file by file: a report is never held as one string.
    const body = formatter.stream(results, { color, quiet: options.quiet ?? false });
    const chunks = options.explain && output.format === "stylish" ? prepend(formatExplain(reportOf(results), color), body) : body;
    if (output.path === null) await writeChunks(stdinFixed !== null ? io.stderr : io.stdout, chunks);
    else {
      const target = resolve(io.cwd, output.path);
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeChunksToFile(target, chunks);
      } catch (error) {
        io.stderr.write(`raci-lint: cannot write ${output.path}: ${writeError(error)}\n`);
        reportFailed = true;
      }
    }
  }
  if (options.stats) io.stderr.write(statsTable(linter));

  // raci-lint failing on a file is not the file's fault: the run could not do its job.
  if (reportFailed || writeFailed || hasInternalError(results)) return 2;
  const summary = reportOf(results).summary;
  if (summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
    io.stderr.write(`raci-lint found too many warnings (${summary.warnings}; maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Pieces written to a stream are gathered up to this many characters, then written in one call. */
const WRITE_BATCH = 1 << 15;

/** `first`, then the pieces of `rest`. */
function* prepend(first: string, rest: Iterable<string>): Generator<string> {
  yield first;
  yield* rest;
}

/** Pieces gathered into batches of about WRITE_BATCH characters. */
function* batches(chunks: Iterable<string>): Generator<string> {
  let buffer = "";
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= WRITE_BATCH) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer !== "") yield buffer;
}

/** Writes pieces to a stream, waiting whenever it asks to (its buffer full), so that memory stays bounded. */
async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const batch of batches(chunks)) {
    if (stream.write(batch)) continue;
    await new Promise<void>((done) => {
      const finish = () => {
        stream.removeListener("drain", finish);
        stream.removeListener("close", finish);
        stream.removeListener("error", finish);
        done();
      };
      stream.once("drain", finish);
      stream.once("close", finish);
      stream.once("error", finish);
    });
  }
}

/** Writes pieces to a file (made or emptied first), one batch at a time. */
async function writeChunksToFile(path: string, chunks: Iterable<string>): Promise<void> {
  const handle = await open(path, "w");
  try {
    for (const batch of batches(chunks)) await handle.writeFile(batch);
  } finally {
    await handle.close();
  }
}

/** The `--stats` table: per rule, time and how often its memo answered (as ESLint's TIMING=1). */
function statsTable(linter: RaciLint): string {
  const rows = linter.stats();
  const total = rows.reduce((sum, r) => sum + r.time, 0);
  const lines = rows.map((r) => {
    const hitRate = r.lookups === 0 ? "-" : `${((100 * r.hits) / r.lookups).toFixed(1)}%`;
    const share = total === 0 ? "-" : `${((100 * r.time) / total).toFixed(1)}%`;
    return [r.ruleId, r.time.toFixed(1), share, String(r.lookups), hitRate, String(r.engineRuns)];
  });
  const header = ["Rule", "Time (ms)", "Relative", "Subjects", "Memo hits", "Engine runs"];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ");
  return `${[row(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(row)].join("\n")}\n`;
}
