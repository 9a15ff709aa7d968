/**
 * `raci-lint convert IN --to md|yaml|json|csv|xlsx [-o OUT] [--one-sheet]`: reads a matrix in any
 * format raci-lint reads and writes it in another (src/writers/). Text goes to standard output
 * unless `-o` names a file; a workbook always goes to a file. Exit codes: 0 written, 1 the input
 * holds no matrix or does not read cleanly (nothing is written), 2 a usage or file error.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { ConfigError, RaciLint } from "../api/raci-lint.js";
import type { Matrix } from "../model/matrix.js";
import { cellName, type SourceSpan } from "../model/position.js";
import { contentOf } from "../writers/content.js";
import { writeCsv } from "../writers/csv.js";
import { writeMarkdown } from "../writers/markdown.js";
import { writeJson, writeYaml } from "../writers/structured.js";
import { writeXlsx } from "../writers/xlsx.js";
import { writeError, type CliIo } from "./io.js";

/** The formats `convert` writes. */
export const CONVERT_FORMATS = ["md", "yaml", "json", "csv", "xlsx"] as const;
type ConvertFormat = (typeof CONVERT_FORMATS)[number];

/** The matrix written in a format: text, or a workbook's bytes. */
export async function convertMatrix(matrix: Matrix, to: ConvertFormat, options: { oneSheet?: boolean } = {}): Promise<string | Uint8Array> {
  const content = contentOf(matrix);
  switch (to) {
    case "md":
      return writeMarkdown(content);
    case "yaml":
      return writeYaml(content);
    case "json":
      return writeJson(content);
    case "csv":
      return writeCsv(content);
    case "xlsx":
      return writeXlsx(content, options);
  }
}

/** Runs `raci-lint convert ...` (arguments after `convert`); returns the exit code. */
export async function runConvert(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = new Command()
    .name("raci-lint convert")
    .description("Write a matrix (Markdown, YAML, JSON, CSV or XLSX) in another format.")
    .argument("<input>", "the matrix file to read")
    .requiredOption("--to <format>", `the format to write: ${CONVERT_FORMATS.join(", ")}`)
    .option("-o, --output <path>", "write to this file (standard output otherwise; required for xlsx)")
    .option("--one-sheet", "xlsx: one sheet, sections as group rows (default: a sheet per section)")
    .option("-c, --config <path>", "use this configuration file (scheme, parties) instead of the nearest one")
    .option("--no-config", "ignore configuration files")
    .helpOption("-h, --help", "show this help")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const input = cmd.processedArgs[0] as string;
  const options = cmd.opts<{ to: string; output?: string; oneSheet?: boolean; config?: string | false }>();
  const fail = (message: string, code = 2) => {
    io.stderr.write(`raci-lint convert: ${message}\n`);
    return code;
  };
  if (!(CONVERT_FORMATS as readonly string[]).includes(options.to)) return fail(`unknown format "${options.to}" (formats: ${CONVERT_FORMATS.join(", ")})`);
  const to = options.to as ConvertFormat;
  if (to === "xlsx" && options.output === undefined) return fail("--to xlsx writes a workbook: name the file with -o");
  if (options.oneSheet && to !== "xlsx") return fail("--one-sheet applies to --to xlsx");
  if (options.output !== undefined && resolve(io.cwd, options.output) === resolve(io.cwd, input)) return fail("the output would overwrite the input");
  const linter = new RaciLint({ cwd: io.cwd, overrideConfigFile: typeof options.config === "string" ? options.config : null, useConfigFiles: options.config !== false });
  let matrix: Matrix;
  try {
    matrix = await linter.readMatrix(input);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    return fail(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // A text that does not read cleanly would be written without what could not be read.
  if (matrix.problems.length > 0) {
    for (const p of matrix.problems) io.stderr.write(`raci-lint convert: ${input}:${where(p.span)}: ${p.message}\n`);
    return fail(`${input} does not read cleanly: nothing written`, 1);
  }
  // A row shorter or longer than its header would be written with empty cells for the missing ones
  // (missing is not empty: no-ragged-row says so) or without its extra cells.
  const ragged = matrix.activities.filter((a) => a.cellCount !== a.expectedCellCount);
  if (ragged.length > 0) {
    for (const a of ragged) io.stderr.write(`raci-lint convert: ${input}:${where(a.rowSpan)}: "${a.name}" has ${a.cellCount} cells, its header ${a.expectedCellCount}\n`);
    return fail(`${input} has rows of another length than their header's (no-ragged-row): nothing written`, 1);
  }
  if (matrix.activities.length === 0) return fail(`no matrix found in ${input}: nothing written`, 1);
  const output = await convertMatrix(matrix, to, { oneSheet: options.oneSheet ?? false });
  // CSV holds tables only: what it drops is said, not lost unseen.
  if (to === "csv") {
    const dropped = [matrix.title ? `its title ("${matrix.title}")` : "", matrix.legend?.entries.length ? `its legend (${matrix.legend.entries.length} entries)` : ""].filter(Boolean);
    if (dropped.length > 0) io.stderr.write(`raci-lint convert: ${input}: CSV has no place for ${dropped.join(" and ")}: not written\n`);
  }
  if (options.output === undefined) {
    io.stdout.write(output);
    return 0;
  }
  const target = resolve(io.cwd, options.output);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  } catch (error) {
    return fail(`cannot write ${options.output}: ${writeError(error)}`);
  }
  return 0;
}

/** Where a span is, for a message: `line:column` in a text, the cell (`Sheet!B7`) in a spreadsheet. */
function where(span: SourceSpan): string {
  return span.ref ? cellName(span.ref) : `${span.start.line}:${span.start.column}`;
}
