/**
 * The one façade the command and the library share, in ESLint's manner: `new RaciLint(options)`,
 * then `lintFiles(patterns)` or `lintText(text, { filePath })`, `loadFormatter(name)` and
 * `outputFixes(results)`. Configuration files are found per file as the command finds them.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { ConfigResolver, type ResolvedConfig } from "../config/resolve.js";
import { SCHEMES } from "../config/schemes.js";
import { presetRules } from "../config/presets.js";
import type { RuleConfig } from "../config/load.js";
import { overrideRuleSettings } from "../config/cli-rules.js";
import { builtInRules } from "../engine/load-rules.js";
import { RunMemo, type MemoCounters } from "../engine/memo.js";
import { fixText } from "../fix/fixer.js";
import { FixWriteError, writeFileAtomic } from "../fix/write.js";
import { formatContext } from "../formatters/context.js";
import { loadFormatter as loadBuiltInFormatter, type Formatter } from "../formatters/index.js";
import { internalErrorFinding, INTERNAL_ERROR, unreadableFinding } from "../lint/findings.js";
import { Linter, readWith, readWorkbookWith, type LintSetup, type SharedCollectors } from "../lint/linter.js";
import { compareFindings, type Finding } from "../model/finding.js";
import type { Matrix, MatrixFormat, PartyAliases } from "../model/matrix.js";
import { readingOf, type FileReading } from "../model/reading.js";
import { buildReport, type LintResult, type Report } from "../model/result.js";
import { effectiveSeverity, type ActiveRule, type ConfigProblem, type RuleDefinition } from "../model/rule.js";
import { RACI, type RoleScheme } from "../model/scheme.js";
import { expectedSources, translationPairs, type TranslationPair } from "../model/translation-pairs.js";
import { formatOf, isBinaryFormat, looksLikeMatrixData } from "../readers/index.js";
import { notTextAt, notUtf8Finding, readTextFile } from "../readers/text-file.js";
import { applyDirectives, directivesOf, type Directive } from "../suppress/directives.js";
import { availableParallelism } from "node:os";
import { cacheFilePath, LintCache } from "./cache.js";
import { runOnWorkers, workerScript, type FileOutcome } from "./workers.js";
import { expandPaths, type InputFile } from "./files.js";
import { VERSION } from "./version.js";

/** Options of `RaciLint`. */
export interface RaciLintOptions {
  /** The folder paths and configuration are looked up from (default: the process' working directory). */
  cwd?: string;
  /** Use this configuration file for every file (`--config`), instead of the nearest one. */
  overrideConfigFile?: string | null;
  /** Read configuration files (default true; `--no-config` turns it off). */
  useConfigFiles?: boolean;
  /**
   * Rule settings applied after the configuration files, written as a configuration file writes them
   * (`{ rules: { "code-order": "error", "responsible-required": ["error", { accountableCountsAsResponsible: true }] } }`);
   * checked as one (a `ConfigError` says what is wrong). The command's `--rule` values come this way.
   */
  overrideConfig?: { rules?: Record<string, RuleConfig> };
  /** How problems with `overrideConfig` name it (default `overrideConfig`; the command says `--rule`). */
  overrideConfigName?: string;
  /**
   * Lint with exactly these rules (and `scheme`, `parties`) instead of what configuration says.
   * Giving any of the three leaves configuration files out.
   */
  rules?: readonly ActiveRule[];
  /** Role scheme: a scheme object, or a built-in scheme's name (`RACI`, `RASCI`, `RACI-VS`, `CAIRO`). */
  scheme?: RoleScheme | string;
  /** Party-role aliases (as the configuration's `parties`). */
  parties?: PartyAliases | null;
  /** Compute fixes (`output` of each result that changed); `outputFixes` writes them. */
  fix?: boolean;
  /** With `fix`, also apply each finding's first suggestion (fixes that change meaning). */
  unsafeFixes?: boolean;
  /** With `fix`, give every result its `input` and `output` (a dry run shows them). */
  keepFixText?: boolean;
  /** Apply inline `<!-- raci-lint-disable ... -->` directives (default true). */
  inlineDirectives?: boolean;
  /** Report directives that suppressed nothing (`--report-unused-disable-directives`). */
  reportUnusedDisableDirectives?: boolean;
  /** What each result keeps of its file beyond the findings: its `source` (SARIF fixes), or its `matrix` too. */
  keep?: "none" | "source" | "matrix";
  /** Give every result its `read`: what was made of each table, list or document, and why (`--explain`). */
  explain?: boolean;
  /** Memoise (default true). Off, every cell and rule is evaluated afresh: the results must be the same. */
  memoize?: boolean;
  /** Time each rule and count its memo hits (`stats()`, `--stats`). */
  stats?: boolean;
  /**
   * Keep what linting each file produced in a cache file and lint only files whose text,
   * configuration, rules or raci-lint version changed (`--cache`). Not used when fixing, nor with
   * `keep: "matrix"` (a cached file has no matrix).
   */
  cache?: boolean;
  /** The cache file, or a folder for `.raci-lint-cache` (default: `.raci-lint-cache` in `cwd`). */
  cacheLocation?: string;
  /**
   * Threads to lint files on (`--threads`): a number, or `"auto"` (one per core, up to 4, when there
   * are at least AUTO_THREADS_MIN_FILES files; else 1). Default 1, in-process: measured on 2 cores,
   * two threads cost ~50% more CPU than they save (a worker's start, JIT and memo warm-up).
   * Output and its order are the same whatever the number. Not used when fixing nor with `keep: "matrix"`.
   */
  threads?: number | "auto";
  /** Told what a run could not use or write (a cache file it did not trust), as a sentence. */
  onNote?: (message: string) => void;
}

