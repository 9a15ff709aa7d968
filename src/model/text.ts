/** Text normalisation shared by readers and facts. */

/**
 * What `plainText` and `nameKey` change inside a text: emphasis characters, a backslash, soft
 * hyphens (invisible: `Geschäfts\u00adführung` is `Geschäftsführung`), whitespace other than single
 * spaces (the class lists `\s` without the space). No `u` flag: the engine then
 * scans for the class natively, several times faster than for `[^\S ]` on accented text.
 */
const NEEDS_WORK = /[*_`\\\u00ad\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/** Whether a text may hold emphasis or whitespace to normalise (this runs for every activity). */
function needsWork(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1))) return true;
  return NEEDS_WORK.test(text);
}

/** Whether a character code is whitespace as `\s` sees it (the space itself included). */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Strips inline emphasis and collapses whitespace (`**Cloud Temple**` -> `Cloud Temple`). */
export function plainText(text: string): string {
  // Most activity texts hold no markup: skip the regular expressions for them.
  if (!needsWork(text)) return text;
  // `\|` is how a table cell writes a pipe.
  return text
    .replace(/\\\|/gu, "|")
    .replace(/\u00ad/gu, "")
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/gu, "$2")
    .replace(/\s+/gu, " ")
    .trim();
}

/** A comparison key: emphasis characters dropped, whitespace collapsed, case folded. */
export function nameKey(text: string): string {
  if (!needsWork(text)) return text.toLowerCase();
  return text
    .replace(/[*_`\u00ad]+/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();
}

/** The comparison key of an activity text: `nameKey(plainText(text))` in one pass for plain texts. */
export function activityKey(text: string): string {
  return needsWork(text) ? nameKey(plainText(text)) : text.toLowerCase();
}

/** The letter a legend text highlights (`__P__erforms`, `**P**erforms`, `<u>P</u>erforms`): the letter and where the markup is. */
export function findHighlight(text: string): { letter: string; index: number; length: number } | null {
  const match = /__(\p{L})__|\*\*(\p{L})\*\*|<(u|b|strong)>(\p{L})<\/\3>/u.exec(text);
  if (!match) return null;
  return { letter: (match[1] ?? match[2] ?? match[4])!.toUpperCase(), index: match.index, length: match[0].length };
}
