/** YAML and JSON matrices: a party an activity leaves out is reported once, where the activity is. */
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/index.js";
import { fixText } from "../../src/fix/fixer.js";
import { recommendedRules } from "../../src/config/presets.js";
import { RACI } from "../../src/model/scheme.js";

const recommendedSetup = () => ({ rules: recommendedRules(), scheme: RACI });

/** Each finding as `line:column rule message`. */
async function findings(text: string, filename: string) {
  return (await lintText(text, { filename })).findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

const PARTIES = {
  parties: [
    { name: "Client", role: "customer" },
    { name: "Provider", role: "provider" },
  ],
};

describe("activities that leave a party out", () => {
  it("YAML: names the parties left out, at the activity; an unknown party is a schema violation, not a second finding", async () => {
    const yaml = [
      "parties: [{ name: Client, role: customer }, { name: Provider, role: provider }]",
      "sections:",
      "  - title: Backups",
      "    activities:",
      "      - activity: Back up data",
      "        codes: { Client: RA }",
      "      - activity: Restore data",
      "        codes: { Client: A, Provider: R, Auditor: I }",
      "      - activity: Test restores",
      "        codes: { Client: I, Provider: RA }",
      "",
    ].join("\n");
    expect(await findings(yaml, "m.yaml")).toEqual([
      '5:9 no-ragged-row Activity "Back up data" gives no codes for Provider: a missing entry is not taken as empty (write "" for no role).',
      '8:42 schema-violation codes: "Auditor" is not one of the parties (Client, Provider)',
    ]);
  });

  it("JSON: the same, and an empty string is a cell with no role", async () => {
    const json = JSON.stringify(
      {
        ...PARTIES,
        sections: [
          {
            title: "Backups",
            activities: [
              { activity: "Back up data", codes: { Provider: "RA" } },
              { activity: "Restore data", codes: { Client: "", Provider: "RA" } },
            ],
          },
        ],
      },
      null,
      2,
    );
    expect((await findings(json, "m.json")).filter((f) => f.includes("no-ragged-row"))).toEqual([
      '16:9 no-ragged-row Activity "Back up data" gives no codes for Client: a missing entry is not taken as empty (write "" for no role).',
    ]);
  });
});

describe("JSON syntax errors", () => {
  it.each([
    ["a trailing comma in an array", '{\n  "parties": [\n    "a",\n  ]\n}\n', "4:3", "Unexpected token ']'"],
    ["a trailing comma in an object", '{\n  "title": "x",\n}\n', "3:1", "Expected double-quoted property name"],
    ["a missing comma", '{\n  "title": "x"\n  "parties": []\n}\n', "3:3", "Expected ',' or '}' after property value"],
    ["a comment", '{\n  // note\n  "title": "x"\n}\n', "2:3", "Expected property name or '}'"],
    ["a comment deep in a long file", '{\n  "parties": [],\n  "sections": [\n    // no comments in JSON\n  ]\n}\n', "4:5", "Unexpected token '/'"],
    ["text after the value", '{ "title": "x" }\nmore\n', "2:1", "Unexpected non-whitespace character after JSON"],
    ["a cut-off file", '{\n  "title": "x",\n  "parties": [', "3:15", "Unexpected end of JSON input"],
  ])("%s is reported where the text stops being JSON", async (_label, text, at, message) => {
    const [finding] = await findings(text, "m.json");
    expect(finding!.startsWith(`${at} parse-error Invalid JSON: ${message}`), finding).toBe(true);
    expect(finding).not.toMatch(/at position|is not valid JSON|\n/u);
  });
});

describe("YAML aliases", () => {
  it("read as what their anchors set, placed where they are written, never fixed", async () => {
    const yaml = [
      "parties: [Client, Provider]",
      "sections:",
      "  - title: S",
      "    activities:",
      "      - activity: Plan",
      '        codes: &none { Client: "", Provider: "" }',
      "      - activity: Review",
      "        codes: *none",
      "      - activity: Build",
      "        codes: { Client: &ar AR, Provider: I }",
      "      - activity: Ship",
      "        codes: { Client: *ar, Provider: I }",
      "",
    ].join("\n");
    expect(await findings(yaml, "m.yaml")).toEqual([
      '1:19 party-has-responsibility Party "Provider" is neither Responsible (R) nor Accountable (A) for any activity of the matrix (4 listed).',
      '5:19 no-empty-activity Activity "Plan" assigns no role to any party.',
      '7:19 no-empty-activity Activity "Review" assigns no role to any party.',
      '10:30 code-order Codes "AR" are out of order: write "RA".',
      '12:26 code-order Codes "AR" are out of order: write "RA".',
    ]);
    // Text under an anchor an alias uses is read in several places: fixes leave it (and the alias) alone.
    const fixed = await fixText(yaml, "m.yaml", recommendedSetup());
    expect(fixed.output).toBe(yaml);
  });

  it("a file may use an anchor hundreds of times; an alias without an anchor is a parse error where it is written", async () => {
    const many = ["parties: [Client, Provider]", "sections:", "  - title: S", "    activities:", "      - activity: A0", "        codes: &c { Client: RA, Provider: I }"];
    for (let i = 1; i <= 300; i++) many.push(`      - activity: A${i}`, "        codes: *c");
    expect(await findings(many.join("\n") + "\n", "m.yaml")).toEqual([
      '1:19 party-has-responsibility Party "Provider" is neither Responsible (R) nor Accountable (A) for any activity of the matrix (301 listed).',
    ]);
    const lost = "parties: [Client, Provider]\nsections:\n  - title: S\n    activities:\n      - activity: A\n        codes: { Client: *zz, Provider: I }\n";
    expect(await findings(lost, "m.yaml")).toEqual(["6:26 parse-error document cannot be read: alias *zz names no anchor &zz set before it"]);
  });
});

describe("YAML that is not one matrix", () => {
  it("a second document is one clear parse error", async () => {
    const yaml = "parties: [Client, Provider]\nsections: []\n---\ntitle: other\n";
    expect(await findings(yaml, "m.yaml")).toEqual(["3:1 parse-error the file holds more than one YAML document (a second `---`): keep one"]);
  });

  it("an activity with a code written as a list or a number is reported by the schema alone", async () => {
    const yaml =
      "parties: [Client, Provider]\nsections:\n  - title: S\n    activities:\n      - activity: A\n        codes: { Client: [R, A], Provider: 3 }\n      - activity: B\n        codes: { Client: RA, Provider: I }\n";
    expect(await findings(yaml, "m.yaml")).toEqual([
      '1:19 party-has-responsibility Party "Provider" is neither Responsible (R) nor Accountable (A) for any activity of the matrix (1 listed).',
      "6:26 schema-violation /sections/0/activities/0/codes/Client: must be string or null",
      "6:44 schema-violation /sections/0/activities/0/codes/Provider: must be string or null",
    ]);
  });
});

describe("a matrix without parties", () => {
  it("is reported by the schema alone, its activities not read", async () => {
    const yaml = "sections:\n  - title: S\n    activities:\n      - activity: A\n        codes: { Client: RA }\n";
    expect(await findings(yaml, "m.yaml")).toEqual([
      '1:1 schema-violation document: missing required property "parties": codes are written per party, so the parties must be listed (`parties: [Client, Provider]`)',
    ]);
    expect(await findings(`parties: []\n${yaml}`, "m.yaml")).toEqual(["1:10 schema-violation /parties: must list at least one item"]);
  });
});

describe("codes written with escapes", () => {
  it("are pointed at as a whole string, not at offsets the escapes shift", async () => {
    const json = '{\n  "parties": ["Client", "Provider"],\n  "sections": [{ "title": "S", "activities": [\n    { "activity": "A", "codes": { "Client": "\\u0041R", "Provider": "\\tI" } }\n  ] }]\n}\n';
    const result = await lintText(json, { filename: "m.json" });
    expect(result.findings.filter((f) => f.ruleId === "code-order").map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`)).toEqual([
      '4:46-4:53 Codes "AR" are out of order: write "RA".',
    ]);
    const cell = result.matrix!.activities[0]!.cells[0]!;
    expect(cell.tokens.map((t) => `${t.value} ${t.span.start.column}-${t.span.end.column}`)).toEqual(["A 46-53", "R 46-53"]);
  });
});

describe("a YAML matrix with schema violations around valid activities", () => {
  const yaml = [
    "# a comment",
    "parties:",
    "  - Client",
    "  - { name: Provider, role: boss }",
    "sections:",
    "  - title: Ops",
    "    activities:",
    "      - activity: Back up   # kept",
    '        codes: { Client: "AR", Provider: I }',
    "      - activity: Restore",
    "        codes: { Client: RA, Provider: [R, A] }",
    "      - activity: Patch",
    "        codes: { Client: I, Provider: AR }",
    "",
  ].join("\n");

  it("checks the cells of a party whose role is refused like any other party's", async () => {
    expect((await findings(yaml, "m.yaml")).filter((f) => f.includes("code-order"))).toEqual([
      '9:27 code-order Codes "AR" are out of order: write "RA".',
      '13:39 code-order Codes "AR" are out of order: write "RA".',
    ]);
  });

  it("is fixed around them, comments and the refused values kept", async () => {
    const fixed = await fixText(yaml, "m.yaml", recommendedSetup());
    expect(fixed.refused).toEqual([]);
    expect(fixed.output).toBe(yaml.replace('"AR"', '"RA"').replace("Provider: AR }", "Provider: RA }"));
  });
});

describe("an activity with one code of the wrong type", () => {
  it("keeps its other cells: they are checked and fixed, the bad one is neither empty nor missing", async () => {
    const yaml =
      "parties:\n  - { name: Client, role: customer }\n  - { name: Prov, role: provider }\nsections:\n  - title: S\n    activities:\n      - activity: A\n        codes:\n          Client: [R, A]\n          Prov: AR\n      - activity: B\n        codes: { Client: RA, Prov: C }\n";
    expect(await findings(yaml, "m.yaml")).toEqual([
      "9:19 schema-violation /sections/0/activities/0/codes/Client: must be string or null",
      '10:17 code-order Codes "AR" are out of order: write "RA".',
    ]);
    expect((await fixText(yaml, "m.yaml", recommendedSetup())).output).toBe(yaml.replace("Prov: AR", "Prov: RA"));
  });
});

describe("unsafe fixes and anchors", () => {
  it("an anchored value another cell reads through an alias is never edited, even by unsafe suggestions", async () => {
    const yaml =
      "parties:\n  - { name: Client, role: customer }\n  - { name: Prov, role: provider }\nsections:\n  - title: S\n    activities:\n      - activity: Customer left out\n        codes:\n          Client: &none ''\n          Prov: RA\n      - activity: Provider left out\n        codes:\n          Client: RA\n          Prov: *none\n";
    const fixed = await fixText(yaml, "m.yaml", recommendedSetup(), { unsafe: true });
    expect(fixed.output).toBe(yaml);
  });
});

describe("positions of YAML parse errors", () => {
  it("never end between a CR and its LF (issue 11 #4)", async () => {
    const result = await lintText(': "\r\n"', { filename: "m.yaml" });
    expect(result.findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`)).toEqual([
      '1:4-1:4 Missing closing "quote',
      "2:1-2:2 Implicit map keys need to be followed by map values",
      '2:2-2:2 Missing closing "quote',
    ]);
  });

  it("a duplicate key is pointed at, also after a key without value (yaml pointed at the end of the line before)", async () => {
    const yaml = "parties: [Client, Provider]\nsections:\n  - title: S\n    activities:\n      - activity: A\n        codes:\n          Client:\n          Client: RA\n";
    expect(await findings(yaml, "m.yaml")).toEqual(['8:11 parse-error Map keys must be unique: "Client" is given twice']);
    expect(await findings('{ "parties": ["Client"], "parties": [] }', "m.json")).toEqual(['1:26 parse-error Map keys must be unique: "parties" is given twice']);
  });
});

