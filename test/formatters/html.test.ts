/** The HTML report's markup: escaping, structure, where findings are outlined, counts, filters, comparisons, determinism. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeHtml, formatHtml } from "../../src/formatters/html.js";
import { loadFormatter } from "../../src/formatters/index.js";
import { buildReport } from "../../src/model/result.js";
import type { RuleDefinition } from "../../src/model/rule.js";
import { parseMatrix } from "../../src/index.js";
import { cli, project } from "../cli/harness.js";
import { REPO, SEED } from "../helpers.js";
import { cellIdAt, corpusHtml, htmlReportOf, ON, rowIdAt, seedHtml } from "./html-reports.js";
import { CONTEXT, finding } from "./reports.js";

/** The start tag of the element with this id. */
function tagOf(html: string, id: string): string {
  const match = new RegExp(`<[a-z0-9]+\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with id ${id}`);
  return match[0];
}

/** The value of an attribute in a start tag, or null. */
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** Every id on the page, and every in-page reference (`href="#…"`, `aria-describedby`, `aria-labelledby`). */
function idsAndReferences(html: string): { ids: string[]; references: string[] } {
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
  const references = [...[...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => m[1]!), ...[...html.matchAll(/\saria-(?:describedby|labelledby)="([^"]*)"/g)].flatMap((m) => m[1]!.split(" "))];
  return { ids, references };
}

/** Ids are unique and every in-page reference has its target. */
function expectConsistentIds(html: string): void {
  const { ids, references } = idsAndReferences(html);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  const known = new Set(ids);
  expect(references.filter((r) => !known.has(r))).toEqual([]);
}

describe("escapeHtml", () => {
  it("makes markup, quotes and ampersands literal, and shows control characters as pictures", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    expect(escapeHtml("a\u0000b\u0007c\u007fd\te\nf")).toBe("a\u2400b\u2407c\u2421d\te\nf");
    expect(escapeHtml("plain text, é ü ß")).toBe("plain text, é ü ß");
  });
});

