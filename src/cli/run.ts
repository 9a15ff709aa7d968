/**
 * The CLI as a function of its arguments and streams, so tests run it in-process.
 * Exit codes: 0 no error-level finding, 1 errors (or too many warnings), 2 the tool could not do its job.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { recommendedRules } from "../config/presets.js";
import { builtInRules } from "../engine/load-rules.js";
import { formatJson } from "../formatters/json.js";
import { buildReport, type Report } from "../formatters/report.js";
import { formatStylish, shouldColor } from "../formatters/stylish.js";
import { lintPaths, lintMatrices, parseMatrix, type LintSetup } from "../lint.js";
import { RACI } from "../model/scheme.js";
import { expandPaths } from "./files.js";

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

/** Lints, formats, writes; returns the exit code. */
async function lintAndReport(paths: string[], options: CliOptions, io: CliIo): Promise<number> {
  const loaded = builtInRules();
  if (loaded.problems.length > 0) {
    for (const p of loaded.problems) io.stderr.write(`raci-lint: ${p.file}:${p.span.start.line}:${p.span.start.column}: ${p.message}\n`);
    return 2;
  }
  const setup: LintSetup = { rules: recommendedRules(), scheme: RACI };
  const fileReports: Report["files"] = [];

  if (paths.includes("-")) {
    if (paths.length > 1) {
      io.stderr.write("raci-lint: '-' (standard input) cannot be combined with other paths\n");
      return 2;
    }
    const name = options.stdinFilename ?? "<stdin>";
    const matrix = parseMatrix(await readStdin(io.stdin), name, setup.scheme);
    const byFile = await lintMatrices([matrix], setup);
    fileReports.push({ path: name, findings: byFile.get(name) ?? [] });
  } else {
    const expansion = await expandPaths(paths, io.cwd);
    if (expansion.unmatched.length > 0) {
      for (const arg of expansion.unmatched) io.stderr.write(`raci-lint: no files match "${arg}"\n`);
      return 2;
    }
    const results = await lintPaths(expansion.files, setup);
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

/** Renders the report in the chosen format. */
function render(report: Report, options: CliOptions, io: CliIo): string {
  if (options.format === "json") return formatJson(report);
  const color = options.outputFile ? false : options.color ?? shouldColor(io.stdout, io.env);
  return formatStylish(report, { color });
}
