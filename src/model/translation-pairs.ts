/**
 * Which files of a run translate which: the layouts documentation sites use for translated pages,
 * and the pairs a configuration declares. Pure: paths in, pairs out (nothing is read from disk).
 */

/** A `translations` entry of a configuration: source and target globs, relative to `base` (the configuration file's folder). */
export interface TranslationMapping {
  base: string;
  source: string;
  target: string;
}

/** A translation and its source, and how the pair was recognised. */
export interface TranslationPair {
  source: string;
  translation: string;
  /** The translation's language as its path names it (`de`, `pt-BR`), or empty when the path names none. */
  locale: string;
  /** `configuration`, `docusaurus` or `locale-suffix`. */
  convention: "configuration" | "docusaurus" | "locale-suffix";
}

/** ISO 639-1 language codes: a `name.<code>.md` file is a translation only when the suffix is one (`raci.old.md` is not). */
const LANGUAGES = new Set(
  (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv " +
    "ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my " +
    "na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr " +
    "ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
  ).split(" "),
);

/** `name.<locale>.<ext>`: a language code, optionally with a region or script (`pt-BR`, `zh_Hans`). */
const LOCALE_SUFFIX = /^(.*\/)?([^/]+)\.([a-z]{2})((?:[-_](?:[A-Za-z]{2}|[A-Z][a-z]{3}))?)\.(md|markdown|ya?ml|json)$/u;

/** Docusaurus: `i18n/<locale>/docusaurus-plugin-content-docs/current/<path>` translates `docs/<path>`; a version folder translates `versioned_docs/<version>/<path>`. */
const DOCUSAURUS = /^(.*\/)?i18n\/([^/]+)\/docusaurus-plugin-content-docs\/(current|version-[^/]+)\/(.+)$/u;

/** A glob (`*`, `**`, `?`, and `{locale}` in targets) as a pattern whose groups are its wildcards, in order. */
interface CompiledGlob {
  pattern: RegExp;
  /** How many wildcard groups (the `{locale}` group not counted). */
  wildcards: number;
  /** The group index of `{locale}`, or -1. */
  localeGroup: number;
}

/** Compiles a glob; throws on what it cannot read (checked when the configuration is loaded). */
export function compileGlob(glob: string, allowLocale: boolean): CompiledGlob {
  let source = "";
  let wildcards = 0;
  let group = 0;
  let localeGroup = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith("{locale}", i)) {
      if (!allowLocale) throw new Error("{locale} belongs in the target glob");
      if (localeGroup >= 0) throw new Error("{locale} may appear once");
      localeGroup = ++group;
      source += "([^/]+)";
      i += "{locale}".length - 1;
    } else if (glob.startsWith("**/", i)) {
      source += "((?:[^/]*/)*)";
      group++;
      wildcards++;
      i += 2;
    } else if (glob.startsWith("**", i)) {
      source += "(.*)";
      group++;
      wildcards++;
      i += 1;
    } else if (c === "*") {
      source += "([^/]*)";
      group++;
      wildcards++;
    } else if (c === "?") {
      source += "([^/])";
      group++;
      wildcards++;
    } else if ("[]{}!".includes(c)) throw new Error(`"${c}" is not supported: use *, ** and ? (and {locale} in targets)`);
    else source += c.replace(/[.+^$()|\\]/gu, "\\$&");
  }
  return { pattern: new RegExp(`^${source}$`, "u"), wildcards, localeGroup };
}

