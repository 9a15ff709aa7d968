/**
 * The CLI as a function of its arguments and streams, so tests run it in-process.
 * Stages: arguments -> configuration per file -> lint (or fix) -> suppressions (directives are
 * applied while linting; the baseline here) -> formats -> outputs -> exit code.
 * Exit codes: 0 no error-level finding, 1 errors (or too many warnings), 2 the tool could not do its job.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { parseDocument } from "yaml";
import { readRules, type RuleSetting } from "../config/load.js";
import { ConfigResolver, type ResolverOptions } from "../config/resolve.js";
import { builtInRules } from "../engine/load-rules.js";
import { effectiveSeverity, looksAcrossFiles, type ConfigProblem, type RuleDefinition } from "../engine/rule.js";
import { fixText } from "../fix/fixer.js";
import { unifiedDiffs } from "../fix/diff.js";
import { FixWriteError, writeFileAtomic } from "../fix/write.js";
import { formatContext } from "../formatters/context.js";
import { formatGithub } from "../formatters/github.js";
import { formatJson } from "../formatters/json.js";
import { formatJunit } from "../formatters/junit.js";
import { listRules, listRulesJson } from "../formatters/list-rules.js";
import { formatMarkdown } from "../formatters/markdown.js";
import { buildReport, type FileReport, type Report } from "../formatters/report.js";
import { formatSarif } from "../formatters/sarif.js";
import { formatStylish, shouldColor } from "../formatters/stylish.js";
import { config as validateConfig } from "../generated/validators.js";
import { formatOf, INTERNAL_ERROR, lintMatrices, lintPaths, looksLikeMatrixData, parseMatrix, unreadableFinding, type LintResult, type LintSetup } from "../lint.js";
import { applyBaseline, baselineFromFindings, formatBaselineError, pruneBaseline, readBaseline, writeBaseline } from "../suppress/baseline.js";
import { displayPath, expandPaths, type InputFile } from "./files.js";
import { notTextAt, notUtf8Finding, readTextFile } from "../readers/text-file.js";
import { compareFindings, type Finding } from "../model/finding.js";

/** The streams and environment the CLI talks to. */
export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** The output formats, for `-f NAME` or `-f NAME=PATH`. */
export const FORMATS = ["stylish", "json", "sarif", "junit", "github", "markdown", "diff"] as const;
type FormatName = (typeof FORMATS)[number];

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
}

/** The package version (kept in sync with package.json by a test). */
export const VERSION = "0.1.0";

/** Accumulates a repeatable option. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parses a non-negative integer option. */
function integer(value: string): number {
  if (!/^\d+$/u.test(value)) throw new InvalidArgumentError("expected a whole number >= 0");
  return Number(value);
}

/** Builds the argument parser. */
function program(io: CliIo): Command {
  return new Command()
    .name("raci-lint")
    .description("Lint RACI shared-responsibility matrices (Markdown, YAML, JSON).")
    .argument("[paths...]", "files, directories or globs to lint; - reads standard input", ["."])
    .option("-f, --format <name[=path]>", `output format: ${FORMATS.join(", ")}; repeat it for several, NAME=PATH writes one to a file (default: stylish)`, collect)
    .option("-o, --output-file <path>", "write the (single, or first without =PATH) format to a file instead of standard output")
    .option("--stdin-filename <name>", "name (and format, by extension) of the text read from standard input")
    .option("--quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", integer)
    .option("-c, --config <path>", "use this configuration file for every file (instead of the nearest raci-lint.config.*)")
    .option("--no-config", "ignore configuration files: built-in defaults and --rule only")
    .option("--print-config <file>", "print the configuration that applies to a file, and exit")
    .option("--rule <setting>", "set a rule, e.g. 'code-order: off' or 'responsible-required: [error, {accountableCountsAsResponsible: true}]' (repeatable)", collect)
    .option("--fix", "apply safe fixes to the files (atomically); print what remains")
    .option("--fix-dry-run", "compute fixes without writing: -f json includes each file's fixed text, -f diff prints a unified diff")
    .option("--unsafe-fixes", "with --fix or --fix-dry-run, also apply fixes that change meaning (suggestions)")
    .option("--baseline <file>", "report only findings not recorded in this baseline; list entries that no longer match")
    .option("--baseline-write <file>", "record the current findings in a baseline file (keeping reasons already written)")
    .option("--baseline-prune", "with --baseline, remove entries that no longer match from the file")
    .option("--report-unused-disable-directives", "report inline raci-lint-disable directives that suppressed nothing")
    .option("--list-rules", "list the rules (id, default severity, fixable, description) and exit; with -f json as JSON")
    .option("--color", "force colour in stylish output")
    .option("--no-color", "disable colour in stylish output")
    .version(VERSION, "-v, --version")
    .helpOption("-h, --help", "show this help")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
}

