/**
 * Which role scheme a document is written in, from its own words: a title, heading, front matter
 * or table header that names RASCI, RACI-VS or CAIRO, or a legend that defines their letters
 * (S, V, O). A configured scheme always wins; so does RACI when the document says nothing.
 */
import { CAIRO, RACI, RACI_VS, RASCI, SCHEMES, type RoleScheme } from "../model/scheme.js";

/** Words that say a document is about RACI roles (a title, a heading, a table header). */
export const RACI_WORDS = /\b(?:RACI|RASCI|RACI-?VS|CAIRO|responsibility|responsabilit|verantwortlich|responsabilidad|accountable)\w*/iu;

/** A text of the document that may name a scheme, and where it is (for the reason given). */
export interface SchemeHint {
  text: string;
  where: string;
}

/** Codes a legend of the document defines, and where it is. */
export interface LegendHint {
  codes: readonly string[];
  where: string;
}

/** The scheme a document is read with (null: one raci-lint does not know), and why. */
export interface SchemeChoice {
  scheme: RoleScheme | null;
  reason: string;
}

const NAMED: readonly [RegExp, RoleScheme][] = [
  [/\bRACI[-\s]?VS\b/iu, RACI_VS],
  [/\bRASCI\b/iu, RASCI],
  [/\bCAIRO\b/u, CAIRO],
];

/** Schemes by size, smallest first: a legend picks the smallest that has all its codes. */
const BY_SIZE = Object.values(SCHEMES).sort((a, b) => a.codes.length - b.codes.length);

/**
 * Chooses the scheme of a document. `configured`: the scheme the configuration sets (it wins), or
 * null to infer one, falling back on `fallback`.
 */
export function chooseScheme(configured: RoleScheme | null, fallback: RoleScheme, hints: readonly SchemeHint[], legends: readonly LegendHint[]): SchemeChoice {
  if (configured) return { scheme: configured, reason: "set by the configuration" };
  for (const hint of hints) {
    for (const [pattern, scheme] of NAMED) if (pattern.test(hint.text)) return { scheme, reason: `${hint.where} names ${scheme.name}` };
  }
  for (const legend of legends) {
    const codes = [...new Set(legend.codes)];
    if (codes.length < 2) continue;
    const inFallback = codes.every((c) => fallback.codes.some((k) => k.code === c));
    if (inFallback) return { scheme: fallback, reason: `${legend.where} defines ${codes.join(", ")}` };
    const scheme = BY_SIZE.find((s) => codes.every((c) => s.codes.some((k) => k.code === c)));
    const extra = codes.filter((c) => !RACI.codes.some((k) => k.code === c));
    if (scheme) return { scheme, reason: `${legend.where} defines ${extra.join(", ")}, a code of ${scheme.name}` };
    // A RACI legend with a stray letter is still RACI (legend-consistent reports the letter).
    if (codes.includes(fallback.responsible) && codes.includes(fallback.accountable))
      return { scheme: fallback, reason: `${legend.where} defines ${fallback.responsible} and ${fallback.accountable}` };
    return {
      scheme: null,
      reason: `${legend.where} defines ${extra.join(", ")}, which no built-in scheme has (${Object.keys(SCHEMES).join(", ")}): set \`scheme\` in the configuration to check its tables`,
    };
  }
  return { scheme: fallback, reason: fallback === RACI ? "the default: the document names no other scheme" : "the default" };
}

/**
 * Role words whose meaning a document settles by using them together. German RACI tables write
 * either "Verantwortlich" for R (Durchführungsverantwortung) or, beside "Zuständig" for R,
 * "Verantwortlich" for A (Gesamtverantwortung, as Microsoft's German pages do); Spanish ones use
 * "Encargado" for A beside "Responsable" for R. Each convention is a variant of RACI.
 */
// Patterns without the u flag: they run on every table of a document, and with u and i together V8
// matches \b ten times slower; these words fold case the same either way.
const CONVENTIONS: readonly { when: readonly RegExp[]; scheme: RoleScheme; reason: string }[] = [
  {
    when: [/\bzuständig\b/i, /\bverantwortlich\b/i],
    scheme: variant({ R: { add: ["Zuständig"], drop: ["Verantwortlich"] }, A: { add: ["Verantwortlich"], drop: [] } }),
    reason: '"Zuständig" (R) and "Verantwortlich" are both used: "Verantwortlich" is read as A (accountable), as on Microsoft\'s German RACI pages',
  },
  {
    when: [/\bencargad[oa]s?\b/i, /\bresponsables?\b/i],
    scheme: variant({ A: { add: ["Encargado", "Encargada", "Encargados"], drop: [] } }),
    reason: '"Encargado" and "Responsable" are both used: "Encargado" is read as A (accountable), "Responsable" as R, as on Microsoft\'s Spanish RACI pages',
  },
];

/** RACI with some codes' names changed. */
function variant(changes: Partial<Record<string, { add: string[]; drop: string[] }>>): RoleScheme {
  return {
    ...RACI,
    codes: RACI.codes.map((c) => {
      const change = changes[c.code];
      if (!change) return c;
      const dropped = new Set(change.drop.map((n) => n.toLowerCase()));
      const names = Object.fromEntries(Object.entries(c.names).map(([lang, list]) => [lang, list.filter((n) => !dropped.has(n.toLowerCase()))]));
      names.any = [...change.add];
      return { code: c.code, names };
    }),
  };
}

/** The variant of RACI a document's role words call for (see `CONVENTIONS`), when it uses RACI and one applies. */
export function wordConvention(scheme: RoleScheme, text: string): { scheme: RoleScheme; reason: string } | null {
  if (scheme !== RACI) return null;
  const convention = CONVENTIONS.find((c) => c.when.every((w) => w.test(text)));
  return convention ? { scheme: convention.scheme, reason: convention.reason } : null;
}

/** A legend written in a line of prose: `**Key:** **L** = Lead · **C** = Contributor`, `Legend: R = Responsible, A = Accountable`. */
const INLINE_LEGEND = /^\W*(?:key|legend|legenda|légende|legende|leyenda|clé)\b/iu;
const INLINE_ENTRY = /(?:^|[\s(·,;|])[*_]{0,2}([A-Z])[*_]{0,2}\s*(?:=|:|—|–|-)\s*[*_]{0,2}\p{L}/gu;

/**
 * Whether a text has a capital letter before `=`, `:`, `—` or `–` (emphasis and spaces between), as
 * a legend in prose needs: found from each sign backwards, since a text has far fewer signs than capitals.
 */
export function mayHoldInlineLegend(text: string): boolean {
  const sign = /[=:—–]/g;
  while (sign.exec(text) !== null) {
    let i = sign.lastIndex - 2;
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    while (i >= 0 && text.charCodeAt(i) === 42) i--; // *
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** The codes a line of prose defines when it is a legend (`Legend: R = Responsible, ...`), or null. */
export function inlineLegendCodes(line: string): string[] | null {
  const entries = [...line.matchAll(INLINE_ENTRY)].map((m) => m[1]!);
  if (entries.length < 2) return null;
  return INLINE_LEGEND.test(line) || entries.length >= 3 ? entries : null;
}