/** Why a `translations` entry cannot be used, or null: both globs readable, the same wildcards on both sides. */
export function mappingProblem(source: string, target: string): string | null {
  try {
    const s = compileGlob(source, false);
    const t = compileGlob(target, true);
    if (s.wildcards !== t.wildcards)
      return `"${source}" has ${s.wildcards} wildcards and "${target}" ${t.wildcards}: a file and its translation are paired by what the wildcards match, so both need the same ones in the same order`;
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A path relative to a folder, `/`-separated, or null when it is not inside it. */
function inside(base: string, path: string): string | null {
  const b = base.endsWith("/") ? base : `${base}/`;
  return path.startsWith(b) ? path.slice(b.length) : null;
}

/**
 * The pairs among a run's files (absolute or run-relative paths, `/`-separated), each translation
 * paired with one source of the run: a configured mapping first, then Docusaurus' layout, then a
 * locale suffix (`raci.de.md` translates `raci.md`, or `raci.en.md` when there is no `raci.md`).
 */
export function translationPairs(paths: readonly string[], mappings: readonly TranslationMapping[] = []): TranslationPair[] {
  const present = new Set(paths);
  const found = new Map<string, TranslationPair>();
  const add = (translation: string, source: string, locale: string, convention: TranslationPair["convention"]) => {
    if (source !== translation && present.has(source) && !found.has(translation)) found.set(translation, { source, translation, locale, convention });
  };
  for (const mapping of mappings) {
    const base = mapping.base.replace(/\\/gu, "/");
    const source = compileGlob(mapping.source, false);
    const target = compileGlob(mapping.target, true);
    const sources = new Map<string, string>();
    for (const path of paths) {
      const rel = inside(base, path);
      const match = rel === null ? null : source.pattern.exec(rel);
      if (match) sources.set(JSON.stringify(match.slice(1)), path);
    }
    for (const path of paths) {
      const rel = inside(base, path);
      const match = rel === null ? null : target.pattern.exec(rel);
      if (!match) continue;
      const groups = match.slice(1);
      const locale = target.localeGroup > 0 ? groups[target.localeGroup - 1]! : "";
      const key = JSON.stringify(groups.filter((_, i) => i !== target.localeGroup - 1));
      const src = sources.get(key);
      if (src) add(path, src, locale, "configuration");
    }
  }
  for (const path of paths) {
    const docusaurus = DOCUSAURUS.exec(path);
    if (docusaurus) {
      const [, prefix = "", locale, version, rest] = docusaurus;
      add(path, version === "current" ? `${prefix}docs/${rest}` : `${prefix}versioned_docs/${version}/${rest}`, locale!, "docusaurus");
      continue;
    }
    const suffixed = LOCALE_SUFFIX.exec(path);
    if (suffixed && LANGUAGES.has(suffixed[3]!)) {
      const [, dir = "", name, language, region, ext] = suffixed;
      const plain = `${dir}${name}.${ext}`;
      add(path, present.has(plain) ? plain : `${dir}${name}.en.${ext}`, `${language}${region}`, "locale-suffix");
    }
  }
  return [...found.values()].sort((a, b) => (a.translation < b.translation ? -1 : a.translation > b.translation ? 1 : 0));
}

/** A glob with its wildcards replaced, in order, by `groups` (what a target glob's wildcards matched). */
function fillGlob(glob: string, groups: readonly string[]): string {
  let out = "";
  let next = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith("**/", i)) {
      out += groups[next++] ?? "";
      i += 2;
    } else if (glob.startsWith("**", i)) {
      out += groups[next++] ?? "";
      i += 1;
    } else if (glob[i] === "*" || glob[i] === "?") out += groups[next++] ?? "";
    else out += glob[i];
  }
  return out;
}

/** What a path's name says it translates, whether or not that file is among the run's files. */
export interface ExpectedSource {
  /** The files it would be paired with, the preferred first (the path itself left out). */
  sources: string[];
  locale: string;
  convention: TranslationPair["convention"];
}

/**
 * The sources a path names by the conventions `translationPairs` pairs by, in its order of
 * preference (configured mappings, Docusaurus, a language suffix); the locale and convention are
 * the first convention's. Null when the path names none. Says why a page that looks translated is
 * paired with no file.
 */
export function expectedSources(path: string, mappings: readonly TranslationMapping[] = []): ExpectedSource | null {
  const found: { source: string; locale: string; convention: TranslationPair["convention"] }[] = [];
  for (const mapping of mappings) {
    const base = mapping.base.replace(/\\/gu, "/");
    const rel = inside(base, path);
    const target = compileGlob(mapping.target, true);
    const match = rel === null ? null : target.pattern.exec(rel);
    if (!match) continue;
    const groups = match.slice(1);
    const locale = target.localeGroup > 0 ? groups[target.localeGroup - 1]! : "";
    const filled = fillGlob(
      mapping.source,
      groups.filter((_, i) => i !== target.localeGroup - 1),
    );
    found.push({ source: `${base.endsWith("/") ? base : `${base}/`}${filled}`, locale, convention: "configuration" });
  }
  const docusaurus = DOCUSAURUS.exec(path);
  const suffixed = LOCALE_SUFFIX.exec(path);
  if (docusaurus) {
    const [, prefix = "", locale, version, rest] = docusaurus;
    found.push({ source: version === "current" ? `${prefix}docs/${rest}` : `${prefix}versioned_docs/${version}/${rest}`, locale: locale!, convention: "docusaurus" });
  } else if (suffixed && LANGUAGES.has(suffixed[3]!)) {
    const [, dir = "", name, language, region, ext] = suffixed;
    for (const source of [`${dir}${name}.${ext}`, `${dir}${name}.en.${ext}`]) found.push({ source, locale: `${language}${region}`, convention: "locale-suffix" });
  }
  const named = found.filter((f) => f.source !== path);
  if (named.length === 0) return null;
  return { sources: [...new Set(named.map((f) => f.source))], locale: named[0]!.locale, convention: named[0]!.convention };
}
