/**
 * Reads configuration files: finds the nearest one above a linted file, validates it against
 * `schemas/config.schema.json` (errors name the file, line and column of the bad key) and follows
 * `extends` to presets and other files.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseDocument, type Document } from "yaml";
import { config as validateConfig } from "../generated/validators.js";
import type { ConfigProblem } from "../model/rule.js";
import type { Severity } from "../model/finding.js";
import { jsonSyntaxError } from "../readers/json-syntax.js";
import { LineIndex, type SourceSpan } from "../model/position.js";
import { MAX_ALIAS_COUNT, validateDocument, yamlErrorMessage } from "../schema/validate.js";
import { schemeFrom, type SchemeSetting } from "./schemes.js";
import { mappingProblem, type TranslationMapping } from "../model/translation-pairs.js";

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_FILES = ["raci-lint.config.yaml", "raci-lint.config.yml", "raci-lint.config.json", "package.json"];

/** Built-in presets. */
export const PRESETS = ["raci-lint:recommended", "raci-lint:strict"] as const;

/** A rule's setting as a configuration file writes it: a severity (or off), or `[severity, options]`. */
export type RuleConfig = Severity | "off" | [Severity | "off"] | [Severity | "off", Record<string, unknown>];

/** A rule's setting in a config: its severity (or off) and options, with where it was written. */
export interface RuleSetting {
  severity: Severity | "off";
  options: Record<string, unknown> | null;
  /** Who set it: a config file, `--rule`, or a preset (presets may name rules that are not loaded). */
  origin: "config" | "cli" | "preset";
  /** Where the options were written (for option errors), or null. */
  file: string | null;
  span: SourceSpan | null;
}

import type { PartyAliases } from "../model/matrix.js";

/** Party-role aliases. */
export type { PartyAliases };

/** The settings one layer (file, override or preset) contributes. */
export interface Settings {
  rules: Record<string, RuleSetting>;
  scheme?: SchemeSetting;
  parties?: PartyAliases;
  /** Warnings become errors (`raci-lint:strict`). */
  promoteWarnings?: boolean;
  /** Opt-in rules (`recommended: false`) run too (`raci-lint:strict`). */
  allRules?: boolean;
}

/** An `overrides` entry, its globs relative to `base`. */
export interface Override extends Settings {
  base: string;
  files: string[];
  excludedFiles: string[];
}

/** One config file (or preset) after validation, `extends` not yet followed. */
export interface ConfigLayer extends Settings {
  /** Absolute path, or the preset name. */
  file: string;
  extends: string[];
  /** Absolute paths of rule files or folders. */
  ruleFiles: string[];
  overrides: Override[];
  /** The `translations` it declares, relative to its folder. */
  translations: TranslationMapping[];
}

/** A config file and everything it extends, base first. */
export interface ConfigChain {
  file: string;
  layers: ConfigLayer[];
}

/** The layer of a preset. */
export function presetLayer(name: (typeof PRESETS)[number]): ConfigLayer {
  const base = { file: name, extends: [], ruleFiles: [], overrides: [], rules: {}, translations: [] };
  // Which rules each preset turns on is data: rule files that say `recommended: false` are opt-in.
  if (name === "raci-lint:recommended") return { ...base, promoteWarnings: false, allRules: false };
  return { ...base, promoteWarnings: true, allRules: true };
}

/** The nearest config file in `dir` or above it (package.json only counts with a `raci-lint` key), or null. */
export function findConfig(dir: string, cache: Map<string, string | null>): string | null {
  const seen: string[] = [];
  let current = resolve(dir);
  for (;;) {
    const cached = cache.get(current);
    if (cached !== undefined) {
      for (const d of seen) cache.set(d, cached);
      return cached;
    }
    seen.push(current);
    for (const name of CONFIG_FILES) {
      const candidate = join(current, name);
      if (!existsSync(candidate)) continue;
      if (name === "package.json" && !packageHasConfig(candidate)) continue;
      for (const d of seen) cache.set(d, candidate);
      return candidate;
    }
    const parent = dirname(current);
    if (parent === current) {
      for (const d of seen) cache.set(d, null);
      return null;
    }
    current = parent;
  }
}

/** Whether a package.json has a `raci-lint` key (a broken one counts: it is reported when read). */
function packageHasConfig(path: string): boolean {
  try {
    return Object.hasOwn(JSON.parse(readFileSync(path, "utf8")) as object, "raci-lint");
  } catch {
    return false;
  }
}

