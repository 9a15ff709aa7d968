/** `--list-rules`: every rule, by id, with its default severity, fixability and description. */
import { describe, expect, it } from "vitest";
import { listRules, listRulesJson, type ListedRule } from "../../src/formatters/list-rules.js";
import { CONTEXT } from "./reports.js";

describe("listRules", () => {
  it("lists the built-in rules as an aligned table", () => {
    const lines = listRules(CONTEXT.rules).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(CONTEXT.rules.length + 1);
    expect(lines[0]).toBe("id                        severity  fixable  description");
    expect(lines[1]).toBe("code-order                warning   safe     Codes within a cell are written in the scheme's canonical order (R, A, C, I).");
    expect(lines.slice(1).map((l) => l.split(" ")[0])).toEqual(CONTEXT.rules.map((r) => r.id).sort());
    expect(lines.find((l) => l.startsWith("single-accountable "))).toBe("single-accountable        error     unsafe   Each activity has exactly one Accountable party.");
  });

  it("lists them as JSON", () => {
    const listed = JSON.parse(listRulesJson(CONTEXT.rules)) as ListedRule[];
    expect(listed).toHaveLength(CONTEXT.rules.length);
    expect(listed[0]).toEqual({
      id: "code-order",
      severity: "warning",
      fixable: "safe",
      description: "Codes within a cell are written in the scheme's canonical order (R, A, C, I).",
      tags: ["codes", "style"],
      docs: "https://github.com/raci-lint/raci-lint/blob/main/docs/rules/code-order.md",
      builtIn: true,
    });
  });
});
