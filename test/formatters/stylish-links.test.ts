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

describe("formatStylish with text from the files", () => {
  it("shows control characters as \\xNN, in messages and paths", async () => {
    const { buildReport } = await import("../../src/model/result.js");
    const { finding } = await import("./reports.js");
    const message = 'Codes "\u001b[31mRED\u001b[0m" are out of order';
    const out = formatStylish(buildReport([{ path: "a\u0007.md", findings: [finding({ file: "a\u0007.md", message })] }]), { color: false });
    // eslint-disable-next-line no-control-regex -- no control character may reach a terminal
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
    expect(out).toContain('Codes "\\x1b[31mRED\\x1b[0m" are out of order');
    expect(out).toContain("a\\x07.md");
  });

  it("pads messages to a bounded width: one huge message neither crashes the report nor pads the others", async () => {
    const { buildReport } = await import("../../src/model/result.js");
    const { finding } = await import("./reports.js");
    const huge = "y".repeat(300_000);
    const findings = [finding({ message: huge }), ...Array.from({ length: 2000 }, (_, i) => finding({ line: i + 2, message: "short" }))];
    const out = formatStylish(buildReport([{ path: "x.md", findings }]), { color: false });
    expect(out.length).toBeLessThan(huge.length + 2001 * 250);
    expect(out).toContain(`${huge}  valid-codes\n`);
  });
});

describe("formatGithub with text from the files", () => {
  it("writes control characters as %XX", async () => {
    const { formatGithub } = await import("../../src/formatters/github.js");
    const { buildReport } = await import("../../src/model/result.js");
    const { finding } = await import("./reports.js");
    const out = formatGithub(buildReport([{ path: "x.md", findings: [finding({ message: "a\u001b]8;;http://x\u0007b" })] }]), CONTEXT);
    expect(out).toBe("::error file=x.md,line=1,col=1,endLine=1,endColumn=2,title=valid-codes::a%1B]8;;http://x%07b\n");
  });
});
