/** Reading any supported document into a matrix: the format by file name, then the format's reader. */
import { extname } from "node:path";
import type { Matrix, MatrixFormat } from "../model/matrix.js";
import { LineIndex } from "../model/position.js";
import { MatrixBuilder } from "./builder.js";
import { readMarkdown } from "./markdown/reader.js";
import type { ReadOptions } from "./options.js";
import { readCsv } from "./spreadsheet/csv.js";
import { readStructured } from "./structured.js";
import { readWorkbook as readXlsx } from "./spreadsheet/xlsx.js";

export type { ReadOptions } from "./options.js";

/** The formats raci-lint reads, by file extension. */
export const MATRIX_EXTENSIONS: Readonly<Record<string, MatrixFormat>> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
  ".csv": "csv",
  ".xlsx": "xlsx",
};

/** Whether a format is read from bytes (`readWorkbook`) rather than text. */
export function isBinaryFormat(format: MatrixFormat): boolean {
  return format === "xlsx";
}

/** The format of a file name (Markdown when the extension is unknown, e.g. stdin without a name). */
export function formatOf(filename: string): MatrixFormat {
  return MATRIX_EXTENSIONS[extname(filename).toLowerCase()] ?? "markdown";
}

/**
 * Whether a YAML/JSON text may be a matrix (has `sections`, `activities` or `parties`). Data files met while
 * walking a directory (package.json, site configs) are not matrices and are skipped; files named
 * explicitly are always linted.
 */
export function looksLikeMatrixData(text: string): boolean {
  return /(?:^|[{,\s])["']?(?:sections|parties|activities)["']?\s*:/mu.test(text);
}

/**
 * Reads a document into a matrix. Never throws on bad text: what cannot be read becomes the matrix'
 * `problems`. An XLSX workbook is bytes, not text: `readWorkbook` reads it (given one here, the
 * matrix holds a parse-error saying so).
 */
export function readDocument(text: string, filename: string, options: ReadOptions, format: MatrixFormat = formatOf(filename)): Matrix {
  switch (format) {
    case "markdown":
      return readMarkdown(filename, text, options);
    case "yaml":
    case "json":
      return readStructured(filename, text, format, options);
    case "csv":
      return readCsv(filename, text, options);
    case "xlsx":
      return notText(filename, options);
  }
}

/** The matrix of a workbook given as text: nothing read, a parse-error saying why. */
function notText(filename: string, options: ReadOptions): Matrix {
  const builder = new MatrixBuilder(filename, "xlsx", "", false, new LineIndex(""), options.scheme, `${options.scheme.name}, the default`);
  const at = { line: 1, column: 1, offset: 0 };
  return builder.finish([{ ruleId: "parse-error", message: "An XLSX workbook is binary: it is read from its bytes (readWorkbook, parseWorkbook), not from text.", span: { start: at, end: at } }]);
}

/** Reads an XLSX workbook's bytes into a matrix (asynchronous, as exceljs is). Never throws on a bad file. */
export function readWorkbook(bytes: Uint8Array, filename: string, options: ReadOptions): Promise<Matrix> {
  return readXlsx(bytes, filename, options);
}