/** The configuration could not be used: problems with where they are (file, line, column). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.span.start.line}:${p.span.start.column}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** Paths or patterns that matched no file. */
export class NoFilesError extends Error {
  constructor(readonly patterns: readonly string[]) {
    super(`No files match: ${patterns.join(", ")}`);
    this.name = "NoFilesError";
  }
}

/** A built-in scheme by name, or the scheme object given. */
function schemeOf(scheme: RoleScheme | string | undefined): RoleScheme {
  if (scheme === undefined) return RACI;
  if (typeof scheme === "string") {
    const known = SCHEMES[scheme];
    if (!known) throw new TypeError(`scheme: "${scheme}" is not a built-in scheme (${Object.keys(SCHEMES).join(", ")}); pass a RoleScheme object for another`);
    return known;
  }
  if (!scheme || typeof scheme !== "object" || !Array.isArray(scheme.codes)) throw new TypeError("scheme: expected a RoleScheme object or a built-in scheme's name");
  return scheme;
}

/** A file's findings before directives, and what is needed to finish them (not its matrix: a run keeps no matrix it does not have to). */
interface Pending {
  result: LintResult;
  linter: Linter;
  directives: Directive[];
  notUtf8: Finding | null;
}

/** A rule's row in `--stats`. */
export interface RuleStats extends MemoCounters {
  ruleId: string;
}

/** Lints files and texts the way the `raci-lint` command does. */
export class RaciLint {
  readonly options: Readonly<RaciLintOptions>;
  private readonly cwd: string;
  private readonly resolver: ConfigResolver | null;
  private readonly explicitSetup: LintSetup | null;
  private readonly rulesRun = new Map<string, RuleDefinition>();
  private readonly inputs = new WeakMap<LintResult, { path: string; text: string; setup: LintSetup }>();
  private readonly memos: RunMemo[] = [];
  private pairs: TranslationPair[] = [];
  /** A worker thread's memo, linters and corpus collectors, kept from one batch of files to the next. */
  private workerMemo: RunMemo | null = null;
  private readonly workerLinters = new Map<LintSetup, Linter>();
  private readonly workerCorpora = new Map() as SharedCollectors;

  constructor(options: RaciLintOptions = {}) {
    this.options = options;
    this.cwd = options.cwd ?? process.cwd();
    const explicit = options.rules !== undefined || options.scheme !== undefined || options.parties !== undefined;
    if (explicit) {
      this.explicitSetup = {
        rules: options.rules ?? presetRules("raci-lint:recommended"),
        scheme: schemeOf(options.scheme),
        schemeConfigured: options.scheme !== undefined,
        parties: options.parties ?? null,
        inlineDirectives: options.inlineDirectives ?? true,
        reportUnusedDirectives: options.reportUnusedDisableDirectives ?? false,
      };
      this.resolver = null;
    } else {
      this.explicitSetup = null;
      const overrideName = options.overrideConfigName ?? "overrideConfig";
      const unknownKeys = Object.keys(options.overrideConfig ?? {}).filter((key) => key !== "rules");
      if (unknownKeys.length > 0) throw new TypeError(`RaciLint: overrideConfig takes rules only, not ${unknownKeys.map((k) => `"${k}"`).join(", ")}`);
      const overrides = overrideRuleSettings(options.overrideConfig?.rules, overrideName);
      if ("problems" in overrides) throw new ConfigError(overrides.problems);
      this.resolver = new ConfigResolver({
        cwd: this.cwd,
        configFile: options.overrideConfigFile ? resolve(this.cwd, options.overrideConfigFile) : null,
        useConfigFiles: options.useConfigFiles ?? true,
        cliRules: overrides.rules,
        cliRulesName: overrideName,
        reportUnusedDirectives: options.reportUnusedDisableDirectives ?? false,
      });
    }
  }

  /** The lint setup of a file (absolute path): the explicit one, or its configuration's. Throws `ConfigError`. */
  setupFor(file: string): LintSetup {
    if (this.explicitSetup) return this.explicitSetup;
    const found = this.resolver!.setupFor(file);
    if ("problems" in found) throw new ConfigError(found.problems);
    const setup = this.options.inlineDirectives === false ? { ...found.setup, inlineDirectives: false } : found.setup;
    return setup;
  }

