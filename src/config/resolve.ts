/**
 * Resolves the configuration that applies to each linted file — nearest config file (or `--config`),
 * its `extends` chain, matching `overrides`, then `--rule` — into the rules and scheme to lint with.
 * Results are cached: files that end up with the same settings share one `LintSetup`.
 */
import { dirname, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { ConfigProblem, ActiveRule, RuleDefinition } from "../model/rule.js";
import { builtInRules, loadRuleDir, loadRuleFile, mergeLoaded } from "../engine/load-rules.js";
import type { LintSetup } from "../lint/linter.js";
import { findConfig, loadChain, presetLayer, displayFrom, type ConfigChain, type PartyAliases, type RuleSetting, type Settings } from "./load.js";
import { schemeFrom, type SchemeSetting } from "./schemes.js";
import { statSync } from "node:fs";
import { validateOptions } from "../engine/options.js";
import type { TranslationMapping } from "../model/translation-pairs.js";

/** The settings in force for one file. */
export interface ResolvedConfig {
  /** Config files (and presets) that contributed, base first. */
  sources: string[];
  rules: Record<string, RuleSetting>;
  scheme: SchemeSetting;
  /** Whether a configuration file set `scheme` (otherwise documents may name theirs). */
  schemeSet: boolean;
  parties: PartyAliases | null;
  promoteWarnings: boolean;
  /** Opt-in rules run too (`raci-lint:strict`). */
  allRules: boolean;
  ruleFiles: string[];
  /** The `translations` of every configuration file in the chain, each relative to its own folder. */
  translations?: TranslationMapping[];
  /** How problems name rule settings given beside the files (`--rule`, `overrideConfig`). */
  overrideName?: string;
}

/** How configuration is found. */
export interface ResolverOptions {
  cwd: string;
  /** `--config PATH`: use this file for every linted file instead of looking for one. */
  configFile?: string | null;
  /** `--no-config`: ignore config files (built-in defaults and `--rule` only). */
  useConfigFiles?: boolean;
  /** `--rule` settings, applied last. */
  cliRules?: Record<string, RuleSetting>;
  /** How problems name `cliRules` (`--rule`, `overrideConfig`). Default `--rule`. */
  cliRulesName?: string;
  /** `--report-unused-disable-directives`. */
  reportUnusedDirectives?: boolean;
}

/** Merges one layer's settings into the accumulated ones (options are kept when only a severity is given). */
function apply(into: ResolvedConfig, settings: Settings): void {
  for (const [id, setting] of Object.entries(settings.rules)) {
    const previous = into.rules[id];
    into.rules[id] = setting.options === null && previous ? { ...setting, options: previous.options, file: previous.file, span: previous.span } : setting;
  }
  if (settings.scheme !== undefined) {
    into.scheme = settings.scheme;
    into.schemeSet = true;
  }
  if (settings.parties !== undefined) into.parties = settings.parties;
  if (settings.promoteWarnings !== undefined) into.promoteWarnings = settings.promoteWarnings;
  if (settings.allRules !== undefined) into.allRules = settings.allRules;
}

/** Finds, loads and merges configuration per file. */
export class ConfigResolver {
  private readonly dirCache = new Map<string, string | null>();
  private readonly chains = new Map<string, { chain: ConfigChain } | { problems: ConfigProblem[] }>();
  private readonly setups = new Map<string, { setup: LintSetup } | { problems: ConfigProblem[] }>();
  private readonly display: (path: string) => string;
  private readonly userRules: UserRuleCache = new Map();

  constructor(private readonly options: ResolverOptions) {
    this.display = displayFrom(options.cwd);
  }

  /** The chain of the config that applies to `file` (null when none). */
  private chainFor(file: string): { chain: ConfigChain | null } | { problems: ConfigProblem[] } {
    if (this.options.useConfigFiles === false) return { chain: null };
    const configFile = this.options.configFile ?? findConfig(dirname(file), this.dirCache);
    if (!configFile) return { chain: null };
    let loaded = this.chains.get(configFile);
    if (!loaded) {
      loaded = loadChain(configFile, this.display);
      this.chains.set(configFile, loaded);
    }
    return "problems" in loaded ? loaded : { chain: loaded.chain };
  }

  private readonly byDir = new Map<string, { setup: LintSetup } | { problems: ConfigProblem[] }>();

  /** The merged settings for `file` (an absolute path). */
  resolve(file: string): { config: ResolvedConfig } | { problems: ConfigProblem[] } {
    const found = this.chainFor(file);
    if ("problems" in found) return found;
    const layers = found.chain?.layers ?? [presetLayer("raci-lint:recommended")];
    const config: ResolvedConfig = { sources: [], rules: {}, scheme: "RACI", schemeSet: false, parties: null, promoteWarnings: false, allRules: false, ruleFiles: [] };
    for (const layer of layers) {
      config.sources.push(this.display(layer.file));
      apply(config, layer);
      for (const path of layer.ruleFiles) if (!config.ruleFiles.includes(path)) config.ruleFiles.push(path);
      if (layer.translations.length) config.translations = [...(config.translations ?? []), ...layer.translations];
      for (const override of layer.overrides) {
        const rel = relative(override.base, file).split(sep).join("/");
        const matches = picomatch(override.files, { dot: true });
        const excluded = override.excludedFiles.length ? picomatch(override.excludedFiles, { dot: true }) : () => false;
        if (!rel.startsWith("..") && matches(rel) && !excluded(rel)) apply(config, override);
      }
    }
    if (this.options.cliRules) apply(config, { rules: this.options.cliRules });
    if (this.options.cliRulesName) config.overrideName = this.options.cliRulesName;
    return { config };
  }

  /** The lint setup for `file`: active rules with their options, scheme and party aliases. */
  setupFor(file: string): { setup: LintSetup } | { problems: ConfigProblem[] } {
    // Without overrides, every file of a folder gets the same setup: resolve once per folder.
    const dir = dirname(file);
    const known = this.byDir.get(dir);
    if (known) return known;
    const result = this.setupForFile(file);
    if (!this.hasOverrides(file)) this.byDir.set(dir, result);
    return result;
  }

  /** Whether the configuration that applies to `file` has overrides (which may differ file by file). */
  private hasOverrides(file: string): boolean {
    const found = this.chainFor(file);
    return "chain" in found && found.chain !== null && found.chain.layers.some((l) => l.overrides.length > 0);
  }

  /** The lint setup for one file, without the per-folder shortcut. */
  private setupForFile(file: string): { setup: LintSetup } | { problems: ConfigProblem[] } {
    const resolved = this.resolve(file);
    if ("problems" in resolved) return resolved;
    const { config } = resolved;
    const key = JSON.stringify({
      scheme: config.scheme,
      schemeSet: config.schemeSet,
      parties: config.parties,
      promoteWarnings: config.promoteWarnings,
      allRules: config.allRules,
      ruleFiles: config.ruleFiles,
      translations: config.translations ?? [],
      rules: Object.entries(config.rules).map(([id, r]) => [id, r.severity, r.options, r.origin]),
    });
    let setup = this.setups.get(key);
    if (!setup) {
      setup = buildSetup(resolved.config, this.display, this.options.reportUnusedDirectives ?? false, this.userRules);
      this.setups.set(key, setup);
    }
    return setup;
  }
}

/** User rules loaded by one resolver, by the list of files and folders they came from. */
export type UserRuleCache = Map<string, { rules: RuleDefinition[]; problems: ConfigProblem[] }>;

/** Loads the user rule files and folders a config names (once per list and resolver). */
function userRules(paths: string[], display: (path: string) => string, cache: UserRuleCache): { rules: RuleDefinition[]; problems: ConfigProblem[] } {
  const key = paths.join("\u0000");
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = mergeLoaded(
      paths.map((path) => {
        let isDir: boolean;
        try {
          isDir = statSync(path).isDirectory();
        } catch {
          const p = { line: 1, column: 1, offset: 0 };
          return { rules: [], problems: [{ file: display(path), message: "rule file or folder not found", span: { start: p, end: p } }] };
        }
        return isDir ? loadRuleDir(path, false, display) : loadRuleFile(path, false, display);
      }),
    );
    cache.set(key, loaded);
  }
  return loaded;
}

