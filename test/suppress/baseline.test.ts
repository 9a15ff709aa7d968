/** Baselines: accepted findings keyed by place in the matrix (not line), applied, pruned, read and written. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintText } from "../../src/index.js";
import type { Finding } from "../../src/model/finding.js";
import { applyBaseline, baselineFromFindings, baselineMessage, formatBaseline, parseBaseline, pruneBaseline, readBaseline, writeBaseline, type Baseline } from "../../src/suppress/baseline.js";
import { REPO, SEED } from "../helpers.js";

const SEED_PATH = "matrices/cloud-temple-s3.md";
const seed = readFileSync(SEED, "utf8");
const temp = mkdtempSync(join(tmpdir(), "raci-lint-baseline-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Lints a text as the seed's path. */
async function lint(text: string, path = SEED_PATH) {
  return lintText(text, { filename: path });
}

/** A finding reduced to rule, place and activity. */
const brief = (f: Finding) => `${f.ruleId} ${f.line}:${f.column} ${f.activity ?? "-"}`;

/** Cuts the section starting at `heading` (up to the next `## `) out of a Markdown text and appends it at the end. */
function moveSectionToEnd(text: string, heading: string): string {
  const start = text.indexOf(heading);
  const next = text.indexOf("\n## ", start + heading.length);
  const section = text.slice(start, next === -1 ? text.length : next + 1);
  return `${text.slice(0, start)}${text.slice(start + section.length)}\n\n${section.trimEnd()}\n`;
}

/** Inserts `row` as the first body row of the table under `heading`. */
function insertRow(text: string, heading: string, row: string): string {
  const at = text.indexOf("|---", text.indexOf(heading));
  const lineEnd = text.indexOf("\n", at) + 1;
  return text.slice(0, lineEnd) + row + "\n" + text.slice(lineEnd);
}

describe("baselineFromFindings", () => {
  it("records the seed's findings by rule, file, section, activity, party and normalised message", async () => {
    const result = await lint(seed);
    const baseline = baselineFromFindings([result]);
    expect(baseline.version).toBe(1);
    expect(baseline.entries.map((e) => `${e.ruleId} | ${e.section ?? "-"} | ${e.activity ?? "-"} | ${e.party ?? "-"} | ${e.count}`)).toEqual([
      "code-order | Business Continuity | Ensure the continuity of the S3 object storage service | Cloud Temple | 1",
      "code-order | Encryption Management | Manage data encryption before deployment on the S3 Object Storage service | Client | 1",
      "customer-involved | Recurring Operations | Preserve and provide the logs of the S3 Object Storage platform | Client | 1",
      "customer-involved | Reversibility | Destroy storage media at end of life or in error | Client | 1",
      "legend-consistent | - | - | - | 1",
      "no-duplicate-activity | Recurring Operations | Ensure the operational maintenance of the S3 Object Storage platform | - | 1",
      "no-duplicate-activity | Recurring Operations | Ensure the security maintenance of the S3 Object Storage platform | - | 1",
    ]);
    expect(baseline.entries.every((e) => e.file === SEED_PATH && e.reason === "")).toBe(true);
    expect(baseline.entries[5]!.message).toBe('Activity "Ensure the operational maintenance of the S3 Object Storage platform" repeats line # (section "Implement the service") with the same codes.');
  });

  it("normalises line numbers and counts outside quotes, and keeps quoted text", () => {
    expect(baselineMessage('Activity "Backup 3 times" is listed twice in section "Q2" (first at line 12).')).toBe('Activity "Backup 3 times" is listed twice in section "Q2" (first at line #).');
    expect(baselineMessage('Party "Client" is neither ... (12 listed).')).toBe('Party "Client" is neither ... (# listed).');
    expect(baselineMessage("Codes used in S3 and IPv4")).toBe("Codes used in S3 and IPv4");
    // A spreadsheet cell's row moves as rows are added: its column is kept.
    expect(baselineMessage('Activity "Plan" is listed more than once (first at B2). (B14)')).toBe('Activity "Plan" is listed more than once (first at B#). (B#)');
    expect(baselineMessage('Activity "Plan" repeats Build!C81 (section "Run") with the same codes.')).toBe('Activity "Plan" repeats Build!C# (section "Run") with the same codes.');
  });

  it("counts identical findings and keeps two findings of one rule on one activity apart by message", async () => {
    const text = "| Activity | Client | Provider |\n|---|---|---|\n| Run | RAXY | A |\n| Run | RAXY | A |\n";
    const baseline = baselineFromFindings([await lint(text, "dup.md")]);
    expect(baseline.entries.filter((e) => e.ruleId === "valid-codes").map((e) => `${e.activity} ${e.party} ${e.count} ${e.message}`)).toEqual([
      'Run Client 2 "X" is not a code of the RACI scheme (RACI).',
      'Run Client 2 "Y" is not a code of the RACI scheme (RACI).',
    ]);
  });

  it("keeps reasons from the previous baseline, and its entries for files not linted", async () => {
    const first = baselineFromFindings([await lint(seed)]);
    const withReasons: Baseline = {
      version: 1,
      entries: [
        ...first.entries.map((e) => (e.ruleId === "legend-consistent" ? { ...e, reason: "The provider's published legend: P for Performs." } : e)),
        { file: "other.md", ruleId: "code-order", section: "S", activity: "A", party: "Client", message: "m", count: 1, reason: "elsewhere" },
      ],
    };
    const rewritten = baselineFromFindings([await lint(seed)], withReasons);
    expect(rewritten.entries.find((e) => e.ruleId === "legend-consistent")!.reason).toBe("The provider's published legend: P for Performs.");
    expect(rewritten.entries.at(-1)).toMatchObject({ file: "other.md", reason: "elsewhere" });
    expect(rewritten.entries).toHaveLength(first.entries.length + 1);
  });
});