  /** The configuration that applies to a file, as `--print-config` shows it (asynchronous, as ESLint's: a workbook is read to say its scheme). Rejects with `ConfigError`. */
  async calculateConfigForFile(filePath: string): Promise<{
    configFiles: string[];
    scheme: ResolvedConfig["scheme"];
    /** The scheme the file is read with (it may name its own unless one is configured), and why; absent when the file cannot be read. */
    schemeInUse?: { name: string; reason: string };
    parties: PartyAliases | null;
    ruleFiles: string[];
    rules: Record<string, unknown>;
    translations?: { source: string; target: string; base: string }[];
  }> {
    const file = resolve(this.cwd, filePath);
    const setup = this.setupFor(file);
    const resolved = this.resolver?.resolve(file);
    if (resolved && "problems" in resolved) throw new ConfigError(resolved.problems);
    const config = resolved?.config ?? null;
    const rules: Record<string, unknown> = {};
    if (config) for (const id of Object.keys(config.rules).sort()) if (config.rules[id]!.severity === "off") rules[id] = "off";
    for (const active of setup.rules) {
      const severity = effectiveSeverity(active);
      rules[active.rule.id] = Object.keys(active.options).length ? [severity, active.options] : severity;
    }
    const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1)));
    const inUse = await this.schemeInUse(file, setup);
    return {
      configFiles: config?.sources ?? [],
      scheme: config?.scheme ?? setup.scheme.name,
      ...(inUse ? { schemeInUse: inUse } : {}),
      parties: config?.parties ?? setup.parties ?? null,
      ruleFiles: (config?.ruleFiles ?? []).map((f) => displayPathOf(f, this.cwd)),
      rules: sorted,
      ...(config?.translations?.length
        ? { translations: config.translations.map((t) => ({ source: t.source, target: t.target, base: relative(this.cwd, t.base).split("\\").join("/") || "." })) }
        : {}),
    };
  }

  /** Every rule known for files under the working directory: built-in ones and those its configuration loads. */
  listRules(): RuleDefinition[] {
    const rules = new Map(builtInRules().rules.map((r) => [r.id, r]));
    for (const active of this.setupFor(resolve(this.cwd, "raci-lint-list-rules.md")).rules) rules.set(active.rule.id, active.rule);
    return [...rules.values()];
  }

  /** The rules that ran in this instance's runs so far (for formats that describe them). */
  rulesMeta(): RuleDefinition[] {
    return [...this.rulesRun.values()];
  }

  /**
   * Which file of the last `lintFiles` run translates which (as the run names them), and how the
   * pair was recognised: the pages the consistent-translations rule compared. Empty when the rule
   * did not run.
   */
  translationPairs(): TranslationPair[] {
    return this.pairs;
  }

  /** Per-rule counters and times over this instance's runs (`stats: true` for times). */
  stats(): RuleStats[] {
    const total = new Map<string, MemoCounters>();
    for (const memo of this.memos) {
      for (const [ruleId, c] of memo.stats()) {
        const t = total.get(ruleId) ?? { lookups: 0, hits: 0, engineRuns: 0, time: 0 };
        total.set(ruleId, { lookups: t.lookups + c.lookups, hits: t.hits + c.hits, engineRuns: t.engineRuns + c.engineRuns, time: t.time + c.time });
      }
    }
    return [...total].map(([ruleId, c]) => ({ ruleId, ...c })).sort((a, b) => b.time - a.time || (a.ruleId < b.ruleId ? -1 : 1));
  }

  private newMemo(): RunMemo {
    const memo = new RunMemo({ memoize: this.options.memoize ?? true, stats: this.options.stats ?? false });
    this.memos.push(memo);
    return memo;
  }

  /**
   * Lints files, folders and globs (relative to `cwd`), in path order. Throws `NoFilesError` when a
   * pattern matches nothing and `ConfigError` when a file's configuration cannot be used; a file
   * that cannot be read or parsed is a finding of its result, and the other files are still checked.
   */
  async lintFiles(patterns: string | readonly string[]): Promise<LintResult[]> {
    const list = typeof patterns === "string" ? [patterns] : patterns;
    if (!Array.isArray(list) || list.some((p) => typeof p !== "string")) throw new TypeError("lintFiles: patterns must be a string or a list of strings");
    const expansion = await expandPaths(list, this.cwd);
    if (expansion.unmatched.length > 0) throw new NoFilesError(expansion.unmatched);
    // Every file's configuration first: a broken configuration stops the run before any file is read.
    const setups = new Map<string, LintSetup>();
    const problems: ConfigProblem[] = [];
    for (const file of expansion.files) {
      try {
        setups.set(file.path, this.setupFor(file.path));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        for (const p of error.problems) if (!problems.some((q) => q.file === p.file && q.message === p.message && q.span.start.offset === p.span.start.offset)) problems.push(p);
      }
    }
    if (problems.length) throw new ConfigError(problems);
    for (const setup of setups.values()) for (const r of setup.rules) this.rulesRun.set(r.rule.id, r.rule);
    if (this.options.fix) return this.fixInputs(expansion.files, setups);
    const threads = this.threadsFor(expansion.files.length);
    return threads > 1 ? this.lintInputsThreaded(expansion.files, setups, threads) : this.lintInputs(expansion.files, setups);
  }

  /**
   * Lints one text; `filePath` names it (relative to `cwd`), picks its configuration and, unless
   * `format` says, its format (by extension). Returns one result, in a list as `lintFiles` does.
   */
  async lintText(text: string, options: { filePath?: string; format?: MatrixFormat; bytes?: Uint8Array } = {}): Promise<LintResult[]> {
    if (typeof text !== "string") throw new TypeError(`lintText: text must be a string, not ${text === null ? "null" : typeof text}`);
    const name = options.filePath ?? "<text>";
    const setup = this.setupFor(resolve(this.cwd, options.filePath ?? "<text>.md"));
    for (const r of setup.rules) this.rulesRun.set(r.rule.id, r.rule);
    // Without the bytes the text was decoded from, a U+FFFD in it is taken as written.
    const notUtf8 = notTextAt(text, () => options.bytes ?? Buffer.from(text));
    const format = options.format ?? formatOf(name);
    const memo = this.newMemo();
    if (this.options.fix && !isBinaryFormat(format)) return [await this.fixOne(name, name, text, notUtf8, setup, memo, format, true)];
    const linter = new Linter(setup, memo, new Map());
    // A workbook is read from its bytes (without them, its matrix says it could not be read).
    const matrix = isBinaryFormat(format) && options.bytes ? await readWorkbookWith(options.bytes, name, setup, memo) : readWith(text, name, setup, memo, format);
    const pending: Pending = { result: this.resultOf(name, matrix), linter, directives: [], notUtf8: null };
    // A workbook's bytes are not text: whether they were UTF-8 says nothing.
    pending.result.findings = await linter.lint(matrix, notUtf8 === null || isBinaryFormat(format));
    pending.directives = setup.inlineDirectives === false ? [] : directivesOf(matrix);
    if (notUtf8 !== null && !isBinaryFormat(format)) pending.notUtf8 = notUtf8Finding(name, text, notUtf8);
    if (this.options.fix && isBinaryFormat(format)) pending.result.notFixed = WORKBOOK_NOT_FIXED;
    await this.finish([pending]);
    return [pending.result];
  }

  /**
   * Reads one file into a matrix (relative to `cwd`), with the scheme and party aliases its
   * configuration sets, as `lintFiles` would read it; a workbook from its bytes. What cannot be
   * read is the matrix' `problems`; a file that cannot be opened throws what the system says.
   */
  async readMatrix(filePath: string): Promise<Matrix> {
    const path = resolve(this.cwd, filePath);
    const setup = this.setupFor(path);
    const memo = this.newMemo();
    const display = displayPathOf(path, this.cwd);
    if (isBinaryFormat(formatOf(path))) return readWorkbookWith(readFileSync(path), display, setup, memo);
    return readWith(readTextFile(path).text, display, setup, memo);
  }

  /** A result for a file read into `matrix`, keeping what the options ask for. */
  private resultOf(path: string, matrix: Matrix): LintResult {
    const keep = this.options.keep ?? "none";
    const result: LintResult = { path, findings: [], suppressed: [], matrix: keep === "matrix" ? matrix : null };
    // A workbook's source is its cell records, not a text a report could show or fix.
    if (keep !== "none" && !isBinaryFormat(matrix.format)) result.source = matrix.source;
    this.describe(result, matrix);
    return result;
  }

  /** Says what was read: whether the file holds a matrix, and with `explain`, each part's reading. */
  private describe(result: LintResult, matrix: Matrix): void {
    if (matrix.activities.length === 0) result.withoutMatrix = true;
    if (this.options.explain) result.read = readingOf(matrix);
  }

  /** The scheme a file is read with, and why (null when it cannot be read). */
  private async schemeInUse(file: string, setup: LintSetup): Promise<{ name: string; reason: string } | null> {
    let matrix: Matrix;
    try {
      const display = displayPathOf(file, this.cwd);
      matrix = isBinaryFormat(formatOf(file)) ? await readWorkbookWith(readFileSync(file), display, setup, this.newMemo()) : readWith(readTextFile(file).text, display, setup, this.newMemo());
    } catch {
      return null;
    }
    return { name: matrix.scheme.name, reason: matrix.schemeReason };
  }

  /** Lints files (no fixing): each file read and linted in order; corpus-scope findings and directives once all are. */
  private async lintInputs(files: readonly InputFile[], setups: ReadonlyMap<string, LintSetup>): Promise<LintResult[]> {
    const memo = this.newMemo();
    const linters = new Map<LintSetup, Linter>();
    const corpora: SharedCollectors = new Map();
    const results: LintResult[] = [];
    const pending: Pending[] = [];
    // Every linter first, with the configurations' translation mappings: then which pages are paired is known before any is read.
    for (const file of files) {
      const setup = setups.get(file.path)!;
      if (!linters.has(setup)) linters.set(setup, new Linter(setup, memo, corpora));
    }
    for (const linter of linters.values()) linter.planTranslations(files.map((f) => f.path));
    const cache = this.openCache();
    const keep = this.options.keep ?? "none";
    // Run options that change a result beyond the setup.
    const extra = JSON.stringify([keep, this.options.explain ?? false]);
    for (const file of files) {
      // A workbook is read from its bytes; it has no text. With a cache, a file's bytes are its key,
      // decoded only when the cache has no answer; without, a text file is read as text at once
      // (Node's fast path, a third of the time of bytes then decoding).
      const workbook = isBinaryFormat(formatOf(file.path));
      let bytes: Buffer;
      let decoded: string | null = null;
      try {
        if (cache || workbook) bytes = readFileSync(file.path);
        else {
          decoded = readFileSync(file.path, "utf8");
          bytes = EMPTY_BYTES; // asked for only when the text shows a U+FFFD (see notTextAt)
        }
      } catch (error) {
        results.push({ path: file.display, findings: [unreadableFinding(file.display, error)], suppressed: [], matrix: null });
        continue;
      }
      const bytesOf = () => (bytes === EMPTY_BYTES ? readFileSync(file.path) : bytes);
      const textOf = () => (decoded ??= workbook ? "" : bytes.toString("utf8"));
      if (!file.explicit && !sniffedMatrix(file.path, textOf)) continue;
      const setup = setups.get(file.path)!;
      const linter = linters.get(setup)!;
      const key = cache ? cache.keyOf(bytes, file.display, file.explicit, setup, extra) : null;
      const found = key === null ? null : cache!.get(file.path, key);
      // An entry without the page the translation scope now wants (a new pairing) is linted afresh.
      const cached = found && linter.canAddLinted(file.path, found.translation) ? found : null;
      if (cached) {
        const result: LintResult = { path: file.display, findings: cached.findings, suppressed: [], matrix: null };
        if (keep !== "none" && !workbook) result.source = withoutBom(textOf());
        if (cached.withoutMatrix) result.withoutMatrix = true;
        if (cached.read) result.read = cached.read;
        linter.addLinted(file.display, cached.occurrences, file.path, cached.translation);
        results.push(result);
        pending.push({ result, linter, directives: cached.directives, notUtf8: cached.notUtf8 });
        continue;
      }
      const text = textOf();
      const notUtf8 = workbook ? null : notTextAt(text, bytesOf);
      try {
        const matrix = workbook ? await readWorkbookWith(bytes, file.display, setup, memo) : readWith(text, file.display, setup, memo);
        const result = this.resultOf(file.display, matrix);
        // A file that is not text is not judged for holding no matrix: that it is not text says it all.
        result.findings = await linter.lint(matrix, file.explicit && notUtf8 === null, file.path);
        results.push(result);
        const item: Pending = {
          result,
          linter,
          directives: setup.inlineDirectives === false ? [] : directivesOf(matrix),
          notUtf8: notUtf8 === null ? null : notUtf8Finding(file.display, text, notUtf8),
        };
        pending.push(item);
        if (key !== null)
          cache!.set(file.path, key, {
            findings: result.findings,
            directives: item.directives,
            notUtf8: item.notUtf8,
            withoutMatrix: result.withoutMatrix === true,
            read: result.read ?? null,
            occurrences: linter.lastOccurrences,
            translation: linter.lastTranslation,
          });
      } catch (error) {
        // A defect of ours on one strange file must not cost the user the rest of the run.
        results.push({ path: file.display, findings: [internalErrorFinding(file.display, error)], suppressed: [], matrix: null });
      }
    }
    await this.finish(pending);
    this.translationsDone(files, results, setups, linters);
    await this.saveCache(cache);
    return results;
  }

  /** The run's lint cache, when asked for and usable (not with `keep: "matrix"`); a cache file not trusted is said. */
  private openCache(): LintCache | null {
    if (!this.options.cache || this.options.keep === "matrix") return null;
    const cache = LintCache.open(cacheFilePath(this.cwd, this.options.cacheLocation));
    if (cache.problem)
      this.options.onNote?.(`the cache ${displayPathOf(cache.path, this.cwd)} was not used: ${cache.problem}; every file is linted${cache.writable ? " and the cache written anew" : ""}`);
    return cache;
  }

  /** How many threads lint `count` files: the option's number, or for `auto` one per core (up to 4) when there are enough files. */
  private threadsFor(count: number): number {
    // Without a worker script (running from sources, as the tests do) everything is linted here.
    if (this.options.keep === "matrix" || workerScript() === null) return 1;
    const threads = this.options.threads ?? 1;
    if (threads !== "auto") return Math.max(1, Math.min(Math.floor(threads), count));
    if (count < AUTO_THREADS_MIN_FILES) return 1;
    return Math.max(1, Math.min(availableParallelism(), MAX_AUTO_THREADS));
  }

  /**
   * Lints files on worker threads (each with its own memo; the findings do not depend on it). The
   * cache, when asked for, is read here first; the other files go to the workers in batches, as each
   * asks for more. Then, in file order, as `lintInputs` does: results, corpus-scope summaries (so
   * corpus-scope rules see every file, in the same order), directives.
   */
  private async lintInputsThreaded(files: readonly InputFile[], setups: ReadonlyMap<string, LintSetup>, threads: number): Promise<LintResult[]> {
    const memo = this.newMemo();
    const linters = new Map<LintSetup, Linter>();
    const corpora: SharedCollectors = new Map();
    const paths = files.map((f) => f.path);
    // Every linter first, planned with every path (as lintInputs does; the workers plan theirs the same way).
    for (const file of files) {
      const setup = setups.get(file.path)!;
      if (!linters.has(setup)) linters.set(setup, new Linter(setup, memo, corpora));
    }
    for (const linter of linters.values()) linter.planTranslations(paths);
    const cache = this.openCache();
    const keep = this.options.keep ?? "none";
    const extra = JSON.stringify([keep, this.options.explain ?? false]);
    const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
    const keys: string[] = [];
    const todo: number[] = [];
    files.forEach((file, i) => {
      if (!cache) return void todo.push(i);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file.path);
      } catch {
        return void todo.push(i); // the worker says why
      }
      keys[i] = cache.keyOf(bytes, file.display, file.explicit, setups.get(file.path)!, extra);
      const cached = cache.get(file.path, keys[i]);
      if (!cached || !linters.get(setups.get(file.path)!)!.canAddLinted(file.path, cached.translation)) return void todo.push(i);
      const workbook = isBinaryFormat(formatOf(file.path));
      if (!file.explicit && !sniffedMatrix(file.path, () => bytes.toString("utf8"))) outcomes[i] = { kind: "skipped" };
      else outcomes[i] = { kind: "lint", lint: cached, ...(keep !== "none" && !workbook ? { source: withoutBom(bytes.toString("utf8")) } : {}) };
    });
    await runOnWorkers(
      todo.map((i) => files[i]!),
      paths,
      threads,
      this.workerOptions(),
      (batch) => this.lintForWorker(batch, paths),
      (index, outcome) => {
        outcomes[todo[index]!] = outcome;
      },
    );
    const results: LintResult[] = [];
    const pending: Pending[] = [];
    files.forEach((file, i) => {
      const outcome = outcomes[i]!;
      if (outcome.kind === "skipped") return;
      if (outcome.kind === "result") return void results.push(outcome.result);
      const linter = linters.get(setups.get(file.path)!)!;
      const { lint } = outcome;
      const result: LintResult = { path: file.display, findings: lint.findings, suppressed: [], matrix: null };
      if (outcome.source !== undefined) result.source = outcome.source;
      if (lint.withoutMatrix) result.withoutMatrix = true;
      if (lint.read) result.read = lint.read;
      linter.addLinted(file.display, lint.occurrences, file.path, lint.translation);
      results.push(result);
      pending.push({ result, linter, directives: lint.directives, notUtf8: lint.notUtf8 });
      if (cache && keys[i] !== undefined && outcome.fresh) cache.set(file.path, keys[i], lint);
    });
    await this.finish(pending);
    this.translationsDone(files, results, setups, linters);
    await this.saveCache(cache);
    return results;
  }

  /** Keeps the run's translation pairs and, with `explain`, says them in the results. */
  private translationsDone(files: readonly InputFile[], results: LintResult[], setups: ReadonlyMap<string, LintSetup>, linters: Map<LintSetup, Linter>): void {
    const pairs = new Map<string, TranslationPair>();
    for (const linter of linters.values()) for (const pair of linter.translationPairs()) pairs.set(pair.translation, pair);
    this.pairs = [...pairs.values()].sort((a, b) => (a.translation < b.translation ? -1 : a.translation > b.translation ? 1 : 0));
    if (this.options.explain) explainTranslations(files, results, setups, linters, this.pairs, this.cwd);
  }

  /** The options a worker's own `RaciLint` is made with: this one's, in one thread, without cache or callbacks. */
  private workerOptions(): RaciLintOptions {
    const { onNote: _onNote, cache: _cache, cacheLocation: _location, ...rest } = this.options;
    return { ...rest, cwd: this.cwd, threads: 1 };
  }

  /**
   * Lints files for a worker thread (see src/api/lint-worker.ts): what `lintInputs` finds of each,
   * before corpus-scope checks and directives, as plain data.
   */
  async lintForWorker(files: readonly InputFile[], paths: readonly string[]): Promise<FileOutcome[]> {
    this.workerMemo ??= this.newMemo();
    const memo = this.workerMemo;
    const keep = this.options.keep ?? "none";
    const out: FileOutcome[] = [];
    for (const file of files) {
      const input = readInput(file);
      if ("error" in input) {
        out.push({ kind: "result", result: { path: file.display, findings: [unreadableFinding(file.display, input.error)], suppressed: [], matrix: null } });
        continue;
      }
      const { text, notUtf8, bytes } = input;
      if (!file.explicit && !sniffedMatrix(file.path, () => text)) {
        out.push({ kind: "skipped" });
        continue;
      }
      try {
        const setup = this.setupFor(file.path);
        let linter = this.workerLinters.get(setup);
        if (!linter) {
          this.workerLinters.set(setup, (linter = new Linter(setup, memo, this.workerCorpora)));
          linter.planTranslations(paths);
        }
        const matrix = bytes ? await readWorkbookWith(bytes, file.display, setup, memo) : readWith(text, file.display, setup, memo);
        const findings = await linter.lint(matrix, file.explicit && notUtf8 === null, file.path);
        const result = this.resultOf(file.display, matrix);
        out.push({
          kind: "lint",
          fresh: true,
          lint: {
            findings,
            directives: setup.inlineDirectives === false ? [] : directivesOf(matrix),
            notUtf8: notUtf8 === null ? null : notUtf8Finding(file.display, text, notUtf8),
            withoutMatrix: result.withoutMatrix === true,
            read: result.read ?? null,
            occurrences: linter.lastOccurrences,
            translation: linter.lastTranslation,
          },
          ...(keep !== "none" && !bytes ? { source: matrix.source } : {}),
        });
      } catch (error) {
        out.push({ kind: "result", result: { path: file.display, findings: [internalErrorFinding(file.display, error)], suppressed: [], matrix: null } });
      }
    }
    return out;
  }

  /** Writes the cache, saying so when it cannot. */
  private async saveCache(cache: LintCache | null): Promise<void> {
    if (!cache) return;
    try {
      await cache.save();
    } catch (error) {
      this.options.onNote?.(`cannot write the cache ${displayPathOf(cache.path, this.cwd)}: ${error instanceof FixWriteError ? (error.code ?? error.message) : (error as Error).message}`);
    }
  }

  /**
   * Adds corpus-scope findings, then applies each file's directives to all its findings at once
   * (so a directive that suppresses only a corpus-scope finding is used), then adds the finding
   * that a file is not UTF-8 (no directive hides that).
   */
  private async finish(pending: readonly Pending[]): Promise<void> {
    const corpus = new Map<Linter, Map<string, Finding[]>>();
    for (const { linter } of pending) if (!corpus.has(linter)) corpus.set(linter, await linter.corpusFindings());
    for (const item of pending) {
      const { result, linter } = item;
      const added = corpus.get(linter)!.get(result.path) ?? [];
      let findings = added.length ? [...result.findings, ...added].sort(compareFindings) : result.findings;
      if (item.directives.length) {
        const setup = linter.setup;
        const knownRules = setup.knownRules ?? new Set([...setup.rules.map((r) => r.rule.id), "parse-error", "schema-violation"]);
        const applied = applyDirectives(findings, item.directives, { knownRules, reportUnused: setup.reportUnusedDirectives ?? false, file: result.path });
        findings = applied.findings;
        result.suppressed = applied.suppressed;
      }
      if (item.notUtf8) findings = [...findings, item.notUtf8].sort(compareFindings);
      result.findings = findings;
    }
  }

  /** Fixes files one by one (`fix`): lint, apply fixes, re-lint; nothing is written (see `outputFixes`). */
  private async fixInputs(files: readonly InputFile[], setups: ReadonlyMap<string, LintSetup>): Promise<LintResult[]> {
    const memo = this.newMemo();
    const results: LintResult[] = [];
    for (const file of files) {
      const input = readInput(file);
      if ("error" in input) {
        results.push({ path: file.display, findings: [unreadableFinding(file.display, input.error)], suppressed: [], matrix: null });
        continue;
      }
      const { text, notUtf8, bytes } = input;
      if (!file.explicit && !sniffedMatrix(file.path, () => text)) continue;
      try {
        if (bytes) {
          results.push(await this.workbookInFixMode(file.display, bytes, setups.get(file.path)!, memo, file.explicit));
          continue;
        }
        results.push(await this.fixOne(file.display, file.path, text, notUtf8, setups.get(file.path)!, memo, formatOf(file.path), file.explicit));
      } catch (error) {
        results.push({ path: file.display, findings: [internalErrorFinding(file.display, error)], suppressed: [], matrix: null });
      }
    }
    return results;
  }

  /** A workbook met in fix mode: linted, never written; its fixes are the findings' suggestions. */
  private async workbookInFixMode(display: string, bytes: Uint8Array, setup: LintSetup, memo: RunMemo, named: boolean): Promise<LintResult> {
    // Fix mode sees one file at a time: corpus-scope checks do not run (as for texts).
    const linter = new Linter(setup, memo, undefined, false);
    const matrix = await readWorkbookWith(bytes, display, setup, memo);
    const result = this.resultOf(display, matrix);
    result.findings = await linter.lint(matrix, named);
    result.notFixed = WORKBOOK_NOT_FIXED;
    return result;
  }

  /** Fixes one text: a text that is not UTF-8 is checked as read and never fixed (writing it back would turn its bytes into U+FFFD). */
  private async fixOne(display: string, path: string, text: string, notUtf8: number | null, setup: LintSetup, memo: RunMemo, format: MatrixFormat, named: boolean): Promise<LintResult> {
    const fixed = await fixText(text, display, setup, { unsafe: this.options.unsafeFixes ?? false, format, memo, named: named && notUtf8 === null, ...(notUtf8 !== null ? { maxPasses: 0 } : {}) });
    const findings = notUtf8 === null ? fixed.findings : [...fixed.findings, notUtf8Finding(display, text, notUtf8)].sort(compareFindings);
    const result: LintResult = { path: display, findings, suppressed: fixed.suppressed, matrix: this.options.keep === "matrix" ? fixed.matrix : null, source: fixed.matrix.source };
    this.describe(result, fixed.matrix);
    if (this.options.keepFixText) {
      result.input = text;
      result.output = fixed.output;
    } else if (fixed.changed && !fixed.parseFailed && notUtf8 === null) result.output = fixed.output;
    this.inputs.set(result, { path, text, setup });
    if (notUtf8 !== null) result.notFixed = "it is not UTF-8 text";
    else if (fixed.parseFailed) result.notFixed = `it does not parse as ${format.toUpperCase()} (see its parse-error): nothing is fixed until it does`;
    if (fixed.refused.length) result.refusedFixes = fixed.refused;
    return result;
  }

  /**
   * Writes the fixed text of every result that has one (atomically, a few at a time). A file that
   * cannot be written keeps its text: its result gets that text's findings again, and its failure
   * is returned, in result order.
   */
  async outputFixes(results: readonly LintResult[]): Promise<{ path: string; reason: string }[]> {
    const failures: { path: string; reason: string; result: LintResult }[] = [];
    const writing = new Set<Promise<void>>();
    for (const result of results) {
      const input = this.inputs.get(result);
      if (result.output === undefined || !input || result.output === input.text) continue;
      if (writing.size >= MAX_PENDING_WRITES) await Promise.race(writing);
      const job = writeFileAtomic(input.path, result.output)
        .catch((error: unknown) => {
          const reason = error instanceof FixWriteError ? (error.code ?? error.message) : (error as Error).message;
          failures.push({ path: result.path, reason, result });
        })
        .finally(() => writing.delete(job));
      writing.add(job);
    }
    await Promise.all(writing);
    const order = new Map(results.map((r, i) => [r, i]));
    failures.sort((a, b) => order.get(a.result)! - order.get(b.result)!);
    for (const failure of failures) {
      // The file keeps its old text: report that text's findings (linted, not fixed).
      const input = this.inputs.get(failure.result)!;
      const kept = await fixText(input.text, failure.result.path, input.setup, { maxPasses: 0, format: formatOf(input.path) });
      failure.result.findings = kept.findings;
      failure.result.suppressed = kept.suppressed;
      delete failure.result.output;
    }
    return failures.map(({ path, reason }) => ({ path, reason }));
  }

  /**
   * A formatter by name, bound to this instance's context (the rules that ran, raci-lint's version):
   * `format` gives the report as one string, `stream` the same text in pieces, file by file.
   */
  async loadFormatter(name: string): Promise<BoundFormatter> {
    const formatter = await loadBuiltInFormatter(name);
    const contextOf = (options: FormatOptions) => ({ ...formatContext(this.rulesMeta(), VERSION), color: options.color ?? false });
    return {
      needs: formatter.needs,
      format: (results, options = {}) => formatter.format(reportOf(results, options.quiet ?? false), contextOf(options)),
      stream: (results, options = {}) => {
        const report = reportOf(results, options.quiet ?? false);
        return formatter.stream ? formatter.stream(report, contextOf(options)) : [formatter.format(report, contextOf(options))];
      },
    };
  }
}

