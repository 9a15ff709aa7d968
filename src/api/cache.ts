/**
 * The lint cache (`--cache`, `--cache-location`), as ESLint has one: what linting a file produced,
 * kept under a key of everything that decides it (the file's text, its path as reported, whether it
 * was named, its effective configuration with the rules' definitions, raci-lint's version and the
 * options that change results). A file whose key is unchanged is not read into a matrix nor linted
 * again: its findings before corpus-scope checks and directives, its directives and its activities'
 * summaries for corpus-scope rules (`Occurrence`s) come from the cache, so corpus-scope rules still
 * see every file and directives still apply to their findings.
 *
 * A cache file that cannot be read, is not raci-lint's, is of another version or format, or holds
 * entries of the wrong shape is not used (the caller is told why) and is replaced at the end of the
 * run. It is written atomically (a temporary file renamed over it), and only when something changed.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Occurrence } from "../facts/corpus.js";
import type { PageSummary } from "../facts/translation.js";
import { writeFileAtomic } from "../fix/write.js";
import type { LintSetup } from "../lint/linter.js";
import type { Finding } from "../model/finding.js";
import type { FileReading } from "../model/result.js";
import type { Directive } from "../suppress/directives.js";
import { VERSION } from "./version.js";

/** The default cache file's name (in the working directory, or in the folder `--cache-location` names). */
export const DEFAULT_CACHE_FILE = ".raci-lint-cache";

/** How a cache file's text starts (`tool` is written first). */
const CACHE_START = '{"tool":"raci-lint"';

/** Bump when what an entry holds changes: caches of another format are not used. */
const CACHE_FORMAT = 2;

/** What linting one file produced, as the cache keeps it. */
export interface CachedLint {
  findings: Finding[];
  directives: Directive[];
  notUtf8: Finding | null;
  withoutMatrix: boolean;
  read: FileReading | null;
  /** The file's activities as corpus-scope rules summarise them (null when none of its rules looks across files). */
  occurrences: Occurrence[] | null;
  /** The file's page as translation-scope rules compare it (null when they did not keep it). */
  translation: PageSummary | null;
}

interface Entry {
  key: string;
  lint: CachedLint;
}

interface CacheFile {
  tool: "raci-lint";
  version: string;
  format: number;
  entries: Record<string, Entry>;
}

/** Where the cache file is: `location` as a file, or a folder (an existing one, or a path ending in a separator) holding `.raci-lint-cache`. */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (location === undefined || location === "") return join(cwd, DEFAULT_CACHE_FILE);
  const path = resolve(cwd, location);
  if (/[\\/]$/u.test(location)) return join(path, DEFAULT_CACHE_FILE);
  try {
    if (statSync(path).isDirectory()) return join(path, DEFAULT_CACHE_FILE);
  } catch {
    // not there yet: a file
  }
  return path;
}

/** Whether a value is a plain object. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a cached entry has the shape this version writes (anything else is not trusted). */
function isEntry(value: unknown): value is Entry {
  if (!isObject(value) || typeof value.key !== "string" || !isObject(value.lint)) return false;
  const lint = value.lint;
  return (
    Array.isArray(lint.findings) &&
    lint.findings.every(
      (f) => isObject(f) && typeof f.ruleId === "string" && typeof f.message === "string" && typeof f.line === "number" && typeof f.column === "number" && Array.isArray(f.suggestions),
    ) &&
    Array.isArray(lint.directives) &&
    (lint.notUtf8 === null || isObject(lint.notUtf8)) &&
    typeof lint.withoutMatrix === "boolean" &&
    (lint.read === null || isObject(lint.read)) &&
    (lint.translation === null || (isObject(lint.translation) && Array.isArray(lint.translation.sections))) &&
    (lint.occurrences === null || (Array.isArray(lint.occurrences) && lint.occurrences.every((o) => isObject(o) && typeof o.file === "string" && typeof o.assignment === "string")))
  );
}

/** A run's lint cache: entries read from the cache file, and those this run made. */
export class LintCache {
  private readonly old: Record<string, Entry>;
  private readonly entries: Record<string, Entry> = {};
  private changed = false;
  private readonly setupKeys = new WeakMap<LintSetup, string>();