describe("applyBaseline", () => {
  it("leaves exactly the new defect after lines move, sections move and unrelated activities are added", async () => {
    const baseline = baselineFromFindings([await lint(seed)]);

    let edited = seed.replace("---\n\nHere is", "---\n\n\n\nA paragraph added above everything.\n\n\nHere is");
    edited = insertRow(edited, "## Implement the service", "| Rotate the access keys of the platform | __I__ | __RA__ |");
    edited = moveSectionToEnd(edited, "## Encryption Management");
    edited = insertRow(edited, "## Define your need", "| Archive the objects | __AR__ | __I__ |");
    const result = await lint(edited);
    expect(result.findings.map(brief)).not.toEqual((await lint(seed)).findings.map(brief));

    const { results, stale } = applyBaseline([result], baseline);
    expect(results[0]!.findings.map(brief)).toEqual(["code-order 27:25 Archive the objects"]);
    expect(results[0]!.suppressed).toHaveLength(7);
    expect(results[0]!.suppressed.every((f) => f.suppression.kind === "external" && f.suppression.justification === null)).toBe(true);
    expect(stale).toEqual([]);
  });

  it("reports a new finding with the key of an accepted one once the accepted count is used up", async () => {
    const baseline = baselineFromFindings([await lint(seed)]);
    const repeated = insertRow(seed, "## Reversibility", "| Destroy storage media at end of life or in error |  | __RA__ |");
    const { results } = applyBaseline([await lint(repeated)], baseline);
    expect(results[0]!.findings.map((f) => `${f.ruleId} ${f.activity}`)).toEqual([
      "no-duplicate-activity Destroy storage media at end of life or in error",
      "customer-involved Destroy storage media at end of life or in error",
    ]);
  });

  it("uses the entry's reason as the justification and keeps earlier suppressions", async () => {
    const result = await lint(seed);
    const baseline = baselineFromFindings([result]);
    baseline.entries = baseline.entries.map((e) => ({ ...e, reason: e.ruleId === "code-order" ? "House style differs" : "" }));
    const earlier = { ...result.findings[0]!, suppression: { kind: "inSource" as const, justification: "x" } };
    const { results } = applyBaseline([{ ...result, suppressed: [earlier] }], baseline);
    expect(results[0]!.findings).toEqual([]);
    expect(results[0]!.suppressed).toHaveLength(8);
    expect(results[0]!.suppressed.filter((f) => f.ruleId === "code-order").map((f) => f.suppression.justification)).toEqual(["House style differs", "House style differs"]);
    expect(results[0]!.matrix).toBe(result.matrix);
  });

  it("lists entries that match nothing as stale (only for linted files), and prunes them keeping reasons", async () => {
    const baseline = baselineFromFindings([await lint(seed)]);
    baseline.entries = baseline.entries.map((e) => ({ ...e, reason: `why ${e.ruleId}` }));
    baseline.entries.push({ file: "not-linted.md", ruleId: "code-order", section: null, activity: null, party: null, message: "m", count: 1, reason: "" });
    const fixed = seed.replace("| __AR__      |                   |", "| __RA__      |                   |");
    const { results, stale } = applyBaseline([await lint(fixed)], baseline);
    expect(results[0]!.findings).toEqual([]);
    expect(stale.map((e) => `${e.ruleId} ${e.activity} ${e.count}`)).toEqual(["code-order Manage data encryption before deployment on the S3 Object Storage service 1"]);

    const pruned = pruneBaseline(baseline, stale);
    expect(pruned.entries).toHaveLength(baseline.entries.length - 1);
    expect(pruned.entries.some((e) => e.activity === "Manage data encryption before deployment on the S3 Object Storage service")).toBe(false);
    expect(pruned.entries.every((e) => e.file === "not-linted.md" || e.reason === `why ${e.ruleId}`)).toBe(true);
  });

  it("reduces a partly used count when pruning", () => {
    const entry = { file: "a.md", ruleId: "valid-codes", section: null, activity: "Run", party: "Client", message: "m", count: 3, reason: "r" };
    const pruned = pruneBaseline({ version: 1, entries: [entry] }, [{ ...entry, count: 2 }]);
    expect(pruned.entries).toEqual([{ ...entry, count: 1 }]);
  });

  it("works for YAML and JSON matrices, which cannot hold comments", async () => {
    for (const path of ["matrices/cloud-temple-s3.yaml", "matrices/cloud-temple-s3.json"]) {
      const result = await lint(readFileSync(join(REPO, path), "utf8"), path);
      expect(result.findings.length).toBeGreaterThan(0);
      const { results, stale } = applyBaseline([result], baselineFromFindings([result]));
      expect(results[0]!.findings).toEqual([]);
      expect(stale).toEqual([]);
    }
  });
});

