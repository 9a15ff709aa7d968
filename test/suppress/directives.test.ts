/** Inline directives: `<!-- raci-lint-disable... -->` comments in Markdown matrices. */
import { describe, expect, it } from "vitest";
import { builtInRules } from "../../src/engine/load-rules.js";
import { lintText } from "../../src/index.js";
import type { Finding } from "../../src/model/finding.js";
import { applyDirectives, parseDirectives, type ApplyDirectivesOptions } from "../../src/suppress/directives.js";

const KNOWN = new Set([...builtInRules().rules.map((r) => r.id), "parse-error", "schema-violation"]);
const OPTIONS: ApplyDirectivesOptions = { knownRules: KNOWN, reportUnused: false, file: "raci.md" };

/** Lints a Markdown text and applies its directives. */
async function lintWithDirectives(markdown: string, options: Partial<ApplyDirectivesOptions> = {}) {
  const { findings } = await lintText(markdown, { filename: "raci.md", inlineDirectives: false });
  return applyDirectives(findings, parseDirectives(markdown), { ...OPTIONS, ...options });
}

/** A finding reduced to rule, place and (for suppressed ones) the justification. */
const brief = (f: Finding & { suppression?: { justification: string | null } }) => `${f.ruleId} ${f.line}:${f.column}` + (f.suppression ? ` (${f.suppression.justification ?? "no reason"})` : "");

/** A bare finding at a line, for semantics that do not need a real matrix. */
function finding(ruleId: string, line: number, column = 1): Finding {
  return {
    ruleId,
    severity: "error",
    message: `${ruleId} here`,
    file: "raci.md",
    line,
    column,
    endLine: line,
    endColumn: column,
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
  };
}

