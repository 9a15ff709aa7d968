/** Reports the formatter tests share: the seed and the whole shared corpus, linted with the recommended rules, with their text. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { builtInRules } from "../../src/engine/load-rules.js";
import { formatContext, type FormatContext } from "../../src/formatters/context.js";
import { buildReport, type Report } from "../../src/model/result.js";
import { lintFiles } from "../../src/index.js";
import type { Finding } from "../../src/model/finding.js";
import { CORPUS, REPO } from "../helpers.js";

const VERSION = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version;

/** Every built-in rule, as the CLI passes them. */
export const CONTEXT: FormatContext = formatContext(builtInRules().rules, VERSION);

/** Lints paths under `cwd` and builds a report whose files carry their text (BOM removed). */
export async function reportOf(patterns: string[], cwd: string): Promise<Report> {
  const results = await lintFiles(patterns, { cwd });
  return buildReport(results.map((r) => ({ path: r.path, findings: r.findings, source: readFileSync(join(cwd, r.path), "utf8").replace(/^\uFEFF/u, "") })));
}

/** The seed matrix's report. */
export const seedReport = () => reportOf(["matrices/cloud-temple-s3.md"], REPO);

/** The whole corpus' report. */
export const corpusReport = () => reportOf(["."], CORPUS);

/** A synthetic finding: a `valid-codes` error at 1:1 of `x.md`, with `over` replacing any field. */
export function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: "valid-codes",
    severity: "error",
    message: "m",
    file: "x.md",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
    ...over,
  };
}