describe("baseline files", () => {
  it("writes sorted entries as 2-space JSON with a trailing newline, the same whatever the input order", async () => {
    const result = await lint(seed);
    const text = formatBaseline(baselineFromFindings([result]));
    const shuffled = formatBaseline(baselineFromFindings([{ ...result, findings: [...result.findings].reverse() }]));
    expect(shuffled).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n").slice(0, 4)).toEqual(["{", '  "version": 1,', '  "entries": [', "    {"]);
    expect(Object.keys(JSON.parse(text).entries[0])).toEqual(["file", "ruleId", "section", "activity", "party", "message", "count", "reason"]);
  });

  it("round-trips through writeBaseline and readBaseline byte for byte", async () => {
    const path = join(temp, "raci-lint-baseline.json");
    const baseline = baselineFromFindings([await lint(seed)]);
    expect(writeBaseline(path, baseline)).toBeNull();
    const read = readBaseline(path);
    expect(read).toEqual({ baseline });
    writeBaseline(path, (read as { baseline: Baseline }).baseline);
    expect(readFileSync(path, "utf8")).toBe(formatBaseline(baseline));
  });

  /** Parses a baseline text and returns its error as `line:column message`. */
  const errorOf = (text: string) => {
    const read = parseBaseline(text, "b.json");
    if (!("error" in read)) throw new Error("expected an error");
    expect(read.error.file).toBe("b.json");
    expect(read.error.kind).toBe("invalid");
    return `${read.error.line}:${read.error.column} ${read.error.message}`;
  };
  const entry = '{ "file": "a.md", "ruleId": "code-order", "section": null, "activity": "Run", "party": "Client", "message": "m", "count": 1, "reason": "" }';

  it("reports a syntax error at its position", () => {
    expect(errorOf('{\n  "version": 1,\n  "entries": [\n    { "file": "a.md" "ruleId": "x" }\n  ]\n}\n')).toMatch(/^4:\d+ /);
    expect(errorOf("")).toBe("1:1 the baseline is empty: expected an object with version and entries");
    expect(errorOf('{ "version": 1, "version": 1, "entries": [] }')).toMatch(/^1:17 .*unique/i);
    expect(errorOf('{ "version": 1, "entries": [ }')).toBe("1:30 invalid JSON: Unexpected token '}'");
  });

  it("reports schema violations at the offending node", () => {
    expect(errorOf(`{\n  "version": 1,\n  "entries": [\n    ${entry.replace('"count": 1', '"count": 0')}\n  ]\n}\n`)).toBe("4:127 /entries/0/count: must be >= 1");
    expect(errorOf(`{\n  "version": 1,\n  "entries": [\n    ${entry.replace(', "reason": ""', "")}\n  ]\n}\n`)).toBe('4:5 /entries/0: missing required property "reason"');
    expect(errorOf(`{\n  "version": 2,\n  "entries": []\n}\n`)).toBe("2:14 /version: must be 1");
    expect(errorOf(`{\n  "version": 1,\n  "entries": [],\n  "extra": true\n}\n`)).toBe('4:3 document: unknown property "extra"');
  });

  it("reports two entries with the same key at the second", () => {
    expect(errorOf(`{\n  "version": 1,\n  "entries": [\n    ${entry},\n    ${entry}\n  ]\n}\n`)).toBe(
      "5:5 entries/1 repeats entries/0 (same file, ruleId, section, activity, party and message): keep one and add up their counts",
    );
  });

  it("tells a missing file from an unusable one", () => {
    const missing = readBaseline(join(temp, "missing.json"));
    expect(missing).toMatchObject({ error: { kind: "not-found", line: 1, column: 1, message: "Cannot read baseline: ENOENT" } });
    const bad = join(temp, "bad.json");
    writeFileSync(bad, "[]\n");
    expect(readBaseline(bad)).toMatchObject({ error: { kind: "invalid", file: bad, line: 1, column: 1 } });
  });
});
