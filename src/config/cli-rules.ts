/** Rule settings written on the command line (`--rule 'id: severity'`), read as configuration. */
import { parseDocument } from "yaml";
import { config as validateConfig } from "../generated/validators.js";
import type { ConfigProblem } from "../model/rule.js";
import { readRules, type RuleSetting } from "./load.js";

/** Parses `--rule` values (`id: severity` or `id: [severity, {options}]`, YAML flow syntax). */
export function cliRuleSettings(values: readonly string[]): { rules: Record<string, RuleSetting> } | { problems: ConfigProblem[] } {
  const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  const rules: Record<string, RuleSetting> = {};
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
    Object.assign(
      rules,
      readRules(data as Record<string, unknown>, null, () => null),
    );
  }
  return problems.length ? { problems } : { rules };
}
