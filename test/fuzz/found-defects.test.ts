/**
 * Defects the fuzzers found, each as its minimal input. A defect not fixed yet is `it.fails` here,
 * with an entry in KNOWN_DEFECTS (invariants.ts) that sets its problems aside; once fixed, it is a
 * plain test and its entry goes.
 */
import { describe, expect, it } from "vitest";
import { parseRuleText } from "../../src/engine/load-rules.js";
import { fixText } from "../../src/fix/fixer.js";
import { RACI } from "../../src/model/scheme.js";
import { fixProblems, lintAlone, setupOf } from "./invariants.js";

describe("fix-writes-a-party-name: a safe fix must not turn codes into a party's name", () => {
  it("code-order under a column named RA: `AR` -> `RA` reads as the party RA", async () => {
    const { problems } = await fixProblems({ name: "x.md", text: "| Activity | RA |\n|---|---|\n| Do it | AR |\n" }, setupOf(RACI), false);
    expect(problems).toEqual([]);
    const fixed = await fixText("| Activity | RA |\n|---|---|\n| Do it | AR |\n", "x.md", setupOf(RACI));
    expect(fixed.output).toBe("| Activity | RA |\n|---|---|\n| Do it | AR |\n");
    expect(fixed.refused.map((r) => `${r.line}:${r.column} ${r.ruleId}: ${r.reason}`)).toEqual(['3:11 code-order: the fixed cell "RA" would read as the name of a party, not as codes']);
  });

  it("no-duplicate-codes with a party named R: `RR` -> `R` reads as the party R", async () => {
    const text = '{"parties":[{"name":"R"},{"name":"I"}],"sections":[{"title":"Run","activities":[{"activity":"Do it","codes":{"I":"RR","R":"A"}}]}]}';
    const { problems } = await fixProblems({ name: "x.json", text }, setupOf(RACI), false);
    expect(problems).toEqual([]);
  });
});

describe("finding-order-ties: findings must come in the same order with the memo on and off", () => {
  it("cells read through an aliased YAML section share the alias' position; their findings' order follows the memo", async () => {
    const rule = parseRuleText(
      "id: house/filled\ndescription: Cells hold codes.\nseverity: warning\nchecks:\n  - scope: cell\n    conditions:\n      all:\n        - { fact: codes, operator: notEqual, value: '' }\n    message: filled\n",
      "filled.yaml",
      false,
    ).rules[0]!;
    const text =
      "parties: [Client]\nsections:\n  - &s\n    title: S\n    activities:\n      - { activity: One, codes: { Client: R } }\n      - { activity: Two, codes: { Client: A } }\n      - { activity: Three, codes: { Client: R } }\n  - *s\n";
    const activities = async (memoize: boolean) =>
      (await lintAlone({ name: "x.yaml", text }, RACI, [{ rule, severity: null, options: {} }], memoize)).findings.map((f) => `${f.line}:${f.column} ${f.activity}`);
    // Before: memo off gave One, Two, Three (cell order), memo on One, Three, Two (Two was evaluated apart).
    expect(await activities(true)).toEqual(await activities(false));
  });
});
