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

describe("cell and code checks evaluated once per cell shape", () => {
  const rule = (id: string, scope: string, conditions: string, message: string) =>
    `id: ${id}\ndescription: test\nseverity: error\nchecks:\n  - scope: ${scope}\n    conditions:\n      all:\n${conditions}\n    message: '${message}'\n`;
  const doc = [
    "## S",
    "",
    "| Activity | Client | Provider | Auditor | Broker |",
    "|---|---|---|---|---|",
    "| Plan | R | A | I | I |",
    "| Audit logs | R | A | I | I |",
    "| Review | I | RA | C | C |",
    "",
  ].join("\n");

  it("a cell rule that reads the party name tells equal cells of other parties apart", async () => {
    const root = project({
      "rules/auditor.yaml": rule(
        "house/auditor-informed-only",
        "cell",
        "        - { fact: party, operator: equal, value: Auditor }\n        - { fact: codes, operator: notEqual, value: I }",
        "{{party}} holds {{codes}}",
      ),
      "rules/no-i-for-auditor.yaml": rule(
        "house/auditor-not-i",
        "code",
        "        - { fact: party, operator: equal, value: Auditor }\n        - { fact: value, operator: equal, value: I }",
        "{{party}}: {{raw}}",
      ),
      "raci-lint.config.yaml": "extends: raci-lint:recommended\n",
      "m.md": doc,
    });
    const lines = brief((await cli(["-f", "json", "--rule", "customer-involved: off", "m.md"], root)).stdout).filter((l) => l.includes("house/"));
    // Every I cell reads the same, and Auditor and Broker have the same (unknown) role: only the
    // Auditor's cells are reported, each at its own line and column.
    expect(lines).toEqual(["m.md 5:18 house/auditor-not-i Auditor: I", "m.md 6:24 house/auditor-not-i Auditor: I", "m.md 7:21 house/auditor-informed-only Auditor holds C"]);
  });

  it("a cell rule that reads a fact the cell's shape does not determine (the activity) is evaluated cell by cell", async () => {
    const root = project({
      "rules/logs.yaml": rule(
        "house/logs-by-provider",
        "cell",
        "        - { fact: activity, operator: matches, value: '(?i)logs' }\n        - { fact: partyRole, operator: equal, value: customer }\n        - { fact: codes, operator: equal, value: R }",
        "{{activity}}: {{party}} holds R",
      ),
      "raci-lint.config.yaml": "extends: raci-lint:recommended\n",
      "m.md": doc,
    });
    const lines = brief((await cli(["-f", "json", "m.md"], root)).stdout).filter((l) => l.includes("house/"));
    expect(lines).toEqual(["m.md 6:16 house/logs-by-provider Audit logs: Client holds R"]);
  });
});

describe("numbers compared only with constants are memoised by where they fall", () => {
  const rule = [
    "id: house/busy-party",
    "description: test",
    "severity: warning",
    "checks:",
    "  - scope: party",
    "    conditions:",
    "      any:",
    "        - { fact: responsibleCount, operator: greaterThan, value: 2 }",
    "        - { fact: accountableCount, operator: equal, value: 0 }",
    "    message: '{{party}}: R {{responsibleCount}}, A {{accountableCount}}'",
    "",
  ].join("\n");
  const table = (rows: string[]) => ["## S", "", "| Activity | Client | Provider |", "|---|---|---|", ...rows.map((r, i) => `| Task ${i} | ${r} |`), ""].join("\n");

  it("gives each file the outcome its own counts call for, whatever was evaluated before", async () => {
    const root = project({
      "rules/busy.yaml": rule,
      "raci-lint.config.yaml": "extends: raci-lint:recommended\nruleFiles: [rules/busy.yaml]\nrules:\n  house/busy-party: warning\n",
      // Client: R 3 / A 0, R 4 / A 0, R 3 / A 1, R 40 / A 0, R 2 / A 1, R 2 / A 0. Providers: R 0 or 1, A 1 to 40.
      "a.md": table(["R | A", "R | A", "R | A"]),
      "b.md": table(["R | A", "R | A", "R | A", "R | A"]),
      "c.md": table(["RA | I", "R | A", "R | A"]),
      "d.md": table([...Array.from({ length: 39 }, () => "R | A"), "R | RA"]),
      "e.md": table(["RA | I", "R | A"]),
      "f.md": table(["R | A", "R | A"]),
    });
    const lines = brief((await cli(["-f", "json", "a.md", "b.md", "c.md", "d.md", "e.md", "f.md"], root)).stdout).filter((l) => l.includes("house/"));
    // 3, 4 and 40 are all "above 2", 1 and 2 all "not 0": one evaluation each, yet every party gets its own counts' outcome.
    expect(lines).toEqual([
      "a.md 3:14 house/busy-party Client: R 3, A 0",
      "b.md 3:14 house/busy-party Client: R 4, A 0",
      "c.md 3:14 house/busy-party Client: R 3, A 1",
      "d.md 3:14 house/busy-party Client: R 40, A 0",
      "f.md 3:14 house/busy-party Client: R 2, A 0",
    ]);
  });
});

