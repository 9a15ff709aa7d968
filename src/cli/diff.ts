/**
 * `raci-lint diff OLD NEW` and `raci-lint diff --base <git-ref> [paths...]`: the responsibility
 * diff between two revisions. Exit codes: 0, 1 with `--fail-on-shift` when a change shifts
 * responsibility between customer and provider, 2 when the diff could not be made.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { DiffError, diffPaths, diffWithGit } from "../api/diff.js";
import { DIFF_FORMATS, formatDiff, type DiffFormat } from "../diff/format.js";
import { shouldColor } from "../formatters/stylish.js";
import { writeError } from "./io.js";

/** The streams and environment the diff writes to (the CLI's). */
export interface DiffIo {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** What `raci-lint diff` was asked to do. */
export interface DiffRequest {
  paths: string[];
  base?: string;
  format: string;
  outputFile?: string;
  failOnShift?: boolean;
  config?: string | false;
  color?: boolean;
}

/** Adds the `diff` subcommand to the program; `onRequest` receives what it was asked (the work is done by `runDiff`). */
export function addDiffCommand(program: Command, onRequest: (request: DiffRequest) => void): void {
  program
    .command("diff")
    .description("list the responsibility changes between two revisions: activities added, removed, moved, renamed, codes changed, and shifts between customer and provider first")
    .argument("[paths...]", "OLD NEW (two files or two folders); with --base, the files, folders or globs to compare (default: .)")
    .option("--base <git-ref>", "compare the working tree with this git revision (read with git show)")
    .option("-f, --format <name>", `output format: ${DIFF_FORMATS.join(", ")}`, "stylish")
    .option("-o, --output-file <path>", "write the report to a file instead of standard output")
    .option("--fail-on-shift", "exit 1 when a change shifts responsibility (A between customer and provider, or the customer left out)")
    .option("-c, --config <path>", "use this configuration file for every file (scheme, party aliases)")
    .option("--no-config", "ignore configuration files")
    .option("--color", "force colour in stylish output")
    .option("--no-color", "disable colour in stylish output")
    .action((paths: string[], options: Omit<DiffRequest, "paths">) => onRequest({ ...options, paths }));
}

/** Makes the diff asked for, writes it, and returns the exit code. */
export async function runDiff(request: DiffRequest, io: DiffIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`raci-lint diff: ${message}\n`);
    return 2;
  };
  if (!(DIFF_FORMATS as readonly string[]).includes(request.format)) return fail(`unknown format "${request.format}" (formats: ${DIFF_FORMATS.join(", ")})`);
  if (request.base === undefined && request.paths.length !== 2) return fail("give OLD and NEW (two files or two folders), or --base <git-ref> and the paths to compare");
  const options = { cwd: io.cwd, overrideConfigFile: typeof request.config === "string" ? request.config : null, useConfigFiles: request.config !== false };
  let diff;
  try {
    diff = request.base !== undefined ? await diffWithGit(request.base, request.paths, options) : await diffPaths(request.paths[0]!, request.paths[1]!, options);
  } catch (error) {
    if (error instanceof DiffError) return fail(error.message);
    throw error;
  }
  const toTerminal = request.outputFile === undefined;
  const color = request.format === "stylish" && toTerminal ? (request.color ?? shouldColor(io.stdout, io.env)) : false;
  const text = formatDiff(diff, request.format as DiffFormat, { color });
  if (toTerminal) io.stdout.write(text);
  else {
    const target = resolve(io.cwd, request.outputFile!);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    } catch (error) {
      return fail(`cannot write ${request.outputFile}: ${writeError(error)}`);
    }
  }
  return request.failOnShift && diff.summary.shifts > 0 ? 1 : 0;
}
