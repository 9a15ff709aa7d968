/** GitHub Actions annotations: one workflow command per finding, escaped as GitHub's toolkit does, and decodable back. */
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "../../src/formatters/github.js";
import { buildReport } from "../../src/model/result.js";
import { CONTEXT, seedReport, finding } from "./reports.js";

/** A parsed workflow command. */
interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** The runner's side, the reverse of `@actions/core`'s escaping: `%25`, `%0D`, `%0A` in data; also `%3A`, `%2C` in properties. */
function decode(line: string): Command {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/u.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string, codes: Record<string, string>) => s.replace(/%(25|0D|0A|3A|2C)/gu, (all, code: string) => codes[code] ?? all);
  const data = { "25": "%", "0D": "\r", "0A": "\n" };
  const properties: Record<string, string> = {};
  for (const pair of match[2]!.split(",")) {
    const eq = pair.indexOf("=");
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), { ...data, "3A": ":", "2C": "," });
  }
  return { command: match[1]!, properties, message: unescape(match[3]!, data) };
}

describe("formatGithub", () => {
  it("annotates each finding of the seed, notices for infos", async () => {
    const lines = formatGithub(await seedReport(), CONTEXT).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      '::warning file=matrices/cloud-temple-s3.md,line=13,col=19,endLine=13,endColumn=24,title=legend-consistent::Legend entry (R) Performs highlights "P", not "R": "__P__erforms the process".',
    );
    expect(lines.map((l) => decode(l).command)).toEqual(["warning", "notice", "notice", "error", "warning", "warning", "error"]);
    expect(decode(lines[3]!).properties).toEqual({ file: "matrices/cloud-temple-s3.md", line: "41", col: "88", endLine: "41", endColumn: "88", title: "customer-involved" });
  });

  it("round-trips messages and paths with %, commas, colons and newlines", () => {
    const path = "docs/a,b:c/100%/raci.md";
    const message = 'Codes "A,R" at 50%: write\n"RA" (was: %0A, %25)\r\nok';
    const out = formatGithub(buildReport([{ path, findings: [finding({ file: path, message, ruleId: "my:rule,x", severity: "warning", line: 3, column: 4, endLine: 5, endColumn: 6 })] }]), CONTEXT);
    expect(out.endsWith("\n")).toBe(true);
    expect(out.slice(0, -1)).not.toMatch(/[\r\n]/u);
    const decoded = decode(out.slice(0, -1));
    expect(decoded).toEqual({
      command: "warning",
      properties: { file: path, line: "3", col: "4", endLine: "5", endColumn: "6", title: "my:rule,x" },
      message,
    });
  });

  it("names a workbook finding's sheet and cell in its message (rows count from 1 in each sheet)", () => {
    const f = finding({
      file: "m.xlsx",
      message: 'Codes "AR" are out of order: write "RA".',
      ruleId: "code-order",
      severity: "warning",
      line: 3,
      column: 2,
      endLine: 3,
      endColumn: 3,
      sheet: "Build",
      cell: "B3",
    });
    const out = formatGithub(buildReport([{ path: "m.xlsx", findings: [f] }]), CONTEXT);
    expect(decode(out.slice(0, -1)).message).toBe('Build!B3: Codes "AR" are out of order: write "RA".');
  });

  it("escapes as @actions/core does", () => {
    expect(escapeData("50%\r\n: ,")).toBe("50%25%0D%0A: ,");
    expect(escapeProperty("50%\r\n: ,")).toBe("50%25%0D%0A%3A %2C");
  });

  it("prints nothing for a clean report, and leaves suppressed findings out", () => {
    expect(formatGithub(buildReport([{ path: "a.md", findings: [] }]), CONTEXT)).toBe("");
    const suppressed = [{ ...finding({}), suppression: { kind: "external" as const, justification: null } }];
    expect(formatGithub(buildReport([{ path: "x.md", findings: [], suppressed }]), CONTEXT)).toBe("");
  });

  it("is byte-stable: two runs give the same bytes", async () => {
    expect(formatGithub(await seedReport(), CONTEXT)).toBe(formatGithub(await seedReport(), CONTEXT));
  });
});
