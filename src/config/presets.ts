/** Built-in rule sets. */
import { builtInRules } from "../engine/load-rules.js";
import type { ActiveRule, RuleDefinition } from "../engine/rule.js";

/** Rules that look across files; off in `recommended` because one run rarely holds one product. */
const OFF_IN_RECOMMENDED = new Set(["consistent-across-files"]);

/** The options a rule runs with when the configuration gives none. */
export function defaultOptions(rule: RuleDefinition): Record<string, unknown> {
  return { ...(rule.options?.defaults ?? {}) };
}

/** The `raci-lint:recommended` rule set: every built-in rule at its default severity, except corpus-wide ones. */
export function recommendedRules(): ActiveRule[] {
  return builtInRules()
    .rules.filter((rule) => !OFF_IN_RECOMMENDED.has(rule.id))
    .map((rule) => ({ rule, severity: null, options: defaultOptions(rule) }));
}