/** Why a workbook is not fixed (`LintResult.notFixed`). */
const WORKBOOK_NOT_FIXED = "raci-lint never rewrites a workbook: its fixes are listed as suggestions";

/** A file to lint as text (or, for a workbook, bytes), or why it cannot be read. */
function readInput(file: InputFile): { text: string; notUtf8: number | null; bytes: Uint8Array | null } | { error: unknown } {
  try {
    if (isBinaryFormat(formatOf(file.path))) return { text: "", notUtf8: null, bytes: readFileSync(file.path) };
    return { ...readTextFile(file.path), bytes: null };
  } catch (error) {
    return { error };
  }
}

/**
 * Whether a file met while walking a folder is linted: Markdown, CSV and workbooks always (a table
 * that is no matrix is left alone); YAML and JSON only when they look like matrices (not package or
 * site files).
 */
function sniffedMatrix(path: string, text: () => string): boolean {
  const format = formatOf(path);
  return format !== "yaml" && format !== "json" ? true : looksLikeMatrixData(text());
}

/** Options of a bound formatter. */
export interface FormatOptions {
  color?: boolean;
  /** Errors only. */
  quiet?: boolean;
}

/** A formatter bound to a `RaciLint` instance (see `loadFormatter`). */
export interface BoundFormatter {
  needs: Formatter["needs"];
  format(results: readonly LintResult[], options?: FormatOptions): string;
  /** The report in pieces (joined, `format`'s text), to write as it is made. */
  stream(results: readonly LintResult[], options?: FormatOptions): Iterable<string>;
}

