/**
 * Malformed configuration and rule files: each gets a message naming the file, line and column,
 * and exit code 2; rule files that try to run code, load modules, read files or reach the network
 * are refused before anything runs.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SEED } from "../helpers.js";
import { cli, project } from "../cli/harness.js";

const seed = readFileSync(SEED, "utf8");

const RULE = (body: string) => `id: house/x\ndescription: X.\nseverity: error\n${body}`;
const CHECK = (conditions: string, extra = "") => RULE(`checks:\n  - scope: activity\n    conditions:\n${conditions}\n    message: 'x {{activity}}'\n${extra}`);

/** Each case: files of the project (a config and/or a rule file) and the exact first stderr line. */
const CASES: [string, Record<string, string>, string][] = [
  ["YAML syntax error in the config", { "raci-lint.config.yaml": "rules:\n  code-order: [warning\n" }, "raci-lint.config.yaml:3:1:"],
  ["duplicate key in the config", { "raci-lint.config.yaml": "rules:\n  code-order: off\n  code-order: error\n" }, "raci-lint.config.yaml:3:3: Map keys must be unique"],
  [
    "an extends that is neither a preset nor a file",
    { "raci-lint.config.yaml": "extends: raci-lint:strictt\n" },
    'raci-lint.config.yaml:1:10: /extends: must be one of "raci-lint:recommended", "raci-lint:strict", or a relative path (./x, ../x) or a .yaml, .yml or .json file',
  ],
  ["JSON syntax error in the config", { "raci-lint.config.json": '{ "rules": { "code-order": "off", } }' }, "raci-lint.config.json:1:35: invalid JSON"],
  ["JSON trailing comma in a config array", { "raci-lint.config.json": '{\n  "ruleFiles": [\n    "a.yaml",\n  ]\n}\n' }, "raci-lint.config.json:4:3: invalid JSON: Unexpected token ']'"],
  ["unknown top-level key", { "raci-lint.config.yaml": "rulez:\n  code-order: off\n" }, 'raci-lint.config.yaml:1:1: document: unknown property "rulez"'],
  ["bad severity", { "raci-lint.config.yaml": "rules:\n  code-order: warn\n" }, 'raci-lint.config.yaml:2:15: /rules/code-order: must be one of "off", "info", "warning", "error"'],
  ["unknown rule id", { "raci-lint.config.yaml": "rules:\n  code-ordr: off\n" }, 'raci-lint.config.yaml:2:3: unknown rule "code-ordr"'],
  ["options for a rule without options", { "raci-lint.config.yaml": "rules:\n  code-order: [warning, { x: 1 }]\n" }, 'raci-lint.config.yaml:2:3: code-order: rule "code-order" takes no options'],
  ["unknown option", { "raci-lint.config.yaml": "rules:\n  responsible-required: [error, { bogus: true }]\n" }, 'raci-lint.config.yaml:2:3: responsible-required: options: unknown option "bogus"'],
  ["unknown scheme", { "raci-lint.config.yaml": "scheme: RACX\n" }, 'raci-lint.config.yaml:1:9: /scheme: must be one of "RACI", "RASCI", "RACI-VS", "CAIRO"'],
  [
    "custom scheme with a repeated code",
    { "raci-lint.config.yaml": "scheme:\n  name: X\n  accountable: A\n  responsible: R\n  codes: [{ code: R }, { code: A }, { code: R }]\n" },
    'raci-lint.config.yaml:5:45: scheme "X" lists code "R" twice',
  ],
  [
    "custom scheme whose accountable code is not one of its codes",
    { "raci-lint.config.yaml": "scheme:\n  name: X\n  accountable: Q\n  responsible: R\n  codes: [{ code: R }, { code: A }]\n" },
    'raci-lint.config.yaml:3:16: scheme "X": accountable code "Q" is not one of its codes (R, A)',
  ],
  ["extends a missing file", { "raci-lint.config.yaml": "extends: ./base.yaml\n" }, "raci-lint.config.yaml:1:10: extends: cannot read base.yaml: ENOENT"],
  ["a listed rule file that does not exist", { "raci-lint.config.yaml": "ruleFiles:\n  - house/\n  - nope/\n", "house/.keep": "" }, 'raci-lint.config.yaml:3:5: ruleFiles: "nope/" not found (nope)'],
  [
    "extends cycle",
    { "raci-lint.config.yaml": "extends: ./b.yaml\n", "b.yaml": "extends: ./raci-lint.config.yaml\n" },
    "b.yaml:1:10: extends cycle: raci-lint.config.yaml -> b.yaml -> raci-lint.config.yaml",
  ],
  ["bad party role", { "raci-lint.config.yaml": "parties:\n  client: [Client]\n" }, 'raci-lint.config.yaml:2:3: /parties: unknown property "client"'],
  ["override without files", { "raci-lint.config.yaml": "overrides:\n  - rules: { code-order: off }\n" }, 'raci-lint.config.yaml:2:5: /overrides/0: missing required property "files"'],
  ["package.json key of the wrong type", { "package.json": '{ "name": "d", "raci-lint": { "rules": [] } }' }, "package.json:1:40: raci-lint/rules: must be object"],
  ["rule file: YAML syntax error", { "rules/x.yaml": "id: [x\n" }, "rules/x.yaml:2:1:"],
  ["rule file: missing checks", { "rules/x.yaml": RULE("") }, 'rules/x.yaml:1:1: document: missing required property "checks"'],
  [
    "rule file: unknown scope",
    { "rules/x.yaml": RULE("checks:\n  - scope: row\n    conditions: { all: [{ fact: activity, operator: equal, value: x }] }\n    message: x\n") },
    'rules/x.yaml:5:12: /checks/0/scope: must be one of "cell", "code", "activity", "party", "legend-entry", "matrix", "document", "corpus"',
  ],
  [
    "rule file: unknown fact",
    { "rules/x.yaml": CHECK("      all:\n        - { fact: activityy, operator: equal, value: x }") },
    'rules/x.yaml:8:19: checks[0]: unknown fact "activityy" for scope "activity"',
  ],
  [
    "rule file: unknown placeholder",
    { "rules/x.yaml": CHECK("      all:\n        - { fact: activity, operator: equal, value: x }").replace("x {{activity}}", "x {{actvity}}") },
    'rules/x.yaml:9:14: checks[0]: message names unknown fact "actvity"',
  ],
  [
    "rule file: clashes with a built-in id",
    { "rules/x.yaml": CHECK("      all:\n        - { fact: activity, operator: equal, value: x }").replace("house/x", "code-order") },
    'rules/x.yaml:1:1: rule id "code-order" is already defined by raci-lint',
  ],
];

