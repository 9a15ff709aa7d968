/**
 * Baselines: a file of accepted findings (`raci-lint --baseline-write FILE`), so that a run with
 * `--baseline FILE` reports only new ones. Works for every format (YAML and JSON matrices cannot
 * hold comments).
 *
 * An entry is keyed by file, rule, section, activity, party and the finding's message with numbers
 * outside quotes (line references, counts) replaced by `#` — never by line — so moving rows or
 * adding unrelated activities keeps it matching. `count` says how many identical findings it
 * accepts. Entries that match nothing any more are "stale" and can be pruned.
 *
 * Everything here is pure except `readBaseline` and `writeBaseline`, which read and write one file.
 * Problems are returned as values with a position, never thrown.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { parseDocument } from "yaml";
import { compareFindings, type Finding } from "../model/finding.js";
import { LineIndex } from "../model/position.js";
import type { SuppressedFinding } from "../model/result.js";
import { ajvModule } from "../schema/ajv.js";
import { MAX_ALIAS_COUNT, validateDocument, yamlErrorMessage } from "../schema/validate.js";
import { jsonSyntaxError } from "../readers/json-syntax.js";

/** The baseline format version this module reads and writes. */
export const BASELINE_VERSION = 1;

/** Accepted findings of one kind in one place. */
export interface BaselineEntry {
  /** The file as reported (relative to the working directory, `/`-separated). */
  file: string;
  ruleId: string;
  section: string | null;
  activity: string | null;
  party: string | null;
  /** The message, normalised by `baselineMessage`. */
  message: string;
  /** How many such findings are accepted (at least 1). */
  count: number;
  /** Why they are accepted; empty until someone writes it. */
  reason: string;
}

/** A baseline file's content. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

/** A baseline file that could not be used, with where the problem is (1-based). */
export interface BaselineError {
  /** `not-found`: the file does not exist (`--baseline-write` then starts afresh); `invalid`: bad content. */
  kind: "not-found" | "unreadable" | "invalid" | "unwritable";
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The results of linting one file, as far as baselines care (`LintResult` fits). */
export interface BaselineInput {
  path: string;
  findings: Finding[];
  suppressed?: SuppressedFinding[];
}

/** What `applyBaseline` returns: each result with matched findings moved to `suppressed`, and entries that matched nothing. */
export interface BaselineOutcome<R extends BaselineInput> {
  results: (R & { suppressed: SuppressedFinding[] })[];
  /** Entries (of linted files only) not fully used, with `count` set to the unused part. */
  stale: BaselineEntry[];
}

/**
 * A finding's message as a baseline stores it: numbers outside double quotes (line and column
 * references, counts such as "12 listed") and the row of a spreadsheet cell named in it (`(B8)`,
 * `at B81`, `Build!B7`) become `#`; quoted text (activities, codes) is kept, and so are names such
 * as `S3` elsewhere.
 */
export function baselineMessage(message: string): string {
  return message.replace(/("[^"]*")|((?:!|\(|\bat |\brepeats )[A-Z]{1,3})\d+\b|\b\d+\b/gu, (match, quoted: string | undefined, cell: string | undefined) => quoted ?? (cell ?? "") + "#");
}

/** The matching key of an entry or finding. */
function keyOf(entry: Pick<BaselineEntry, "file" | "ruleId" | "section" | "activity" | "party" | "message">): string {
  return JSON.stringify([entry.file, entry.ruleId, entry.section, entry.activity, entry.party, entry.message]);
}

/** The entry a finding would have (count 1, no reason). */
function entryOf(finding: Finding): BaselineEntry {
  return {
    file: finding.file,
    ruleId: finding.ruleId,
    section: finding.section,
    activity: finding.activity,
    party: finding.party,
    message: baselineMessage(finding.message),
    count: 1,
    reason: "",
  };
}

/** Orders nulls first, then strings by UTF-16 code units (never locale-dependent). */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Sorts entries by file, rule id, section, activity, party and message. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    compareNullable(a.file, b.file) ||
    compareNullable(a.ruleId, b.ruleId) ||
    compareNullable(a.section, b.section) ||
    compareNullable(a.activity, b.activity) ||
    compareNullable(a.party, b.party) ||
    compareNullable(a.message, b.message)
  );
}

/** A baseline with its entries sorted and each entry's fields in the file's order. */
function normalised(entries: readonly BaselineEntry[]): Baseline {
  const sorted = entries.map((e) => ({
    file: e.file,
    ruleId: e.ruleId,
    section: e.section,
    activity: e.activity,
    party: e.party,
    message: e.message,
    count: e.count,
    reason: e.reason,
  }));
  return { version: BASELINE_VERSION, entries: sorted.sort(compareEntries) };
}

/**
 * The baseline accepting every current finding of `results`. Reasons are kept from `previous` for
 * entries that still occur; `previous` entries of files not among `results` are kept as they are
 * (a run over some files does not forget the others).
 */
export function baselineFromFindings(results: readonly BaselineInput[], previous?: Baseline, unjudged: ReadonlySet<string> = new Set()): Baseline {
  const linted = new Set(results.map((r) => r.path));
  const reasons = new Map<string, string>();
  const entries = new Map<string, BaselineEntry>();
  for (const entry of previous?.entries ?? []) {
    // Entries of files not linted, or of rules that did not run (see `applyBaseline`), are kept as they are.
    if (linted.has(entry.file) && !unjudged.has(entry.ruleId)) reasons.set(keyOf(entry), entry.reason);
    else entries.set(keyOf(entry), { ...entry });
  }
  for (const result of results) {
    for (const finding of result.findings) {
      const entry = entryOf(finding);
      const key = keyOf(entry);
      const existing = entries.get(key);
      if (existing) existing.count++;
      else entries.set(key, { ...entry, reason: reasons.get(key) ?? "" });
    }
  }
  return normalised([...entries.values()]);
}

