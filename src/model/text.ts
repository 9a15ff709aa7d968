/** Text normalisation shared by readers and facts. */

/** Whether a text may hold emphasis or whitespace to normalise (a plain loop: this runs for every cell). */
function needsWork(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (text.charCodeAt(0) <= 32 || text.charCodeAt(n - 1) <= 32) return true;
  let previousSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // * _ ` \ tab LF CR, and the Unicode spaces \s also matches.
    if (c === 42 || c === 95 || c === 96 || c === 92 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff) return true;
    const space = c === 32;
    if (space && previousSpace) return true;
    previousSpace = space;
  }
  return false;
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
