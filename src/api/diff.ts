/**
 * Reads the two sides of a responsibility diff: two files, two folders (files paired by their path
 * inside each), or the working tree against a git revision (the old side read with `git show`).
 * Each file is read with the scheme and party aliases its configuration gives (the new side's
 * configuration for both sides).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, relative, resolve, sep } from "node:path";
import { diffMatrices, diffSummary, type FileDiff, type MatrixDiff } from "../diff/compare.js";
import { readWith, readWorkbookWith } from "../lint/linter.js";
import { RunMemo } from "../engine/memo.js";
import type { Matrix } from "../model/matrix.js";
import { formatOf, isBinaryFormat, looksLikeMatrixData, MATRIX_EXTENSIONS } from "../readers/index.js";
import { displayPath, expandPaths } from "./files.js";
import { RaciLint, type RaciLintOptions } from "./raci-lint.js";

/** The diff could not be made: a message for the person who asked. */
export class DiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiffError";
  }
}

/** Options of a diff: where paths are relative to, and how configuration is found (as for linting). */
export type DiffOptions = Pick<RaciLintOptions, "overrideConfigFile" | "useConfigFiles"> & { cwd: string };

/** Reads texts into matrices with each file's configuration. */
class SideReader {
  private readonly linter: RaciLint;
  private readonly memo = new RunMemo();
  constructor(private readonly options: DiffOptions) {
    this.linter = new RaciLint({ cwd: options.cwd, overrideConfigFile: options.overrideConfigFile ?? null, useConfigFiles: options.useConfigFiles ?? true });
  }
  /**
   * The matrix of a file's bytes, read in the format `formatPath`'s name says (a workbook from its
   * bytes) with the configuration that applies at `configPath` (absolute); null for data that is no
   * matrix (a folder's package.json).
   */
  async read(bytes: Buffer, formatPath: string, configPath: string, display: string, explicit: boolean): Promise<Matrix | null> {
    const format = formatOf(formatPath);
    const setup = this.linter.setupFor(configPath);
    if (isBinaryFormat(format)) return readWorkbookWith(bytes, display, setup, this.memo);
    const text = bytes.toString("utf8");
    if (!explicit && (format === "yaml" || format === "json") && !looksLikeMatrixData(text)) return null;
    return readWith(text, display, setup, this.memo, format);
  }
}