/** Reads a config file and everything it extends. Problems carry file, line and column. */
export function loadChain(file: string, display: (path: string) => string): { chain: ConfigChain } | { problems: ConfigProblem[] } {
  const layers: ConfigLayer[] = [];
  const problems: ConfigProblem[] = [];
  const visit = (path: string, stack: string[], from: { file: string; span: SourceSpan } | null) => {
    if (stack.includes(path)) {
      const span = from?.span ?? point();
      problems.push({ file: from ? display(from.file) : display(path), message: `extends cycle: ${[...stack, path].map(display).join(" -> ")}`, span });
      return;
    }
    const loaded = readLayer(path, display);
    if ("problems" in loaded) {
      // A file named by `extends` that cannot be read is reported where `extends` names it.
      problems.push(
        ...loaded.problems.map((p) =>
          from && p.message.startsWith("cannot read")
            ? { ...p, file: display(from.file), span: from.span, message: `extends: ${p.message.replace("cannot read config", `cannot read ${display(path)}`)}` }
            : p,
        ),
      );
      return;
    }
    const layer = loaded.layer;
    // The config a file is linted with starts from recommended unless it says otherwise; a file it
    // extends adds only its own settings (it must not reset a preset extended before it).
    const parents = layer.extends.length ? layer.extends : from === null ? ["raci-lint:recommended"] : [];
    parents.forEach((parent, i) => {
      if ((PRESETS as readonly string[]).includes(parent)) layers.push(presetLayer(parent as (typeof PRESETS)[number]));
      else visit(resolve(dirname(path), parent), [...stack, path], { file: path, span: loaded.extendsSpans[i] ?? point() });
    });
    layers.push(layer);
  };
  visit(resolve(file), [], null);
  return problems.length ? { problems } : { chain: { file: resolve(file), layers } };
}

/** A span at the start of a file. */
function point(): SourceSpan {
  const p = { line: 1, column: 1, offset: 0 };
  return { start: p, end: p };
}

