/** The Markdown reader: which tables are matrices, parties, sections, legends, and positions. */
import { describe, expect, it } from "vitest";
import { parseMatrix } from "../../src/index.js";
import { lintText } from "../../src/index.js";
import { partyNameFromHeader, guessPartyRole } from "../../src/readers/parties.js";

const TABLE = "## Backups\n\n| Activity | Client Role | **Cloud Temple** |\n|---|---|---|\n| Define the policy | __RA__ | I |\n| Run the backups | I | **AR** |\n";

/** Each finding as `line:column-endColumn rule`. */
async function findings(text: string, filename = "m.md") {
  return (await lintText(text, { filename })).findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`);
}

describe("parties", () => {
  it.each([
    ["Client Role", "Client", "customer"],
    ["**Cloud Temple**", "Cloud Temple", null],
    ["Rôle Client", "Client", "customer"],
    ["Rol del Cliente", "Cliente", "customer"],
    ["Rol de Cloud Temple", "Cloud Temple", null],
    ["Kundenrolle", "Kunde", "customer"],
    ["Cloud-Temple-Rolle", "Cloud-Temple", null],
    ["Ruolo Cliente", "Cliente", "customer"],
    ["Tenant", "Tenant", "customer"],
    ["Provider", "Provider", "provider"],
  ])("%j names party %j (%s)", (header, name, role) => {
    expect(partyNameFromHeader(header)).toBe(name);
    expect(guessPartyRole(name)).toBe(role);
  });

  it("drops soft hyphens from party names (U+00AD is invisible)", () => {
    const m = parseMatrix("| Aktivität | Geschäfts\u00adführung | ISB |\n|---|---|---|\n| Planung | A | R |\n", "m.md");
    expect(m.parties.map((p) => p.name)).toEqual(["Geschäftsführung", "ISB"]);
  });

  it("with one customer and one other party, the other is the provider", () => {
    const m = parseMatrix(TABLE, "m.md");
    expect(m.parties.map((p) => [p.name, p.role])).toEqual([
      ["Client", "customer"],
      ["Cloud Temple", "provider"],
    ]);
    expect(m.parties[1]!.span.start).toMatchObject({ line: 3, column: 28 });
  });

  it("three parties: a third-party column is kept and checked", async () => {
    const text = "## S\n\n| Activity | Client | Cloud Temple | Auditor |\n|---|---|---|---|\n| Audit the logs | I | C | RA |\n| Keep the logs | I | RA | I |\n| Read the logs | RA | I | |\n";
    const m = parseMatrix(text, "m.md");
    expect(m.parties.map((p) => p.name)).toEqual(["Client", "Cloud Temple", "Auditor"]);
    expect(await findings(text)).toEqual([]);
  });
});

describe("tables", () => {
  it("reads sections, activities and cells with positions; title from front matter, else first heading", () => {
    const m = parseMatrix(`---\ntitle: Backup RACI\n---\n\n# Heading\n\n${TABLE}`, "m.md");
    expect(m.title).toBe("Backup RACI");
    expect(parseMatrix(`# Heading\n\n${TABLE}`, "m.md").title).toBe("Heading");
    expect(m.sections.map((s) => s.title)).toEqual(["Backups"]);
    expect(m.activities.map((a) => a.name)).toEqual(["Define the policy", "Run the backups"]);
    const cell = m.activities[1]!.cells[1]!;
    expect(cell).toMatchObject({ raw: "**AR**", codes: ["A", "R"] });
    expect(cell.span.start).toMatchObject({ line: 12, column: 25 });
    expect(cell.span.end).toMatchObject({ line: 12, column: 31 });
  });

  it("gives the same findings with or without outer pipes, padded or not, LF or CRLF, with a BOM, without a final newline", async () => {
    const base = await findings(TABLE);
    expect(base).toEqual(["6:25-6:31 code-order"]);
    const noOuter = TABLE.replace(/^\| ?| ?\|$/gm, "");
    expect((await findings(noOuter)).map((f) => f.split(" ")[1])).toEqual(["code-order"]);
    expect(await findings(TABLE.replace(/\n/g, "\r\n"))).toEqual(base);
    expect(await findings(`\uFEFF${TABLE}`)).toEqual(base);
    expect(await findings(TABLE.slice(0, -1))).toEqual(base);
  });

  it("does not split cells at escaped pipes", () => {
    const m = parseMatrix("## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Read A \\| B | RA | I |\n", "m.md");
    expect(m.activities[0]!.name).toBe("Read A \\| B");
    expect(m.activities[0]!.cells.map((c) => c?.raw)).toEqual(["RA", "I"]);
  });

  it("ignores tables inside fenced code", () => {
    const m = parseMatrix("## S\n\n```markdown\n| Activity | Client | Provider |\n|---|---|---|\n| Run | AR | |\n```\n", "m.md");
    expect(m.activities).toEqual([]);
  });

  it("leaves feature and sizing tables alone", async () => {
    const text =
      "## Features\n\n| Component | Core | Full |\n|---|---|---|\n| OS | ✅Talos | ✅Talos |\n| CNI | ❌ | ✅Cilium |\n\n## Sizing\n\n| AZ | Machine | vCores | RAM |\n|---|---|---|---|\n| AZ05 | Worker | 12 | 24 GB |\n| AZ06 | OS | 8 | OS: 64 GB |\n";
    expect(parseMatrix(text, "m.md").activities).toEqual([]);
    // Named on its own, the file is said to hold no matrix, at the first table left alone.
    expect(await findings(text)).toEqual(["3:1-3:1 no-matrix"]);
  });

  it("leaves alone a table whose columns are the roles themselves, marked with codes (who may hold which role)", async () => {
    // After coderturtle/ai-powered-turtle's 10_Roles_and_RACI.md: once read with R, A, C, I as activities (12 wrong findings).
    const text = "| Role | Responsibility | R | A | C | I |\n|---|---|---|---|---|---|\n| Lead | Runs delivery | R |  | C | I |\n| Architecture | Decisions | C | A |  | I |\n";
    const m = parseMatrix(text, "m.md");
    expect(m.activities).toEqual([]);
    expect(m.decisions.map((d) => [d.kind, d.reason])).toEqual([
      ["ignored", "its headers are the roles themselves (R, A, C, I) and its cells repeat them: it says who may hold which role, not who holds it for which activity"],
    ]);
    expect(await findings(text)).toEqual(["1:1-1:1 no-matrix"]);
    // Teams named by letters that happen to be codes are parties: `B` is no role.
    expect(parseMatrix("| Activity | A | B | C |\n|---|---|---|---|\n| Deploy | RA | C | I |\n", "m.md").parties.map((p) => p.name)).toEqual(["A", "B", "C"]);
  });

  it("reads role words as codes only in tables whose header announces a matrix", () => {
    const others = [
      "| RACI | Meaning |\n|---|---|\n| R | Responsible |\n| A | Accountable |\n| C | Consulted |\n| I | Informed |\n",
      "| RACI | Role | Description |\n|---|---|---|\n| R | Responsible | Does the work |\n| A | Accountable | Owns it |\n",
      "| English | Français |\n|---|---|\n| Responsible | Responsable |\n| Informed | Informé |\n",
      "| Operación | Tipo |\n|---|---|\n| GET /usuarios | Consulta |\n| POST /usuarios | Alta |\n| GET /pedidos | Consulta |\n",
      "| Antrag | Status |\n|---|---|\n| Urlaub | Genehmigt |\n| Schulung | Informiert |\n",
    ];
    for (const table of others) expect(parseMatrix(`## T\n\n${table}`, "m.md").activities, table).toEqual([]);
    // The two-column legend is read as the legend.
    expect(parseMatrix(`## T\n\n${others[0]}`, "m.md").legend?.entries.map((e) => `${e.code}=${e.term}`)).toEqual(["R=Responsible", "A=Accountable", "C=Consulted", "I=Informed"]);
    const announced = [
      "| Activity | Client | Provider |\n|---|---|---|\n| Back up | Responsible, Accountable | Informed |\n",
      "| Step | Customer | Vendor |\n|---|---|---|\n| Back up | Responsible, Accountable | Informed |\n",
    ];
    for (const table of announced)
      expect(
        parseMatrix(`## T\n\n${table}`, "m.md").activities.map((a) => a.cells.map((c) => c?.codes.join(""))),
        table,
      ).toEqual([["RA", "I"]]);
  });

  it("reports a party named by two columns and reads the first column only", async () => {
    const text = "## S\n\n| Activity | Client | Client Role | Cloud Temple |\n|---|---|---|---|\n| Run it | RA | I | I |\n";
    expect(await findings(text)).toEqual(["3:23-3:34 schema-violation", "3:37-3:49 party-has-responsibility"]);
    const m = parseMatrix(text, "m.md");
    expect(m.parties.map((p) => p.name)).toEqual(["Client", "Cloud Temple"]);
    expect(m.activities[0]!.cells.map((c) => c?.raw)).toEqual(["RA", "I"]);
    expect(m.problems[0]!.message).toBe('Column 3 ("Client Role") names party "Client" again (column 2): its cells are not read; give each party one column.');
  });

  it("names a party whose header cell is empty by its column", async () => {
    const text = "## S\n\n| Activity | Client | |\n|---|---|---|\n| Run it | RA |\n";
    expect(parseMatrix(text, "m.md").parties.map((p) => p.name)).toEqual(["Client", "column 3"]);
    expect((await lintText(text, { filename: "m.md" })).findings.map((f) => f.message)).toContain(
      'Row "Run it" has 2 cells, its header has 3 (no cell for column 3): missing cells are not taken as empty.',
    );
  });

  it("reports ragged rows instead of taking missing cells as empty", async () => {
    const text = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Short row | RA |\n| Long row | RA | I | X |\n";
    expect(await findings(text)).toEqual(["3:23-3:31 party-has-responsibility", "5:1-5:19 no-ragged-row", "6:1-6:26 no-ragged-row"]);
    const m = parseMatrix(text, "m.md");
    expect(m.activities[0]!.cells[1]).toBeNull();
    expect(m.activities[1]!.extraCells.map((c) => c.raw)).toEqual(["X"]);
  });

  it("writes activities and cells as their model's fields in JSON", () => {
    const m = JSON.parse(JSON.stringify(parseMatrix(TABLE, "m.md")));
    const activity = m.activities[1];
    expect(Object.keys(activity).sort()).toEqual(["cellCount", "cells", "expectedCellCount", "extraCells", "group", "key", "name", "rowSpan", "section", "span", "table"]);
    expect(Object.keys(activity.cells[1]).sort()).toEqual(["box", "codes", "empty", "party", "raw", "span", "style", "tokens"]);
    expect(activity).toMatchObject({ name: "Run the backups", cellCount: 3, cells: [{ raw: "I" }, { raw: "**AR**", codes: ["A", "R"], span: { start: { line: 6, column: 25 } } }] });
  });

  it("counts the cells of a row with only its activity cell, closing pipe or not", async () => {
    const text = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Stop |\n| Halt\n| Go | I |   \n";
    const m = parseMatrix(text, "m.md");
    expect(m.activities.map((a) => [a.name, a.cellCount, a.cells.map((c) => c?.raw ?? null)])).toEqual([
      ["Stop", 1, [null, null]],
      ["Halt", 1, [null, null]],
      ["Go", 2, ["I", null]],
    ]);
    expect((await lintText(text, { filename: "m.md" })).findings.filter((f) => f.ruleId === "no-ragged-row").map((f) => f.message)).toEqual([
      'Row "Stop" has only its activity cell, its header has 3 (no cell for Client, Provider): missing cells are not taken as empty.',
      'Row "Halt" has only its activity cell, its header has 3 (no cell for Client, Provider): missing cells are not taken as empty.',
      'Row "Go" has 2 cells, its header has 3 (no cell for Provider): missing cells are not taken as empty.',
    ]);
  });

  it("reads a transposed matrix (parties as rows, activities as columns)", async () => {
    const text = "## S\n\n| Party | Define the policy | Run the backups |\n|---|---|---|\n| Client | RA | I |\n| Cloud Temple | C | AR |\n";
    const m = parseMatrix(text, "m.md");
    expect(m.activities.map((a) => [a.name, a.cells.map((c) => c?.raw)])).toEqual([
      ["Define the policy", ["RA", "C"]],
      ["Run the backups", ["I", "AR"]],
    ]);
    expect(await findings(text)).toEqual(["6:22-6:24 code-order"]);
  });

  /** Each finding as `line:column rule message`. */
  const described = async (text: string) => (await lintText(text, { filename: "m.md" })).findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);

  it("a table whose columns name parties is read as usual, even under an empty corner and over an activity naming a party", async () => {
    const text = "## Ops\n\n|  | Client | Provider |\n|---|---|---|\n| Onboard the client | RA | I |\n| Patch hosts | | RA |\n";
    const m = parseMatrix(text, "m.md");
    expect(m.activities.map((a) => a.name)).toEqual(["Onboard the client", "Patch hosts"]);
    expect(await described(text)).toEqual(['6:17 customer-involved The customer (Client) has no role in "Patch hosts": it must at least be Informed.']);
  });

  it("transposed: a party named by two rows is reported and its first row read", async () => {
    const text = "## Ops\n\n| Party | Subscribe | Operate |\n|---|---|---|\n| Client | RA | |\n| Provider | I | RA |\n| Client Role | C | I |\n";
    const m = parseMatrix(text, "m.md");
    expect(m.activities.map((a) => [a.name, a.cells.map((c) => c?.raw ?? null)])).toEqual([
      ["Subscribe", ["RA", "I"]],
      ["Operate", ["", "RA"]],
    ]);
    expect(await described(text)).toEqual([
      '5:17 customer-involved The customer (Client) has no role in "Operate": it must at least be Informed.',
      '7:3 schema-violation Row 3 ("Client Role") names party "Client" again (row 1): its cells are not read; give each party one row.',
    ]);
  });

  it("transposed: a short party row is reported at each column it misses, cells past the header at the first of them", async () => {
    const short = "## Ops\n\n| Party | Subscribe | Operate | Audit |\n|---|---|---|---|\n| Client | RA | I |\n| Provider | I | RA | RA |\n";
    expect(await described(short)).toEqual(['3:33 no-ragged-row Column "Audit" has no cell in the row of Client (that row is shorter than its header): missing cells are not taken as empty.']);
    const long = "## Ops\n\n| Party | Subscribe | Operate |\n|---|---|---|\n| Client | RA | I |\n| Provider | I | RA | C | I |\n";
    expect(await described(long)).toEqual(['6:23 no-ragged-row The row of party "Provider" has more cells than its header (2 past it): they belong to no activity.']);
  });
});

