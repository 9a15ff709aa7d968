/**
 * The `junit` format: JUnit XML as Apache Ant writes it (valid against the Ant JUnit XSD), the report
 * most CI systems (GitLab, Jenkins, Azure Pipelines, CircleCI) show as test results.
 *
 * Layout: a `<testsuites>` root; one `<testsuite>` per linted file (`name` = the file's path, `id` its
 * 0-based index, `package` = `raci-lint`); in it one `<testcase>` per finding, named
 * `rule-id: activity/party at line:column` with `classname` = the file's path. Every finding, whatever
 * its severity, is a `<failure>` whose `type` is the severity (`error`, `warning`, `info`), so a CI
 * shows warnings too (`--quiet` keeps errors only); a file that could not be read or parsed
 * (`parse-error`, `schema-violation`) is an `<error>`, the JUnit word for "could not run". Suppressed
 * findings are `<skipped>` testcases. A file without findings gets one passing testcase
 * (`no problems`), so CI systems count it.
 *
 * The XSD requires `timestamp`, `hostname` and `time`; to keep the output byte-stable they are fixed:
 * `timestamp="1970-01-01T00:00:00"` (the epoch: "not recorded"), `hostname="localhost"` (the value the
 * XSD documents for "unknown"), `time="0"`.
 */
import { FINDINGS_PER_CHUNK, joinChunks, type Formatter } from "./formatter.js";
import type { Finding } from "../model/finding.js";
import { docsUrlOf, type FormatContext } from "./context.js";
import type { FileReport, Report, SuppressedFinding } from "../model/result.js";

/** The fixed `timestamp` of every testsuite (the XSD requires one; raci-lint does not record when it ran). */
export const JUNIT_TIMESTAMP = "1970-01-01T00:00:00";

// Characters XML 1.0 does not allow anywhere: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content made safe for XML: illegal characters removed, `& < >` escaped. */
export function xmlText(value: string): string {
  return value.replace(ILLEGAL_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An attribute value made safe for XML: as text, plus quotes, and tab/LF/CR kept as references (parsers turn raw ones into spaces). */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

const READ_PROBLEMS = new Set(["parse-error", "schema-violation"]);

/** `rule-id: activity/party at line:column` (as much of activity/party as the finding has; `rule-id at line:column` with neither). */
export function testcaseName(f: Finding): string {
  const subject = [f.activity, f.party].filter((x) => x !== null && x !== "").join("/");
  return `${f.ruleId}${subject === "" ? "" : `: ${subject}`} at ${f.line}:${f.column}`;
}

/** The body of a failure: where, what, and where to read about the rule. */
function details(f: Finding, context: FormatContext): string {
  const lines = [`${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} (${f.ruleId})`];
  if (f.section !== null) lines.push(`Section: ${f.section}`);
  if (f.activity !== null) lines.push(`Activity: ${f.activity}`);
  if (f.party !== null) lines.push(`Party: ${f.party}`);
  const docs = docsUrlOf(context, f.ruleId);
  if (docs !== null) lines.push(`Docs: ${docs}`);
  return lines.join("\n");
}

/** One `<testcase>` for a finding (a failure or an error) or a suppressed finding (skipped). */
function testcase(path: string, f: Finding | SuppressedFinding, context: FormatContext): string {
  const open = `    <testcase name="${xmlAttribute(testcaseName(f))}" classname="${xmlAttribute(path)}" time="0">`;
  let child: string;
  if ("suppression" in f) {
    const why = f.suppression.justification === null ? "" : `: ${f.suppression.justification}`;
    child = `<skipped message="${xmlAttribute(`Suppressed (${f.suppression.kind})${why}`)}">${xmlText(details(f, context))}</skipped>`;
  } else {
    const element = READ_PROBLEMS.has(f.ruleId) ? "error" : "failure";
    child = `<${element} message="${xmlAttribute(f.message)}" type="${f.severity}">${xmlText(details(f, context))}</${element}>`;
  }
  return `${open}\n      ${child}\n    </testcase>\n`;
}

/** One `<testsuite>` for a file, in pieces of at most FINDINGS_PER_CHUNK testcases. */
function* testsuite(file: FileReport, id: number, context: FormatContext): Generator<string> {
  const suppressed = file.suppressed ?? [];
  let errors = 0;
  for (const f of file.findings) if (READ_PROBLEMS.has(f.ruleId)) errors++;
  const failures = file.findings.length - errors;
  const clean = file.findings.length === 0 && suppressed.length === 0;
  const tests = clean ? 1 : file.findings.length + suppressed.length;
  const name = file.path.replace(ILLEGAL_XML, "").trim() === "" ? "-" : file.path; // the XSD wants a non-empty token
  let out =
    `  <testsuite name="${xmlAttribute(name)}" package="raci-lint" id="${id}" timestamp="${JUNIT_TIMESTAMP}" hostname="localhost"` +
    ` tests="${tests}" failures="${failures}" errors="${errors}" skipped="${suppressed.length}" time="0">\n`;
  out += `    <properties>\n      <property name="raci-lint.version" value="${xmlAttribute(context.toolVersion)}"/>\n    </properties>\n`;
  if (clean) out += `    <testcase name="no problems" classname="${xmlAttribute(file.path)}" time="0"/>\n`;
  let n = 0;
  for (const list of [file.findings, suppressed]) {
    for (const f of list) {
      out += testcase(file.path, f, context);
      if (++n % FINDINGS_PER_CHUNK === 0) {
        yield out;
        out = "";
      }
    }
  }
  yield `${out}    <system-out/>\n    <system-err/>\n  </testsuite>\n`;
}

/** The JUnit report in pieces, file by file: joined, exactly `formatJunit`'s text. */
export function* streamJunit(report: Report, context: FormatContext): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n';
  for (let i = 0; i < report.files.length; i++) yield* testsuite(report.files[i]!, i, context);
  yield "</testsuites>\n";
}

/** Formats a report as JUnit XML (Apache Ant's format): one testsuite per file, one testcase per finding. */
export function formatJunit(report: Report, context: FormatContext): string {
  return joinChunks(streamJunit(report, context));
}

/** The `junit` format. */
export const formatter: Formatter = {
  description: "JUnit XML (Ant schema), for CI test reports",
  format: formatJunit,
  stream: streamJunit,
};
