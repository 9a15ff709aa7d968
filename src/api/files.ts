/** Expands the CLI's path arguments (files, directories, globs) into the files to lint. */
import { lstatSync, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";

/** A file to lint: where it is, and how reports name it. */
export interface InputFile {
  path: string;
  display: string;
  /** Whether the user named it (rather than it being found inside a directory). */
  explicit: boolean;
}

/** The outcome of expanding arguments: files, and arguments that matched nothing. */
export interface Expansion {
  files: InputFile[];
  unmatched: string[];
}

const EXTENSIONS = "{md,markdown,yaml,yml,json,csv,xlsx}";
/** What `stat` says of a path that is not there. */
const MISSING = new Set(["ENOENT", "ENOTDIR"]);
// Never matrices: configuration and package files found while walking directories.
// Excel's lock files (`~$Book.xlsx`) are not workbooks.
const IGNORE = ["**/node_modules/**", "**/.git/**", "**/~$*", "**/raci-lint.config.{yaml,yml,json}", "**/package.json", "**/package-lock.json", "**/*baseline*.json"];

/** A path relative to `cwd`, with `/` separators (how every report names files). */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path) || path;
  return rel.split(sep).join("/");
}

/** Expands paths, directories (recursively, matrix extensions only) and glob patterns, sorted and de-duplicated. */
export async function expandPaths(args: readonly string[], cwd: string): Promise<Expansion> {
  const found = new Map<string, InputFile>();
  const unmatched: string[] = [];
  const add = (path: string, explicit: boolean) => {
    if (!found.has(path)) found.set(path, { path, display: displayPath(path, cwd), explicit });
  };
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(absolute);
    } catch (error) {
      // A path that is there but cannot be reached (no permission, a broken link) is a file to
      // report as unreadable, not a pattern that matched nothing.
      if (!isDynamicPattern(arg) && (!MISSING.has((error as NodeJS.ErrnoException).code ?? "") || lstatSync(absolute, { throwIfNoEntry: false }))) {
        add(absolute, true);
        continue;
      }
      stat = undefined;
    }
    if (stat?.isFile()) {
      add(absolute, true);
      continue;
    }
    const patterns = stat?.isDirectory() ? [`**/*.${EXTENSIONS}`] : isDynamicPattern(arg) ? [arg] : null;
    if (!patterns) {
      unmatched.push(arg);
      continue;
    }
    const matches = await glob(patterns, {
      cwd: stat?.isDirectory() ? absolute : cwd,
      absolute: true,
      ignore: IGNORE,
      onlyFiles: true,
      expandDirectories: false,
      // A linked folder would be linted twice (or forever, for a link to a parent).
      followSymbolicLinks: false,
    });
    if (matches.length === 0) unmatched.push(arg);
    // Only files named one by one are explicit: a glob's YAML/JSON matches are sniffed like a folder's.
    for (const file of matches.sort()) add(resolve(file), false);
  }
  const files = [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, unmatched };
}
