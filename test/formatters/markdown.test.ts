/** The Markdown summary (for $GITHUB_STEP_SUMMARY or a PR comment): exact output for the seed, escaping, the row cap. */
import { describe, expect, it } from "vitest";
import { formatMarkdown, markdownCell } from "../../src/formatters/markdown.js";
import { buildReport } from "../../src/model/result.js";
import { CONTEXT, seedReport, finding } from "./reports.js";

describe("formatMarkdown", () => {
  it("summarises the seed: counts, a table by rule, a table of findings", async () => {
    expect(formatMarkdown(await seedReport(), CONTEXT).split("\n")).toEqual([
      "## raci-lint",
      "",
      "**7 problems** (2 errors, 3 warnings, 2 infos) in 1 of 1 file checked. 2 fixable with `--fix`.",
      "",
      "### By rule",
      "",
      "| Rule | Errors | Warnings | Infos | Total |",
      "| --- | ---: | ---: | ---: | ---: |",
      "| [code-order](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/code-order.md) | 0 | 2 | 0 | 2 |",
      "| [customer-involved](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/customer-involved.md) | 2 | 0 | 0 | 2 |",
      "| [no-duplicate-activity](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/no-duplicate-activity.md) | 0 | 0 | 2 | 2 |",
      "| [legend-consistent](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/legend-consistent.md) | 0 | 1 | 0 | 1 |",
      "",
      "### Findings",
      "",
      "| Location | Severity | Rule | Message |",
      "| --- | --- | --- | --- |",
      '| matrices/cloud-temple-s3.md:13:19 | warning | [legend-consistent](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/legend-consistent.md) | Legend entry (R) Performs highlights "P", not "R": "\\_\\_P\\_\\_erforms the process". |',
      '| matrices/cloud-temple-s3.md:38:3 | info | [no-duplicate-activity](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/no-duplicate-activity.md) | Activity "Ensure the operational maintenance of the S3 Object Storage platform" repeats line 29 (section "Implement the service") with the same codes. |',
      '| matrices/cloud-temple-s3.md:39:3 | info | [no-duplicate-activity](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/no-duplicate-activity.md) | Activity "Ensure the security maintenance of the S3 Object Storage platform" repeats line 30 (section "Implement the service") with the same codes. |',
      '| matrices/cloud-temple-s3.md:41:88 | error | [customer-involved](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/customer-involved.md) | The customer (Client) has no role in "Preserve and provide the logs of the S3 Object Storage platform": it must at least be Informed. |',
      '| matrices/cloud-temple-s3.md:55:95 | warning | [code-order](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/code-order.md) | Codes "AR" are out of order: write "RA". |',
      '| matrices/cloud-temple-s3.md:62:109 | warning | [code-order](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/code-order.md) | Codes "AR" are out of order: write "RA". |',
      '| matrices/cloud-temple-s3.md:74:96 | error | [customer-involved](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/customer-involved.md) | The customer (Client) has no role in "Destroy storage media at end of life or in error": it must at least be Informed. |',
      "",
    ]);
  });

  it("caps the findings table and says how many were left out", async () => {
    const out = formatMarkdown(await seedReport(), CONTEXT, { maxRows: 2 });
    const rows = out.split("\n").filter((l) => l.startsWith("| matrices/"));
    expect(rows).toHaveLength(2);
    expect(out.endsWith("\n5 more findings not shown (the table lists the first 2).\n")).toBe(true);
    // The by-rule table still counts everything.
    expect(out).toContain("| 0 | 2 | 0 | 2 |");
  });

  it("says so when there is nothing to report", () => {
    expect(
      formatMarkdown(
        buildReport([
          { path: "a.md", findings: [] },
          { path: "b.md", findings: [] },
        ]),
        CONTEXT,
      ),
    ).toBe("## raci-lint\n\nNo problems found. 2 files checked.\n");
    const suppressed = [{ ...finding({}), suppression: { kind: "inSource" as const, justification: null } }];
    expect(formatMarkdown(buildReport([{ path: "x.md", findings: [], suppressed }]), CONTEXT)).toBe("## raci-lint\n\nNo problems found. 1 file checked. 1 suppressed finding not listed.\n");
  });

  it("escapes pipes, line breaks and Markdown in cells, and keeps every row one line", () => {
    const message = "Cell `A|R` has | pipes,\nnew lines\r\nand __bold__ *stars* <b>html</b> [link](x) #12 & \\";
    const out = formatMarkdown(buildReport([{ path: "a|b/c_d.md", findings: [finding({ file: "a|b/c_d.md", message, ruleId: "house-rule" })] }]), CONTEXT);
    const row = out.split("\n").find((l) => l.startsWith("| a"));
    expect(row).toBe("| a\\|b/c\\_d.md:1:1 | error | house-rule | Cell \\`A\\|R\\` has \\| pipes,<br>new lines<br>and \\_\\_bold\\_\\_ \\*stars\\* \\<b\\>html\\</b\\> \\[link\\](x) \\#12 \\& \\\\ |");
    // Split on unescaped pipes, the row has exactly four cells (between an empty start and end).
    expect(row!.split(/(?<!\\)\|/u)).toHaveLength(6);
    expect(markdownCell("a|b")).toBe("a\\|b");
  });

  it("places a workbook finding at its sheet and cell", () => {
    const f = finding({ file: "m.xlsx", ruleId: "code-order", severity: "warning", line: 3, column: 2, sheet: "Build", cell: "B3" });
    expect(formatMarkdown(buildReport([{ path: "m.xlsx", findings: [f] }]), CONTEXT)).toContain("| m.xlsx:Build!B3 | warning |");
  });

  it("is byte-stable: two runs give the same bytes", async () => {
    expect(formatMarkdown(await seedReport(), CONTEXT)).toBe(formatMarkdown(await seedReport(), CONTEXT));
  });
});