/** Reads and validates one config file (not following `extends`). */
function readLayer(path: string, display: (path: string) => string): { layer: ConfigLayer; extendsSpans: SourceSpan[] } | { problems: ConfigProblem[] } {
  const shown = display(path);
  let text: string;
  try {
    if (statSync(path).isDirectory()) return { problems: [{ file: shown, message: "cannot read config: it is a directory", span: point() }] };
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { problems: [{ file: shown, message: `cannot read config: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, span: point() }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineIndex(text);
  const span = (range: readonly number[] | null | undefined) => lines.span(range?.[0] ?? 0, range?.[1] ?? range?.[0] ?? 0);
  const isJson = /\.json$/iu.test(path);
  if (isJson) {
    const syntax = jsonSyntaxError(text);
    if (syntax) return { problems: [{ file: shown, message: `invalid JSON: ${syntax.message}`, span: lines.span(syntax.offset, syntax.offset) }] };
  }
  // An empty (or comments-only) file is an empty configuration.
  const doc = parseDocument(text.trim() === "" || /^(\s*#.*\n?)*\s*$/u.test(text) ? "{}" : text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ file: shown, message: yamlErrorMessage(e), span: span(e.pos) })) };
  const at = /(^|[\\/])package\.json$/u.test(path) ? ["raci-lint"] : [];
  const schemaErrors = validateDocument(doc, validateConfig, at);
  if (schemaErrors.length) return { problems: schemaErrors.map((e) => ({ file: shown, message: e.message, span: lines.span(e.start, e.end) })) };

  const data = ((at.length ? doc.getIn(at) : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })) ?? {}) as Record<string, unknown>;
  const root = at.length ? (doc.getIn(at, true) as Document["contents"]) : doc.contents;
  const node = (...path: (string | number)[]) => {
    const n = (root as { getIn?: (p: unknown[], keep: boolean) => { range?: number[] } | undefined } | null)?.getIn?.(path, true);
    return n?.range ?? null;
  };
  // The key of `id` in the map at `path` (a rule's name is where a rule error points).
  const keyNode = (path: (string | number)[], id: string) => {
    const map = (root as { getIn?: (p: unknown[], keep: boolean) => unknown } | null)?.getIn?.(path, true) as { items?: { key?: { value?: unknown; range?: number[] } }[] } | undefined;
    return map?.items?.find((pair) => pair.key?.value === id)?.key?.range ?? node(...path, id);
  };
  const plain = (v: unknown) => (v && typeof v === "object" && "toJSON" in v ? (v as { toJSON(): unknown }).toJSON() : v);
  const value = plain(data) as Record<string, unknown>;
  const dir = dirname(path);
  const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);
  const rules = (raw: unknown, prefix: (string | number)[]) => readRules(raw as Record<string, unknown> | undefined, path, (id) => span(keyNode([...at, ...prefix].slice(at.length), id)));
  const extendsList = list(value.extends);
  const listed = value.ruleFiles === undefined ? null : list(value.ruleFiles);
  const ruleFiles = listed === null ? (existsSync(join(dir, "rules")) ? [join(dir, "rules")] : []) : listed.map((f) => (isAbsolute(f) ? f : resolve(dir, f)));
  // A listed rule file that does not exist is a mistake in this file: point at the entry.
  const missing = (listed ?? []).flatMap((f, i) =>
    existsSync(ruleFiles[i]!) ? [] : [{ file: shown, message: `ruleFiles: "${f}" not found (${display(ruleFiles[i]!)})`, span: span(node("ruleFiles", i)) }],
  );
  if (missing.length) return { problems: missing };
  // A custom scheme's codes are checked here, where the file can point at the wrong one.
  const schemes: { setting: unknown; path: (string | number)[] }[] = [
    { setting: value.scheme, path: ["scheme"] },
    ...((value.overrides as Record<string, unknown>[] | undefined) ?? []).map((o, i) => ({ setting: o.scheme, path: ["overrides", i, "scheme"] })),
  ];
  const badSchemes = schemes.flatMap(({ setting, path: at }) => {
    if (!setting || typeof setting !== "object") return [];
    const read = schemeFrom(setting as SchemeSetting);
    return "error" in read ? [{ file: shown, message: read.error, span: span(node(...at, ...read.path)) }] : [];
  });
  if (badSchemes.length) return { problems: badSchemes };
  // A translations entry whose globs cannot pair files is reported at its key.
  const translations: TranslationMapping[] = [];
  const badTranslations: ConfigProblem[] = [];
  for (const [source, targets] of Object.entries((value.translations as Record<string, string | string[]> | undefined) ?? {})) {
    for (const target of list(targets)) {
      const problem = mappingProblem(source, target);
      if (problem) badTranslations.push({ file: shown, message: `translations: ${problem}`, span: span(keyNode(["translations"], source)) });
      else translations.push({ base: dir, source, target });
    }
  }
  if (badTranslations.length) return { problems: badTranslations };
  const overrides = ((value.overrides as Record<string, unknown>[] | undefined) ?? []).map((o, i) => ({
    base: dir,
    files: list(o.files),
    excludedFiles: list(o.excludedFiles),
    rules: rules(o.rules, ["overrides", i, "rules"]),
    ...(o.scheme !== undefined ? { scheme: o.scheme as SchemeSetting } : {}),
    ...(o.parties !== undefined ? { parties: o.parties as PartyAliases } : {}),
  }));
  return {
    layer: {
      file: path,
      extends: extendsList,
      rules: rules(value.rules, ["rules"]),
      ruleFiles,
      overrides,
      translations,
      ...(value.scheme !== undefined ? { scheme: value.scheme as SchemeSetting } : {}),
      ...(value.parties !== undefined ? { parties: value.parties as PartyAliases } : {}),
    },
    extendsSpans: extendsList.map((_, i) => span(node("extends", ...(Array.isArray(value.extends) ? [i] : [])))),
  };
}

/** Reads a `rules` block: `id: severity` or `id: [severity, options]`. */
export function readRules(raw: Record<string, unknown> | undefined, file: string | null, spanOf: (id: string) => SourceSpan | null): Record<string, RuleSetting> {
  const origin = file === null ? "cli" : "config";
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(raw ?? {})) {
    const [severity, options] = Array.isArray(setting) ? setting : [setting, null];
    out[id] = { severity: severity as RuleSetting["severity"], options: (options as Record<string, unknown> | null) ?? null, origin, file, span: spanOf(id) };
  }
  return out;
}

/** How a path is shown in messages: relative to the working directory when below it. */
export function displayFrom(cwd: string): (path: string) => string {
  return (path) => {
    if (!isAbsolute(path)) return path;
    const rel = relative(cwd, path);
    return rel && !rel.startsWith("..") ? rel.split("\\").join("/") : path;
  };
}
