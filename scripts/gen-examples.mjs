// Regenerates the example report (run `npm run examples`, which builds first): examples/seed-report.html,
// the seed matrix's HTML report exactly as `raci-lint matrices/cloud-temple-s3.md -f html` writes it
// (a test fails when it is out of date), and the README's screenshot of it, examples/seed-report.png,
// taken in headless Chromium (the system's: CHROMIUM, default /usr/bin/chromium; skipped, with a
// note, when there is none, since the screenshot is not tested).
/* global document, window -- in the function the page runs */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const report = join(root, "examples/seed-report.html");
const screenshot = join(root, "examples/seed-report.png");

// Exit code 1 is expected: the seed has error-level findings.
const run = spawnSync(process.execPath, [join(root, "dist/cli.js"), "matrices/cloud-temple-s3.md", "-f", `html=${report}`], { cwd: root, encoding: "utf8" });
if (run.status !== 1 || run.stderr) throw new Error(`raci-lint exited ${run.status}: ${run.stderr}`);
console.log(`wrote ${report}`);

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  console.log(`no Chromium at ${executablePath}: ${screenshot} left as it was`);
} else {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(join(tmpdir(), "raci-lint-examples-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1100, height: 760 },
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(report).href);
    // The "Recurring Operations" table with the empty customer cell focused: its outline and its message.
    await page.evaluate(() => {
      const heading = [...document.querySelectorAll("h3")].find((h) => h.textContent === "Recurring Operations");
      window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 90);
    });
    await page.focus("td[data-o=error]");
    await page.screenshot({ path: screenshot });
    console.log(`wrote ${screenshot}`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