/** Reads all of standard input. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<{ text: string; bytes: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString("utf8"), bytes };
}

/** The findings of a text, with the finding that it is not UTF-8 text when `notUtf8` says where. */
function withTextProblem(findings: Finding[], name: string, text: string, notUtf8: number | null): Finding[] {
  return notUtf8 === null ? findings : [...findings, notUtf8Finding(name, text, notUtf8)].sort(compareFindings);
}

/** A usage error: message on stderr, exit code 2. */
class UsageError extends Error {}

/** Runs the CLI and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const paths = cmd.processedArgs[0] as string[];
  const options: CliOptions = { ...cmd.opts<Omit<CliOptions, "paths">>(), paths };
  try {
    return await lintAndReport(paths, options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`raci-lint: ${error.message}\n`);
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
    if (!(FORMATS as readonly string[]).includes(name)) throw new UsageError(`unknown format "${name}" (formats: ${FORMATS.join(", ")})`);
    const path = at < 0 ? null : spec.slice(at + 1);
    if (path === "") throw new UsageError(`-f ${spec}: the file name is missing after "="`);
    return { format: name as FormatName, path };
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
}

/** Prints configuration problems (file:line:column: message) and returns exit code 2. */
function configFailure(problems: readonly ConfigProblem[], io: CliIo): number {
  const sorted = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start.offset - b.span.start.offset));
  for (const p of sorted) io.stderr.write(`raci-lint: ${p.file}:${p.span.start.line}:${p.span.start.column}: ${p.message}\n`);
  return 2;
}

/** Parses `--rule` values (`id: severity` or `id: [severity, {options}]`, YAML flow syntax). */
function cliRules(values: readonly string[]): { rules: Record<string, RuleSetting> } | { problems: ConfigProblem[] } {
  const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  const rules: Record<string, RuleSetting> = {};
  const problems: ConfigProblem[] = [];
  for (const value of values) {
    const doc = parseDocument(value, { prettyErrors: false });
    let data: unknown = null;
    try {
      data = doc.errors.length ? null : doc.toJS();
    } catch {
      data = null;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || !validateConfig({ rules: data })) {
      problems.push({ file: "--rule", message: `cannot read "${value}": expected 'rule-id: severity' or 'rule-id: [severity, {options}]' (severity: off, info, warning, error)`, span: at });
      continue;
    }
    Object.assign(rules, readRules(data as Record<string, unknown>, null, () => null));
  }
  return problems.length ? { problems } : { rules };
}

/** A file's results plus what fixing produced. */
interface FileOutcome extends LintResult {
  /** The fixed text (dry run), for `-f json` and `-f diff`. */
  output?: string;
  /** The text before fixing (dry run), for `-f diff`. */
  before?: string;
}

