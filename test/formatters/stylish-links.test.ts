/** Stylish output links rule ids to their docs (OSC 8) with colour on, and is byte-identical without colour. */
import { describe, expect, it } from "vitest";
import { formatStylish, terminalLink } from "../../src/formatters/stylish.js";
import { CONTEXT, seedReport } from "./reports.js";

describe("formatStylish with rules", () => {
  it("is unchanged without colour", async () => {
    const report = await seedReport();
    const plain = formatStylish(report, { color: false });
    expect(formatStylish(report, { color: false, rules: CONTEXT.rules })).toBe(plain);
    expect(plain).not.toContain("\u001b");
    expect(plain).toContain("  code-order\n");
  });

  it("links each rule id to its docs page with colour on", async () => {
    const out = formatStylish(await seedReport(), { color: true, rules: CONTEXT.rules });
    const url = "https://github.com/raci-lint/raci-lint/blob/main/docs/rules/code-order.md";
    expect(out).toContain(`\u001b]8;;${url}\u001b\\code-order\u001b]8;;\u001b\\`);
    expect(out.split("\u001b]8;;https://").length - 1).toBe(7);
    // Without rules, colour output has no links.
    expect(formatStylish(await seedReport(), { color: true })).not.toContain("\u001b]8;;");
  });

  it("writes OSC 8 hyperlinks", () => {
    expect(terminalLink("x", "https://e.example/")).toBe("\u001b]8;;https://e.example/\u001b\\x\u001b]8;;\u001b\\");
  });
});
