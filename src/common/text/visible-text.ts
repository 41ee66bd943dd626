// What counts as "text" in a free-text field an official reads (reasons, decision numbers,
// comments, notes, descriptions, names). Plain TypeScript: domain rules use it too.

/**
 * One visible character: anything but white space (\p{White_Space}, no-break spaces too),
 * control and format characters (\p{Cc}, \p{Cf}: zero-width spaces and joiners U+200B–U+200F,
 * bidi controls U+202A–U+202E, U+2060–U+2064, U+FEFF, soft hyphen U+00AD, Mongolian vowel
 * separator U+180E), combining marks on their own (\p{Mn}, e.g. U+034F, which only modify a
 * visible letter), and the characters that render as nothing: Hangul fillers U+115F U+1160
 * U+3164 U+FFA0 and the braille blank U+2800.
 */
export const VISIBLE_CHARACTER = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Mn}\u115f\u1160\u3164\uffa0\u2800]/u;

/** True when `value` is a string holding at least one visible character (see VISIBLE_CHARACTER). */
export function hasVisibleText(value: unknown): value is string {
  return typeof value === 'string' && VISIBLE_CHARACTER.test(value);
}

/** True when `value` is missing or holds no visible character: "", "   ", "\u200b", "\u3164". */
export function isBlankText(value: string | null | undefined): boolean {
  return !hasVisibleText(value);
}
