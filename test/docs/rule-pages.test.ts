/**
 * Every rule page's examples are real: the `## Incorrect` examples (Markdown, or YAML matrices) give
 * exactly the messages printed under them, and the `## Correct` examples give none, from that rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInRules } from "../../src/engine/load-rules.js";
import { parseMatrix } from "../../src/index.js";
import { lintMatrices } from "../../src/lint/linter.js";
import { defaultOptions } from "../../src/config/presets.js";
import { looksAcrossFiles } from "../../src/model/rule.js";
import { RACI } from "../../src/model/scheme.js";
import { REPO } from "../helpers.js";

const HEADINGS = ["## Why", "## Incorrect", "## Correct", "## Options", "## Fix", "## When not to use it", "## Facts used"];

/** The fenced blocks under an H2 heading (headings inside fences do not end the section). */
function blocks(page: string, heading: string): { lang: string; body: string; name: string | null }[] {
  const out: { lang: string; body: string; name: string | null }[] = [];
  let inSection = false;
  let fence: { lang: string; lines: string[]; name: string | null } | null = null;
  let name: string | null = null;
  for (const line of page.split("\n")) {
    if (fence) {
      if (line === "```") {
        if (inSection) out.push({ lang: fence.lang, body: fence.lines.join("\n") + "\n", name: fence.name });
        fence = null;
      } else fence.lines.push(line);
      continue;
    }
    const open = /^```(\w*)$/.exec(line);
    // A line like `iaas/raci_s3.md`: names the example file that follows (corpus-scope pages).
    const label = /^`([^`]+)`:$/.exec(line);
    if (label) name = label[1]!;
    if (open) fence = { lang: open[1]!, lines: [], name };
    else if (line.startsWith("## ")) inSection = line === heading;
  }
  return out;
}

describe.each(builtInRules().rules.map((r) => [r.id, r] as const))("docs/rules/%s.md", (id, rule) => {
  const page = readFileSync(join(REPO, "docs/rules", `${id}.md`), "utf8");
  const active = [{ rule, severity: null, options: defaultOptions(rule) }];
  /** Lints examples (Markdown, or YAML matrices) together; a block's label names its file. */
  const lint = async (examples: { lang: string; body: string; name: string | null }[]) => {
    const matrices = examples.map((b, i) => parseMatrix(b.body, b.name ?? `example-${i}.${b.lang === "yaml" ? "yaml" : "md"}`, RACI));
    const byFile = await lintMatrices(matrices, { rules: active, scheme: RACI });
    return [...byFile.values()].flat().map((f) => f.message);
  };
  const isExample = (b: { lang: string }) => b.lang === "markdown" || b.lang === "yaml";

  it("has the expected sections, in order, and names its metadata", () => {
    expect(page.startsWith(`# ${id}\n`)).toBe(true);
    const positions = HEADINGS.map((h) => page.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const perCheck = rule.checks.some((c) => c.severity && c.severity !== rule.severity);
    expect(page).toContain(perCheck ? "- Default severity: per check" : `- Default severity: ${rule.severity}`);
    expect(page).toMatch(new RegExp(`- Fixable: ${rule.fixable}`));
    expect(page).toContain(`- Scope: ${rule.checks[0]!.scope}`);
    expect(page).toContain(`- In recommended: ${rule.recommended ? "yes" : "no"}`);
  });

  it("its incorrect examples give exactly the messages shown", async () => {
    const found = blocks(page, "## Incorrect");
    const examples = found.filter(isExample);
    const expected = found.filter((b) => b.lang === "text").flatMap((b) => b.body.trim().split("\n"));
    expect(examples.filter((b) => b.lang === "markdown").length).toBeGreaterThan(0);
    // A rule that looks across files (corpus or translation scope) compares them: its examples are linted together.
    const messages = looksAcrossFiles(rule) ? await lint(examples) : (await Promise.all(examples.map((b) => lint([b])))).flat();
    expect(messages.sort()).toEqual(expected.sort());
  });

  it("its correct examples give no finding", async () => {
    const examples = blocks(page, "## Correct").filter(isExample);
    expect(examples.filter((b) => b.lang === "markdown").length).toBeGreaterThan(0);
    const messages = looksAcrossFiles(rule) ? await lint(examples) : (await Promise.all(examples.map((b) => lint([b])))).flat();
    expect(messages).toEqual([]);
  });
});
