/**
 * The linting pipeline: source text -> reader -> matrix -> subjects (facts) -> checks -> findings.
 * Pure apart from `lintFiles`, which reads the files it is given.
 */
import { extname } from "node:path";
import { CorpusCollector } from "./facts/corpus.js";
import { cellSubjects, matrixSubjects, type Subject } from "./facts/subjects.js";
import type { Scope } from "./facts/catalog.js";
import { CheckRunner, type Hit } from "./engine/evaluate.js";
import { effectiveSeverity, looksAcrossFiles, type ActiveRule } from "./engine/rule.js";
import { FIX_PRODUCERS } from "./fix/producers.js";
import { compareFindings, positionOf, type Finding } from "./model/finding.js";
import type { Cell, Matrix } from "./model/matrix.js";
import { RACI, type RoleScheme } from "./model/scheme.js";
import { readMarkdown } from "./readers/markdown/reader.js";
import type { PartyAliases } from "./config/load.js";
import { applyDirectives, parseDirectives } from "./suppress/directives.js";
import type { SuppressedFinding } from "./formatters/report.js";
import { readStructured } from "./readers/structured.js";
import { RowActivity, type RowTable } from "./readers/markdown/rows.js";
import { IdTable } from "./model/ids.js";
import { notUtf8Finding, readTextFile } from "./readers/text-file.js";

/** The result of linting one file. */
export interface LintResult {
  /** The file's path as reported (relative to the working directory, `/`-separated). */
  path: string;
  findings: Finding[];
  /** Findings an inline directive (or, later, a baseline) suppressed; reported as such, never lost. */
  suppressed?: SuppressedFinding[];
  /** The file's text (BOM removed), when kept for formats that quote it (SARIF fixes). */
  source?: string | null;
  /** The matrix read from the file (null when it could not be read, or when not asked to keep it). */
  matrix: Matrix | null;
}

/** What a lint run needs to know: the rules to run, the role scheme and, when configured, party-role aliases. */
export interface LintSetup {
  rules: readonly ActiveRule[];
  scheme: RoleScheme;
  parties?: PartyAliases | null;
  /** Every rule id an inline directive may name (enabled or not); default: the ids of `rules`. */
  knownRules?: ReadonlySet<string>;
  /** Report inline directives that suppressed nothing (`--report-unused-disable-directives`). */
  reportUnusedDirectives?: boolean;
  /** Apply inline directives (default true; tests of the directives themselves turn it off). */
  inlineDirectives?: boolean;
}

/** The formats raci-lint reads, by file extension. */
export const MATRIX_EXTENSIONS: Record<string, Matrix["format"]> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
};

/** The format of a file name (Markdown when the extension is unknown, e.g. stdin without a name). */
export function formatOf(filename: string): Matrix["format"] {
  return MATRIX_EXTENSIONS[extname(filename).toLowerCase()] ?? "markdown";
}

/**
 * Reads a document of any supported format into a matrix. Never throws on bad text: what cannot be
 * read becomes the matrix' `problems`. (Arguments of the wrong type are a TypeError.)
 */
export function parseMatrix(text: string, filename: string, scheme: RoleScheme = RACI, parties: PartyAliases | null = null, format?: Matrix["format"]): Matrix {
  if (typeof text !== "string") throw new TypeError(`parseMatrix: text must be a string, not ${text === null ? "null" : typeof text}`);
  if (typeof filename !== "string") throw new TypeError("parseMatrix: filename must be a string (it picks the format and names the findings)");
  format ??= formatOf(filename);
  if (format === "markdown") return readMarkdown(filename, text, { scheme, parties });
  return readStructured(filename, text, format, { scheme, parties });
}

const MATRIX_SCOPES: Exclude<Scope, "corpus">[] = ["cell", "code", "activity", "party", "legend-entry", "matrix"];

/** A number for each party role, for memo keys. */
const ROLE_NUMBERS: Record<string, number> = { unknown: 0, customer: 1, provider: 2, "third-party": 3 };

/** A message template split at its `{{fact}}` placeholders: text, fact name, text, fact name, ..., text. */
const templateParts = new Map<string, string[]>();