describe("parseDirectives", () => {
  it("reads kind, rules (space or comma separated), reason and positions", () => {
    const directives = parseDirectives("Intro\n\n<!-- raci-lint-disable-next-line code-order, customer-involved -- provider-only task -->\n");
    expect(directives).toHaveLength(1);
    expect(directives[0]).toMatchObject({
      kind: "disable-next-line",
      name: "raci-lint-disable-next-line",
      justification: "provider-only task",
      span: { start: { line: 3, column: 1 }, end: { line: 3, column: 89 } },
      problems: [],
    });
    expect(directives[0]!.rules.map((r) => `${r.id}@${r.span.start.line}:${r.span.start.column}`)).toEqual(["code-order@3:34", "customer-involved@3:46"]);
  });

  it("takes no rule ids as every rule, and a missing or empty reason as null", () => {
    const [bare, empty] = parseDirectives("<!-- raci-lint-disable -->\n\n<!-- raci-lint-enable code-order -- -->\n");
    expect(bare).toMatchObject({ kind: "disable", rules: [], justification: null });
    expect(empty).toMatchObject({ kind: "enable", justification: null });
    expect(empty!.rules.map((r) => r.id)).toEqual(["code-order"]);
  });

  it("ignores other comments and comments in fenced code", () => {
    const text = "<!-- a note -->\n\n```md\n<!-- raci-lint-disable-file -->\n```\n\n    <!-- raci-lint-disable-file -->\n";
    expect(parseDirectives(text)).toEqual([]);
  });

  it("reads every comment of a line, multi-line comments, and comments in lists and quotes", () => {
    const text = "<!-- raci-lint-disable code-order --> <!-- raci-lint-disable valid-codes -->\n\n<!--\n raci-lint-disable-file\n -- generated\n-->\n\n- <!-- raci-lint-enable -->\n";
    expect(parseDirectives(text).map((d) => `${d.kind}@${d.span.start.line}:${d.span.start.column}-${d.span.end.line}`)).toEqual([
      "disable@1:1-1",
      "disable@1:39-1",
      "disable-file@3:1-6",
      "enable@8:3-8",
    ]);
    expect(parseDirectives(text)[2]!.justification).toBe("generated");
  });

  it("positions directives in a file with a BOM as the reader does (BOM removed)", () => {
    const [directive] = parseDirectives("\uFEFF<!-- raci-lint-disable-file code-order -->\n");
    expect(directive!.span.start).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it("marks unknown directive words, with advice for disable-line", () => {
    const [typo, line] = parseDirectives("<!-- raci-lint-disabel code-order -->\n\n<!-- raci-lint-disable-line code-order -->\n");
    expect(typo).toMatchObject({ kind: "invalid", problems: [{ span: { start: { line: 1, column: 6 }, end: { line: 1, column: 23 } } }] });
    expect(typo!.problems[0]!.message).toMatch(/^Unknown directive raci-lint-disabel/);
    expect(line!.problems[0]!.message).toMatch(/raci-lint-disable-line is not supported/);
  });
});

describe("applyDirectives", () => {
  const table = (codes: string) => `| Activity | Client | Provider |\n|---|---|---|\n${codes}`;

  it("disable-next-line covers the literal next line only (no blank line skipped)", () => {
    const text = "<!-- raci-lint-disable-next-line customer-involved -->\nline 2\n<!-- raci-lint-disable-next-line -->\n\nline 5\n";
    const out = applyDirectives([finding("customer-involved", 2), finding("code-order", 2), finding("code-order", 4), finding("code-order", 5)], parseDirectives(text), OPTIONS);
    expect(out.findings.map(brief)).toEqual(["code-order 2:1", "code-order 5:1"]);
    expect(out.suppressed.map(brief)).toEqual(["customer-involved 2:1 (no reason)", "code-order 4:1 (no reason)"]);
  });

  it("disable-next-line directly above a table covers its header row", () => {
    const text = `<!-- raci-lint-disable-next-line party-has-responsibility -- the customer only consumes -->\n${table("| Run | | RA |\n")}`;
    const out = applyDirectives([finding("party-has-responsibility", 2, 12), finding("customer-involved", 4, 7)], parseDirectives(text), OPTIONS);
    expect(out.findings.map(brief)).toEqual(["customer-involved 4:7"]);
    expect(out.suppressed.map(brief)).toEqual(["party-has-responsibility 2:12 (the customer only consumes)"]);
  });

  it("disable/enable around a table covers its rows; the rule is back after enable", async () => {
    const text = [
      "# Storage",
      "",
      "<!-- raci-lint-disable customer-involved -- provider-only tasks -->",
      table("| Back up data | AR | I |\n| Restore data |  | RA |"),
      "<!-- raci-lint-enable customer-involved -->",
      "",
      table("| Delete data |  | RA |"),
      "",
    ].join("\n");
    const out = await lintWithDirectives(text);
    expect(out.findings.map(brief)).toEqual(["code-order 6:18", "customer-involved 12:17"]);
    expect(out.suppressed.map(brief)).toEqual(["customer-involved 7:18 (provider-only tasks)"]);
    expect(out.suppressed[0]).toMatchObject({ activity: "Restore data", party: "Client", suppression: { kind: "inSource" } });
  });

  it("a bare disable covers every rule until enable; enable RULE re-enables just that rule", () => {
    const text = "<!-- raci-lint-disable -->\n\n<!-- raci-lint-enable code-order -->\n\n<!-- raci-lint-enable -->\n";
    const findings = [finding("code-order", 2), finding("valid-codes", 2), finding("code-order", 4), finding("valid-codes", 4), finding("valid-codes", 6)];
    const out = applyDirectives(findings, parseDirectives(text), OPTIONS);
    expect(out.findings.map(brief)).toEqual(["code-order 4:1", "valid-codes 6:1"]);
    expect(out.suppressed.map(brief)).toEqual(["code-order 2:1 (no reason)", "valid-codes 2:1 (no reason)", "valid-codes 4:1 (no reason)"]);
  });

  it("a disable without enable runs to the end of the file, and covers nothing before it", () => {
    const out = applyDirectives([finding("code-order", 1, 5), finding("code-order", 3)], parseDirectives("\n<!-- raci-lint-disable code-order -->\n"), OPTIONS);
    expect(out.findings.map(brief)).toEqual(["code-order 1:5"]);
  });

  it("disable-file covers the whole file wherever it is written", async () => {
    const text = `# Storage\n\n${table("| Back up data | AR |  |\n| Restore data |  | RA |\n")}\n<!-- raci-lint-disable-file customer-involved code-order -- legacy matrix, rewritten in Q3 -->\n`;
    const out = await lintWithDirectives(text);
    expect(out.findings).toEqual([]);
    expect(out.suppressed.map(brief)).toEqual(["code-order 5:18 (legacy matrix, rewritten in Q3)", "customer-involved 6:18 (legacy matrix, rewritten in Q3)"]);
  });

  it("reports an unknown rule at its position, and still applies the known ones", () => {
    const text = "<!-- raci-lint-disable-next-line code-ordr customer-involved -->\nrow\n";
    const out = applyDirectives([finding("customer-involved", 2)], parseDirectives(text), OPTIONS);
    expect(out.findings).toEqual([
      {
        ruleId: "invalid-directive",
        severity: "error",
        message: 'Unknown rule "code-ordr" in raci-lint-disable-next-line.',
        file: "raci.md",
        line: 1,
        column: 34,
        endLine: 1,
        endColumn: 43,
        section: null,
        activity: null,
        party: null,
        fix: null,
        suggestions: [],
      },
    ]);
    expect(out.suppressed.map(brief)).toEqual(["customer-involved 2:1 (no reason)"]);
  });

  it("reports unknown directive words as invalid and lets them suppress nothing", () => {
    const out = applyDirectives([finding("code-order", 2)], parseDirectives("<!-- raci-lint-disable-line code-order -->\nrow\n"), OPTIONS);
    expect(out.findings.map(brief)).toEqual(["invalid-directive 1:6", "code-order 2:1"]);
  });

  it("reports unused directives only with reportUnused: per rule id, or the whole comment when it names none", () => {
    const text = "<!-- raci-lint-disable-next-line code-order customer-involved -->\nrow\n<!-- raci-lint-disable-file -->\n<!-- raci-lint-enable -->\n<!-- raci-lint-disable-next-line nope -->\n";
    const findings = [finding("code-order", 2)];
    const quiet = applyDirectives(findings, parseDirectives(text), OPTIONS);
    expect(quiet.findings.map(brief)).toEqual(["invalid-directive 5:34"]);

    const loud = applyDirectives(findings, parseDirectives(text), { ...OPTIONS, reportUnused: true });
    expect(loud.findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column} ${f.message}`)).toEqual([
      'unused-disable-directive warning 1:45 Unused raci-lint-disable-next-line directive: no "customer-involved" finding to suppress.',
      "unused-disable-directive warning 3:1 Unused raci-lint-disable-file directive: it suppressed no finding.",
      'invalid-directive error 5:34 Unknown rule "nope" in raci-lint-disable-next-line.',
    ]);
    const strict = applyDirectives(findings, parseDirectives(text), { ...OPTIONS, reportUnused: true, unusedSeverity: "error" });
    expect(strict.findings.filter((f) => f.ruleId === "unused-disable-directive").map((f) => f.severity)).toEqual(["error", "error"]);
  });

  it("credits a finding to the next-line directive before a range or the file", () => {
    const text = "<!-- raci-lint-disable-file code-order -->\n<!-- raci-lint-disable-next-line code-order -->\nrow\n";
    const out = applyDirectives([finding("code-order", 3)], parseDirectives(text), { ...OPTIONS, reportUnused: true });
    expect(out.findings.map(brief)).toEqual(["unused-disable-directive 1:29"]);
  });

  it("reports a directive between table rows, which ends the table", async () => {
    const text = `${table("| Back up data | I | RA |\n<!-- raci-lint-disable-next-line customer-involved -->\n| Restore data |  | RA |")}\n`;
    const out = await lintWithDirectives(text);
    // The row below the comment is a paragraph now: its empty Client cell goes unnoticed.
    expect(out.findings.some((f) => f.activity === "Restore data")).toBe(false);
    expect(out.findings.filter((f) => f.ruleId === "invalid-directive").map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`)).toEqual([
      "invalid-directive 4:1 This comment ends the table above it: line 5 and the rows after it are no longer part of the table. Put directives above or below a table (raci-lint-disable before it, raci-lint-enable after it), never between its rows.",
    ]);
  });

  it("accepts a directive right below a table when a new table or a blank line follows", () => {
    const text = `${table("| Back up data | RA | I |")}\n<!-- raci-lint-enable -->\n${table("| Restore data | RA | I |")}\n<!-- raci-lint-enable -->\n\n`;
    expect(parseDirectives(text).flatMap((d) => d.problems)).toEqual([]);
  });

  it("reports a directive written inside a table cell, which is not read", () => {
    const text = table("| Back up data <!-- raci-lint-disable-next-line code-order --> | AR | I |\n");
    const out = applyDirectives([finding("code-order", 3, 70)], parseDirectives(text), OPTIONS);
    expect(out.findings.map(brief)).toEqual(["invalid-directive 3:16", "code-order 3:70"]);
    expect(out.findings[0]!.message).toMatch(/^A directive inside a table cell is not read/);
  });

  it("leaves alone a directive quoted in code inside a table cell (a table documenting directives), and still reports one after the code", () => {
    const docs = "| directive | suppresses |\n|---|---|\n| `<!-- raci-lint-disable-next-line RULE -- reason -->` | the next line |\n| ``<!-- raci-lint-enable `x` -->`` | ends it |\n";
    expect(parseDirectives(docs).flatMap((d) => d.problems)).toEqual([]);
    const after = "| directive | suppresses |\n|---|---|\n| `code` <!-- raci-lint-disable --> | x |\n";
    expect(parseDirectives(after).flatMap((d) => d.problems.map((p) => p.message.slice(0, 40)))).toEqual(["A directive inside a table cell is not r"]);
  });

  it("is pure: its inputs are left as they were", () => {
    const findings = [finding("code-order", 2)];
    const directives = parseDirectives("<!-- raci-lint-disable-next-line -->\nrow\n");
    const copy = structuredClone({ findings, directives });
    applyDirectives(findings, directives, { ...OPTIONS, reportUnused: true });
    expect({ findings, directives }).toEqual(copy);
  });
});