describe("legends", () => {
  it("reads a legend table and points at the highlighted letter", () => {
    const m = parseMatrix("| Role | Description |\n|---|---|\n| (R) Performs | __P__erforms the process |\n| (A) Approves | __A__pproves it |\n", "m.md");
    expect(m.legend!.entries.map((e) => [e.code, e.term, e.markedLetter])).toEqual([
      ["R", "Performs", "P"],
      ["A", "Approves", "A"],
    ]);
    expect(m.legend!.entries[0]!.markSpan.start).toMatchObject({ line: 3, column: 18 });
  });

  it("reads a legend list", () => {
    const m = parseMatrix("- **R** (Responsible): does the work\n- **A** (Accountable): answers for it\n- **C** (Consulted): gives advice\n", "m.md");
    expect(m.legend!.entries.map((e) => [e.code, e.term])).toEqual([
      ["R", "Responsible"],
      ["A", "Accountable"],
      ["C", "Consulted"],
    ]);
  });

  it("reports codes used but not defined by the legend", async () => {
    const text = "| Role | Description |\n|---|---|\n| (R) Responsible | __R__esponsible |\n| (A) Accountable | __A__ccountable |\n\n" + TABLE.replace("**AR**", "RA");
    expect((await lintText(text, { filename: "m.md" })).findings.map((f) => f.message)).toEqual(["Codes used but not defined in the legend: I."]);
  });
});

describe("single-letter activities", () => {
  it("a matrix whose activities are letters is a matrix, not a legend", async () => {
    const text = "## S\n\n| Activity | Client | Cloud Temple |\n|---|---|---|\n| X | AR | |\n| Y | | RA |\n";
    expect(parseMatrix(text, "m.md").legend).toBeNull();
    expect(await findings(text)).toEqual(["5:7-5:9 code-order", "6:7-6:7 customer-involved"]);
  });
});
