/**
 * The CLI as a function of its arguments and streams, so tests run it in-process.
 * Exit codes: 0 no error-level finding, 1 errors (or too many warnings), 2 the tool could not do its job.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { existsSync } from "node:fs";
import { parseDocument } from "yaml";
import { readRules, type RuleSetting } from "../config/load.js";
import { ConfigResolver } from "../config/resolve.js";
import type { ConfigProblem } from "../engine/rule.js";
import { config as validateConfig } from "../generated/validators.js";
import { formatJson } from "../formatters/json.js";
import { buildReport, type Report } from "../formatters/report.js";
import { formatStylish, shouldColor } from "../formatters/stylish.js";
import { lintPaths, lintMatrices, parseMatrix, type LintSetup } from "../lint.js";
import { displayPath, expandPaths } from "./files.js";

/** The streams and environment the CLI talks to. */
export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

const FORMATS = ["stylish", "json"] as const;
type FormatName = (typeof FORMATS)[number];

interface CliOptions {
  format: FormatName;
  outputFile?: string;
  stdinFilename?: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  config?: string | false;
  printConfig?: string;
  rule?: string[];
}

/** Accumulates a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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
    .addOption(new Option("-f, --format <name>", "output format").choices([...FORMATS]).default("stylish"))
    .option("-o, --output-file <path>", "write the report to a file instead of standard output")
    .option("--stdin-filename <name>", "name (and format, by extension) of the text read from standard input")
    .option("--quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", integer)
    .option("-c, --config <path>", "use this configuration file for every file (instead of the nearest raci-lint.config.*)")
    .option("--no-config", "ignore configuration files: built-in defaults and --rule only")
    .option("--print-config <file>", "print the configuration that applies to a file, and exit")
    .option("--rule <setting>", "set a rule, e.g. 'code-order: off' or 'responsible-required: [error, {accountableCountsAsResponsible: true}]' (repeatable)", collect, [])
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

/** The package version (kept in sync with package.json by a test). */
export const VERSION = "0.1.0";

/** Reads all of standard input. */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Runs the CLI and returns its exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const options = cmd.opts<CliOptions>();
  const paths = cmd.processedArgs[0] as string[];
  try {
    return await lintAndReport(paths, options, io);
  } catch (error) {
    io.stderr.write(`raci-lint: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
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
    const data: unknown = doc.errors.length ? null : doc.toJS();
    const check = { rules: data };
    if (!data || typeof data !== "object" || Array.isArray(data) || !validateConfig(check)) {
      problems.push({ file: "--rule", message: `cannot read "${value}": expected 'rule-id: severity' or 'rule-id: [severity, {options}]' (severity: off, info, warning, error)`, span: at });
      continue;
    }
    Object.assign(rules, readRules(data as Record<string, unknown>, null, () => null));
  }
  return problems.length ? { problems } : { rules };
}

/** Lints, formats, writes; returns the exit code. */
async function lintAndReport(paths: string[], options: CliOptions, io: CliIo): Promise<number> {
  const parsedRules = cliRules(options.rule ?? []);
  if ("problems" in parsedRules) return configFailure(parsedRules.problems, io);
  const resolver = new ConfigResolver({
    cwd: io.cwd,
    configFile: typeof options.config === "string" ? resolve(io.cwd, options.config) : null,
    useConfigFiles: options.config !== false,
    cliRules: parsedRules.rules,
  });
  if (typeof options.config === "string" && !existsSync(resolve(io.cwd, options.config))) {
    io.stderr.write(`raci-lint: config file not found: ${options.config}\n`);
    return 2;
  }
  if (options.printConfig !== undefined) return printConfig(resolver, resolve(io.cwd, options.printConfig), io);

  const fileReports: Report["files"] = [];
  if (paths.includes("-")) {
    if (paths.length > 1) {
      io.stderr.write("raci-lint: '-' (standard input) cannot be combined with other paths\n");
      return 2;
    }
    const name = options.stdinFilename ?? "<stdin>";
    const found = resolver.setupFor(resolve(io.cwd, name));
    if ("problems" in found) return configFailure(found.problems, io);
    const matrix = parseMatrix(await readStdin(io.stdin), name, found.setup.scheme, found.setup.parties ?? null);
    const byFile = await lintMatrices([matrix], found.setup);
    fileReports.push({ path: name, findings: byFile.get(name) ?? [] });
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
      } else setups.set(file.path, found.setup);
    }
    if (problems.length) return configFailure(problems, io);
    const results = await lintPaths(expansion.files, (input) => setups.get(input.path)!);
    for (const r of results) fileReports.push({ path: r.path, findings: r.findings });
  }

  const visible = options.quiet
    ? fileReports.map((f) => ({ path: f.path, findings: f.findings.filter((x) => x.severity === "error") }))
    : fileReports;
  const report = buildReport(visible);
  const full = options.quiet ? buildReport(fileReports) : report;
  const output = render(report, options, io);
  if (options.outputFile) {
    try {
      await writeFile(resolve(io.cwd, options.outputFile), output);
    } catch (error) {
      io.stderr.write(`raci-lint: cannot write ${options.outputFile}: ${(error as Error).message}\n`);
      return 2;
    }
  } else io.stdout.write(output);

  if (full.summary.errors > 0) return 1;
  if (options.maxWarnings !== undefined && full.summary.warnings > options.maxWarnings) {
    io.stderr.write(`raci-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

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
    const severity = active.severity ?? (active.promote && active.rule.severity === "warning" ? "error" : active.rule.severity);
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

/** Renders the report in the chosen format. */
function render(report: Report, options: CliOptions, io: CliIo): string {
  if (options.format === "json") return formatJson(report);
  const color = options.outputFile ? false : options.color ?? shouldColor(io.stdout, io.env);
  return formatStylish(report, { color });
}
