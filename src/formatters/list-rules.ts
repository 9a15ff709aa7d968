/**
 * `raci-lint --list-rules`: the rules a run would use, as an aligned text table (id, default severity,
 * fixable, one-line description) or, with `--format json`, as JSON. Rules are listed by id.
 */
import type { RuleDefinition } from "../model/rule.js";

/** The rules sorted by id (a copy). */
function byId(rules: readonly RuleDefinition[]): RuleDefinition[] {
  return [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The first line of a description, whitespace collapsed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The rules as a text table, one line per rule, with a header; trailing newline. */
export function listRules(rules: readonly RuleDefinition[]): string {
  const rows = [["id", "severity", "fixable", "description"], ...byId(rules).map((r) => [r.id, r.severity, r.fixable, oneLine(r.description)])];
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map(
      (row) =>
        `${row
          .slice(0, 3)
          .map((cell, i) => cell.padEnd(width[i]!))
          .join("  ")}  ${row[3]}`.trimEnd() + "\n",
    )
    .join("");
}

/** One rule in the JSON listing. */
export interface ListedRule {
  id: string;
  severity: RuleDefinition["severity"];
  fixable: RuleDefinition["fixable"];
  description: string;
  tags: string[];
  docs: string | null;
  builtIn: boolean;
}

/** The rules as JSON: an array of {@link ListedRule}, 2-space indented, trailing newline. */
export function listRulesJson(rules: readonly RuleDefinition[]): string {
  const listed: ListedRule[] = byId(rules).map((r) => ({
    id: r.id,
    severity: r.severity,
    fixable: r.fixable,
    description: r.description,
    tags: r.tags,
    docs: r.docs,
    builtIn: r.builtIn,
  }));
  return `${JSON.stringify(listed, null, 2)}\n`;
}
