/** Check outcomes are memoised across cells, rows and files: never across different readings. */
import { describe, expect, it } from "vitest";
import { cli, project, findingLines } from "../cli/harness.js";

const brief = (stdout: string) => findingLines(stdout, (f) => `${f.path} ${f.line}:${f.column} ${f.ruleId} ${f.message}`);

describe("memoised checks", () => {
  it("the same cell text under other party names is read (and checked) anew", async () => {
    // Under a `CAB` column, `CAB` is a party name; elsewhere it is the codes C, A and an invalid B.
    const a = "## A\n\n| Activity | Client | CAB |\n|---|---|---|\n| Review | RA | CAB |\n";
    const b = "## B\n\n| Activity | Client | Provider |\n|---|---|---|\n| Review | RA | CAB |\n";
    const alone = brief((await cli(["-f", "json", "b.md"], project({ "a.md": a, "b.md": b }))).stdout);
    const together = brief((await cli(["-f", "json", "a.md", "b.md"], project({ "a.md": a, "b.md": b }))).stdout).filter((l) => l.startsWith("b.md"));
    expect(together).toEqual(alone);
    expect(alone.some((l) => l.includes("code-order"))).toBe(true);
  });

  it("two custom schemes with the same name in different folders do not share readings", async () => {
    const scheme = (codes: string) => `scheme:\n  name: House\n  accountable: A\n  responsible: R\n  codes: [${codes}]\n`;
    const table = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run | RA | S |\n";
    const root = project({
      "a/raci-lint.config.yaml": scheme("{ code: R }, { code: A }, { code: C }, { code: I }"),
      "a/m.md": table,
      "b/raci-lint.config.yaml": scheme("{ code: R }, { code: A }, { code: S }, { code: C }, { code: I }"),
      "b/m.md": table,
    });
    const lines = brief((await cli(["-f", "json", "a", "b"], root)).stdout);
    expect(lines.filter((l) => l.includes("valid-codes")).map((l) => l.split(" ")[0])).toEqual(["a/m.md"]);
  });
});
