/**
 * A rule's help, taken from its docs page (`docs/rules/<id>.md`, shipped with the package): the first
 * paragraph and the `## Why` section, as plain text and as Markdown with links made absolute. Rules
 * without a page (user rules, read problems) fall back to their description. Pages are read once per
 * process; this is the only I/O any formatter does.
 */
import { readFileSync } from "node:fs";
import type { RuleDefinition } from "../model/rule.js";
import { INFORMATION_URI } from "./context.js";

/** What SARIF's `fullDescription` and `help` say about a rule. */
export interface RuleHelp {
  /** The page's first paragraph, unwrapped, links reduced to their text (or the rule's description). */
  fullDescription: string;
  /** First paragraph and "Why", as plain text. */
  text: string;
  /** First paragraph and "Why", as Markdown with absolute links, ending with a link to the page. */
  markdown: string;
}

const cache = new Map<string, string | null>();

/** The text of a built-in rule's docs page, or null when it has none. */
function docsPage(ruleId: string): string | null {
  if (!/^[a-z0-9][a-z0-9-]*$/u.test(ruleId)) return null;
  if (!cache.has(ruleId)) {
    let text: string | null;
    try {
      text = readFileSync(new URL(`../../docs/rules/${ruleId}.md`, import.meta.url), "utf8").replace(/\r\n?/g, "\n");
    } catch {
      text = null;
    }
    cache.set(ruleId, text);
  }
  return cache.get(ruleId) ?? null;
}

/** The paragraphs of a page part: blank-line separated, each a list of lines. */
function paragraphs(lines: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The first paragraph after the title and the paragraphs of `## Why`, or null when the page lacks them. */
function pageParts(page: string): { lead: string[]; why: string[][] } | null {
  const lines = page.split("\n");
  if (!lines[0]?.startsWith("# ")) return null;
  const next = lines.findIndex((l, i) => i > 0 && l.startsWith("#"));
  const lead = paragraphs(lines.slice(1, next < 0 ? undefined : next))[0];
  const start = lines.indexOf("## Why");
  if (!lead || start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  return { lead, why: paragraphs(lines.slice(start + 1, end < 0 ? undefined : end)) };
}

const LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Markdown with relative links resolved against the page's URL. */
function absoluteLinks(markdown: string, base: string): string {
  return markdown.replace(LINK, (_, text: string, href: string) => `[${text}](${new URL(href, base).href})`);
}

/** Markdown reduced to plain text: links become their text, wrapped lines one line. */
function plain(lines: string[]): string {
  return lines
    .map((l) => l.trim())
    .join(" ")
    .replace(LINK, "$1");
}

/** The help of a rule: from its docs page when it is a built-in rule with one, else from its description. */
export function ruleHelp(rule: RuleDefinition): RuleHelp {
  const docs = rule.docs ?? `${INFORMATION_URI}/blob/main/docs/rules/${rule.id}.md`;
  const parts = rule.builtIn ? pageParts(docsPage(rule.id) ?? "") : null;
  if (!parts) {
    const link = rule.docs ? `\n\n[${rule.id} documentation](${rule.docs})` : "";
    return { fullDescription: rule.description, text: rule.description, markdown: `${rule.description}${link}` };
  }
  const fullDescription = plain(parts.lead);
  const text = [fullDescription, `Why: ${plain(parts.why[0] ?? [])}`, ...parts.why.slice(1).map(plain)].join("\n\n");
  const markdown = [parts.lead.join("\n"), "## Why", ...parts.why.map((p) => p.join("\n")), `[${rule.id} documentation](${docs})`].map((block) => absoluteLinks(block, docs)).join("\n\n");
  return { fullDescription, text, markdown };
}
