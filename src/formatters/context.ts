/**
 * What formatters need besides the report: the rules that ran (for rule metadata and docs links), the
 * tool's version and home page, and where relative paths are rooted. Built once by the caller (the CLI).
 */
import { pathToFileURL } from "node:url";
import type { RuleDefinition } from "../model/rule.js";

/** raci-lint's home page (SARIF `tool.driver.informationUri`). */
export const INFORMATION_URI = "https://github.com/raci-lint/raci-lint";

/** What the `sarif`, `junit`, `github` and `markdown` formatters read besides the report. */
export interface FormatContext {
  /** Every rule that ran (built-in and user rules); read problems (`parse-error`, `schema-violation`) are added by the formatters. */
  rules: readonly RuleDefinition[];
  /** raci-lint's version, e.g. `0.1.0`. */
  toolVersion: string;
  /** The tool's home page: {@link INFORMATION_URI}. */
  informationUri: string;
  /**
   * Absolute path of the directory the report's paths are relative to (the working directory). SARIF
   * writes it as `originalUriBaseIds["%SRCROOT%"]`; when absent, `%SRCROOT%` is left for the consumer
   * to resolve (GitHub code scanning resolves it to the repository root), and output does not depend
   * on the machine.
   */
  cwd?: string;
  /** Colour terminal output (`stylish`); default false. */
  color?: boolean;
}

/** Builds a format context with raci-lint's home page. */
export function formatContext(rules: readonly RuleDefinition[], toolVersion: string, cwd?: string): FormatContext {
  return cwd === undefined ? { rules, toolVersion, informationUri: INFORMATION_URI } : { rules, toolVersion, informationUri: INFORMATION_URI, cwd };
}

/** A rule-like descriptor for the problems readers report (not rules: they come from reading the file). */
function readProblemRule(id: string, description: string, anchor: string): RuleDefinition {
  return {
    id,
    description,
    severity: "error",
    fixable: "none",
    recommended: true,
    tags: ["read"],
    docs: `${INFORMATION_URI}/blob/main/README.md#${anchor}`,
    options: null,
    checks: [],
    source: "raci-lint",
    builtIn: true,
  };
}

/** The pseudo-rules of problems met while reading a file, by id. */
export const READ_PROBLEM_RULES: ReadonlyMap<string, RuleDefinition> = new Map([
  ["parse-error", readProblemRule("parse-error", "The file can be read and parsed as Markdown, YAML or JSON.", "command-line")],
  ["schema-violation", readProblemRule("schema-violation", "A YAML or JSON matrix follows schemas/matrix.schema.json.", "matrix-formats")],
]);

/**
 * The rule definition of a rule id: a rule that ran, else a read-problem pseudo-rule, else null
 * (a finding from a rule the context does not list).
 */
export function ruleOf(context: Pick<FormatContext, "rules">, ruleId: string): RuleDefinition | null {
  return context.rules.find((r) => r.id === ruleId) ?? READ_PROBLEM_RULES.get(ruleId) ?? null;
}

/** The docs URL of a rule id, or null when the rule has none. */
export function docsUrlOf(context: Pick<FormatContext, "rules">, ruleId: string): string | null {
  return ruleOf(context, ruleId)?.docs ?? null;
}

/** The `file:` URI of a directory, with the trailing `/` SARIF requires of base URIs. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}
