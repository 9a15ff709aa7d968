/** The CSV reader: separators, quoting, BOM, UTF-8, positions and A1 references, layouts, and `--fix` byte for byte. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixText, lintText, parseMatrix, RaciLint } from "../../../src/index.js";
import { csvRecords, detectSeparator } from "../../../src/readers/spreadsheet/csv.js";
import { recommendedRules } from "../../../src/config/presets.js";
import { RACI } from "../../../src/model/scheme.js";
import { cli, project } from "../../cli/harness.js";

/** Each finding as `line:column-endLine:endColumn cell rule: message`. */
async function findings(text: string, filename = "m.csv") {
  return (await lintText(text, { filename })).findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.cell ?? "-"} ${f.ruleId}: ${f.message}`);
}

describe("CSV separators and records", () => {
  it.each([
    ["Activity,Client,Provider\nPlan,RA,C\n", ","],
    ["Aktivitaet;Kunde;Anbieter\nPlan;RA;C\n", ";"],
    ["Activity\tClient\tProvider\nPlan\tRA\tC\n", "\t"],
    // Commas inside quotes or inside a `;` file's cells do not count.
    ['Activity;"Client, EU";Provider\nPlan, review;"A, R";C\n', ";"],
    ["just one column\nand another line\n", ","],
  ])("finds the separator of %j", (text, separator) => {
    expect(detectSeparator(text)).toBe(separator);
  });

  it("locates each field in the text: quoted, with doubled quotes, with line breaks, across CRLF, CR and LF", () => {
    const text = 'a,"b ""x"""\r\n"c\r\nd",e\rf,\n';
    const { records, error } = csvRecords(text);
    expect(error).toBeNull();
    expect(records.map((r) => r.map((f) => [f.value, text.slice(f.start, f.end), f.quoted]))).toEqual([
      [
        ["a", "a", false],
        ['b "x"', '"b ""x"""', true],
      ],
      [
        ["c\r\nd", '"c\r\nd"', true],
        ["e", "e", false],
      ],
      [
        ["f", "f", false],
        ["", "", false],
      ],
    ]);
  });

  it("reports an unclosed quote at the row it opens, and reads the rows before it", async () => {
    const text = 'Activity,Client,Provider\nPlan,AR,R\nRun,"R,I\n';
    const m = parseMatrix(text, "m.csv");
    expect(m.activities.map((a) => a.name)).toEqual(["Plan"]);
    expect(await findings(text)).toEqual([
      '2:6-2:8 B2 code-order: Codes "AR" are out of order: write "RA". (B2)',
      "3:1-3:1 A3 parse-error: CSV: Quote Not Closed: the parsing is finished with an opening quote. The rows from here on are not read. (A3)",
    ]);
  });
});

describe("CSV matrices", () => {
  it("points at the cell's line and column and names its A1 reference; quoted cells and a BOM are positioned in the text", async () => {
    const text = '\uFEFFActivity,Client,"Cloud, Provider"\r\n"Back ""up""",AR,R\r\n"Restore\r\nfiles","A, R",RR\r\nAudit,"RA",\r\n';
    expect(await findings(text)).toEqual([
      '2:15-2:17 B2 code-order: Codes "AR" are out of order: write "RA". (B2)',
      '4:9-4:13 B3 code-order: Codes "AR" are out of order: write "RA". (B3)',
      '4:15-4:17 C3 no-duplicate-codes: Codes written more than once in "RR": R. (C3)',
    ]);
    // A quoted field with a line break is pointed at whole.
    const m = parseMatrix(text, "m.csv");
    expect(m.activities[1]!.span).toEqual({ start: { line: 3, column: 2, offset: 56 }, end: { line: 4, column: 6, offset: 70 }, ref: { cell: "A3" } });
    expect(m.bom).toBe(true);
  });

  it("reports a field with spaces around its quotes as the parse error it is", async () => {
    expect(await findings('Activity,Client,Provider\nPlan, "AR" ,R\n')).toEqual([
      '2:1-2:1 A2 parse-error: CSV: Invalid Opening Quote: a quote is found on field 1 at line 2, value is " ". The rows from here on are not read. (A2)',
    ]);
  });

  it("reads parties as rows, a column per role, group rows and a group column", () => {
    const rows = parseMatrix("Team,Backup,Restore\nClient,R,A\nProvider,A,R\n", "m.csv");
    expect(rows.decisions.map((d) => d.layout)).toEqual(["columns"]);
    expect(rows.activities.map((a) => a.name)).toEqual(["Backup", "Restore"]);
    const roles = parseMatrix('Task,Responsible,Accountable\nBackup,Ops,Lead\nRestore,"Ops, Dev",Lead\n', "m.csv");
    expect(roles.decisions.map((d) => d.layout)).toEqual(["role-columns"]);
    expect(roles.parties.map((p) => p.name)).toEqual(["Ops", "Lead", "Dev"]);
    const groups = parseMatrix("Activity,Client,Provider\nLaunch,,\nPlan,RA,C\nRun,I,RA\n\nOperate,,\nPatch,I,RA\n", "m.csv");
    expect(groups.groups.map((g) => g.title)).toEqual(["Launch", "Operate"]);
    expect(groups.activities.map((a) => `${groups.groups[a.group!]!.title}/${a.name}`)).toEqual(["Launch/Plan", "Launch/Run", "Operate/Patch"]);
    const column = parseMatrix("Phase,Step,Role,Owner\nBuild,Plan,R,A\n,Code,R,A\nRun,Patch,A,R\n", "m.csv");
    expect(column.groups.map((g) => g.title)).toEqual(["Build", "Run"]);
  });

  it("a group column over activities that repeat one, and a legend in the activity column's header: the parties are the columns after the activities", async () => {
    // After jkstant/AzureRACIToolkit's workbook: its B1 holds the legend; an activity is listed twice.
    const text =
      'Type,"R - RESPONSIBLE - doing the work\nA - ACCOUNTABLE - signs off\nC - CONSULTED\nI - INFORMED",Owner,Ops,Sec\nGovernance,Define the model,A,R,I\nGovernance,Define logging,A,C,R\nGovernance,Define the model,A,R,I\nOperations,Create groups,I,AR,C\nOperations,Patch hosts,I,R,A\n';
    const m = parseMatrix(text, "m.csv");
    expect(m.parties.map((p) => p.name)).toEqual(["Owner", "Ops", "Sec"]);
    expect(m.groups.map((g) => g.title)).toEqual(["Governance", "Operations"]);
    expect(m.activities.map((a) => a.name)).toEqual(["Define the model", "Define logging", "Define the model", "Create groups", "Patch hosts"]);
    expect(await findings(text)).toEqual([
      // The header's quoted field spans lines 1-4: row 4 is line 7.
      '7:12-7:28 B4 no-duplicate-activity: Activity "Define the model" is listed more than once (first at B2). (B4)',
      '8:28-8:30 D5 code-order: Codes "AR" are out of order: write "RA". (D5)',
    ]);
  });

  it("reports rows of mixed length (no-ragged-row) and a title row above the table names the section", async () => {
    const text = "RACI of backups\nActivity,Client,Provider\nPlan,RA\nRun,I,RA,extra\nCheck,,RA,\n";
    const m = parseMatrix(text, "m.csv");
    expect(m.sections.map((s) => s.title)).toEqual(["RACI of backups"]);
    // An empty field past the header (`Check,,RA,`, as spreadsheets export) is no cell.
    expect(m.activities.map((a) => a.cellCount)).toEqual([2, 4, 3]);
    expect((await findings(text)).filter((f) => f.includes("no-ragged-row"))).toEqual([
      '3:1-3:8 A3 no-ragged-row: Row "Plan" has 2 cells, its header has 3 (no cell for Provider): missing cells are not taken as empty. (A3)',
      '4:1-4:15 A4 no-ragged-row: Row "Run" has 4 cells, its header has 3: the extra cells belong to no party. (A4)',
    ]);
    const run = await cli(["ragged.csv", "--no-config"], project({ "ragged.csv": text }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "",
        "ragged.csv",
        '  3:1  error  Row "Plan" has 2 cells, its header has 3 (no cell for Provider): missing cells are not taken as empty. (A3)  no-ragged-row',
        '  4:1  error  Row "Run" has 4 cells, its header has 3: the extra cells belong to no party. (A4)                            no-ragged-row',
        '  5:7  error  The customer (Client) has no role in "Check": it must at least be Informed. (B5)                             customer-involved',
        "",
        "✖ 3 problems (3 errors, 0 warnings, 0 infos)",
        "",
      ].join("\n"),
    );
  });

  it("reads a Latin-1 file as the other text files: a parse-error at the first byte that is not UTF-8, the rest checked", async () => {
    const root = project({});
    writeFileSync(join(root, "latin1.csv"), Buffer.from("Activit\xe9,Client,Fournisseur\nPlan,AR,R\n", "latin1"));
    const run = await cli(["latin1.csv", "-f", "json", "--no-config"], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { findings: { ruleId: string; line: number; column: number; message: string }[] }[] };
    expect(report.files[0]!.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`)).toEqual([
      "1:8 parse-error: The file is not UTF-8 text (first seen here): it is checked as read, but not fixed. Save it as UTF-8.",
      '2:6 code-order: Codes "AR" are out of order: write "RA". (B2)',
    ]);
    // --fix leaves it as it is, and says why.
    const fix = await cli(["latin1.csv", "--fix", "--no-config"], root);
    expect(fix.code).toBe(1);
    expect(fix.stderr).toBe("raci-lint: latin1.csv: not fixed: it is not UTF-8 text\n");
    expect(readFileSync(join(root, "latin1.csv"))).toEqual(Buffer.from("Activit\xe9,Client,Fournisseur\nPlan,AR,R\n", "latin1"));
  });

  it("a named file without a matrix: no-matrix (info) at its first table, saying why; met in a folder, it is only counted", async () => {
    const root = project({ "sizes.csv": "Sizes\nSize,vCores\nS,2\nM,4\n" });
    const run = await cli(["sizes.csv", "--no-config", "-f", "json"], root);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { findings: Record<string, unknown>[] }[]; summary: { filesWithoutMatrix?: number } };
    expect(report.files[0]!.findings.map((f) => [f.ruleId, f.severity, f.line, f.column, f.cell, f.message])).toEqual([
      [
        "no-matrix",
        "info",
        2,
        1,
        "A2",
        "No RACI matrix found: its table at line 2 is not one: most of its cells (2 of 2) hold words, numbers or symbols, not role codes (`--explain` says what was read). (A2)",
      ],
    ]);
    expect(report.summary.filesWithoutMatrix).toBe(1);
    const folder = JSON.parse((await cli([".", "--no-config", "-f", "json"], root)).stdout) as { files: { findings: unknown[] }[] };
    expect(folder.files.map((f) => f.findings)).toEqual([[]]);
  });

  it("is found in folders and read by the façade", async () => {
    const root = project({ "raci/matrix.csv": "Activity,Client,Provider\nPlan,AR,R\n", "raci/data.csv": "id,size\n1,20\n" });
    const results = await new RaciLint({ cwd: root, useConfigFiles: false }).lintFiles(["."]);
    expect(results.map((r) => `${r.path} ${r.findings.map((f) => `${f.cell} ${f.ruleId}`).join(",")}`)).toEqual(["raci/data.csv ", "raci/matrix.csv B2 code-order"]);
  });
});

