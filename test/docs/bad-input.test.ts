/**
 * docs/bad-input.md is true: each row of its table is run here on the example it names, and what the
 * command reports (the first finding, or standard error) and its exit code must be what the row says.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, findingLines, project } from "../cli/harness.js";
import { ALIAS_BOMB, REPO, zipOf } from "../helpers.js";

const TABLE = "| Activity | Client | Provider |\n|---|---|---|\n";
const OK = `## S\n\n${TABLE}| Run it | RA | I |\n| Host it | I | RA |\n`;

/** An example: the files of a folder (text, or bytes), the arguments, and the standard input. */
interface Example {
  files: Record<string, string | Buffer>;
  args: string[];
  stdin?: Buffer;
  link?: [string, string];
}

/** The examples, by the text of the table's first column. */
const EXAMPLES: Record<string, Example> = {
  "An empty file": { files: { "empty.md": "" }, args: ["empty.md"] },
  "A file with no matrix": { files: { "notes.md": "# Notes\n\nNothing to see.\n" }, args: ["notes.md"] },
  "A file that is not UTF-8 (Latin-1, UTF-16, binary)": { files: { "latin1.md": Buffer.from(`## Sécurité\n\n${TABLE}| Run it | RA | I |\n`, "latin1") }, args: ["latin1.md"] },
  "JSON that is not JSON": { files: { "m.json": '{"parties": [\n  "Client",\n}' }, args: ["m.json"] },
  "YAML that is not YAML": { files: { "m.yaml": "parties: [Client\nsections: []\n" }, args: ["m.yaml"] },
  "A key given twice": { files: { "m.yaml": "parties: [Client]\nparties: [Provider]\nsections: []\n" }, args: ["m.yaml"] },
  "Several YAML documents in one file": { files: { "m.yaml": "parties: [a]\nsections: []\n---\nparties: [b]\n" }, args: ["m.yaml"] },
  "YAML or JSON that is not a matrix": { files: { "m.json": "[1, 2]" }, args: ["m.json"] },
  "A matrix of the wrong shape": { files: { "m.json": '{"parties": 3, "sections": []}' }, args: ["m.json"] },
  "YAML or JSON nested more than 500 levels": { files: { "m.json": "[".repeat(600) + "]".repeat(600) }, args: ["m.json"] },
  "A YAML alias bomb": { files: { "m.yaml": ALIAS_BOMB }, args: ["m.yaml"] },
  "Markdown nested thousands of levels": { files: { "deep.md": "> ".repeat(5000) + "x\n" }, args: ["deep.md"] },
  "A cell of 100 KB": { files: { "long.md": `${TABLE}| Run it | R${"*".repeat(100_000)}x | RA |\n| Host it | R | A |\n` }, args: ["long.md"] },
  "A row with fewer cells than its header": { files: { "m.md": `${TABLE}| Run it | RA |\n` }, args: ["m.md"] },
  "A CSV file with rows of mixed length": { files: { "m.csv": "Activity,Client,Provider\nRun it,RA\nHost it,I,RA,\n" }, args: ["m.csv"] },
  "A workbook that is not a zip": { files: { "m.xlsx": "Activity,Client\nRun it,RA\n" }, args: ["m.xlsx"] },
  "A password-protected workbook": {
    files: { "m.xlsx": Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from("EncryptionInfo", "utf16le")]) },
    args: ["m.xlsx"],
  },
  // A stored entry of 4 bytes whose directory says it expands to 4 GiB.
  "A workbook whose entries expand to gigabytes": { files: { "m.xlsx": zipOf([{ name: "xl/worksheets/sheet1.xml", data: Buffer.from("<a/>"), declared: 0xfffffff0 }]) }, args: ["m.xlsx"] },
  "A named file that cannot be read": { files: { "ok.md": OK }, link: ["nowhere.md", "gone.md"], args: ["gone.md", "ok.md"] },
  "Standard input that is not UTF-8": { files: {}, args: ["--stdin-filename", "x.md", "-"], stdin: Buffer.from(`## S\xe9\n\n${TABLE}| Run it | RA | I |\n`, "latin1") },
  "A path that matches nothing": { files: {}, args: ["missing.md"] },
  "An invalid configuration file": { files: { "raci-lint.config.yaml": "rules:\n  code-order: [error\n", "ok.md": OK }, args: ["ok.md"] },
  "An invalid rule file": { files: { "raci-lint.config.yaml": "", "rules/mine.yaml": "id: mine\ndescription: y\n", "ok.md": OK }, args: ["ok.md"] },
  "An unknown option": { files: {}, args: ["--colour"] },
};

/** The table's rows: input, reported as, message start, exit code. */
function rows(): { input: string; reported: string; message: string; exit: number }[] {
  const doc = readFileSync(join(REPO, "docs/bad-input.md"), "utf8");
  return doc
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Input ") && !line.startsWith("| ---"))
    .map((line) => {
      const cells = line.slice(2, -2).split(" | ");
      const code = (text: string) => /^`(.*)`$/su.exec(text.trim())?.[1] ?? text.trim();
      return { input: cells[0]!, reported: code(cells[1]!), message: code(cells[2]!), exit: Number(cells[3]) };
    });
}

/** What a run reported first: `rule-id (severity): message` of its first finding, or its standard error's first line. */
function firstReported(stdout: string, stderr: string): { reported: string; message: string } {
  if (stdout.trim() === "") return { reported: "stderr", message: stderr.split("\n")[0]! };
  const [first] = findingLines(stdout, (f) => `${f.ruleId} (${f.severity})\n${f.message}`);
  const [reported, message] = first!.split("\n") as [string, string];
  return { reported, message };
}

describe("docs/bad-input.md", () => {
  const table = rows();

  it("has a row for each example, and an example for each row", () => {
    expect(table.map((r) => r.input).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  for (const row of table) {
    it(row.input, async () => {
      const example = EXAMPLES[row.input]!;
      const root = project({});
      for (const [name, content] of Object.entries(example.files)) {
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), content);
      }
      if (example.link) symlinkSync(join(root, example.link[0]), join(root, example.link[1]));
      const run = await cli(["-f", "json", ...example.args], root, example.stdin ?? "");
      const seen = firstReported(run.stdout, run.stderr);
      expect(seen.reported).toBe(row.reported);
      expect(seen.message.startsWith(row.message), `"${seen.message}" begins with "${row.message}"`).toBe(true);
      expect(run.code).toBe(row.exit);
    });
  }
});
