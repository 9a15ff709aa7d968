/**
 * The library's options are checked as the command checks its flags: rule settings given to
 * `RaciLint` (`overrideConfig.rules`, written as a configuration file writes them) are validated and
 * named `overrideConfig` in errors; `lintText` takes `filePath` as `RaciLint#lintText` does, and says
 * what `rules` must be.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, lintText, RaciLint } from "../../src/index.js";
import { REPO } from "../helpers.js";

const SEED = "matrices/cloud-temple-s3.md";
const TEXT = "| Activity | Client | Provider |\n|---|---|---|\n| Plan | AR | I |\n";

describe("RaciLint's overrideConfig", () => {
  it("applies rule settings written as in a configuration file", async () => {
    const linter = new RaciLint({ cwd: REPO, overrideConfig: { rules: { "code-order": "error", "customer-involved": "off" } } });
    const [result] = await linter.lintFiles([SEED]);
    expect(result!.findings.filter((f) => f.ruleId === "code-order").map((f) => f.severity)).toEqual(["error", "error"]);
    expect(result!.findings.some((f) => f.ruleId === "customer-involved")).toBe(false);
  });

  it("refuses what a configuration file would refuse, naming overrideConfig", async () => {
    expect(() => new RaciLint({ cwd: REPO, overrideConfig: { rules: { "code-order": "fatal" as never } } })).toThrow(ConfigError);
    expect(() => new RaciLint({ cwd: REPO, overrideConfig: { rules: { "code-order": "fatal" as never } } })).toThrow(
      `overrideConfig:1:1: code-order: "fatal" is not a setting: give 'rule-id': severity or [severity, {options}] (severity: off, info, warning, error)`,
    );
    expect(() => new RaciLint({ cwd: REPO, overrideConfig: { rulez: {} } as never })).toThrow(new TypeError('RaciLint: overrideConfig takes rules only, not "rulez"'));
    // An unknown rule is known only once the rules are loaded: when linting.
    await expect(new RaciLint({ cwd: REPO, overrideConfig: { rules: { "no-such-rule": "error" } } }).lintFiles([SEED])).rejects.toThrow('overrideConfig:1:1: unknown rule "no-such-rule"');
  });
});

describe("lintText's options", () => {
  it("takes filePath as RaciLint#lintText does, and filename", async () => {
    expect((await lintText(TEXT, { filePath: "x.md" })).path).toBe("x.md");
    expect((await lintText(TEXT, { filename: "y.md" })).path).toBe("y.md");
  });

  it("says what rules must be when given settings instead", async () => {
    await expect(lintText(TEXT, { filename: "a.md", rules: { "code-order": "error" } as never })).rejects.toThrow(TypeError);
  });
});
