/**
 * A real browser for the HTML report's tests: the system's Chromium (Debian's `chromium`, which
 * `.ci/run` installs; CHROMIUM overrides the path) driven by playwright-core, which downloads no
 * browser. Without Chromium the browser tests are skipped on a developer's machine and fail in CI
 * (`CI` set), so a CI that lost its browser cannot pass them silently.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { REPO } from "../helpers.js";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
/** Whether the browser tests run: Chromium is there, or CI requires them (and they fail without it). */
export const BROWSER_TESTS = existsSync(CHROMIUM) || (process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false");

/** Where the browser tests leave what a person may want to look at (screenshots, PDF, axe results); git-ignored. */
export const ARTIFACTS = join(REPO, "test/artifacts");

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A headless Chromium with a fresh profile; `close()` removes the profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "raci-lint-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page that records console errors, uncaught exceptions and every request it makes. */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => requests.push(request.url()));
  return { page, errors, requests };
}