/** Renders a message template with the subject's facts. */
function renderMessage(template: string, facts: Readonly<Record<string, unknown>>): string {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = template.split(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/u);
    templateParts.set(template, parts);
  }
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += factText(facts[parts[i]!]) + parts[i + 1]!;
  return text;
}

/** How a fact's value reads in a message. */
function factText(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Turns a hit into a finding. */
function toFinding(hit: Hit, scheme: RoleScheme): Finding {
  const { subject, active, check } = hit;
  const severity = effectiveSeverity(active, check);
  const span = (check.at && subject.anchor(check.at)) || subject.span;
  let party = subject.party;
  if (check.party === "customer") party = (subject.facts.customer as string | undefined) || party;
  const producer = check.fix ? FIX_PRODUCERS[check.fix] : undefined;
  const edit = producer && active.rule.fixable !== "none" ? producer.make(subject, scheme, active.options) : null;
  const fix = edit && active.rule.fixable === "safe" ? edit : null;
  const suggestions = edit && active.rule.fixable === "unsafe" ? [{ message: producer!.describe(subject, scheme, active.options), fix: edit }] : [];
  return {
    ruleId: active.rule.id,
    severity,
    message: renderMessage(check.message, subject.facts),
    file: subject.file,
    ...positionOf(span),
    section: subject.section,
    activity: subject.activity,
    party,
    fix,
    suggestions,
  };
}

/** The findings for problems met while reading a matrix. */
function readProblems(matrix: Matrix): Finding[] {
  return matrix.problems.map((p) => ({
    ruleId: p.ruleId,
    severity: "error" as const,
    message: p.message,
    file: matrix.file,
    ...positionOf(p.span),
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
  }));
}

/** Ids for what a table's columns are to the cell checks, for the clean-row memo. */
const cellLayoutIds = new IdTable();

/** Names what a table's columns are to the cell checks: each column's party role (and, with `names`, its name); `x` for a column not read. */
function cellLayout(table: RowTable, matrix: Matrix, shaping: "roles" | "names"): number {
  const parts = table.columns.map((p) => {
    if (p < 0) return "x";
    const party = matrix.parties[p]!;
    return shaping === "roles" ? `${ROLE_NUMBERS[party.role ?? "unknown"]}` : `${ROLE_NUMBERS[party.role ?? "unknown"]}\u0002${party.name}`;
  });
  return cellLayoutIds.of(`${shaping}\u0001${parts.join("\u0001")}`);
}

/**
 * What decides whether two files may be compared by corpus-scope checks: the same scheme, and the
 * same corpus-scope rules with the same options (severities may differ: each file keeps its own).
 */
function corpusKey(setup: LintSetup): string {
  const rules = setup.rules.filter((r) => looksAcrossFiles(r.rule)).map((r) => [r.rule.id, r.options]);
  return JSON.stringify([setup.scheme, rules]);
}

const runners = new WeakMap<readonly ActiveRule[], CheckRunner>();

/**
 * The check runner of a rule set, shared by every linter of that set: its memoised outcomes hold
 * for any file (they are keyed by everything the checks read), so a linter made per file (the
 * fixer's) does not start from nothing.
 */
function runnerFor(rules: readonly ActiveRule[]): CheckRunner {
  let runner = runners.get(rules);
  if (!runner) {
    runner = new CheckRunner(rules);
    runners.set(rules, runner);
  }
  return runner;
}

/**
 * Lints matrices one at a time, keeping only what corpus-scope checks need between them; the check
 * outcomes memoised for one file serve the next. `finish` adds corpus-scope findings.
 */
export class Linter {
  private readonly runner: CheckRunner;
  private readonly corpus: CorpusCollector | null;
  private readonly scopes: Set<Scope>;
  private readonly byFile = new Map<string, Finding[]>();
  /** Findings inline directives suppressed, by file. */
  readonly suppressed = new Map<string, SuppressedFinding[]>();
  private readonly knownRules: ReadonlySet<string>;

  /**
   * `corpora`: collections of matrices shared by linters of one run (by `corpusKey`), so that files
   * linted with different configurations are still compared by the corpus-scope checks they share.
   */
  constructor(
    private readonly setup: LintSetup,
    corpora?: Map<string, CorpusCollector>,
  ) {
    this.knownRules = setup.knownRules ?? new Set([...setup.rules.map((r) => r.rule.id), "parse-error", "schema-violation"]);
    this.runner = runnerFor(setup.rules);
    this.scopes = new Set(MATRIX_SCOPES.filter((s) => this.runner.has(s)));
    this.cellShaping = this.runner.cellShaping;
    if (this.cellShaping) {
      // Cells are visited through their activities, and their subjects made only for findings.
      this.scopes.delete("cell");
      this.scopes.delete("code");
      this.scopes.add("activity");
    }
    this.corpusRules = new Set(setup.rules.filter((r) => looksAcrossFiles(r.rule)).map((r) => r.rule.id));
    if (this.runner.has("corpus")) {
      const key = corpusKey(setup);
      let shared = corpora?.get(key);
      if (!shared) {
        shared = new CorpusCollector(setup.scheme);
        corpora?.set(key, shared);
      }
      this.corpus = shared;
    } else this.corpus = null;
  }

  /** Set when cell and code outcomes depend only on each cell's shape (see `CheckRunner.cellShaping`). */
  private readonly cellShaping: "roles" | "names" | null;

  /** Lints one matrix; returns its findings (sorted), which `finish` may still extend. */
  async lint(matrix: Matrix): Promise<Finding[]> {
    const findings = readProblems(matrix);
    const subjects = matrixSubjects(matrix, this.setup.scheme, this.scopes);
    const hits = this.cellShaping ? await this.cellHits(matrix, subjects.activity, this.cellShaping) : [];
    for (const hit of hits) findings.push(toFinding(hit, this.setup.scheme));
    for (const scope of MATRIX_SCOPES) {
      for (const hit of await this.runner.run(scope, subjects[scope])) findings.push(toFinding(hit, this.setup.scheme));
    }
    this.corpus?.add(matrix);
    findings.sort(compareFindings);
    const kept = this.applyDirectives(matrix, findings);
    this.byFile.set(matrix.file, kept);
    return kept;
  }

  /**
   * The cell- and code-scope hits of a matrix, cell by cell: the outcome for a cell is memoised
   * under its parse (`Cell.shape`) and its party's role (and name), so a cell like a thousand
   * others costs one lookup, and subjects are made only for cells with findings. Cells whose
   * outcome is not known yet are evaluated after a pass, and the pass is made again.
   */
  private async cellHits(matrix: Matrix, activities: readonly Subject[], shaping: "roles" | "names"): Promise<Hit[]> {
    for (;;) {
      const hits: Hit[] = [];
      const pending = this.cellPass(matrix, activities, shaping, hits);
      if (pending.size === 0) return hits;
      for (const [key, { owner, cell }] of pending) {
        const made = cellSubjects(owner, cell);
        await this.runner.evaluateCell(key, made.cell, made.codes);
      }
    }
  }

  /**
   * One pass of `cellHits`: pushes the hits of cells whose outcome is memoised; returns one cell for
   * each key without an outcome (a pass that returns none found every hit).
   */
  private cellPass(matrix: Matrix, activities: readonly Subject[], shaping: "roles" | "names", hits: Hit[]): Map<string | number, { owner: Subject; cell: Cell }> {
    const roles = matrix.parties.map((p) => ROLE_NUMBERS[p.role ?? "unknown"]!);
    const names = matrix.parties.map((p) => `\u0001${p.name}`);
    const pending = new Map<string | number, { owner: Subject; cell: Cell }>();
    let layoutOf: RowTable | null = null;
    let layout = -1;
    for (const owner of activities) {
      const activity = owner.activityRef!;
      // A table row whose cells read like those of a row already seen without findings is skipped
      // without placing its cells: the outcome of each cell is its shape's under its party's role
      // (and name), which the columns' parties and the rest's shapes determine.
      const rest = activity instanceof RowActivity ? activity.rest : null;
      if (rest) {
        const table = (activity as RowActivity).table;
        if (table !== layoutOf) {
          layoutOf = table;
          layout = cellLayout(table, matrix, shaping);
        }
        if (this.runner.rowClean(layout, rest.shapes)) continue;
      }
      const before = hits.length;
      let complete = true;
      const cells = activity.cells;
      for (const p of matrix.sections[activity.section]!.parties) {
        const cell = cells[p];
        if (!cell) continue;
        // Shapes are small integers: shape * 4 + role is a unique number.
        const key = shaping === "roles" ? cell.shape * 4 + roles[p]! : `${cell.shape * 4 + roles[p]!}${names[p]}`;
        const outcome = this.runner.cellOutcome(key);
        if (!outcome) {
          if (!pending.has(key)) pending.set(key, { owner, cell });
          complete = false;
          continue;
        }
        if (outcome.cell.length === 0 && outcome.codes.length === 0) continue;
        const made = cellSubjects(owner, cell);
        for (const index of outcome.cell) hits.push(this.runner.hit("cell", index, made.cell));
        for (let i = 0; i < outcome.codes.length; i += 2) hits.push(this.runner.hit("code", outcome.codes[i + 1]!, made.codes[outcome.codes[i]!]!));
      }
      if (rest && complete && hits.length === before) this.runner.markRowClean(layout, rest.shapes);
    }
    return pending;
  }

  /** Directives of files that have some, kept for the corpus-scope findings `finish` adds. */
  private readonly directives = new Map<string, ReturnType<typeof parseDirectives>>();

  /** Applies the file's inline `<!-- raci-lint-disable ... -->` directives (Markdown only). */
  private applyDirectives(matrix: Matrix, findings: Finding[]): Finding[] {
    if (this.setup.inlineDirectives === false || matrix.format !== "markdown" || !matrix.source.includes("raci-lint-")) return findings;
    const directives = parseDirectives(matrix.source);
    if (this.corpus) {
      this.directives.set(matrix.file, directives);
      this.unsuppressed.set(matrix.file, findings.slice());
    }
    const applied = applyDirectives(findings, directives, {
      knownRules: this.knownRules,
      reportUnused: this.setup.reportUnusedDirectives ?? false,
      file: matrix.file,
      // Corpus-scope findings come later (`finish`, which judges again), or never (fix mode).
      unjudged: this.corpusRules,
    });
    if (applied.suppressed.length) this.suppressed.set(matrix.file, applied.suppressed);
    return applied.findings;
  }

  /** The ids of the active corpus-scope rules. */
  private readonly corpusRules: ReadonlySet<string>;

  /** With corpus-scope checks: each file's findings before its directives applied (files with directives only). */
  private readonly unsuppressed = new Map<string, Finding[]>();

  /**
   * Runs corpus-scope checks over everything linted so far, adding their findings to each file's
   * list. A file's directives are applied again to all its findings together, so that a directive
   * that suppresses only a corpus-scope finding is not reported as unused.
   */
  async finish(): Promise<void> {
    if (!this.corpus) return;
    const added = new Map<string, Finding[]>();
    for (const hit of await this.runner.run("corpus", this.corpus.subjects())) {
      const finding = toFinding(hit, this.setup.scheme);
      if (!this.byFile.has(finding.file)) continue;
      const list = added.get(finding.file);
      if (list) list.push(finding);
      else added.set(finding.file, [finding]);
    }
    for (const [file, findings] of added) {
      if (this.directives.has(file)) continue;
      const list = this.byFile.get(file)!;
      list.push(...findings);
      list.sort(compareFindings);
    }
    for (const [file, directives] of this.directives) {
      const all = [...this.unsuppressed.get(file)!, ...(added.get(file) ?? [])].sort(compareFindings);
      const applied = applyDirectives(all, directives, { knownRules: this.knownRules, reportUnused: this.setup.reportUnusedDirectives ?? false, file });
      // The list handed out by `lint` is the file's result: it changes in place.
      const list = this.byFile.get(file)!;
      list.length = 0;
      list.push(...applied.findings);
      if (applied.suppressed.length) this.suppressed.set(file, applied.suppressed);
      else this.suppressed.delete(file);
    }
  }
}

/** Lints matrices together (corpus-scope checks look across them); findings by file, sorted. */
export async function lintMatrices(matrices: readonly Matrix[], setup: LintSetup): Promise<Map<string, Finding[]>> {
  const linter = new Linter(setup);
  const byFile = new Map<string, Finding[]>();
  for (const matrix of matrices) byFile.set(matrix.file, await linter.lint(matrix));
  await linter.finish();
  return byFile;
}

/** The rule id of a finding that says raci-lint itself failed on a file (the CLI then exits 2). */
export const INTERNAL_ERROR = "internal-error";

/** A finding for a file that could not be read at all. */
export function unreadableFinding(file: string, error: unknown): Finding {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return {
    ruleId: "parse-error",
    severity: "error",
    message: `Cannot read file: ${reason}`,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
  };
}

/**
 * Whether a YAML/JSON text is a matrix (has top-level `sections` or `parties`). Data files met while
 * walking a directory (package.json, site configs) are not matrices and are skipped; files named
 * explicitly are always linted.
 */
export function looksLikeMatrixData(text: string): boolean {
  return /(?:^|[{,\s])["']?(?:sections|parties)["']?\s*:/mu.test(text);
}

/** A file to lint: where to read it, how to name it, and whether the user named it explicitly. */
export interface LintInput {
  path: string;
  display: string;
  explicit?: boolean;
}

/**
 * Reads and lints files (paths already expanded), in the order given. `setup` is one setup for all
 * files, or a function giving each file's (files with the same setup object are linted together, so
 * corpus-scope checks look across them). Unreadable files get a finding; YAML/JSON files found in a
 * directory that are not matrices are left out. `keep` says what each result keeps of its file
 * beyond the findings: nothing (the default), its `source` text (formats that quote it), or the
 * whole `matrix` (and its source).
 */
export async function lintPaths(
  inputs: readonly LintInput[],
  setup: LintSetup | ((input: LintInput) => LintSetup),
  keep: "none" | "source" | "matrix" = "none",
): Promise<LintResult[]> {
  const setupOf = typeof setup === "function" ? setup : () => setup;
  const linters = new Map<LintSetup, Linter>();
  const corpora = new Map<string, CorpusCollector>();
  const results: LintResult[] = [];
  const linted: { result: LintResult; linter: Linter }[] = [];
  for (const input of inputs) {
    // Synchronous reads: for thousands of small files they cost a fraction of fs.promises' per-file overhead.
    let text: string | null = null;
    let notUtf8: number | null = null;
    let error: unknown = null;
    try {
      ({ text, notUtf8 } = readTextFile(input.path));
    } catch (e) {
      error = e;
    }
    if (text === null) {
      results.push({ path: input.display, findings: [unreadableFinding(input.display, error)], matrix: null });
      continue;
    }
    if (input.explicit === false && formatOf(input.path) !== "markdown" && !looksLikeMatrixData(text)) continue;
    const fileSetup = setupOf(input);
    let linter = linters.get(fileSetup);
    if (!linter) {
      linter = new Linter(fileSetup, corpora);
      linters.set(fileSetup, linter);
    }
    try {
      const matrix = parseMatrix(text, input.display, fileSetup.scheme, fileSetup.parties ?? null);
      const findings = await linter.lint(matrix);
      if (notUtf8 !== null) {
        findings.push(notUtf8Finding(input.display, text, notUtf8));
        findings.sort(compareFindings);
      }
      const result: LintResult = { path: input.display, findings, suppressed: [], matrix: keep === "matrix" ? matrix : null };
      if (keep !== "none") result.source = matrix.source;
      results.push(result);
      linted.push({ result, linter });
    } catch (error) {
      // A defect of ours on one strange file must not cost the user the rest of the run.
      results.push({ path: input.display, findings: [{ ...unreadableFinding(input.display, error), ruleId: INTERNAL_ERROR, message: `Cannot check this file: ${(error as Error).message}` }], matrix: null });
    }
  }
  for (const linter of linters.values()) await linter.finish();
  // Suppressed findings are known once corpus-scope findings (added by `finish`) went through directives too.
  for (const { result, linter } of linted) result.suppressed = linter.suppressed.get(result.path) ?? [];
  return results;
}
