/** Rule settings written on the command line (`--rule 'id: severity'`), read as configuration. */
import { parseDocument } from "yaml";
import { config as validateConfig } from "../generated/validators.js";
import type { ConfigProblem } from "../model/rule.js";
import { readRules, type RuleConfig, type RuleSetting } from "./load.js";

/** Parses `--rule` values (`id: severity` or `id: [severity, {options}]`, YAML flow syntax), as a configuration file writes rules. */
export function cliRuleSettings(values: readonly string[]): { rules: Record<string, RuleConfig> } | { problems: ConfigProblem[] } {
  const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  const rules: Record<string, RuleConfig> = {};
  const problems: ConfigProblem[] = [];
  for (const value of values) {
    const doc = parseDocument(value, { prettyErrors: false });
    let data: unknown;
    try {
      data = doc.errors.length ? null : doc.toJS();
    } catch {
      data = null;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || !validateConfig({ rules: data })) {
      problems.push({ file: "--rule", message: `cannot read "${value}": expected 'rule-id: severity' or 'rule-id: [severity, {options}]' (severity: off, info, warning, error)`, span: at });
      continue;
    }
    Object.assign(rules, data);
  }
  return problems.length ? { problems } : { rules };
}

/**
 * Rule settings given to the library (`overrideConfig.rules`) or on the command line, written as a
 * configuration file writes them (`{ "code-order": "error" }`, `[severity, {options}]`), checked
 * against the configuration schema; `source` names them in problems (`--rule`, `overrideConfig`).
 */
export function overrideRuleSettings(rules: unknown, source: string): { rules: Record<string, RuleSetting> } | { problems: ConfigProblem[] } {
  const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  if (rules === undefined) return { rules: {} };
  if (!rules || typeof rules !== "object" || Array.isArray(rules) || !validateConfig({ rules })) {
    const bad = rules && typeof rules === "object" && !Array.isArray(rules) ? Object.entries(rules).find(([id, setting]) => !validateConfig({ rules: { [id]: setting } })) : undefined;
    const what = bad ? `${bad[0]}: ${JSON.stringify(bad[1])} is not a setting` : "expected an object of rule settings";
    return { problems: [{ file: source, message: `${what}: give 'rule-id': severity or [severity, {options}] (severity: off, info, warning, error)`, span: at }] };
  }
  return { rules: readRules(rules as Record<string, unknown>, null, () => null) };
}
