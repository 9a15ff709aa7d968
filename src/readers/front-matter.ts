/**
 * Fast path for the simplest YAML front matter: top-level `key: scalar` lines, the scalar plain or
 * quoted without escapes (plus blank lines and full-line comments). Takes the front matter's YAML text and returns exactly what
 * `parse(text, { prettyErrors: false })` of the `yaml` package (YAML 1.2, core schema) returns,
 * or `undefined` when the text is outside that subset and the yaml package has to read it.
 * A cache in front of the library, not a YAML parser: test/readers/front-matter.test.ts proves
 * it equal to `yaml` on the corpus and on generated tricky values.
 */

/** `key:` or `key: value`: a plain ASCII key (short: yaml caps implicit keys at 1024), spaces, a value not starting with one. */
const ENTRY = /^([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +([^ ].*))?$/;
/** Tabs and other controls, DEL, C1 controls, BOM, line separators: YAML or regexes give some of them meaning. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNUSUAL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** Keys yaml would resolve to null or a boolean (then stringify), or that would set the prototype. */
const SPECIAL_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/;
/**
 * Values that may not be plain strings: a leading indicator or number-like start (`1.5`, `0x1`,
 * `.inf`, `+1`), a comment (` #`), a mapping indicator (`: ` or a final `:`), a trailing space.
 */
const NOT_PLAIN_STRING = /^[-?:,[\]{}#&*!|>'"%@`0-9+.]|: | #|:$| $/;
/** A decimal integer without sign or leading zero. */
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
/** The core schema's null and boolean spellings (an empty value is null too). */
const WORDS = new Map<string, null | boolean>([
  ...["", "~", "null", "Null", "NULL"].map((w) => [w, null] as const),
  ...["true", "True", "TRUE"].map((w) => [w, true] as const),
  ...["false", "False", "FALSE"].map((w) => [w, false] as const),
]);

/** The value of simple front matter (`null` when it has no entry), or `undefined`: ask `yaml`. */
export function parseSimpleFrontMatter(yaml: string): Record<string, unknown> | null | undefined {
  const result: Record<string, unknown> = {};
  let entries = 0;
  for (const line of yaml.split(/\r?\n/)) {
    if (UNUSUAL_CHARACTER.test(line)) return undefined;
    if (line === "" || line.startsWith("#")) continue;
    const entry = ENTRY.exec(line);
    if (!entry || SPECIAL_KEY.test(entry[1]!) || Object.hasOwn(result, entry[1]!)) return undefined;
    const value = scalar(entry[2] ?? "");
    if (value === undefined) return undefined;
    result[entry[1]!] = value;
    entries++;
  }
  return entries === 0 ? null : result;
}

/** A double-quoted scalar without escapes, or a single-quoted one without quotes inside: its text is the value. */
const QUOTED = /^"([^"\\]*)"$|^'([^']*)'$/;

/** The value of a scalar in the subset, or `undefined`. */
function scalar(text: string): string | number | boolean | null | undefined {
  const quoted = QUOTED.exec(text);
  if (quoted) return quoted[1] ?? quoted[2];
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (DECIMAL.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : undefined;
  }
  return NOT_PLAIN_STRING.test(text) ? undefined : text;
}
