/**
 * Characters nobody sees in text a person types: principals' names may hold none, free text shown
 * as written (what-if labels, calendar day names) none but the joiners and selectors emoji and
 * some scripts are made of. Each refusal names the character and where it is.
 */

/**
 * A character a screen does not show: controls, format characters (zero-width space and joiners,
 * bidi controls, soft hyphen, BOM), surrogates, private use, unassigned, and the other default
 * ignorables (the Hangul filler). NFKC keeps them, so "root-admin" with a zero-width space folds
 * apart from "root-admin" yet reads the same; a principal's name may not hold one.
 */
const INVISIBLE_CHARACTER = /[\p{C}\p{Default_Ignorable_Code_Point}]/u;
/** The refusal of a name holding an INVISIBLE_CHARACTER, after the field's name. */
const INVISIBLE_MESSAGE = 'must have no invisible or control character (zero-width, bidi control, soft hyphen, filler)';

/**
 * What is wrong with text that holds an INVISIBLE_CHARACTER, after the field's name: the message,
 * the first such character's code point and its position (in characters, counting from 1, as an
 * editor's column), e.g. "must have no ...: U+0000 at position 9"; null when it holds none. The
 * check of principals' names (auth/principal-name.ts).
 */
export function invisibleProblem(s: string): string | null {
  return firstMatchProblem(s, INVISIBLE_CHARACTER);
}

/**
 * An INVISIBLE_CHARACTER that free text shown as written may not hold: all of them but the
 * joiners and selectors visible text is made of (U+200D in a family emoji, U+FE0F in a red
 * heart, U+200C in Persian words, emoji tags in flags). A calendar day "Valentine's Day ❤️" was
 * refused for its variation selector; a name still may not hold one, as it must not look like
 * another name.
 */
const HIDDEN_IN_TEXT = /(?![\u200C\u200D\uFE00-\uFE0F\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}])[\p{C}\p{Default_Ignorable_Code_Point}]/u;

/** `invisibleProblem` for free text shown as written (what-if labels, calendar day names): joiners and selectors pass. */
export function hiddenInTextProblem(s: string): string | null {
  return firstMatchProblem(s, HIDDEN_IN_TEXT);
}

/** INVISIBLE_MESSAGE with the first match of `re` in `s`, its code point and position; null when none. */
function firstMatchProblem(s: string, re: RegExp): string | null {
  const m = re.exec(s);
  if (!m) return null;
  const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `${INVISIBLE_MESSAGE}: U+${code} at position ${[...s.slice(0, m.index)].length + 1}`;
}
