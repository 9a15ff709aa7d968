/**
 * The linting pipeline for matrices: matrix -> subjects (facts) -> evaluation -> findings. A
 * `Linter` lints matrices one at a time, keeping only what corpus-scope checks need between them;
 * `corpusFindings` adds the findings that look across files. Directives and baselines are applied
 * later (`src/suppress/`), by the caller.
 */
import { Evaluator } from "../engine/evaluate.js";
import { RunMemo } from "../engine/memo.js";
import { CorpusCollector, type Occurrence } from "../facts/corpus.js";
import { TranslationCollector, type PageSummary } from "../facts/translation.js";
import type { TranslationMapping, TranslationPair } from "../model/translation-pairs.js";
import { MatrixView } from "../facts/subjects.js";
import { compareFindings, type Finding } from "../model/finding.js";
import type { Matrix, PartyAliases } from "../model/matrix.js";
import { looksAcrossFiles, type ActiveRule } from "../model/rule.js";
import type { RoleScheme } from "../model/scheme.js";
import { readDocument, readWorkbook, type ReadOptions } from "../readers/index.js";
import { findingOf, readProblemFindings } from "./findings.js";

/** What linting a file needs to know: the rules to run, the role scheme and, when configured, party-role aliases. */
export interface LintSetup {
  rules: readonly ActiveRule[];
  /** The scheme to read and check with; a document may name another unless `schemeConfigured`. */
  scheme: RoleScheme;
  /** Whether `scheme` was set (by configuration or the caller): documents are then read with it whatever they say. */
  schemeConfigured?: boolean;
  parties?: PartyAliases | null;
  /** Every rule id an inline directive may name (enabled or not); default: the ids of `rules`. */
  knownRules?: ReadonlySet<string>;
  /** Report inline directives that suppressed nothing (`--report-unused-disable-directives`). */
  reportUnusedDirectives?: boolean;
  /** Apply inline directives (default true; tests of the directives themselves turn it off). */
  inlineDirectives?: boolean;
  /** Translation pairs the configuration declares (`translations`), besides the layouts recognised by path. */
  translations?: readonly TranslationMapping[];
}

/** What the linters of one run share for the checks that look across files, by `corpusKey`. */
export type SharedCollectors = Map<string, { corpus: CorpusCollector; translations: TranslationCollector }>;

/**
 * What decides whether two files may be compared by corpus-scope checks: the same scheme, and the
 * same corpus-scope rules with the same options (severities may differ: each file keeps its own).
 */
export function corpusKey(setup: LintSetup): string {
  const rules = setup.rules.filter((r) => looksAcrossFiles(r.rule)).map((r) => [r.rule.id, r.options]);
  return JSON.stringify([setup.scheme, rules]);
}

/** The reader options of a setup, reading cell texts through the run's memo. */
export function readOptionsOf(setup: LintSetup, memo: RunMemo): ReadOptions {
  return { scheme: setup.scheme, schemeConfigured: setup.schemeConfigured ?? false, parties: setup.parties ?? null, readCell: memo.readCell, readRest: memo.readRest };
}

/** Reads a document with a setup's scheme and party aliases (cell readings remembered by `memo`). */
export function readWith(text: string, filename: string, setup: LintSetup, memo: RunMemo, format?: Matrix["format"]): Matrix {
  return readDocument(text, filename, readOptionsOf(setup, memo), format);
}

/** Reads an XLSX workbook with a setup's scheme and party aliases. */
export function readWorkbookWith(bytes: Uint8Array, filename: string, setup: LintSetup, memo: RunMemo): Promise<Matrix> {
  return readWorkbook(bytes, filename, readOptionsOf(setup, memo));
}

/**
 * Lints matrices of one setup. Linters of one run share its `RunMemo` and, through `corpora`, the
 * collections of matrices that corpus-scope checks compare.
 */
export class Linter {
  private readonly evaluator: Evaluator;
  private readonly corpus: CorpusCollector | null;
  private readonly translations: TranslationCollector | null;
  /** The files linted, in order (corpus findings only go to them). */
  private readonly files = new Set<string>();
  /** What the corpus scope remembered of the last matrix linted (null without corpus-scope rules), for the lint cache. */
  lastOccurrences: Occurrence[] | null = null;
  /** What the translation scope remembered of the last matrix linted (null when nothing), for the lint cache and worker threads. */
  lastTranslation: PageSummary | null = null;