/** A file's bytes, or a DiffError naming it. */
function bytesOf(path: string, display: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new DiffError(`cannot read ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Whether a matrix holds activities (a page without a RACI table is left out of a folder's diff). */
const holds = (m: Matrix | null) => m !== null && m.activities.length > 0;

/** The diff of two files, or of two folders (files paired by their path inside each; a file on one side only is added or removed). */
export async function diffPaths(oldArg: string, newArg: string, options: DiffOptions): Promise<MatrixDiff> {
  const oldPath = resolve(options.cwd, oldArg);
  const newPath = resolve(options.cwd, newArg);
  for (const [arg, path] of [
    [oldArg, oldPath],
    [newArg, newPath],
  ] as const) {
    if (!existsSync(path)) throw new DiffError(`${arg}: no such file or folder`);
  }
  const reader = new SideReader(options);
  const oldDir = statSync(oldPath).isDirectory();
  const newDir = statSync(newPath).isDirectory();
  if (oldDir !== newDir) throw new DiffError(`${oldArg} and ${newArg}: give two files or two folders`);
  if (!oldDir) {
    const display = displayPath(newPath, options.cwd);
    // Each side in its own format (a Markdown page against its YAML or workbook), with the new side's configuration.
    const old = await reader.read(bytesOf(oldPath, oldArg), oldPath, newPath, displayPath(oldPath, options.cwd), true);
    const next = await reader.read(bytesOf(newPath, newArg), newPath, newPath, display, true);
    return diffSummary([diffMatrices(display, old, next)]);
  }
  const inside = async (root: string) => new Map((await expandPaths(["."], root)).files.map((f) => [f.display, f.path]));
  const oldFiles = await inside(oldPath);
  const newFiles = await inside(newPath);
  const files: FileDiff[] = [];
  for (const rel of [...new Set([...oldFiles.keys(), ...newFiles.keys()])].sort()) {
    const o = oldFiles.get(rel);
    const n = newFiles.get(rel);
    const readAs = n ?? resolve(newPath, rel);
    const old = o ? await reader.read(bytesOf(o, displayPath(o, options.cwd)), readAs, readAs, displayPath(o, options.cwd), false) : null;
    const next = n ? await reader.read(bytesOf(n, displayPath(n, options.cwd)), readAs, readAs, displayPath(n, options.cwd), false) : null;
    if (!holds(old) && !holds(next)) continue;
    files.push(diffMatrices(displayPath(readAs, options.cwd), old, next));
  }
  return diffSummary(files);
}

/** Runs git in `cwd`; its standard output, or null when it fails (`quiet`), else a DiffError with what git said. */
function git(cwd: string, args: readonly string[], quiet = false): Buffer | null {
  try {
    return execFileSync("git", ["-C", cwd, ...args], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    if (quiet) return null;
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new DiffError("--base needs git, and git is not installed (or not on PATH)");
    throw new DiffError(`git ${args.join(" ")}: ${e.stderr?.toString("utf8").trim() || e.message}`);
  }
}

/** Files git ignores while walking a folder, as `expandPaths` does. */
const NOT_MATRICES = /(?:^|\/)(?:node_modules|\.git)\/|(?:^|\/)(?:raci-lint\.config\.(?:ya?ml|json)|package(?:-lock)?\.json|[^/]*baseline[^/]*\.json)$/u;

/** The diff of the working tree's files against a git revision (`ref`): files, folders or globs, as for linting (default: the working folder). */
export async function diffWithGit(ref: string, paths: readonly string[], options: DiffOptions): Promise<MatrixDiff> {
  const { cwd } = options;
  if (git(cwd, ["rev-parse", "--is-inside-work-tree"], true)?.toString().trim() !== "true") throw new DiffError(`--base ${ref}: ${cwd} is not in a git work tree`);
  if (git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], true) === null) throw new DiffError(`--base ${ref}: no such commit, branch or tag here (a shallow clone may need git fetch)`);
  const args = paths.length ? paths : ["."];
  const reader = new SideReader(options);
  // The working tree's side: what linting would read.
  const expansion = await expandPaths(args, cwd);
  const current = new Map(expansion.files.map((f) => [f.display, f]));
  // The revision's side: the files under each path at `ref` (paths relative to the working folder).
  const before = new Map<string, boolean>();
  for (const arg of args) {
    const pathspec = /[*?[]/u.test(arg) ? `:(glob)${arg}` : arg;
    const listed = git(cwd, ["ls-tree", "-r", "-z", "--name-only", ref, "--", pathspec])!.toString("utf8").split("\0").filter(Boolean);
    const explicit = listed.length === 1 && resolve(cwd, listed[0]!) === resolve(cwd, arg);
    for (const name of listed) {
      const display = displayPath(resolve(cwd, name), cwd);
      if (!explicit && (NOT_MATRICES.test(display) || !(extname(display).toLowerCase() in MATRIX_EXTENSIONS))) continue;
      before.set(display, explicit || (before.get(display) ?? false));
    }
    if (listed.length === 0 && expansion.unmatched.includes(arg)) throw new DiffError(`${arg}: not in the working tree, nor at ${ref}`);
  }
  const files: FileDiff[] = [];
  for (const display of [...new Set([...before.keys(), ...current.keys()])].sort()) {
    const now = current.get(display);
    const path = now?.path ?? resolve(cwd, display);
    const explicit = (now?.explicit ?? false) || (before.get(display) ?? false);
    const rel = relative(cwd, path).split(sep).join("/");
    const oldBytes = before.has(display) ? git(cwd, ["show", `${ref}:./${rel}`]) : null;
    const old = oldBytes === null ? null : await reader.read(oldBytes, path, path, display, explicit);
    const next = now ? await reader.read(bytesOf(now.path, display), path, path, display, explicit) : null;
    if (!holds(old) && !holds(next)) continue;
    files.push(diffMatrices(display, old, next));
  }
  return diffSummary(files);
}
