/**
 * The JUnit report of the seed, of the whole corpus and of a report full of characters XML dislikes is
 * valid against Apache Ant's JUnit XSD (checked with xmllint), reads back as written, and is byte-stable.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatJunit, JUNIT_TIMESTAMP, testcaseName, xmlAttribute, xmlText } from "../../src/formatters/junit.js";
import { buildReport, type Report } from "../../src/model/result.js";
import { SHARED } from "../helpers.js";
import { CONTEXT, corpusReport, seedReport, finding } from "./reports.js";

const XSD = join(SHARED, "schemas/junit-ant.xsd");
const dir = mkdtempSync(join(tmpdir(), "raci-lint-junit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** Writes the XML to a temp file and returns the file's path. */
function written(xml: string): string {
  const file = join(dir, `report-${count++}.xml`);
  writeFileSync(file, xml);
  return file;
}

/** xmllint's verdict on a file against the Ant XSD (`<file> validates`, or its errors). */
function validate(file: string): string {
  const run = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
  if (run.error) throw new Error(`xmllint is missing: install libxml2-utils (apt-get install -y libxml2-utils): ${run.error.message}`);
  return `${run.stdout}${run.stderr}`.trim();
}

/** An XPath expression's string value in a file (xmllint adds a newline). */
function xpath(file: string, expression: string): string {
  return execFileSync("xmllint", ["--xpath", `string(${expression})`, file], { encoding: "utf8" }).replace(/\n$/u, "");
}

const TRICKY_ACTIVITY = `Gérer <les> "clés" & l'accès 中文 🚀 \u0001\u000b\uD800\uFFFE end`;
const TRICKY_PATH = `docs/R&D "team"/<raci> 'é'.md`;

/** A report made to break naive XML writers: markup, quotes, controls, surrogates, every kind of testcase. */
function trickyReport(): Report {
  return buildReport([
    {
      path: TRICKY_PATH,
      findings: [
        finding({ file: TRICKY_PATH, activity: TRICKY_ACTIVITY, party: `Cloud "Temple" & <Co>`, message: `Line one\nline two\ttabbed\r\nthree ]]> & <b>`, section: "Sécurité & <conformité>" }),
        finding({ file: TRICKY_PATH, ruleId: "code-order", severity: "warning", activity: "A", party: "B", line: 2 }),
        finding({ file: TRICKY_PATH, ruleId: "no-duplicate-activity", severity: "info", line: 3 }),
      ],
      suppressed: [{ ...finding({ file: TRICKY_PATH, line: 4 }), suppression: { kind: "inSource", justification: `Agreed with "legal" <2024> & co` } }],
    },
    { path: "broken.yaml", findings: [finding({ file: "broken.yaml", ruleId: "parse-error", message: "Flow sequence must end with a ]" })] },
    { path: "clean.md", findings: [] },
  ]);
}

let seed: Report;
let corpus: Report;
beforeAll(async () => {
  seed = await seedReport();
  corpus = await corpusReport();
});