/** `auto` threads only for at least this many files: below it, starting workers costs more than they save. */
const AUTO_THREADS_MIN_FILES = 200;

/** At most this many threads for `auto`. */
const MAX_AUTO_THREADS = 4;

/** No bytes read (a text file read as text). */
const EMPTY_BYTES = Buffer.alloc(0);

/** A text without its byte-order mark. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How many fixed files may be being written at once. */
const MAX_PENDING_WRITES = 16;

/** The report of results (with `quiet`, errors only). */
export function reportOf(results: readonly LintResult[], quiet = false): Report {
  return buildReport(
    results.map((r) => ({
      path: r.path,
      findings: quiet ? r.findings.filter((f) => f.severity === "error") : r.findings,
      suppressed: r.suppressed ?? [],
      ...(r.source ? { source: r.source } : {}),
      ...(r.output !== undefined ? { output: r.output } : {}),
      ...(r.input !== undefined ? { input: r.input } : {}),
      ...(r.matrix ? { matrix: r.matrix } : {}),
      ...(r.read ? { read: r.read } : {}),
      ...(r.withoutMatrix ? { withoutMatrix: true } : {}),
    })),
  );
}

/** Whether results hold a finding that says raci-lint itself failed on a file. */
export function hasInternalError(results: readonly LintResult[]): boolean {
  return results.some((r) => r.findings.some((f) => f.ruleId === INTERNAL_ERROR));
}

