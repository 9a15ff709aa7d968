/** The shape of a rule once loaded from its file. */
import type { Severity } from "./finding.js";
import type { SourceSpan } from "./position.js";

/** Where a check applies: what one evaluation of its conditions is about. */
export type Scope = "cell" | "code" | "activity" | "party" | "legend-entry" | "matrix" | "document" | "corpus" | "translation";

/** A json-rules-engine condition tree as written in a rule file. */
export type Conditions = Record<string, unknown>;

/** One check of a rule: conditions over a scope's facts, and what to report. */
export interface RuleCheck {
  scope: Scope;
  conditions: Conditions;
  message: string;
  severity?: Severity;
  at?: "row" | "customer-cell" | "entry";
  party?: "customer";
  fix?: string;
}

/** A rule as its file declares it. */
export interface RuleDefinition {
  id: string;
  description: string;
  severity: Severity;
  /** Its severity under `raci-lint:strict`, when it is not the default (the rule's, a warning raised to an error). */
  strictSeverity?: Severity;
  fixable: "none" | "safe" | "unsafe";
  /** Whether `raci-lint:recommended` turns it on (opt-in rules say false). */
  recommended: boolean;
  tags: string[];
  docs: string | null;
  options: { schema: Record<string, unknown>; defaults: Record<string, unknown> } | null;
  checks: RuleCheck[];
  /** Where the rule was loaded from (`rules/code-order.yaml`, or a user's file). */
  source: string;
  /** Whether the rule ships with raci-lint. */
  builtIn: boolean;
}

/** A rule as a run uses it: definition, effective options, and the severity a config gave it (null: the rule's own). */
export interface ActiveRule {
  rule: RuleDefinition;
  severity: Severity | null;
  options: Record<string, unknown>;
  /** Report the rule's warnings as errors (`raci-lint:strict`). */
  promote?: boolean;
}

/** A problem with a rule file or config file, fatal for the run (exit 2). */
export interface ConfigProblem {
  file: string;
  message: string;
  span: SourceSpan;
}

/** The severity a check's findings get: the configured one, else the check's or rule's own (warnings raised to errors under `raci-lint:strict`). */
export function effectiveSeverity(active: ActiveRule, check?: RuleCheck): Severity {
  if (active.severity) return active.severity;
  if (active.promote && active.rule.strictSeverity) return active.rule.strictSeverity;
  const own = check?.severity ?? active.rule.severity;
  return active.promote && own === "warning" ? "error" : own;
}

/** Whether a rule has corpus- or translation-scope checks (they look across files, run after every file is linted, and not in fix mode). */
export function looksAcrossFiles(rule: RuleDefinition): boolean {
  return rule.checks.some((c) => c.scope === "corpus" || c.scope === "translation");
}