describe("the html format", () => {
  it("is listed, asks for each file's matrix, and describes itself", async () => {
    const formatter = await loadFormatter("html");
    expect(formatter.needs).toBe("matrix");
    expect(formatter.description).toContain("HTML");
  });

  it("writes one self-contained page: inline style and script, nothing loaded from elsewhere", async () => {
    const { html } = await seedHtml();
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script\s+src|<link\b|@import|@font-face|url\(|<img\b|<iframe\b/i);
    // The only absolute links are the rules' docs pages, followed on a click, never fetched.
    const hrefs = [...html.matchAll(/\shref="([^"#][^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.every((h) => h.startsWith("https://github.com/raci-lint/raci-lint/blob/main/docs/rules/"))).toBe(true);
    expect(html).not.toContain("innerHTML");
  });

  it("summarises the seed: counts, verdict, findings by rule and by file", async () => {
    const { html } = await seedHtml();
    expect(html).toContain(`<p class="verdict fail">FAIL: 2 errors</p>`);
    expect(html).toContain(
      `<ul class="counts"><li><b>1</b> file</li><li><b>1</b> matrix</li><li><b>28</b> activities</li><li><b>7</b> findings</li><li><b>2</b> errors</li><li><b>3</b> warnings</li><li><b>2</b> infos</li></ul>`,
    );
    const byRule = [...html.matchAll(/<tr><th scope="row"><a class="rule" href="[^"]*">([^<]*)<\/a><\/th>((?:<td class="n">\d+<\/td>)+)<\/tr>/g)].map(
      (m) =>
        `${m[1]} ${m[2]!
          .replace(/<[^>]*>/g, " ")
          .trim()
          .replace(/\s+/g, " ")}`,
    );
    expect(byRule).toEqual(["code-order 0 2 0 2", "customer-involved 2 0 0 2", "no-duplicate-activity 0 0 2 2", "legend-consistent 0 1 0 1"]);
    expect(html).toContain(`<tr><th scope="row"><a href="#f0">matrices/cloud-temple-s3.md</a></th><td class="n">28</td><td class="n">2</td><td class="n">3</td><td class="n">2</td></tr>`);
  });

  it("shows the seed's sections as in the source, one table each, an activity per row and a column per party", async () => {
    const { html } = await seedHtml();
    const headings = [...html.matchAll(/<h3 id="f0-s\d+"[^>]*>([^<]*)/g)].map((m) => m[1]);
    expect(headings).toEqual(["Define your need", "Implement the service", "Recurring Operations", "Encryption Management", "Business Continuity", "Reversibility"]);
    expect(html.match(/<table class="m"/g)).toHaveLength(6);
    expect(html.match(/<th scope="row" id="f0-a\d+"/g)).toHaveLength(28);
    expect(html.match(/<thead><tr><th scope="col">Activity<\/th><th scope="col" id="f0-s\d+-p0">Client<\/th><th scope="col" id="f0-s\d+-p1">Cloud Temple<\/th><\/tr><\/thead>/g)).toHaveLength(6);
    // Codes as badges, one per code, the cell tinted by its heaviest code.
    expect(html).toContain(`<td class="hA"><b class="kR">R</b><b class="kA">A</b></td>`);
    expect(html).toContain(`<td class="hC"><b class="kC">C</b><b class="kI">I</b></td>`);
    expect(html).toContain(`<td class="hI"><b class="kI">I</b></td>`);
  });

  it("outlines each cell with findings by its worst severity, numbers them, and gives their messages as its description", async () => {
    const { html, results } = await seedHtml();
    const cell = (line: number, column: number) => tagOf(html, cellIdAt(results, 0, line, column));
    for (const [line, column, severity, numbers] of [
      [41, 88, "error", "4"],
      [55, 95, "warning", "5"],
      [62, 109, "warning", "6"],
      [74, 96, "error", "7"],
    ] as const) {
      const tag = cell(line, column);
      expect(attr(tag, "data-o"), `${line}:${column}`).toBe(severity);
      expect(attr(tag, "data-f")).toBe(numbers);
      expect(attr(tag, "tabindex")).toBe("0");
      const tip = attr(tag, "aria-describedby")!;
      expect(html).toMatch(new RegExp(`<span class="tip" role="tooltip" id="${tip}"><span class="tl" data-i="${numbers}"><span class="sev s-${severity}">${severity}</span>`));
    }
    // The empty customer cell: outlined, with nothing else in it.
    expect(html).toContain(
      `<td id="${cellIdAt(results, 0, 41, 88)}" tabindex="0" data-f="4" data-o="error" aria-describedby="${cellIdAt(results, 0, 41, 88)}-tip"><span class="mk" aria-hidden="true">4</span>`,
    );
    // Repeated activities: the row's activity cell, at info.
    for (const [line, n] of [
      [38, "2"],
      [39, "3"],
    ] as const) {
      const tag = tagOf(html, rowIdAt(results, 0, line));
      expect(tag.startsWith("<th ")).toBe(true);
      expect([attr(tag, "data-o"), attr(tag, "data-f")]).toEqual(["info", n]);
    }
    // Exactly those six places are outlined; the legend finding (13:19) is in the list only.
    expect(html.match(/ data-o="/g)).toHaveLength(6);
    expect(html).toMatch(/<li class="f" id="F1" value="1" data-i="1" data-sev="warning" data-rule="2">.*<span class="where"><a href="#f0-L13">matrices\/cloud-temple-s3.md:13:19<\/a><\/span><\/li>/);
  });

  it("lists each finding with links to its place in the matrix and to its line in the source", async () => {
    const { html, results } = await seedHtml();
    const id = cellIdAt(results, 0, 55, 95);
    expect(html).toContain(
      `<span class="where"><a href="#${id}">Client × Manage data encryption before deployment on the S3 Object Storage service</a><a href="#f0-L55">matrices/cloud-temple-s3.md:55:95</a></span>`,
    );
    const seed = readFileSync(SEED, "utf8").split("\n");
    expect(html).toContain(`<span id="f0-L55" data-n="55">${escapeHtml(seed[54]!)}</span>`);
    expect(html.match(/<li class="f" /g)).toHaveLength(7);
    expectConsistentIds(html);
  });

  it("counts each party's codes for its workload bar", async () => {
    const { html } = await seedHtml();
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]*) <span class="muted">\((\w+)\)<\/span><\/th>((?:<td class="n">\d+<\/td>)+)<td class="bar">/g)].map(
      (m) =>
        `${m[1]} ${m[2]}: ${m[3]!
          .replace(/<[^>]*>/g, " ")
          .trim()
          .replace(/\s+/g, " ")}`,
    );
    // R, A, C, I, empty (28 activities); bars as a share of the busiest party's codes (40).
    expect(rows).toEqual(["Client customer: 14 15 0 11 2", "Cloud Temple provider: 14 13 1 2 12"]);
    expect(html).toContain(`<span class="bR" style="width:35.00%" title="R 14"></span>`);
  });

  it("offers filters by severity and by rule, with counts, shown by the script only", async () => {
    const { html } = await seedHtml();
    expect(html).toContain(`<nav id="filters" aria-label="Filters" hidden>`);
    expect([...html.matchAll(/<input type="checkbox" name="sev" value="(\w+)" checked> \w+ \((\d+)\)/g)].map((m) => `${m[1]}=${m[2]}`)).toEqual(["error=2", "warning=3", "info=2"]);
    expect([...html.matchAll(/<input type="checkbox" name="rule" value="(\d+)" checked> ([\w-]+) \((\d+)\)/g)].map((m) => `${m[1]} ${m[2]}=${m[3]}`)).toEqual([
      "0 code-order=2",
      "1 customer-involved=2",
      "2 legend-consistent=1",
      "3 no-duplicate-activity=2",
    ]);
    expect(html).toContain(`<output id="shown" aria-live="polite">7 of 7 findings shown</output>`);
  });

  it("is deterministic: the same findings give the same bytes, with no date in them", async () => {
    const first = (await seedHtml()).html;
    expect((await seedHtml()).html).toBe(first);
    expect(first).not.toMatch(/\b20\d\d-\d\d-\d\d/);
  });

  it("escapes every text that came from a file, in text and in attributes", async () => {
    const dir = project({
      "evil.md": [
        "---",
        `title: "<script>alert('t')</script>"`,
        "---",
        "",
        "## Sec <img src=x onerror=alert(1)>",
        "",
        `| Activity | Client | Provider "><b id="x">x</b> |`,
        "|---|---|---|",
        "| Run <script>alert(1)</script> & stop | R | A |",
        `| Back'up "now" | <img src=x onerror=alert(2)> | RA |`,
        "| Plan </textarea> \u0001 | X | RA |",
        "",
      ].join("\n"),
    });
    const { html } = await htmlReportOf(["evil.md"], dir);
    const body = html.slice(html.indexOf("<body>"), html.indexOf("<script>"));
    expect(body).not.toMatch(/<(script|img|textarea|b id)\b|<\/textarea/);
    expect(body).toContain("Run &lt;script&gt;alert(1)&lt;/script&gt; &amp; stop");
    expect(body).toContain("<i>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</i>");
    expect(body).toContain(`Provider &quot;&gt;&lt;b id=&quot;x&quot;&gt;x&lt;/b&gt;`);
    expect(body).toContain('<span class="tx">&lt;img src=x onerror=alert(2)&gt;</span>');
    expect(body).toContain("Plan &lt;/textarea&gt; \u2401");
    expect(body).not.toContain("\u0001");
    expectConsistentIds(html);
  });

  it("links a rule's docs only when they are an http(s) address", () => {
    const evil: RuleDefinition = { ...CONTEXT.rules[0]!, id: "house-rule", docs: "javascript:alert(1)" };
    const report = buildReport([{ path: "x.md", findings: [finding({ ruleId: "house-rule", message: "<m>" })] }]);
    const html = formatHtml(report, { ...CONTEXT, rules: [...CONTEXT.rules, evil] });
    expect(html).not.toContain("javascript:");
    expect(html).toContain(`<span class="rule">house-rule</span> <span class="msg">&lt;m&gt;</span>`);
    // Without the file's matrix or text, the finding is listed with its place as text.
    expect(html).toContain(`<span class="where"><span>x.md:1:1</span></span>`);
    expect(html).toContain("no matrix in this report");
  });

  it("colours the codes it knows, shows other codes of the scheme neutrally and flags what is not a code", async () => {
    const table = "## S\n\n| Activity | Client | Provider | Ops |\n|---|---|---|---|\n| Run | RAS | I | C |\n| Stop | I | RA | X |\n| Wait | I | RA |\n";
    const dir = project({ "m.md": table });
    const rasci = (await htmlReportOf(["m.md"], dir, { scheme: "RASCI" })).html;
    expect(rasci).toContain(`<td class="hA"><b class="kR">R</b><b class="kA">A</b><b class="kX">S</b></td>`);
    const raci = await htmlReportOf(["m.md"], dir);
    expect(tagOf(raci.html, "f0-a1-p2")).toMatch(/data-o="error"/);
    expect(raci.html).toContain(`<b class="kbad" title="not a code of the scheme">X</b>`);
    // A ragged row: the missing cell is drawn (hatched) and says so.
    expect(raci.html).toMatch(/<td class="miss"[^>]*><span class="sr">no cell<\/span>/);
  });

  it("shows groups inside sections as row groups, each under its title", () => {
    const matrix = parseMatrix(readFileSync(SEED, "utf8"), "seed.md");
    const span = matrix.activities[8]!.rowSpan;
    matrix.groups.push({ title: "Run <phase>", span, section: 2 }, { title: "Close", span, section: 2 });
    for (const a of [8, 9]) matrix.activities[a]!.group = 0;
    for (const a of [10, 11]) matrix.activities[a]!.group = 1;
    const html = formatHtml(buildReport([{ path: "seed.md", findings: [], matrix }]), CONTEXT);
    const table = html.slice(html.indexOf(`aria-labelledby="f0-s2"`), html.indexOf("</table>", html.indexOf(`aria-labelledby="f0-s2"`)));
    expect(table.match(/<tbody>/g)).toHaveLength(4);
    expect(table).toContain(`<tbody>\n<tr class="g"><th colspan="3" scope="rowgroup" id="f0-g0">Run &lt;phase&gt;</th></tr>\n<tr><th scope="row" id="f0-a8">`);
    expect(table).toContain(`<tbody>\n<tr class="g"><th colspan="3" scope="rowgroup" id="f0-g1">Close</th></tr>\n<tr><th scope="row" id="f0-a10">`);
    expect(table).toMatch(/<tbody>\n<tr><th scope="row" id="f0-a12">/);
  });

  it("splits a long section into tables the browser lays out when they near the screen, with one header marked", async () => {
    const rows = Array.from({ length: 450 }, (_, i) => `| Activity ${i} | ${i === 420 ? "" : "I"} | RA |`);
    const dir = project({ "big.md": `## Big\n\n| Activity | Client | Provider |\n|---|---|---|\n${rows.join("\n")}\n` });
    const { html, results } = await htmlReportOf(["big.md"], dir);
    expect(html.match(/<div class="chunk" style="contain-intrinsic-size:auto \d+px">/g)).toHaveLength(5);
    expect(html.match(/<table class="m" style="--party-width:8.5rem;min-width:37rem" aria-labelledby="f0-s0">/g)).toHaveLength(5);
    expect(html.match(/<th scope="row" id="f0-a\d+"/g)).toHaveLength(450);
    expect(tagOf(html, cellIdAt(results, 0, 425, 18))).toMatch(/data-o="error"/);
    expectConsistentIds(html);
  });

  it("shows the cells a corpus-scope finding compares, side by side, from the other files' matrices", async () => {
    const table = (provider: string) => `## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run the backups | RA | ${provider} |\n| Other | I | RA |\n`;
    const dir = project({ "a.md": table("C"), "b.md": table("I") });
    const { html } = await htmlReportOf(["a.md", "b.md"], dir, { overrideConfig: { rules: { "consistent-across-files": ON } } });
    const item = html.slice(html.indexOf(`<li class="f" id="F1"`), html.indexOf("</li>", html.indexOf(`<li class="f" id="F1"`)));
    expect(item).toContain("consistent-across-files");
    expect(item).toContain(`<table class="cmp"><caption>Compared cells</caption><thead><tr><th scope="col">where</th><th scope="col">customer</th><th scope="col">provider</th></tr></thead>`);
    expect(item).toContain(
      `<tr><th scope="row"><a href="#f0-a0">a.md:5</a></th><td><span class="pn">Client</span><b class="kR">R</b><b class="kA">A</b></td><td><span class="pn">Provider</span><b class="kC">C</b></td></tr>`,
    );
    expect(item).toContain(
      `<tr><th scope="row"><a href="#f1-a0">b.md:5</a></th><td><span class="pn">Client</span><b class="kR">R</b><b class="kA">A</b></td><td class="diff"><span class="pn">Provider</span><b class="kI">I</b><span class="sr"> (differs)</span></td></tr>`,
    );
    expectConsistentIds(html);
  });

  it("holds the shared corpus: every finding with a place in a matrix outlined there, comparisons for corpus-scope findings", async () => {
    const { html, results } = await corpusHtml();
    const findings = results.flatMap((r) => r.findings);
    expect(html.match(/<li class="f" /g)).toHaveLength(findings.length);
    // Legend findings have no place in a matrix; every other one is outlined.
    const placed = findings.filter((f) => f.ruleId !== "legend-consistent").length;
    const outlined = [...html.matchAll(/ data-f="([\d ]+)"/g)].flatMap((m) => m[1]!.split(" "));
    // A party's findings outline its header in each table that has its column.
    expect(new Set(outlined).size).toBe(placed);
    const corpusScope = findings.filter((f) => f.ruleId === "consistent-across-files").length;
    expect(corpusScope).toBeGreaterThan(100);
    expect(html.match(/<table class="cmp">/g)).toHaveLength(corpusScope);
    expectConsistentIds(html);
  });

  it("says PASS for a report without error-level findings, and needs no filters without findings", () => {
    const clean = formatHtml(buildReport([]), CONTEXT);
    expect(clean).toContain(`<p class="verdict pass">PASS: no error-level findings</p>`);
    expect(clean).toContain(`<li><b>0</b> files</li>`);
    expect(clean).not.toContain(`<nav id="filters"`);
    const warned = formatHtml(buildReport([{ path: "x.md", findings: [finding({ severity: "warning" })] }]), CONTEXT);
    expect(warned).toContain(`<p class="verdict pass">PASS: no error-level findings</p>`);
    expect(warned).toContain(`<nav id="filters"`);
  });

  it("is what the command writes with -f html and -f html=FILE", async () => {
    const dir = project({ "m.md": "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run | | RA |\n" });
    const toStdout = await cli(["m.md", "-f", "html"], dir);
    expect(toStdout.code).toBe(1);
    expect(toStdout.stdout).toBe((await htmlReportOf(["m.md"], dir)).html);
    const toFile = await cli(["m.md", "-f", "stylish", "-f", "html=report.html"], dir);
    expect(toFile.stdout).toContain("customer-involved");
    expect(readFileSync(join(dir, "report.html"), "utf8")).toBe(toStdout.stdout);
  });
});

describe("examples/seed-report.html", () => {
  it("is the seed's current report (regenerate with `npm run examples`)", async () => {
    expect(readFileSync(join(REPO, "examples/seed-report.html"), "utf8")).toBe((await seedHtml()).html);
  });
});
