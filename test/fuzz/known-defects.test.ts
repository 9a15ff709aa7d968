/**
 * Defects the fuzzers found, each as its minimal input. They are `it.fails`: expected to fail
 * until src/ is fixed, then to fail as tests, so that they are turned into plain tests (and the
 * matching entry of KNOWN_DEFECTS in invariants.ts removed).
 */
import { describe, expect, it } from "vitest";
import { parseRuleText } from "../../src/engine/load-rules.js";
import { RACI } from "../../src/model/scheme.js";
import { fixProblems, lintAlone, setupOf } from "./invariants.js";

describe("fix-writes-a-party-name: a safe fix must not turn codes into a party's name", () => {
  it.fails("code-order under a column named RA: `AR` -> `RA` reads as the party RA", async () => {
    const { problems } = await fixProblems({ name: "x.md", text: "| Activity | RA |\n|---|---|\n| Do it | AR |\n" }, setupOf(RACI), false);
    expect(problems).toEqual([]);
  });

  it.fails("no-duplicate-codes with a party named R: `RR` -> `R` reads as the party R", async () => {
    const text = '{"parties":[{"name":"R"},{"name":"I"}],"sections":[{"title":"Run","activities":[{"activity":"Do it","codes":{"I":"RR","R":"A"}}]}]}';
    const { problems } = await fixProblems({ name: "x.json", text }, setupOf(RACI), false);
    expect(problems).toEqual([]);
  });
});

describe("finding-order-ties: findings must come in the same order with the memo on and off", () => {
  it.fails("cells read through an aliased YAML section share the alias' position; their findings' order follows the memo", async () => {
    const rule = parseRuleText("id: house/filled\ndescription: Cells hold codes.\nseverity: warning\nchecks:\n  - scope: cell\n    conditions:\n      all:\n        - { fact: codes, operator: notEqual, value: '' }\n    message: filled\n", "filled.yaml", false).rules[0]!;
    const text = "parties: [Client]\nsections:\n  - &s\n    title: S\n    activities:\n      - { activity: One, codes: { Client: R } }\n      - { activity: Two, codes: { Client: A } }\n      - { activity: Three, codes: { Client: R } }\n  - *s\n";
    const activities = async (memoize: boolean) => (await lintAlone({ name: "x.yaml", text }, RACI, [{ rule, severity: null, options: {} }], memoize)).findings.map((f) => `${f.line}:${f.column} ${f.activity}`);
    // Memo off: 9:5 One, Two, Three (cell order); memo on: One, Three, Two (Two is evaluated apart).
    expect(await activities(true)).toEqual(await activities(false));
  });
});