/**
 * Gives each explained result what consistent-translations made of it (`--explain`): for a file
 * whose path names it a translation, the file it was compared with, or the file its path names and
 * why the two were not compared, or that none of the files its path names is linted; for a source,
 * the files paired with it.
 */
function explainTranslations(
  files: readonly InputFile[],
  results: readonly LintResult[],
  setups: ReadonlyMap<string, LintSetup>,
  linters: ReadonlyMap<LintSetup, Linter>,
  compared: readonly TranslationPair[],
  cwd: string,
): void {
  const slashed = (path: string) => path.split("\\").join("/");
  const byDisplay = new Map(results.map((r) => [r.path, r]));
  const fileOf = new Map(files.map((f) => [slashed(f.path), f]));
  const displayOf = new Map(files.map((f) => [f.display, f]));
  const mappings = [...new Map([...setups.values()].flatMap((s) => s.translations ?? []).map((m) => [JSON.stringify([m.base, m.source, m.target]), m])).values()];
  const checks = (file: InputFile | undefined) => (file ? linters.get(setups.get(file.path)!)!.checksTranslations : false);
  const pairWith = (translation: string, source: string, reading: NonNullable<FileReading["translationOf"]>) => {
    const read = byDisplay.get(translation)?.read;
    if (!read || read.translationOf) return;
    read.translationOf = reading;
    const sourceRead = byDisplay.get(source)?.read;
    if (sourceRead) sourceRead.translatedBy = [...(sourceRead.translatedBy ?? []), translation];
  };
  for (const pair of compared) pairWith(pair.translation, pair.source, { source: pair.source, locale: pair.locale, convention: pair.convention, compared: true });
  // Pairs by name among all the run's files, whichever configuration each is linted with: why one was not compared.
  for (const pair of translationPairs([...fileOf.keys()], mappings)) {
    const translation = fileOf.get(pair.translation)!;
    const source = fileOf.get(pair.source)!;
    let reason: string;
    if (!checks(translation)) reason = "consistent-translations is off";
    else if (!byDisplay.has(source.display)) reason = `${source.display} holds no matrix data (a file found in a folder, left out)`;
    else if (!byDisplay.get(source.display)!.read) reason = `${source.display} could not be read`;
    else if (!checks(source)) reason = `consistent-translations is off for ${source.display}`;
    else reason = `${source.display} is linted with another configuration (scheme or parties)`;
    pairWith(translation.display, source.display, { source: source.display, locale: pair.locale, convention: pair.convention, compared: false, reason });
  }
  for (const result of results) {
    const file = displayOf.get(result.path);
    if (!file || !result.read || result.read.translationOf || result.read.translatedBy) continue;
    const expected = expectedSources(slashed(file.path), mappings);
    if (!expected) continue;
    const names = expected.sources.map((s) => slashed(relative(cwd, s)));
    const reason = names.length === 1 ? `${names[0]} is not among the files linted` : `none of ${names.join(", ")} is among the files linted`;
    result.read.translationOf = { source: null, locale: expected.locale, convention: expected.convention, compared: false, reason };
  }
}

/** A path relative to `cwd`, `/`-separated. */
function displayPathOf(path: string, cwd: string): string {
  return resolve(path) === path
    ? path
        .slice(cwd.length + 1)
        .split("\\")
        .join("/") || path
    : path;
}