describe("role-major activities (a key per role, the parties holding it under it)", () => {
  const yaml = [
    "title: Release process",
    "activities:",
    "  - activity: Cut the release",
    "    R: [Dev, QA]",
    "    A: Release Manager",
    "    informed: Support",
    "  - activity: Approve the release",
    "    accountable: Release Manager, Product Owner",
    "    Consulted: QA",
    "  - activity: Announce it",
    "    I: [Support]",
    "",
  ].join("\n");

  it("reads every name as a party, its codes from the keys, each code at the name", async () => {
    const matrix = (await lintText(yaml, { filename: "release.yaml" })).matrix!;
    expect(matrix.parties.map((p) => p.name)).toEqual(["Dev", "QA", "Release Manager", "Support", "Product Owner"]);
    expect(matrix.parties.every((p) => p.declared === false)).toBe(true);
    expect(matrix.activities.map((a) => [a.name, a.cells.map((c) => c?.codes.join("") ?? "")])).toEqual([
      ["Cut the release", ["R", "R", "A", "I", ""]],
      ["Approve the release", ["", "C", "A", "", "A"]],
      ["Announce it", ["", "", "", "I", ""]],
    ]);
    const qa = matrix.activities[1]!.cells[1]!;
    expect(qa.tokens.map((t) => [t.value, t.span.start.line, t.span.start.column, t.span.end.column])).toEqual([["C", 9, 16, 18]]);
    expect(matrix.decisions).toEqual([
      {
        span: matrix.decisions[0]!.span,
        kind: "matrix",
        layout: "document",
        parties: ["Dev", "QA", "Release Manager", "Support", "Product Owner"],
        groups: [],
        activities: 3,
        reason: "its activities give the parties of each role (`R:`, `accountable:`)",
      },
    ]);
  });

  it("the rules work on it unchanged: two names under accountable, no one responsible", async () => {
    expect(await findings(yaml, "release.yaml")).toEqual([
      '7:15 responsible-required No party is Responsible (R) for "Approve the release".',
      '7:15 single-accountable 2 parties are Accountable (A) for "Approve the release": Release Manager, Product Owner; exactly one must be.',
      '10:15 responsible-required No party is Responsible (R) for "Announce it".',
      '10:15 single-accountable No party is Accountable (A) for "Announce it".',
    ]);
  });

  it("JSON too, with the parties listed: a name that is not one of them is reported where it is written", async () => {
    const json = JSON.stringify({ parties: ["Dev", "Ops"], sections: [{ title: "Run", activities: [{ activity: "Deploy", responsible: ["Dev"], accountable: "Ops", consulted: ["Sec"] }] }] }, null, 2);
    const lines = await findings(json, "run.json");
    expect(lines).toEqual(['17:14 schema-violation consulted: "Sec" is not one of the parties (Dev, Ops)']);
  });

  it("a key that is no role of the scheme is reported on the key; under RASCI, S is one", async () => {
    const text = "activities:\n  - activity: Deploy\n    R: Dev\n    A: Ops\n    S: Sec\n    owner: Ops\n";
    expect(await findings(text, "m.yaml")).toEqual([
      '5:5 schema-violation "S" is neither a role of RACI (R, A, C, I or their names) nor "activity" or "codes"',
      '6:5 schema-violation "owner" is neither a role of RACI (R, A, C, I or their names) nor "activity" or "codes"',
    ]);
    const rasci = await lintText(`title: RASCI of deployments\n${text}`, { filename: "m.yaml" });
    expect(rasci.matrix!.scheme.name).toBe("RASCI");
    expect(rasci.matrix!.schemeReason).toBe("the title names RASCI");
    expect(rasci.findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['7:5 "owner" is neither a role of RASCI (R, A, S, C, I or their names) nor "activity" or "codes"']);
  });

  it("codes and roles in one activity: the codes are read, the role keys reported", async () => {
    const text = "parties: [Dev, Ops]\nactivities:\n  - activity: Deploy\n    codes: { Dev: R, Ops: A }\n    R: Dev\n";
    expect(await findings(text, "m.yaml")).toEqual(['5:5 schema-violation "R": an activity gives its codes per party (codes:) or its parties per role (R:, A:...), not both']);
  });
});