  private constructor(
    /** The cache file's absolute path. */
    readonly path: string,
    old: Record<string, Entry>,
    /** Why the cache file was not used, when it was not. */
    readonly problem: string | null,
    /** Whether the file may be written: it is missing or was raci-lint's (a file of something else is never overwritten). */
    readonly writable = true,
  ) {
    this.old = old;
    // A cache that was not used is replaced even when every file's entry is made again.
    this.changed = problem !== null;
  }

  /** Reads the cache file; one that is missing is empty, one that cannot be trusted is empty with a `problem`. */
  static open(path: string): LintCache {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return new LintCache(path, Object.create(null) as Record<string, Entry>, code === "ENOENT" ? null : `cannot read it (${code ?? (error as Error).message})`, code === "ENOENT");
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // Ours, cut short (a full disk), is replaced; any other text is not ours to overwrite.
      const ours = text === "" || text.startsWith(CACHE_START);
      return new LintCache(path, Object.create(null) as Record<string, Entry>, `it is not valid JSON (${ours ? "corrupt" : "not a raci-lint cache; left as it is"})`, ours);
    }
    if (!isObject(data) || data.tool !== "raci-lint" || !isObject(data.entries))
      return new LintCache(path, Object.create(null) as Record<string, Entry>, "it is not a raci-lint cache (left as it is)", false);
    if (data.version !== VERSION || data.format !== CACHE_FORMAT) {
      return new LintCache(
        path,
        Object.create(null) as Record<string, Entry>,
        `it was written by raci-lint ${String(data.version)} (cache format ${String(data.format)}), this is ${VERSION} (format ${CACHE_FORMAT})`,
      );
    }
    const entries = Object.create(null) as Record<string, Entry>;
    for (const [file, entry] of Object.entries(data.entries)) if (isEntry(entry)) entries[file] = entry;
    const dropped = Object.keys(data.entries).length - Object.keys(entries).length;
    const cache = new LintCache(path, entries, null);
    if (dropped > 0) cache.changed = true;
    return cache;
  }

  /** What decides a setup's results: its rules (definitions and options), scheme, parties and directive settings. */
  private setupKey(setup: LintSetup): string {
    let key = this.setupKeys.get(setup);
    if (key === undefined) {
      // Hashed once: the rules' definitions are long, and every file's key includes them.
      const described = JSON.stringify([
        setup.rules,
        setup.scheme,
        setup.schemeConfigured ?? false,
        setup.parties ?? null,
        setup.knownRules ? [...setup.knownRules].sort() : null,
        setup.reportUnusedDirectives ?? false,
        setup.inlineDirectives ?? true,
      ]);
      key = createHash("sha256").update(described).digest("hex");
      this.setupKeys.set(setup, key);
    }
    return key;
  }

  /** The key of linting a file's `bytes` (as `display`, named or found in a folder) with `setup` and run options `extra`. */
  keyOf(bytes: Uint8Array, display: string, named: boolean, setup: LintSetup, extra: string): string {
    return createHash("sha256")
      .update(JSON.stringify([VERSION, display, named, extra]))
      .update("\0")
      .update(this.setupKey(setup))
      .update("\0")
      .update(bytes)
      .digest("hex");
  }

  /** The cached lint of a file (absolute path) under `key`, or null. */
  get(file: string, key: string): CachedLint | null {
    const entry = this.old[file];
    if (!entry || entry.key !== key) return null;
    this.entries[file] = entry;
    return entry.lint;
  }

  /** Records a file's lint under `key`. */
  set(file: string, key: string, lint: CachedLint): void {
    this.entries[file] = { key, lint };
    this.changed = true;
  }

  /**
   * Writes the cache file (atomically) when anything changed: entries of this run, plus those of
   * files this run did not look at (another run may lint them).
   */
  async save(): Promise<void> {
    const kept = Object.keys(this.old).filter((file) => !(file in this.entries));
    if (!this.changed || !this.writable) return;
    const entries = Object.create(null) as Record<string, Entry>;
    for (const file of kept) entries[file] = this.old[file]!;
    Object.assign(entries, this.entries);
    const data: CacheFile = { tool: "raci-lint", version: VERSION, format: CACHE_FORMAT, entries };
    // A --cache-location folder that does not exist yet is made, as -o makes an output file's.
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, JSON.stringify(data));
  }
}
