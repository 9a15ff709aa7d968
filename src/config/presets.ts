/** Built-in rule sets (`raci-lint:recommended`, `raci-lint:strict`) as active rules. */
import type { ActiveRule, RuleDefinition } from "../model/rule.js";
import { presetLayer, PRESETS } from "./load.js";
import { buildSetup } from "./resolve.js";

/** The options a rule runs with when the configuration gives none. */
export function defaultOptions(rule: RuleDefinition): Record<string, unknown> {
  return { ...(rule.options?.defaults ?? {}) };
}

/** The active built-in rules of a preset. */
export function presetRules(name: (typeof PRESETS)[number]): ActiveRule[] {
  const layer = presetLayer(name);
  const built = buildSetup(
    { sources: [name], rules: layer.rules, scheme: "RACI", schemeSet: false, parties: null, promoteWarnings: layer.promoteWarnings ?? false, allRules: layer.allRules ?? false, ruleFiles: [] },
    (p) => p,
  );
  if ("problems" in built) throw new Error(`built-in preset ${name} is broken: ${built.problems.map((p) => p.message).join("; ")}`);
  return [...built.setup.rules];
}

/** The `raci-lint:recommended` rule set: every built-in rule at its default severity, except the opt-in ones. */
export function recommendedRules(): ActiveRule[] {
  return presetRules("raci-lint:recommended");
}
