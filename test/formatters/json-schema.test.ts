/** `schemas/report.schema.json` describes exactly what `--format json` writes, for the seed, the corpus and read problems. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/formatters/json.js";
import { buildReport, type Report } from "../../src/model/result.js";
import { lintText } from "../../src/index.js";
import { REPO } from "../helpers.js";
import { corpusReport, seedReport } from "./reports.js";

const schema = JSON.parse(readFileSync(join(REPO, "schemas/report.schema.json"), "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

/** The JSON output of a report, parsed, with the schema's verdict. */
function checked(report: Report): unknown {
  const data: unknown = JSON.parse(formatJson(report));
  expect(validate(data) ? [] : validate.errors).toEqual([]);
  return data;
}

describe("schemas/report.schema.json", () => {
  it("validates the seed's JSON report, fixes and suggestions included", async () => {
    const data = checked(await seedReport()) as { files: { findings: { fix: unknown; suggestions: unknown[] }[] }[] };
    const findings = data.files[0]!.findings;
    expect(findings.some((f) => f.fix !== null)).toBe(true);
    expect(findings.some((f) => f.suggestions.length > 0)).toBe(true);
  });

  it("validates the whole corpus' JSON report", async () => {
    const data = checked(await corpusReport()) as { files: unknown[] };
    expect(data.files).toHaveLength(50);
  });

  it("validates read problems and an empty report", async () => {
    const broken = await lintText("sections: [\n", { filename: "bad.yaml" });
    checked(buildReport([{ path: "bad.yaml", findings: broken.findings }]));
    checked(buildReport([]));
  });

  it("rejects what the format never writes", async () => {
    const data = JSON.parse(formatJson(await seedReport())) as { files: { findings: Record<string, unknown>[] }[]; summary: Record<string, unknown> };
    const broken = (change: (d: typeof data) => void) => {
      const copy = structuredClone(data);
      change(copy);
      return validate(copy);
    };
    expect(broken((d) => (d.files[0]!.findings[0]!.severity = "fatal"))).toBe(false);
    expect(broken((d) => (d.files[0]!.findings[0]!.line = 0))).toBe(false);
    expect(broken((d) => (d.files[0]!.findings[0]!.fix = { range: [1], text: "x" }))).toBe(false);
    expect(broken((d) => delete d.files[0]!.findings[0]!.party)).toBe(false);
    expect(broken((d) => (d.files[0]!.findings[0]!.extra = 1))).toBe(false);
    expect(broken((d) => delete d.summary.fixable)).toBe(false);
  });
});