/** Turns resolved settings into active rules, checking rule ids and options. */
export function buildSetup(
  config: ResolvedConfig,
  display: (path: string) => string,
  reportUnusedDirectives = false,
  cache: UserRuleCache = new Map(),
): { setup: LintSetup } | { problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const builtIn = builtInRules();
  problems.push(...builtIn.problems);
  const user = userRules(config.ruleFiles, display, cache);
  problems.push(...user.problems);
  const all = [...builtIn.rules];
  for (const rule of user.rules) {
    const clash = all.find((r) => r.id === rule.id);
    if (clash) {
      const p = { line: 1, column: 1, offset: 0 };
      problems.push({ file: rule.source, message: `rule id "${rule.id}" is already defined by ${clash.builtIn ? "raci-lint" : clash.source}`, span: { start: p, end: p } });
    } else all.push(rule);
  }
  const scheme = schemeFrom(config.scheme);
  if ("error" in scheme)
    problems.push({ file: config.sources.at(-1) ?? "<config>", message: scheme.error, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
  const known = new Set(all.map((r) => r.id));
  for (const [id, setting] of Object.entries(config.rules)) {
    if (known.has(id) || setting.origin === "preset") continue;
    if (setting.file) problems.push({ file: display(setting.file), message: `unknown rule "${id}"`, span: setting.span! });
    else problems.push({ file: config.overrideName ?? "--rule", message: `unknown rule "${id}"`, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
  }
  const rules: ActiveRule[] = [];
  for (const rule of all) {
    const setting = config.rules[rule.id];
    if (setting?.severity === "off") continue;
    if (!setting && !rule.recommended && !config.allRules) continue;
    const options = { ...(rule.options?.defaults ?? {}), ...(setting?.options ?? {}) };
    if (setting?.options && (rule.options || Object.keys(setting.options).length > 0)) {
      const error = rule.options ? validateOptions(rule, setting.options) : `rule "${rule.id}" takes no options`;
      if (error)
        problems.push({
          file: setting.file ? display(setting.file) : (config.overrideName ?? "--rule"),
          message: `${rule.id}: ${error}`,
          span: setting.span ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        });
    }
    rules.push({ rule, severity: setting ? setting.severity : null, options, promote: config.promoteWarnings });
  }
  if (problems.length || "error" in scheme) return { problems };
  const knownRules = new Set([...all.map((r) => r.id), "parse-error", "schema-violation"]);
  return {
    setup: {
      rules,
      scheme: scheme.scheme,
      schemeConfigured: config.schemeSet,
      parties: config.parties,
      knownRules,
      reportUnusedDirectives,
      ...(config.translations?.length ? { translations: config.translations } : {}),
    },
  };
}
