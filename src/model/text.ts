/** Text normalisation shared by readers and facts. */

const INLINE_MARK = /[*_`\s]{2}|[*_`\t\n\r]|^\s|\s$/u;

/** Strips inline emphasis and collapses whitespace (`**Cloud Temple**` -> `Cloud Temple`). */
export function plainText(text: string): string {
  // Most activity texts hold no markup: skip the regular expressions for them.
  if (!INLINE_MARK.test(text)) return text;
  return text.replace(/(\*\*|__|\*|_|`)(.+?)\1/gu, "$2").replace(/\s+/gu, " ").trim();
}

/** A comparison key: emphasis characters dropped, whitespace collapsed, case folded. */
export function nameKey(text: string): string {
  if (!INLINE_MARK.test(text)) return text.toLowerCase();
  return text
    .replace(/[*_`]+/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();
}
