/**
 * Names of principals as people read them. Sign-in compares names exactly, but a screen, an audit
 * entry or a what-if shows only the name: two principals whose names look alike ("admin" and
 * "ADMIN", "staff" and "staﬀ") can be mistaken for each other. A new person's name is compared
 * with every other principal's by its folded form, so no person looks like a token, a display,
 * open mode or another person.
 */
import { z } from 'zod';
import { checkedBy } from '../validation/zod-issues.ts';

/**
 * `s` in Unicode compatibility form with case folded (NFKC, then upper and lower case, which
 * folds "ß" to "ss" as full case folding does, then NFKC again): names equal under it look alike.
 */
export function foldName(s: string): string {
  return s.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** Whether `name` folds to the same as any of `names`. */
export function looksLike(name: string, names: Iterable<string>): boolean {
  const folded = foldName(name);
  for (const n of names) if (foldName(n) === folded) return true;
  return false;
}

/**
 * A character a screen does not show: controls, format characters (zero-width space and joiners,
 * bidi controls, soft hyphen, BOM), surrogates, private use, unassigned, and the other default
 * ignorables (the Hangul filler). NFKC keeps them, so "root-admin" with a zero-width space folds
 * apart from "root-admin" yet reads the same; a principal's name may not hold one.
 */
export const INVISIBLE_CHARACTER = /[\p{C}\p{Default_Ignorable_Code_Point}]/u;
/** The refusal of a name holding an INVISIBLE_CHARACTER, after the field's name. */
export const INVISIBLE_MESSAGE = 'must have no invisible or control character (zero-width, bidi control, soft hyphen, filler)';

/**
 * What is wrong with text that holds an INVISIBLE_CHARACTER, after the field's name: the message,
 * the first such character's code point and its position (in characters, counting from 1, as an
 * editor's column), e.g. "must have no ...: U+0000 at position 9"; null when it holds none. The
 * one check of every free text a person types (names, what-if labels, calendar day names).
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

const LATIN = /\p{Script=Latin}/u;
/** Scripts with letters that look like Latin ones ("о" U+043E, "ο" U+03BF and "o"; "А", "Α" and "A"). */
const LOOK_ALIKE_SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];

/**
 * What is wrong with a name that has Latin letters and Cyrillic or Greek ones, to follow the field's
 * name; null otherwise. Folding keeps "rооt-admin" with Cyrillic о apart from "root-admin", yet it
 * reads the same; a name all in one script, or Latin with Han, kana or Hangul (no look-alikes of
 * Latin letters), is fine. Checked on the folded name, so "𝐫" (mathematical bold) counts as Latin.
 */
export function mixedScriptProblem(name: string): string | null {
  const folded = foldName(name);
  if (!LATIN.test(folded)) return null;
  for (const [script, letters] of LOOK_ALIKE_SCRIPTS) if (letters.test(folded)) return `mixes Latin and ${script} letters (look-alike characters)`;
  return null;
}

/** A new principal's name as a request gives it: trimmed, 1-100 characters, none invisible, no Latin mixed with look-alike scripts. */
export const principalNameField = z.string().trim().min(1).max(100).superRefine(checkedBy(invisibleProblem)).superRefine(checkedBy(mixedScriptProblem));