describe("data that is not a matrix", () => {
  it("an empty or blank YAML or JSON file: no matrix, the file is empty (JSON too, where it is no document)", async () => {
    for (const [name, text] of [
      ["e.json", ""],
      ["e.yaml", ""],
      ["b.yml", "  \n\n"],
    ]) {
      const result = await lintText(text!, { filename: name! });
      expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
        "1:1 no-matrix info No RACI matrix found: the file is empty (`--explain` says what was read).",
      ]);
    }
  });

  it("is left alone with the shapes a matrix has, not checked against the schema", async () => {
    const result = await lintText("name: my-site\nnav:\n  - Home\n", { filename: "mkdocs.yml" });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`)).toEqual(["1:1 no-matrix info"]);
    const reason =
      "its top level has none of sections, activities, parties: a YAML/JSON matrix lists activities under `sections` or `activities`, each with its codes per party (`codes: { Client: R }`) or the parties of each role (`R: [Dev, Ops]`)";
    expect(result.matrix!.decisions.map((d) => [d.kind, d.reason])).toEqual([["ignored", reason]]);
    // Said whole in the finding (a message cuts fact texts longer than 300 characters).
    expect(result.findings[0]!.message).toBe(`No RACI matrix found: ${reason} (\`--explain\` says what was read).`);
  });
});
