/**
 * The `sarif` format: SARIF 2.1.0 (OASIS, errata 01) as GitHub code scanning reads it. One run;
 * `tool.driver.rules` lists every rule that ran (with help from its docs page), then the read-problem
 * pseudo-rules and any other rule id that has results. Each result has one physical location relative
 * to `%SRCROOT%`, UTF-16 columns (`run.columnKind`), a `raciLint/v1` partial fingerprint, the finding's
 * fixes (when the file's text is in the report) and, for suppressed findings, its suppression.
 *
 * Fingerprint recipe (`raciLint/v1`): sha256 hex of rule id, file path, section, activity, party and
 * the message with every run of digits replaced by `0` and whitespace collapsed (messages quote line
 * numbers and counts that change when unrelated rows move), joined by NUL; then `:n`, the 1-based
 * occurrence of that hash in the file, so two findings that agree on all of it stay distinct.
 * Severity is left out, so changing a rule's severity keeps its alerts.
 *
 * Output is deterministic: no timestamps, no absolute paths unless `context.cwd` is given, results in
 * report order, 2-space JSON, trailing newline.
 */
import { FINDINGS_PER_CHUNK, joinChunks, nestedJson, type Formatter } from "./formatter.js";
import { createHash } from "node:crypto";
import type { RuleDefinition } from "../model/rule.js";
import { compareFindings, type Finding, type Severity, type TextEdit } from "../model/finding.js";
import { LineIndex } from "../model/position.js";
import { directoryUri, READ_PROBLEM_RULES, type FormatContext } from "./context.js";
import type { FileReport, Report, SuppressedFinding } from "../model/result.js";
import { ruleHelp } from "./rule-help.js";

/** The `$schema` of the logs written (the schema the OASIS standard publishes). */
export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** The `partialFingerprints` key; bump its version when the recipe changes. */
export const FINGERPRINT_KEY = "raciLint/v1";

/** The base id artifact URIs are relative to. */
export const SRCROOT = "%SRCROOT%";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** A text region: 1-based lines, 1-based UTF-16 columns, `endColumn` exclusive. */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Where an artifact is: a URI reference relative to `%SRCROOT%`, or an absolute `file:` URI. */
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** `code-order` -> `CodeOrder` (SARIF `reportingDescriptor.name`). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/u)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

/** The artifact location of a report path (`/`-separated, relative to the working directory). */
export function artifactLocation(path: string): SarifArtifactLocation {
  const drive = /^[A-Za-z]:\//u.exec(path);
  const segments = path.split("/").map((segment, i) => (i === 0 && drive ? segment : encodeURIComponent(segment)));
  if (path.startsWith("/") || drive) return { uri: `file://${drive ? "/" : ""}${segments.join("/")}` };
  return { uri: segments.join("/"), uriBaseId: SRCROOT };
}

/** A finding's region, made valid where a finding's own is not (zero-width stays zero-width). */
export function regionOf(f: Pick<Finding, "line" | "column" | "endLine" | "endColumn">): SarifRegion {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(startLine, f.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/** What identifies a finding across edits elsewhere in the file: see the module doc. */
export function fingerprintKey(f: Pick<Finding, "ruleId" | "file" | "section" | "activity" | "party" | "message">): string {
  const message = f.message.replace(/\d+/gu, "0").replace(/\s+/gu, " ").trim();
  return [f.ruleId, f.file, f.section ?? "", f.activity ?? "", f.party ?? "", message].join("\0");
}

/** The `raciLint/v1` fingerprints of findings in order: hash of the key, then `:n` for its n-th occurrence. */
export function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => nextFingerprint(f, seen));
}

/** The fingerprint of the next finding of a file, `seen` counting each hash's occurrences so far. */
function nextFingerprint(f: Finding, seen: Map<string, number>): string {
  const hash = createHash("sha256").update(fingerprintKey(f)).digest("hex");
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return `${hash}:${n}`;
}

/** A rule as SARIF describes it. */
function descriptor(rule: RuleDefinition, context: FormatContext) {
  const help = ruleHelp(rule);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: help.fullDescription },
    help: { text: help.text, markdown: help.markdown },
    helpUri: rule.docs ?? context.informationUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [...new Set(rule.tags)] },
  };
}

/** A rule id the context does not list (a finding from elsewhere): described by its id. */
function unknownRule(ruleId: string, severity: Severity): RuleDefinition {
  return { id: ruleId, description: ruleId, severity, fixable: "none", recommended: true, tags: [], docs: null, options: null, checks: [], source: "", builtIn: false };
}

/** `Replace "__AR__" with "__RA__"`, for a safe fix, which carries no message of its own. */
function editDescription(edit: TextEdit, source: string): string {
  const old = source.slice(edit.range[0], edit.range[1]);
  if (old === "") return `Insert "${edit.text}"`;
  if (edit.text === "") return `Delete "${old}"`;
  return `Replace "${old}" with "${edit.text}"`;
}