describe("malformed configuration and rule files", () => {
  it(`has at least 15 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(15));

  it.each(CASES)("%s: names file, line and column; exit 2", async (_, files, expected) => {
    // Rule files sit in rules/ beside a config file, where they are loaded by default.
    const withConfig: Record<string, string> = Object.keys(files).some((f) => f.startsWith("rules/")) ? { "raci-lint.config.yaml": "extends: raci-lint:recommended\n" } : {};
    const root = project({ "seed.md": seed, ...withConfig, ...files });
    const run = await cli(["."], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toContain(`raci-lint: ${expected}`);
  });
});

describe("rule files cannot run code", () => {
  const ATTEMPTS: [string, string, string][] = [
    ["a custom operator", CHECK("      all:\n        - { fact: activity, operator: eval, value: 'process.exit(1)' }"), "/checks/0/conditions/all/0/operator: must be one of"],
    [
      "a script in a JSONPath filter",
      CHECK("      all:\n        - { fact: codesByParty, path: \"$..[?(@.constructor.constructor('return process')())]\", operator: equal, value: 1 }"),
      "/checks/0/conditions/all/0/path: must be text matching",
    ],
    ["a module to load", RULE("require: fs\nchecks: []\n"), 'document: unknown property "require"'],
    ["a fix that is a file path", CHECK("      all:\n        - { fact: activity, operator: equal, value: x }", "    fix: ../../../evil.js\n"), "/checks/0/fix: must be one of"],
    ["a named shared condition (json-rules-engine `condition` references)", CHECK("      all:\n        - { condition: readSecrets }"), "rules/x.yaml:"],
    ["an event with params (json-rules-engine event handlers)", RULE("event: { type: shell, params: { cmd: 'rm -rf /' } }\nchecks: []\n"), 'document: unknown property "event"'],
    [
      "a catastrophic regular expression",
      CHECK("      all:\n        - { fact: activity, operator: matches, value: '^(a+)+$' }"),
      'pattern "^(a+)+$" is refused: nested quantifiers can backtrack catastrophically',
    ],
    ["a backreference", CHECK("      all:\n        - { fact: activity, operator: matches, value: '(a)\\1' }"), "backreferences are not allowed"],
    [
      "options defaults that break the rule's own options schema",
      RULE(
        "options:\n  schema: { type: object, properties: { n: { type: number } }, additionalProperties: false }\n  defaults: { n: str }\nchecks:\n  - scope: activity\n    conditions: { all: [{ option: n, operator: equal, value: 1 }] }\n    message: x\n",
      ),
      "options.defaults do not satisfy options.schema: options.n: must be number",
    ],
    ["wide bounded repeats", CHECK("      all:\n        - { fact: activity, operator: matches, value: '.{0,400}.{0,400}.{0,400}!' }"), "more than 2 unbounded quantifiers"],
    ["two unbounded repeats without ^", CHECK("      all:\n        - { fact: activity, operator: matches, value: '.*x.*!' }"), "2 unbounded quantifiers need the pattern to start with ^"],
    [
      "an options schema with a remote $ref",
      RULE("options:\n  schema: { $ref: 'https://example.com/evil.json' }\nchecks:\n  - scope: activity\n    conditions: { all: [{ option: x, operator: equal, value: 1 }] }\n    message: x\n"),
      "rules/x.yaml:",
    ],
    ["a docs link with a javascript: URL", RULE("docs: 'javascript:alert(1)'\nchecks: []\n"), "/docs: must be text matching"],
  ];

  it.each(ATTEMPTS)("refuses %s (exit 2, nothing linted)", async (_, rule, expected) => {
    const root = project({ "seed.md": seed, "rules/x.yaml": rule, "raci-lint.config.yaml": "rules:\n  house/x: [error, { x: 1 }]\n" });
    const run = await cli(["-f", "json", "."], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(expected);
  });
});

describe("schema errors say what is wrong once", () => {
  it("a comparison with an unknown operator is one error, at the operator", async () => {
    const rule =
      "id: house/x\ndescription: X.\nseverity: error\nchecks:\n  - scope: activity\n    conditions:\n      all:\n        - { fact: activity, operator: startsWith, value: x }\n    message: x\n";
    const root = project({ "seed.md": seed, "rules/x.yaml": rule, "raci-lint.config.yaml": "ruleFiles: [rules/x.yaml]\n" });
    const run = await cli(["-f", "json", "."], root);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^raci-lint: rules\/x\.yaml:8:39: \/checks\/0\/conditions\/all\/0\/operator: must be one of "equal", /u)]);
  });

  it("a party of the wrong type is one error naming the types allowed; an object party is checked inside", async () => {
    const yaml = "parties: [Client, { name: Prov, role: boss }, 42]\nsections: []\n";
    const run = await cli(["-f", "json", "m.yaml"], project({ "m.yaml": yaml }));
    const messages = JSON.parse(run.stdout).files[0].findings.map((f: { line: number; column: number; message: string }) => `${f.line}:${f.column} ${f.message}`);
    expect(messages).toEqual(['1:39 /parties/1/role: must be one of "customer", "provider", "third-party"', "1:47 /parties/2: must be string or object"]);
  });
});