/** Lints, fixes, suppresses, formats, writes; returns the exit code. */
async function lintAndReport(paths: string[], options: CliOptions, io: CliIo): Promise<number> {
  checkOptions(options);
  const outputs = outputsOf(options);
  const parsedRules = cliRules(options.rule ?? []);
  if ("problems" in parsedRules) return configFailure(parsedRules.problems, io);
  if (typeof options.config === "string" && !existsSync(resolve(io.cwd, options.config))) {
    io.stderr.write(`raci-lint: config file not found: ${options.config}\n`);
    return 2;
  }
  const resolverOptions: ResolverOptions = {
    cwd: io.cwd,
    configFile: typeof options.config === "string" ? resolve(io.cwd, options.config) : null,
    useConfigFiles: options.config !== false,
    cliRules: parsedRules.rules,
    reportUnusedDirectives: options.reportUnusedDisableDirectives ?? false,
  };
  const resolver = new ConfigResolver(resolverOptions);
  if (options.printConfig !== undefined) return printConfig(resolver, resolve(io.cwd, options.printConfig), io);
  if (options.listRules) return printRules(resolver, options, io);

  const stdinMode = paths.includes("-");
  if (stdinMode && paths.length > 1) throw new UsageError("'-' (standard input) cannot be combined with other paths");
  let outcomes: FileOutcome[];
  let stdinFixed: string | Buffer | null = null;
  /** With --fix, some fixed file could not be written: the reports still go out, then exit 2. */
  let writeFailed = false;
  const rulesRun = new Map<string, RuleDefinition>();
  const keepSources = outputs.some((o) => o.format === "sarif");

  if (stdinMode) {
    const { text, bytes } = await readStdin(io.stdin);
    const notUtf8 = notTextAt(text, () => bytes);
    // Without a name, the text says what it is: YAML/JSON matrices have top-level `parties`/`sections`.
    const name = options.stdinFilename ?? "<stdin>";
    const format = options.stdinFilename !== undefined ? formatOf(name) : looksLikeMatrixData(text) ? (/^\s*\{/u.test(text) ? "json" : "yaml") : "markdown";
    const found = resolver.setupFor(resolve(io.cwd, name));
    if ("problems" in found) return configFailure(found.problems, io);
    for (const r of found.setup.rules) rulesRun.set(r.rule.id, r.rule);
    if (options.fix || options.fixDryRun) {
      // Text that is not UTF-8 is checked as read and given back byte for byte, never fixed.
      const fixed = await fixText(text, name, found.setup, { unsafe: options.unsafeFixes ?? false, format, ...(notUtf8 !== null ? { maxPasses: 0 } : {}) });
      if (options.fix) stdinFixed = notUtf8 !== null ? bytes : fixed.output;
      if (notUtf8 !== null) io.stderr.write(`raci-lint: ${name}: not fixed: it is not UTF-8 text\n`);
      outcomes = [{ path: name, findings: withTextProblem(fixed.findings, name, text, notUtf8), suppressed: fixed.suppressed, matrix: null, source: fixed.matrix.source, ...(options.fixDryRun ? { output: fixed.output, before: text } : {}) }];
    } else {
      const matrix = parseMatrix(text, name, found.setup.scheme, found.setup.parties ?? null, format);
      const byFile = await lintMatrices([matrix], found.setup);
      outcomes = [{ path: name, findings: withTextProblem(byFile.get(name) ?? [], name, text, notUtf8), matrix: null, source: matrix.source }];
    }
  } else {
    const expansion = await expandPaths(paths, io.cwd);
    if (expansion.unmatched.length > 0) {
      for (const arg of expansion.unmatched) io.stderr.write(`raci-lint: no files match "${arg}"\n`);
      return 2;
    }
    // Resolve every file's configuration first: a broken config stops the run before any output.
    const setups = new Map<string, LintSetup>();
    const problems: ConfigProblem[] = [];
    for (const file of expansion.files) {
      const found = resolver.setupFor(file.path);
      if ("problems" in found) {
        for (const p of found.problems) if (!problems.some((q) => q.file === p.file && q.message === p.message && q.span.start.offset === p.span.start.offset)) problems.push(p);
      } else {
        setups.set(file.path, found.setup);
        for (const r of found.setup.rules) rulesRun.set(r.rule.id, r.rule);
      }
    }
    if (problems.length) return configFailure(problems, io);
    if (options.fix || options.fixDryRun) {
      const fixed = await fixFiles(expansion.files, setups, options, io);
      outcomes = fixed.outcomes;
      writeFailed = fixed.writeFailed;
    } else {
      // One thread: on this kind of machine (two hyper-threads) worker threads made large runs slower, not faster.
      outcomes = (await lintPaths(expansion.files, (input) => setups.get(input.path)!, keepSources ? "source" : "none")).map((r) => ({ ...r, source: r.source ?? null }));
    }
  }

  // Baselines: write the current findings, or report only what a baseline does not hold. In fix mode
  // corpus-scope checks do not run: their entries are neither found nor stale, and are kept.
  const notRun = new Set(options.fix || options.fixDryRun ? [...rulesRun.values()].filter(looksAcrossFiles).map((r) => r.id) : []);
  if (options.baselineWrite) {
    const target = resolve(io.cwd, options.baselineWrite);
    const previous = readBaseline(target);
    if ("error" in previous && previous.error.kind !== "not-found") {
      io.stderr.write(`raci-lint: ${formatBaselineError({ ...previous.error, file: options.baselineWrite })}\n`);
      return 2;
    }
    const baseline = baselineFromFindings(outcomes, "baseline" in previous ? previous.baseline : undefined, notRun);
    const error = writeBaseline(target, baseline);
    if (error) {
      io.stderr.write(`raci-lint: ${formatBaselineError({ ...error, file: options.baselineWrite })}\n`);
      return 2;
    }
    outcomes = applyBaseline(outcomes, baseline).results;
    io.stderr.write(`raci-lint: wrote ${baseline.entries.length} baseline entr${baseline.entries.length === 1 ? "y" : "ies"} to ${options.baselineWrite}\n`);
  } else if (options.baseline) {
    const target = resolve(io.cwd, options.baseline);
    const read = readBaseline(target);
    if ("error" in read) {
      io.stderr.write(`raci-lint: ${formatBaselineError({ ...read.error, file: options.baseline })}\n`);
      return 2;
    }
    const applied = applyBaseline(outcomes, read.baseline, notRun);
    outcomes = applied.results;
    if (options.baselinePrune && applied.stale.length) {
      const error = writeBaseline(target, pruneBaseline(read.baseline, applied.stale));
      if (error) {
        io.stderr.write(`raci-lint: ${formatBaselineError({ ...error, file: options.baseline })}\n`);
        return 2;
      }
      io.stderr.write(`raci-lint: pruned ${applied.stale.length} stale baseline entr${applied.stale.length === 1 ? "y" : "ies"} from ${options.baseline}\n`);
    } else if (applied.stale.length && !options.fixDryRun) {
      io.stderr.write(`raci-lint: ${applied.stale.length} baseline entr${applied.stale.length === 1 ? "y no longer matches" : "ies no longer match"} (run with --baseline-prune to remove):\n`);
      for (const e of applied.stale) io.stderr.write(`  ${e.file}: ${e.ruleId}${e.activity ? ` "${e.activity}"` : ""}${e.party ? ` (${e.party})` : ""}: ${e.message}\n`);
    }
  }

  const fileReports: (FileReport & { output?: string })[] = outcomes.map((o) => ({
    path: o.path,
    findings: options.quiet ? o.findings.filter((f) => f.severity === "error") : o.findings,
    suppressed: o.suppressed ?? [],
    ...(o.source ? { source: o.source } : {}),
    ...(o.output !== undefined ? { output: o.output } : {}),
  }));
  const report = buildReport(fileReports);
  const full = options.quiet ? buildReport(outcomes.map((o) => ({ path: o.path, findings: o.findings }))) : report;
  const context = formatContext([...rulesRun.values()], VERSION);

  // With --fix on standard input, the fixed text is the standard output; reports go to stderr.
  if (stdinFixed !== null) io.stdout.write(stdinFixed);
  // Every report is written that can be (a report file's folder is made); one that cannot is said, then exit 2.
  let reportFailed = false;
  for (const output of outputs) {
    const text =
      output.format === "diff"
        ? unifiedDiffs(outcomes.filter((o) => o.output !== undefined).map((o) => ({ path: o.path, before: o.before!, after: o.output! })))
        : render(output.format, report, context, output.path === null && stdinFixed === null ? io.stdout : null, io.env, options.color);
    if (output.path === null) (stdinFixed !== null ? io.stderr : io.stdout).write(text);
    else {
      const target = resolve(io.cwd, output.path);
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, text);
      } catch (error) {
        io.stderr.write(`raci-lint: cannot write ${output.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        reportFailed = true;
      }
    }
  }

  // raci-lint failing on a file is not the file's fault: the run could not do its job.
  if (reportFailed || writeFailed || outcomes.some((o) => o.findings.some((f) => f.ruleId === INTERNAL_ERROR))) return 2;
  if (full.summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && full.summary.warnings > options.maxWarnings) {
    io.stderr.write(`raci-lint found too many warnings (${full.summary.warnings}; maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/**
 * Fixes files one by one: lint, apply fixes, re-lint; writes (atomically) only with --fix, never a
 * file that did not parse. A file that could not be written is reported (the original is intact)
 * and its findings are those of the file as it stays; `writeFailed` then makes the run exit 2
 * once the reports are out.
 */
async function fixFiles(files: readonly InputFile[], setups: Map<string, LintSetup>, options: CliOptions, io: CliIo): Promise<{ outcomes: FileOutcome[]; writeFailed: boolean }> {
  const outcomes: FileOutcome[] = [];
  // Writes (each flushed to disk) overlap with fixing the next files, a few at a time; failures
  // are reported once all are done, in file order.
  const writing = new Set<Promise<void>>();
  const writeFailures = new Map<number, { message: string; outcome: number; file: InputFile; text: string }>();
  const write = async (index: number, outcome: number, file: InputFile, text: string, output: string) => {
    try {
      await writeFileAtomic(file.path, output);
    } catch (error) {
      const reason = error instanceof FixWriteError ? error.code ?? error.message : (error as Error).message;
      writeFailures.set(index, { message: `raci-lint: cannot write ${file.display}: ${reason} (the file is unchanged)\n`, outcome, file, text });
    }
  };
  const fixOptions = { unsafe: options.unsafeFixes ?? false };
  for (const [index, file] of files.entries()) {
    let text: string;
    let notUtf8: number | null;
    try {
      ({ text, notUtf8 } = readTextFile(file.path));
    } catch (error) {
      outcomes.push({ path: file.display, findings: [unreadableFinding(file.display, error)], matrix: null });
      continue;
    }
    if (!file.explicit && formatOf(file.path) !== "markdown" && !looksLikeMatrixData(text)) continue;
    if (notUtf8 !== null) {
      // Writing it back would turn every byte that is not UTF-8 into U+FFFD: lint it, fix nothing.
      const kept = await fixText(text, file.display, setups.get(file.path)!, { ...fixOptions, maxPasses: 0 });
      const findings = [...kept.findings, notUtf8Finding(file.display, text, notUtf8)].sort(compareFindings);
      io.stderr.write(`raci-lint: ${file.display}: not fixed: it is not UTF-8 text\n`);
      outcomes.push({ path: file.display, findings, suppressed: kept.suppressed, matrix: null, source: kept.matrix.source, ...(options.fixDryRun ? { output: text, before: text } : {}) });
      continue;
    }
    const fixed = await fixText(text, file.display, setups.get(file.path)!, fixOptions);
    for (const refused of fixed.refused) {
      io.stderr.write(`raci-lint: ${file.display}:${refused.line}:${refused.column}: fix for ${refused.ruleId} not applied: ${refused.reason}\n`);
    }
    if (options.fix && fixed.changed && !fixed.parseFailed) {
      if (writing.size >= MAX_PENDING_WRITES) await Promise.race(writing);
      const pending = write(index, outcomes.length, file, text, fixed.output).finally(() => writing.delete(pending));
      writing.add(pending);
    }
    outcomes.push({
      path: file.display,
      findings: fixed.findings,
      suppressed: fixed.suppressed,
      matrix: null,
      source: fixed.matrix.source,
      ...(options.fixDryRun ? { output: fixed.output, before: text } : {}),
    });
  }
  await Promise.all(writing);
  for (const index of [...writeFailures.keys()].sort((a, b) => a - b)) {
    const failure = writeFailures.get(index)!;
    io.stderr.write(failure.message);
    // The file keeps its old text: report that text's findings (linted, not fixed).
    const kept = await fixText(failure.text, failure.file.display, setups.get(failure.file.path)!, { ...fixOptions, maxPasses: 0 });
    outcomes[failure.outcome] = { path: failure.file.display, findings: kept.findings, suppressed: kept.suppressed, matrix: null, source: kept.matrix.source };
  }
  return { outcomes, writeFailed: writeFailures.size > 0 };
}

/** How many fixed files may be being written at once. */
const MAX_PENDING_WRITES = 16;

/** Prints the resolved configuration of one file as JSON (`--print-config`). */
function printConfig(resolver: ConfigResolver, file: string, io: CliIo): number {
  const resolved = resolver.resolve(file);
  if ("problems" in resolved) return configFailure(resolved.problems, io);
  const found = resolver.setupFor(file);
  if ("problems" in found) return configFailure(found.problems, io);
  const { config } = resolved;
  const rules: Record<string, unknown> = {};
  for (const id of Object.keys(config.rules).sort()) if (config.rules[id]!.severity === "off") rules[id] = "off";
  for (const active of found.setup.rules) {
    const severity = effectiveSeverity(active);
    rules[active.rule.id] = Object.keys(active.options).length ? [severity, active.options] : severity;
  }
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1)));
  const printed = {
    configFiles: config.sources,
    scheme: config.scheme,
    parties: config.parties,
    ruleFiles: config.ruleFiles.map((f) => displayPath(f, io.cwd)),
    rules: sorted,
  };
  io.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
  return 0;
}

/** Prints every rule known here (built-in, plus those the configuration of the working directory loads). */
function printRules(resolver: ConfigResolver, options: CliOptions, io: CliIo): number {
  const found = resolver.setupFor(join(io.cwd, "raci-lint-list-rules.md"));
  if ("problems" in found) return configFailure(found.problems, io);
  const rules = new Map(builtInRules().rules.map((r) => [r.id, r]));
  for (const active of found.setup.rules) rules.set(active.rule.id, active.rule);
  const list = [...rules.values()];
  const format = options.format?.[0] ?? "stylish";
  if (format !== "stylish" && format !== "json") throw new UsageError("--list-rules prints stylish (a table) or json");
  io.stdout.write(format === "json" ? listRulesJson(list) : listRules(list));
  return 0;
}

/** Renders the report in one format. `stream` is where it goes when that is a terminal (for colour). */
function render(format: Exclude<FormatName, "diff">, report: Report, context: ReturnType<typeof formatContext>, stream: CliIo["stdout"] | null, env: NodeJS.ProcessEnv, color: boolean | undefined): string {
  switch (format) {
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report, context);
    case "junit":
      return formatJunit(report, context);
    case "github":
      return formatGithub(report, context);
    case "markdown":
      return formatMarkdown(report, context);
    case "stylish":
      return formatStylish(report, { color: stream ? color ?? shouldColor(stream, env) : false, rules: context.rules });
  }
}