describe("activity checks memoised by row", () => {
  it("rows with the same cell texts under other column layouts, widths or parties are checked anew", async () => {
    const doc = [
      "## A",
      "",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Run | | RA |",
      "| Stop | RA |",
      "",
      "## B",
      "",
      "| Activity | Provider | Client |",
      "|---|---|---|",
      "| Run | | RA |",
      "| Stop | RA |",
      "",
      "## C",
      "",
      "| Activity | Client |",
      "|---|---|",
      "| Stop | RA |",
      "",
      "## D",
      "",
      "| Activity | Auditor | Provider |",
      "|---|---|---|",
      "| Run | | RA |",
      "",
      // One section, two tables with their columns the other way round.
      "## E",
      "",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Build | | RA |",
      "",
      "| Activity | Provider | Client |",
      "|---|---|---|",
      "| Ship | | RA |",
      "",
    ].join("\n");
    const lines = brief((await cli(["-f", "json", "m.md"], project({ "m.md": doc }))).stdout);
    // B's "Run" reads like A's, but its empty cell is the provider's; C's "Stop" and D's "Run" differ
    // from A's only by width and parties: each gets its own outcome.
    expect(lines).toEqual([
      'm.md 5:9 customer-involved The customer (Client) has no role in "Run": it must at least be Informed.',
      'm.md 6:1 no-ragged-row Row "Stop" has 2 cells, its header has 3 (no cell for Provider): missing cells are not taken as empty.',
      'm.md 12:3 no-duplicate-activity Activity "Run" is also in section "A" (line 5) with different codes.',
      'm.md 13:1 no-ragged-row Row "Stop" has 2 cells, its header has 3 (no cell for Client): missing cells are not taken as empty.',
      'm.md 13:3 no-duplicate-activity Activity "Stop" is also in section "A" (line 6) with different codes.',
      // C's and D's tables have other parties than A's: their activities are not A's again.
      'm.md 23:14 party-has-responsibility Party "Auditor" is neither Responsible (R) nor Accountable (A) for any activity of the matrix (1 listed).',
      // "Ship" reads like "Build" in the same section, but its empty cell is the provider's.
      'm.md 31:11 customer-involved The customer (Client) has no role in "Build": it must at least be Informed.',
    ]);
  });
});

describe("duplicate activities compare codes, not layouts", () => {
  it("rows with the same codes under columns in another order are the same codes; a table with other parties is on its own", async () => {
    const doc = [
      "## One",
      "",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Alpha | RA | I |",
      "",
      "| Activity | Client | Auditor |",
      "|---|---|---|",
      "| Beta | RA | I |",
      "",
      "## Two",
      "",
      "| Activity | Provider | Client |",
      "|---|---|---|",
      "| Alpha | I | RA |",
      "| Beta | | RA |",
      "",
      "## Three",
      "",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Alpha | RA | C |",
      "",
    ].join("\n");
    const lines = brief((await cli(["-f", "json", "m.md"], project({ "m.md": doc }))).stdout).filter((l) => l.includes("no-duplicate-activity"));
    expect(lines).toEqual([
      'm.md 15:3 no-duplicate-activity Activity "Alpha" repeats line 5 (section "One") with the same codes.',
      // Beta's first table has Client and Auditor, the second Provider and Client: two tables apart.
      'm.md 22:3 no-duplicate-activity Activity "Alpha" is also in section "One" (line 5) with different codes.',
    ]);
  });
});
