/**
 * Streamed reports: every format that streams gives, joined, exactly the text of its string API, on
 * the seed, the shared corpus and a report with more findings in one file than one piece holds. JSON
 * and SARIF are also laid out exactly as `JSON.stringify(value, null, 2)` lays them out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINDINGS_PER_CHUNK } from "../../src/formatters/formatter.js";
import { loadFormatter } from "../../src/formatters/index.js";
import { buildReport, type Report, type SuppressedFinding } from "../../src/model/result.js";
import { cli, project } from "../cli/harness.js";
import { REPO } from "../helpers.js";
import { CONTEXT, corpusReport, finding, seedReport } from "./reports.js";

const STREAMED = ["stylish", "json", "sarif", "junit", "markdown"] as const;

/** A report with one file of 2.5 pieces' worth of findings (fixes, suggestions, suppressed ones), a clean file and a small one. */
function manyReport(): Report {
  const source = Array.from({ length: 200 }, (_, i) => `| Activity ${i} | AR | I |`).join("\n");
  const n = Math.floor(FINDINGS_PER_CHUNK * 2.5);
  const findings = Array.from({ length: n }, (_, i) =>
    finding({
      file: "many.md",
      ruleId: i % 3 === 0 ? "code-order" : i % 3 === 1 ? "single-accountable" : "parse-error",
      severity: i % 2 === 0 ? "error" : "warning",
      message: `Finding ${i} with "quotes", a | pipe, <angle> & a\nline break`,
      line: 1 + (i % 200),
      column: 15,
      endLine: 1 + (i % 200),
      endColumn: 17,
      activity: `Activity ${i % 200}`,
      party: "Client",
      section: i % 5 === 0 ? null : "Section",
      fix: i % 4 === 0 ? { range: [14, 16], text: "RA" } : null,
      suggestions: i % 7 === 0 ? [{ message: "Give Client an R", fix: { range: [14, 16], text: "R" } }] : [],
    }),
  );
  const suppressed: SuppressedFinding[] = [
    { ...finding({ file: "many.md", line: 3, column: 15 }), suppression: { kind: "inSource", justification: null } },
    { ...finding({ file: "many.md", line: 4, column: 15 }), suppression: { kind: "external", justification: "accepted" } },
  ];
  return buildReport([
    { path: "clean.md", findings: [] },
    { path: "many.md", findings, suppressed, source },
    { path: "one.md", findings: [finding({ file: "one.md" })], output: "fixed\n", read: { parts: [] } as never },
  ]);
}

/** The report sources, built once per test file. */
const reports: Record<string, () => Promise<Report> | Report> = {
  seed: seedReport,
  corpus: corpusReport,
  many: manyReport,
  empty: () => buildReport([]),
  clean: () => buildReport([{ path: "a.md", findings: [] }]),
};

describe("streamed reports", () => {
  for (const [name, make] of Object.entries(reports)) {
    for (const format of STREAMED) {
      it(`${format} on the ${name} report: the pieces joined are the string API's text`, async () => {
        const report = await make();
        const formatter = await loadFormatter(format);
        const text = formatter.format(report, CONTEXT);
        const pieces = [...formatter.stream!(report, CONTEXT)];
        expect(pieces.join("")).toBe(text);
        if (format === "json" || format === "sarif") expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
        if (name === "many" && format !== "markdown") expect(pieces.length).toBeGreaterThan(2);
      });
    }
  }

  it("json is the report object JSON.stringify'd, as it was built before streaming", async () => {
    for (const make of Object.values(reports)) {
      const report = await make();
      const files = report.files.map((file) => ({
        path: file.path,
        findings: file.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          section: f.section,
          activity: f.activity,
          party: f.party,
          fix: f.fix,
          suggestions: f.suggestions,
        })),
        ...(file.output !== undefined ? { output: file.output } : {}),
        ...(file.read ? { read: file.read } : {}),
      }));
      expect((await loadFormatter("json")).format(report, CONTEXT)).toBe(`${JSON.stringify({ files, summary: report.summary }, null, 2)}\n`);
    }
  });

  it("the CLI writes the same report to standard output and to a file", async () => {
    const root = project({ "a.md": readFileSync(join(REPO, "matrices/cloud-temple-s3.md"), "utf8") });
    for (const format of STREAMED) {
      const toStdout = await cli(["a.md", "-f", format], root);
      const toFile = await cli(["a.md", "-f", `${format}=out/report`], root);
      expect(toFile.stdout).toBe("");
      expect(readFileSync(join(root, "out/report"), "utf8")).toBe(toStdout.stdout);
    }
  });
});