describe("formatJunit", () => {
  it("writes the seed as valid Ant JUnit XML, one failing testcase per finding", () => {
    const file = written(formatJunit(seed, CONTEXT));
    expect(validate(file)).toBe(`${file} validates`);
    // The check has teeth: without the timestamp the XSD requires, the same report is invalid.
    const without = written(formatJunit(seed, CONTEXT).replace(/ timestamp="[^"]*"/g, ""));
    expect(validate(without)).toContain("The attribute 'timestamp' is required but missing.");
    expect(xpath(file, "count(//testsuite)")).toBe("1");
    expect(xpath(file, "//testsuite/@tests")).toBe("7");
    expect(xpath(file, "//testsuite/@failures")).toBe("7");
    expect(xpath(file, "//testsuite/@timestamp")).toBe(JUNIT_TIMESTAMP);
    expect(xpath(file, "//testcase[4]/@name")).toBe("customer-involved: Preserve and provide the logs of the S3 Object Storage platform/Client at 41:88");
    expect(xpath(file, "//testcase[4]/@classname")).toBe("matrices/cloud-temple-s3.md");
    expect(xpath(file, "//testcase[4]/failure/@type")).toBe("error");
    expect(xpath(file, "//testcase[1]/@name")).toBe("legend-consistent at 13:19");
    expect(xpath(file, "//testcase[1]/failure/@type")).toBe("warning");
    expect(xpath(file, "//testcase[2]/failure/@type")).toBe("info");
  });

  it("writes the whole corpus as valid Ant JUnit XML, a passing testcase for each clean file", () => {
    const file = written(formatJunit(corpus, CONTEXT));
    expect(validate(file)).toBe(`${file} validates`);
    const findings = corpus.files.reduce((n, f) => n + f.findings.length, 0);
    const clean = corpus.files.filter((f) => f.findings.length === 0).length;
    expect(clean).toBeGreaterThan(0);
    expect(xpath(file, "count(//testsuite)")).toBe(String(corpus.files.length));
    expect(xpath(file, "count(//testcase)")).toBe(String(findings + clean));
    expect(xpath(file, "count(//testcase/failure)")).toBe(String(findings));
    expect(xpath(file, `//testsuite[${corpus.files.length}]/@id`)).toBe(String(corpus.files.length - 1));
  });

  it("escapes markup, quotes and non-ASCII, and drops characters XML 1.0 forbids", () => {
    const xml = formatJunit(trickyReport(), CONTEXT);
    const file = written(xml);
    expect(validate(file)).toBe(`${file} validates`);
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are the point
    expect(xml).not.toMatch(/[\u0001\u000b\uFFFE]/u);
    expect(xml).not.toMatch(/\p{Cs}/u);
    // Read back, attribute and text values are what was written, minus the forbidden characters.
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are the point
    const clean = (s: string) => s.replace(/[\u0001\u000b\uD800\uFFFE]/gu, "");
    const first = trickyReport().files[0]!.findings[0]!;
    // Attributes of type token are whitespace-collapsed by the schema, but xmllint --xpath returns them as written.
    expect(xpath(file, "//testsuite[1]/@name")).toBe(TRICKY_PATH);
    expect(xpath(file, "//testsuite[1]/testcase[1]/@name")).toBe(clean(testcaseName(first)));
    expect(xpath(file, "//testsuite[1]/testcase[1]/@classname")).toBe(TRICKY_PATH);
    expect(xpath(file, "//testsuite[1]/testcase[1]/failure/@message")).toBe(first.message);
    expect(xpath(file, "//testsuite[1]/testcase[1]/failure")).toContain(`Activity: ${clean(TRICKY_ACTIVITY)}\n`);
    expect(xpath(file, "//testsuite[1]/testcase[1]/failure")).toContain("three ]]> & <b>");
    expect(xpath(file, "//testsuite[1]/testcase[4]/skipped/@message")).toBe(`Suppressed (inSource): Agreed with "legal" <2024> & co`);
  });

  it("counts failures, errors (files that could not be read) and skipped (suppressed) per suite", () => {
    const file = written(formatJunit(trickyReport(), CONTEXT));
    const attributes = (i: number) => ["tests", "failures", "errors", "skipped"].map((a) => xpath(file, `//testsuite[${i}]/@${a}`)).join(" ");
    expect(attributes(1)).toBe("4 3 0 1");
    expect(attributes(2)).toBe("1 0 1 0");
    expect(xpath(file, "//testsuite[2]/testcase/error/@type")).toBe("error");
    expect(attributes(3)).toBe("1 0 0 0");
    expect(xpath(file, "//testsuite[3]/testcase/@name")).toBe("no problems");
  });

  it("writes an empty report as an empty testsuites element", () => {
    const xml = formatJunit(buildReport([]), CONTEXT);
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n</testsuites>\n');
    const file = written(xml);
    expect(validate(file)).toBe(`${file} validates`);
  });

  it("escapes text and attributes", () => {
    expect(xmlText(`a < b && c > "d" 'e'`)).toBe(`a &lt; b &amp;&amp; c &gt; "d" 'e'`);
    expect(xmlAttribute(`a < b & "c" 'd'\te\nf\rg`)).toBe("a &lt; b &amp; &quot;c&quot; &apos;d&apos;&#9;e&#10;f&#13;g");
    expect(xmlText("ok\u0000\u0008\u001f\uDC00\uFFFF\t\n\r😀")).toBe("ok\t\n\r😀");
  });

  it("is byte-stable: two runs give the same bytes", async () => {
    expect(formatJunit(await corpusReport(), CONTEXT)).toBe(formatJunit(corpus, CONTEXT));
  });
});
