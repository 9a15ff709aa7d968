/**
 * The HTML report in a real browser (headless Chromium): it loads offline without errors, outlines the
 * cells it should, filters, shows messages on keyboard focus, has no serious accessibility violation
 * (axe-core), prints cleanly. Screenshots, a PDF and axe's results are left in test/artifacts/.
 */
/// <reference lib="dom" />
// (The page functions below run in the browser: they use the DOM's types.)
import { AxeBuilder } from "@axe-core/playwright";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LintResult } from "../../src/model/result.js";
import { ARTIFACTS, BROWSER_TESTS, launchBrowser, watchedPage } from "./browser.js";
import { cellIdAt, corpusHtml, rowIdAt, seedHtml } from "./html-reports.js";

/** axe's violations that matter here: serious or critical, with the elements they are about. */
async function seriousViolations(page: Page, name: string, include: string[] = []): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  for (const selector of include) builder.include(selector);
  const results = await builder.analyze();
  writeFileSync(join(ARTIFACTS, `${name}.axe.json`), JSON.stringify(results.violations, null, 2));
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.html ?? ""}`);
}

/** Outline style and colour of an element. */
const outlineOf = (page: Page, id: string) =>
  page.evaluate((id) => {
    const style = getComputedStyle(document.getElementById(id)!);
    return `${style.outlineStyle} ${style.outlineColor}`;
  }, id);

const ERROR = "solid rgb(185, 28, 28)";
const WARNING = "dashed rgb(161, 74, 10)";
const INFO = "dotted rgb(29, 78, 216)";

describe.skipIf(!BROWSER_TESTS)("the HTML report in Chromium", () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let seed: { file: string; results: LintResult[] };

  let missing: Error | null = null;

  beforeAll(async () => {
    try {
      browser = await launchBrowser();
    } catch (error) {
      // Each test fails with this (in CI, where these tests run without Chromium, rather than skip).
      missing = error as Error;
      return;
    }
    context = browser.context;
    const { html, results } = await seedHtml();
    const file = join(ARTIFACTS, "seed-report.html");
    writeFileSync(file, html);
    seed = { file, results };
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page of the browser (which must have started). */
  function newPage() {
    if (missing) throw missing;
    return watchedPage(context);
  }

  /** The seed's report in a fresh page. */
  async function openSeed() {
    const watched = await newPage();
    await watched.page.goto(pathToFileURL(seed.file).href);
    return watched;
  }

  it("opens the seed's report offline: no console error, no request but the file itself", async () => {
    const { page, errors, requests } = await openSeed();
    await page.screenshot({ path: join(ARTIFACTS, "seed-report.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(seed.file).href]);
    // The script ran: it showed the filters.
    await expect(page.locator("#filters").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("outlines the seed's defective cells and rows by severity", async () => {
    const { page } = await openSeed();
    const cell = (line: number, column: number) => outlineOf(page, cellIdAt(seed.results, 0, line, column));
    expect(await cell(55, 95)).toBe(WARNING);
    expect(await cell(62, 109)).toBe(WARNING);
    expect(await cell(41, 88)).toBe(ERROR);
    expect(await cell(74, 96)).toBe(ERROR);
    expect(await outlineOf(page, rowIdAt(seed.results, 0, 38))).toBe(INFO);
    // A cell without findings has none.
    const plain = await page.evaluate((row) => getComputedStyle(document.getElementById(row)!.nextElementSibling!).outlineStyle, rowIdAt(seed.results, 0, 56));
    expect(plain).toBe("none");
    expect(await page.locator("[data-o]").count()).toBe(6);
    await page.close();
  });

  it("hides what a severity or rule filter leaves out, and shows it again", async () => {
    const { page, errors } = await openSeed();
    const errorCell = cellIdAt(seed.results, 0, 41, 88);
    const warningCell = cellIdAt(seed.results, 0, 55, 95);
    await page.getByLabel("error (2)").uncheck();
    expect(await page.locator("li.f[data-sev=error]").evaluateAll((items) => items.map((li) => (li as HTMLElement).hidden))).toEqual([true, true]);
    expect(await page.locator("li.f:visible").count()).toBe(5);
    expect(await outlineOf(page, errorCell)).toMatch(/^none /);
    expect(await outlineOf(page, warningCell)).toBe(WARNING);
    await expect(page.locator("#shown").textContent()).resolves.toBe("5 of 7 findings shown");

    await page.getByLabel("code-order (2)").uncheck();
    expect(await outlineOf(page, warningCell)).toMatch(/^none /);
    expect(await page.locator("li.f:visible").count()).toBe(3);

    await page.getByLabel("error (2)").check();
    await page.getByLabel("code-order (2)").check();
    expect(await outlineOf(page, errorCell)).toBe(ERROR);
    expect(await page.locator("li.f:visible").count()).toBe(7);

    // Only the activities with findings: the six rows that have some.
    await page.getByLabel("only activities with findings").check();
    expect(await page.locator(".m tbody tr:visible").count()).toBe(6);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a place's messages when it has keyboard focus, reached with Tab", async () => {
    const { page } = await openSeed();
    let presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.hasAttribute("data-f") ?? false))) {
      await page.keyboard.press("Tab");
      if (++presses > 40) throw new Error("Tab never reached an outlined place");
    }
    const tip = page.locator(":focus > .tip");
    await expect(tip.isVisible()).resolves.toBe(true);
    expect(await tip.textContent()).toContain('Activity "Ensure the operational maintenance of the S3 Object Storage platform" repeats line 29');
    // The next outlined place: its messages replace the first one's.
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus > .tip").textContent()).toContain("repeats line 30");
    await expect(page.locator(`#${rowIdAt(seed.results, 0, 38)}-tip`).isVisible()).resolves.toBe(false);
    await page.close();
  });

  it("takes a finding's links to its cell (focused, messages shown) and to its source line", async () => {
    const { page } = await openSeed();
    const cell = cellIdAt(seed.results, 0, 74, 96);
    await page.locator(`#F7 a[href="#${cell}"]`).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(cell);
    await expect(page.locator(`#${cell}-tip`).isVisible()).resolves.toBe(true);
    await page.locator(`#F7 a[href="#f0-L74"]`).click();
    await expect(page.locator("#f0-L74").isVisible()).resolves.toBe(true);
    expect(await page.locator("#f0-L74").textContent()).toContain("Destroy storage media at end of life or in error");
    await page.close();
  });

  it("opens at the place an address names, and ignores an address it cannot read", async () => {
    const cell = cellIdAt(seed.results, 0, 55, 95);
    const { page, errors } = await newPage();
    await page.goto(`${pathToFileURL(seed.file).href}#${cell}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(cell);
    await page.goto(`${pathToFileURL(seed.file).href}#%E0%A4%A`);
    await page.reload();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no serious or critical accessibility violation (axe-core)", async () => {
    const { page } = await openSeed();
    expect(await seriousViolations(page, "seed-report")).toEqual([]);
    // Also with a place focused and its messages shown.
    await page.focus(`#${cellIdAt(seed.results, 0, 41, 88)}`);
    expect(await seriousViolations(page, "seed-report-focused")).toEqual([]);
    await page.close();
  });

  it("prints without the filters and tooltips, tables whole, colours kept", async () => {
    const { page } = await openSeed();
    await page.emulateMedia({ media: "print" });
    await page.focus(`#${cellIdAt(seed.results, 0, 41, 88)}`);
    expect(await page.evaluate(() => getComputedStyle(document.getElementById("filters")!).display)).toBe("none");
    expect(await page.locator(":focus > .tip").isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".m thead th")!).position)).toBe("static");
    expect(await outlineOf(page, cellIdAt(seed.results, 0, 41, 88))).toBe(ERROR);
    const pdf = await page.pdf({ path: join(ARTIFACTS, "seed-report.pdf"), format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });

  it("opens the shared corpus' report with no console error, comparisons in place and no serious violation", async () => {
    if (missing) throw missing;
    const { html, results } = await corpusHtml();
    const file = join(ARTIFACTS, "corpus-report.html");
    writeFileSync(file, html);
    const { page, errors, requests } = await newPage();
    await page.goto(pathToFileURL(file).href);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    // A row with a corpus-scope finding (and no other) is outlined at its severity; its comparison is there.
    const SEVERITY = { error: ERROR, warning: WARNING, info: INFO };
    const [index, first] = results
      .flatMap((r, i) => r.findings.filter((f) => f.ruleId === "consistent-across-files" && r.findings.filter((g) => g.line === f.line).length === 1).map((f) => [i, f] as const))
      .at(0)!;
    const row = rowIdAt(results, index, first.line);
    await page.locator(`#${row}`).scrollIntoViewIfNeeded();
    expect(await outlineOf(page, row)).toBe(SEVERITY[first.severity]);
    const comparison = page
      .locator("li.f", { has: page.locator(`a[href="#${row}"]`) })
      .locator("table.cmp")
      .first();
    await comparison.scrollIntoViewIfNeeded();
    await expect(comparison.isVisible()).resolves.toBe(true);
    expect(await comparison.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
    await comparison.screenshot({ path: join(ARTIFACTS, "corpus-comparison.png") });
    // Filtering the corpus-scope rule away removes its outlines.
    await page.getByRole("checkbox", { name: /consistent-across-files/ }).uncheck();
    expect(await outlineOf(page, row)).toMatch(/^none /);
    await page.getByRole("checkbox", { name: /consistent-across-files/ }).check();
    // axe on all 4,000 rows takes minutes: the filters, the summary and the file checked above hold every kind of markup.
    expect(await seriousViolations(page, "corpus-report", ["#filters", "#summary", `#f${index}`])).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
