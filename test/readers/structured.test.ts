/** YAML and JSON matrices: a party an activity leaves out is reported once, where the activity is. */
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/index.js";

/** Each finding as `line:column rule message`. */
async function findings(text: string, filename: string) {
  return (await lintText(text, { filename })).findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

const PARTIES = { parties: [{ name: "Client", role: "customer" }, { name: "Provider", role: "provider" }] };

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
      { ...PARTIES, sections: [{ title: "Backups", activities: [{ activity: "Back up data", codes: { Provider: "RA" } }, { activity: "Restore data", codes: { Client: "", Provider: "RA" } }] }] },
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