  constructor(
    readonly setup: LintSetup,
    readonly memo: RunMemo = new RunMemo(),
    corpora?: SharedCollectors,
    /** Whether corpus- and translation-scope checks are run (not in fix mode, which sees one file at a time). */
    withCorpus = true,
  ) {
    const rules = withCorpus ? setup.rules : setup.rules.filter((r) => !looksAcrossFiles(r.rule));
    this.evaluator = new Evaluator(rules, memo);
    let shared: { corpus: CorpusCollector; translations: TranslationCollector } | undefined;
    if (this.evaluator.has("corpus") || this.evaluator.has("translation")) {
      const key = corpusKey(setup);
      shared = corpora?.get(key);
      if (!shared) {
        shared = { corpus: new CorpusCollector(setup.scheme), translations: new TranslationCollector(setup.scheme) };
        corpora?.set(key, shared);
      }
    }
    this.corpus = shared && this.evaluator.has("corpus") ? shared.corpus : null;
    this.translations = shared && this.evaluator.has("translation") ? shared.translations : null;
    this.translations?.addMappings(setup.translations ?? []);
  }

  /** The ids of the active corpus-scope rules. */
  get corpusRules(): ReadonlySet<string> {
    return new Set(this.setup.rules.filter((r) => looksAcrossFiles(r.rule)).map((r) => r.rule.id));
  }

  /**
   * Lints one matrix; returns its findings, sorted (read problems included, directives not applied).
   * `named`: the user named the file (rather than it being found in a folder). `path`: where the
   * file is (absolute), for the translation pairs a configuration declares.
   */
  async lint(matrix: Matrix, named = true, path?: string): Promise<Finding[]> {
    const findings = readProblemFindings(matrix);
    // A document is checked with the scheme it was read with (it may name its own).
    const view = new MatrixView(matrix, matrix.scheme, named);
    for (const hit of await this.evaluator.evaluateMatrix(view)) findings.push(findingOf(hit, matrix.scheme));
    this.lastOccurrences = this.corpus ? this.corpus.add(matrix) : null;
    this.lastTranslation = this.translations?.add(matrix, path) ?? null;
    this.files.add(matrix.file);
    return findings.sort(compareFindings);
  }

  /**
   * Whether a file linted elsewhere (an earlier run, another thread) can be counted in with what was
   * kept of it: not when the translation scope wants its page (`path`, absolute) and none was kept.
   */
  canAddLinted(path: string, translation: PageSummary | null): boolean {
    return translation !== null || !this.translations?.wants(path);
  }

  /** Counts in a file linted elsewhere: corpus- and translation-scope checks see its activities and page again. */
  addLinted(file: string, occurrences: readonly Occurrence[] | null, path?: string, translation?: PageSummary | null): void {
    if (this.corpus) for (const occurrence of occurrences ?? []) this.corpus.addOccurrence(occurrence);
    if (this.translations && translation && path !== undefined) this.translations.addSummary(path, translation);
    this.files.add(file);
  }

  /** Says which files (absolute paths) the run will lint, so that only pages paired with another are remembered for the translation checks. */
  planTranslations(paths: readonly string[]): void {
    this.translations?.plan(paths);
  }

  /** Whether this linter runs translation-scope rules (consistent-translations is on). */
  get checksTranslations(): boolean {
    return this.translations !== null;
  }

  /** The translation pairs among the files linted so far (by this linter and those sharing its collectors), as the run names the files. */
  translationPairs(): TranslationPair[] {
    return this.translations?.reportedPairs() ?? [];
  }

  /** The corpus- and translation-scope findings over everything linted so far (by this linter and those sharing its corpus), for this linter's files. */
  async corpusFindings(): Promise<Map<string, Finding[]>> {
    const byFile = new Map<string, Finding[]>();
    const hits = [
      ...(this.corpus ? await this.evaluator.evaluateCorpus("corpus", this.corpus.subjects()) : []),
      ...(this.translations ? await this.evaluator.evaluateCorpus("translation", this.translations.subjects()) : []),
    ];
    for (const hit of hits) {
      const finding = findingOf(hit, this.setup.scheme);
      if (!this.files.has(finding.file)) continue;
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    return byFile;
  }
}

/** Lints matrices together (corpus-scope checks look across them); findings by file, sorted, directives not applied. */
export async function lintMatrices(matrices: readonly Matrix[], setup: LintSetup, memo = new RunMemo()): Promise<Map<string, Finding[]>> {
  const linter = new Linter(setup, memo, new Map());
  const byFile = new Map<string, Finding[]>();
  for (const matrix of matrices) byFile.set(matrix.file, await linter.lint(matrix));
  for (const [file, added] of await linter.corpusFindings()) byFile.set(file, [...byFile.get(file)!, ...added].sort(compareFindings));
  return byFile;
}