/** A SARIF fix for one edit, or null when the edit's range is outside the text. */
function sarifFix(description: string, edit: TextEdit, location: SarifArtifactLocation, lines: LineIndex) {
  const [start, end] = edit.range;
  if (!(start >= 0 && start <= end && end <= lines.text.length)) return null;
  const from = lines.point(start);
  const to = lines.point(end);
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: [
          {
            deletedRegion: { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column },
            insertedContent: { text: edit.text },
          },
        ],
      },
    ],
  };
}

/** The rules `tool.driver.rules` lists: the context's, then read problems and other rule ids that have results, by id. */
function driverRules(context: FormatContext, report: Report): RuleDefinition[] {
  const rules = new Map<string, RuleDefinition>();
  for (const rule of context.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const extra = new Map<string, RuleDefinition>();
  // In result order: an unknown rule is described with the severity of its first result.
  for (const file of report.files) {
    for (const f of entriesOf(file)) {
      if (!rules.has(f.ruleId) && !extra.has(f.ruleId)) extra.set(f.ruleId, READ_PROBLEM_RULES.get(f.ruleId) ?? unknownRule(f.ruleId, f.severity));
    }
  }
  for (const id of [...extra.keys()].sort()) rules.set(id, extra.get(id)!);
  return [...rules.values()];
}

/**
 * A spreadsheet finding's cell as a logical location (`Matrix!B7`, kind `element`): a workbook's
 * region is a row and a column number, which no viewer can show as text.
 */
function cellLocation(f: Finding): { logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] } {
  if (f.cell === undefined) return {};
  const name = f.sheet === undefined ? f.cell : `${f.sheet}!${f.cell}`;
  return { logicalLocations: [{ name: f.cell, fullyQualifiedName: name, kind: "element" }] };
}

/** A file's results in order: suppressed findings are results too; sorting them in keeps occurrence numbers stable when one is suppressed. */
function entriesOf(file: FileReport): (Finding | SuppressedFinding)[] {
  return [...file.findings, ...(file.suppressed ?? [])].sort(compareFindings);
}

/** What closes `results` and the log, after the last result. */
const LOG_END = "\n      ]\n    }\n  ]\n}\n";

/** Formats a report as a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. */
export function formatSarif(report: Report, context: FormatContext): string {
  return joinChunks(streamSarif(report, context));
}

/**
 * The SARIF log in pieces: the run's head (tool, rules), then each file's results (a file with many
 * in several pieces), laid out exactly as `JSON.stringify(log, null, 2)` would (results sit 8 spaces deep).
 */
export function* streamSarif(report: Report, context: FormatContext): Generator<string> {
  const rules = driverRules(context, report);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const description = { text: "The directory raci-lint ran in; report paths are relative to it." };
  const srcroot = context.cwd === undefined ? { description } : { uri: directoryUri(context.cwd), description };
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "raci-lint",
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: context.informationUri,
            rules: rules.map((r) => descriptor(r, context)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: srcroot },
        columnKind: "utf16CodeUnits",
        results: [],
      },
    ],
  };
  // The log without results ends `"results": []` and the closing of the run, `runs` and the log.
  const empty = JSON.stringify(log, null, 2);
  const head = empty.slice(0, empty.length - "[]\n    }\n  ]\n}".length);
  let out = `${head}[`;
  let count = 0;
  for (const file of report.files) {
    const entries = entriesOf(file);
    if (entries.length === 0) continue;
    // Fingerprints made one by one, as `fingerprints` makes them (a list of millions would be held whole).
    const seen = new Map<string, number>();
    const location = artifactLocation(file.path);
    const lines = file.source === undefined ? null : new LineIndex(file.source);
    for (let i = 0; i < entries.length; i++) {
      const f: Finding | SuppressedFinding = entries[i]!;
      const fixes = lines
        ? [...(f.fix ? [sarifFix(editDescription(f.fix, lines.text), f.fix, location, lines)] : []), ...f.suggestions.map((s) => (s.fix ? sarifFix(s.message, s.fix, location, lines) : null))].filter(
            (x) => x !== null,
          )
        : [];
      const suppression = "suppression" in f ? f.suppression : null;
      const result = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId)!,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: regionOf(f) }, ...cellLocation(f) }],
        partialFingerprints: { [FINGERPRINT_KEY]: nextFingerprint(f, seen) },
        ...(fixes.length > 0 ? { fixes } : {}),
        ...(suppression ? { suppressions: [suppression.justification === null ? { kind: suppression.kind } : { kind: suppression.kind, justification: suppression.justification }] } : {}),
      };
      out += `${count++ === 0 ? "" : ","}\n        ${nestedJson(result, 8)}`;
      if (count % FINDINGS_PER_CHUNK === 0) {
        yield out;
        out = "";
      }
    }
  }
  yield count === 0 ? `${out}]\n    }\n  ]\n}\n` : `${out}${LOG_END}`;
}

/** The `sarif` format. */
export const formatter: Formatter = {
  description: "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers",
  needs: "source",
  format: formatSarif,
  stream: streamSarif,
};
