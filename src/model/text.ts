/** Text normalisation shared by readers and facts. */

/**
 * What `plainText` and `nameKey` change inside a text: emphasis characters, a backslash, whitespace
 * other than single spaces. A text without any, and without space at its ends, is already plain
 * (most activity texts).
 */
const NEEDS_WORK = /[*_`\\]|[^\S ]| {2}/;

/** Whether a text may hold emphasis or whitespace to normalise (this runs for every activity). */
function needsWork(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (text.charCodeAt(0) <= 32 || text.charCodeAt(n - 1) <= 32) return true;
  return NEEDS_WORK.test(text);
}

/** Strips inline emphasis and collapses whitespace (`**Cloud Temple**` -> `Cloud Temple`). */
export function plainText(text: string): string {
  // Most activity texts hold no markup: skip the regular expressions for them.
  if (!needsWork(text)) return text;
  // `\|` is how a table cell writes a pipe.
  return text.replace(/\\\|/gu, "|").replace(/(\*\*|__|\*|_|`)(.+?)\1/gu, "$2").replace(/\s+/gu, " ").trim();
}

/** A comparison key: emphasis characters dropped, whitespace collapsed, case folded. */
export function nameKey(text: string): string {
  if (!needsWork(text)) return text.toLowerCase();
  return text
    .replace(/[*_`]+/gu, "")
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
