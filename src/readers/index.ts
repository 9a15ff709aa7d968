/** Reading any supported document into a matrix: the format by file name, then the format's reader. */
import { extname } from "node:path";
import type { Matrix, MatrixFormat } from "../model/matrix.js";
import { readMarkdown } from "./markdown/reader.js";
import type { ReadOptions } from "./options.js";
import { readStructured } from "./structured.js";

export type { ReadOptions } from "./options.js";

/** The formats raci-lint reads, by file extension. */
export const MATRIX_EXTENSIONS: Readonly<Record<string, MatrixFormat>> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
};

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

/** Reads a document into a matrix. Never throws on bad text: what cannot be read becomes the matrix' `problems`. */
export function readDocument(text: string, filename: string, options: ReadOptions, format: MatrixFormat = formatOf(filename)): Matrix {
  return format === "markdown" ? readMarkdown(filename, text, options) : readStructured(filename, text, format, options);
}
