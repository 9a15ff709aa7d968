import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtInRules, parseRuleText, unsafePattern } from "../../src/engine/load-rules.js";

const RULE_IDS = [
  "code-order",
  "code-style",
  "consistent-across-files",
  "consistent-translations",
  "customer-involved",
  "legend-consistent",
  "no-duplicate-activity",
  "no-duplicate-codes",
  "no-empty-activity",
  "no-matrix",
  "no-ragged-row",
  "party-has-responsibility",
  "responsible-required",
  "single-accountable",
  "valid-codes",
];

describe("built-in rules", () => {
  it("load without problems, one file per rule, file named after the id", () => {
    const loaded = builtInRules();
    expect(loaded.problems).toEqual([]);
    expect(loaded.rules.map((r) => r.id)).toEqual(RULE_IDS);
    for (const rule of loaded.rules) expect(rule.source).toBe(`rules/${rule.id}.yaml`);
  });

  it("each has a docs page", () => {
    const pages = readdirSync(new URL("../../docs/rules/", import.meta.url)).filter((f) => f !== "README.md");
    expect(pages.sort()).toEqual(RULE_IDS.map((id) => `${id}.md`));
  });
});

describe("parseRuleText", () => {
  const valid = `id: my-rule
description: Something.
severity: warning
checks:
  - scope: activity
    conditions:
      all:
        - { fact: accountableCount, operator: equal, value: 0 }
    message: 'No A in {{activity}}'
`;

  it("accepts a minimal rule", () => {
    const loaded = parseRuleText(valid, "my-rule.yaml", false);
    expect(loaded.problems).toEqual([]);
    expect(loaded.rules[0]).toMatchObject({ id: "my-rule", fixable: "none", builtIn: false, source: "my-rule.yaml" });
  });

  it("refuses an unknown fact with the check's position", () => {
    const loaded = parseRuleText(valid.replace("accountableCount", "accountableCuont"), "bad.yaml", false);
    expect(loaded.rules).toEqual([]);
    expect(loaded.problems).toEqual([expect.objectContaining({ file: "bad.yaml", message: 'checks[0]: unknown fact "accountableCuont" for scope "activity"' })]);
    expect(loaded.problems[0]!.span.start).toMatchObject({ line: 8, column: 19 });
  });

  it("refuses an unknown property at its line and column", () => {
    const loaded = parseRuleText(valid + "script: rm -rf /\n", "bad.yaml", false);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ message: 'document: unknown property "script"' });
    expect(loaded.problems[0]!.span.start).toMatchObject({ line: 10, column: 1 });
  });
});

describe("unsafePattern", () => {
  it.each([["^(a+)+$"], ["(x|xx)*y"], ["(a)\\1"], ["(?=a)b"], ["x".repeat(201)], ["("], [".{0,400}.{0,400}.{0,400}!"], [".*.*!"], ["a.{2,50}b.*c"]])("refuses %j", (p) => {
    expect(unsafePattern(p)).not.toBeNull();
  });
  it.each([["^Back ?up"], ["[A-Z]{2,3}"], ["(data|données) backup"], ["^\\w+$"], ["^Back.*up.*$"], ["(?i)^export.*data"], ["x.{0,20}y.*z"]])("accepts %j", (p) => {
    expect(unsafePattern(p)).toBeNull();
  });
});

describe("patterns in rule files", () => {
  it.each([["(\\\\+)+$"], ["\\s*\\s*\\s*$"], ["a+b+c+"]])("refuses %j", (p) => {
    expect(unsafePattern(p)).not.toBeNull();
  });

  it("refuses a pattern taken from an option or a fact (it could not be checked)", () => {
    const rule = `id: x\ndescription: X.\nseverity: error\noptions:\n  schema: { type: object, properties: { p: { type: string } } }\nchecks:\n  - scope: activity\n    conditions:\n      all:\n        - { fact: activity, operator: matches, value: { option: p } }\n    message: x\n`;
    expect(parseRuleText(rule, "x.yaml", false).problems.map((p) => p.message)).toEqual(["checks[0]: matches takes a literal pattern (a string)"]);
  });
});