describe("CSV fixes", () => {
  const setup = { rules: recommendedRules(), scheme: RACI };

  it("change only the edited cell's characters, keeping BOM, line endings and quotes", async () => {
    const text = '\uFEFFActivity;Client;"Cloud; Provider"\r\n"Back ""up""";AR;I\r\n"Restore\r\nfiles";"A; R";RR\r\nAudit;"RA";C\r\n';
    const fixed = await fixText(text, "m.csv", setup);
    expect(fixed.output).toBe('\uFEFFActivity;Client;"Cloud; Provider"\r\n"Back ""up""";RA;I\r\n"Restore\r\nfiles";"R; A";R\r\nAudit;"RA";C\r\n');
    expect(fixed.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it("quote a field the fix puts a separator in", async () => {
    // `a,r` in a `;` file: the fix writes `R,A`, which needs no quotes; in a `,` file, a quoted field keeps its quotes.
    const semicolon = await fixText("Activity;Client;Provider\nPlan;a,r;C\n", "m.csv", setup);
    expect(semicolon.output).toBe("Activity;Client;Provider\nPlan;r,a;C\n");
    const comma = await fixText('Activity,Client,Provider\nPlan,"A, R",C\n', "m.csv", setup);
    expect(comma.output).toBe('Activity,Client,Provider\nPlan,"R, A",C\n');
  });

  it("offer the customer an I in its empty cell (unsafe), inserted in place", async () => {
    const fixed = await fixText("Activity,Client,Provider\nPlan,,RA\n", "m.csv", setup, { unsafe: true });
    expect(fixed.output).toBe("Activity,Client,Provider\nPlan,I,RA\n");
  });
});