/**
 * Moves the findings a baseline accepts to each result's `suppressed` list (kind `external`,
 * justification the entry's reason, or null when empty), and lists the entries of linted files
 * that matched fewer findings than their count. Entries of files not in `results` are left alone,
 * and so are entries of the rules in `unjudged` (checks that did not run, such as corpus-scope ones
 * in fix mode).
 */
export function applyBaseline<R extends BaselineInput>(results: readonly R[], baseline: Baseline, unjudged: ReadonlySet<string> = new Set()): BaselineOutcome<R> {
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of baseline.entries) remaining.set(keyOf(entry), { entry, left: entry.count });

  const out = results.map((result) => {
    const findings: Finding[] = [];
    const suppressed: SuppressedFinding[] = [...(result.suppressed ?? [])];
    for (const finding of result.findings) {
      const budget = remaining.get(keyOf(entryOf(finding)));
      if (!budget || budget.left === 0) {
        findings.push(finding);
        continue;
      }
      budget.left--;
      suppressed.push({ ...finding, suppression: { kind: "external", justification: budget.entry.reason === "" ? null : budget.entry.reason } });
    }
    suppressed.sort(compareFindings);
    return { ...result, findings, suppressed };
  });

  const linted = new Set(results.map((r) => r.path));
  const stale: BaselineEntry[] = [];
  for (const { entry, left } of remaining.values()) {
    if (left > 0 && linted.has(entry.file) && !unjudged.has(entry.ruleId)) stale.push({ ...entry, count: left });
  }
  return { results: out, stale: normalised(stale).entries };
}

/** The baseline without the stale part of its entries (counts reduced, emptied entries dropped); reasons are kept. */
export function pruneBaseline(baseline: Baseline, stale: readonly BaselineEntry[]): Baseline {
  const unused = new Map<string, number>();
  for (const entry of stale) unused.set(keyOf(entry), (unused.get(keyOf(entry)) ?? 0) + entry.count);
  const kept: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    const count = entry.count - (unused.get(keyOf(entry)) ?? 0);
    if (count > 0) kept.push({ ...entry, count });
  }
  return normalised(kept);
}

/** The baseline as file text: sorted entries, 2-space JSON, a trailing newline. */
export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(normalised(baseline.entries), null, 2)}\n`;
}

let validator: ValidateFunction | null = null;

/** The baseline schema's validator, compiled on first use (only runs that use a baseline pay for it). */
function baselineValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(new URL("../../schemas/baseline.schema.json", import.meta.url), "utf8")) as object;
    validator = new (ajvModule().Ajv)({ allErrors: true, allowUnionTypes: true }).compile(schema);
  }
  return validator;
}

/**
 * Reads baseline text (JSON; being YAML-parsed, a YAML baseline is read too). `file` names it in
 * errors. Returns the first problem by position: syntax, schema, or two entries with the same key.
 */
export function parseBaseline(text: string, file: string): { baseline: Baseline } | { error: BaselineError } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const errorAt = (offset: number, message: string): { error: BaselineError } => {
    const point = lines.point(offset);
    return { error: { kind: "invalid", file, line: point.line, column: point.column, message } };
  };
  // A .json baseline is JSON: its syntax errors get JSON's words, not YAML's.
  const json = /\.json$/iu.test(file) && source.trim() !== "" ? jsonSyntaxError(source) : null;
  if (json) return errorAt(json.offset, `invalid JSON: ${json.message}`);
  const doc = parseDocument(source, { prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) return errorAt(syntax.pos[0], yamlErrorMessage(syntax));
  if (doc.contents === null) return errorAt(0, "the baseline is empty: expected an object with version and entries");
  const schemaErrors = validateDocument(doc, baselineValidator());
  if (schemaErrors.length > 0) {
    const first = schemaErrors.reduce((a, b) => (b.start < a.start ? b : a));
    return errorAt(first.start, first.message);
  }

  const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Baseline;
  const seen = new Map<string, number>();
  const entries: BaselineEntry[] = [];
  for (const [index, raw] of data.entries.entries()) {
    const entry = { ...raw, message: baselineMessage(raw.message) };
    const key = keyOf(entry);
    const first = seen.get(key);
    if (first !== undefined) {
      const node = doc.getIn(["entries", index], true) as { range?: [number, number, number] } | undefined;
      return errorAt(node?.range?.[0] ?? 0, `entries/${index} repeats entries/${first} (same file, ruleId, section, activity, party and message): keep one and add up their counts`);
    }
    seen.set(key, index);
    entries.push(entry);
  }
  return { baseline: normalised(entries) };
}

/** Reads and checks a baseline file. A missing or unreadable file is an error too (at 1:1). */
export function readBaseline(path: string): { baseline: Baseline } | { error: BaselineError } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { error: { kind: reason === "ENOENT" ? "not-found" : "unreadable", file: path, line: 1, column: 1, message: `Cannot read baseline: ${reason}` } };
  }
  return parseBaseline(text, path);
}

/** Writes a baseline file (deterministic: see `formatBaseline`); returns the problem when it cannot. */
export function writeBaseline(path: string, baseline: Baseline): BaselineError | null {
  try {
    writeFileSync(path, formatBaseline(baseline));
    return null;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { kind: "unwritable", file: path, line: 1, column: 1, message: `Cannot write baseline: ${reason}` };
  }
}

/** An error as `file:line:column: message`, for the CLI to print before exiting with 2. */
export function formatBaselineError(error: BaselineError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}
