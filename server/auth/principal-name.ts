/**
 * Names of principals as people read them. Sign-in compares names exactly, but a screen, an audit
 * entry or a what-if shows only the name: two principals whose names look alike ("admin" and
 * "ADMIN", "staff" and "staﬀ") can be mistaken for each other. A new person's name is compared
 * with every other principal's by its folded form, so no person looks like a token, a display,
 * open mode or another person.
 */
import { z } from 'zod';
import { checkedBy } from '../validation/zod-issues.ts';
import { invisibleProblem } from '../validation/invisible-text.ts';

/**
 * `s` in Unicode compatibility form with case folded (NFKC, then upper and lower case, which
 * folds "ß" to "ss" as full case folding does, then NFKC again).
 */
function foldCase(s: string): string {
  return s.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/**
 * Cyrillic and Greek letters, as case folding leaves them (small), with the Latin letter they are
 * drawn as, small or capital: "рор" all in Cyrillic reads "pop", "ТОР" reads "TOP". Three Greek
 * letters look like one Latin letter small and another capital (ν v / Ν N, υ u / Υ Y, η n / Η H):
 * they fold by the small one, as names are mostly written small. A short list of the common
 * look-alikes, not Unicode's confusables table.
 */
const LATIN_LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic а в е һ і ј к ӏ м н о р ԛ ѕ т у ү ԝ х с ԁ
  '\u0430': 'a', '\u0432': 'b', '\u0435': 'e', '\u04bb': 'h', '\u0456': 'i', '\u0458': 'j', '\u043a': 'k', '\u04cf': 'l', '\u043c': 'm', '\u043d': 'h', '\u043e': 'o',
  '\u0440': 'p', '\u051b': 'q', '\u0455': 's', '\u0442': 't', '\u0443': 'y', '\u04af': 'y', '\u051d': 'w', '\u0445': 'x', '\u0441': 'c', '\u0501': 'd',
  // Greek α β ε ζ η ι κ μ ν ο ρ τ υ χ γ ϳ ω
  '\u03b1': 'a', '\u03b2': 'b', '\u03b5': 'e', '\u03b6': 'z', '\u03b7': 'n', '\u03b9': 'i', '\u03ba': 'k', '\u03bc': 'm', '\u03bd': 'v', '\u03bf': 'o', '\u03c1': 'p',
  '\u03c4': 't', '\u03c5': 'u', '\u03c7': 'x', '\u03b3': 'y', '\u03f3': 'j', '\u03c9': 'w',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LATIN_LOOK_ALIKES).join('')}]`, 'gu');

/**
 * `s` folded so that names equal under it look alike: compatibility form and case (foldCase),
 * then Cyrillic and Greek letters drawn like Latin ones as those Latin letters. Mixed scripts are
 * refused apart (mixedScriptProblem); this catches a name wholly in Cyrillic or Greek that reads
 * as another principal's Latin one.
 */
export function foldName(s: string): string {
  return foldCase(s).replace(LOOK_ALIKE, (c) => LATIN_LOOK_ALIKES[c]);
}

/** Whether `name` folds to the same as any of `names`. */
export function looksLike(name: string, names: Iterable<string>): boolean {
  const folded = foldName(name);
  for (const n of names) if (foldName(n) === folded) return true;
  return false;
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
  // Case folded only: foldName would turn the look-alikes into the Latin letters this looks for.
  const folded = foldCase(name);
  if (!LATIN.test(folded)) return null;
  for (const [script, letters] of LOOK_ALIKE_SCRIPTS) if (letters.test(folded)) return `mixes Latin and ${script} letters (look-alike characters)`;
  return null;
}

/** A new principal's name as a request gives it: trimmed, 1-100 characters, none invisible, no Latin mixed with look-alike scripts. */
export const principalNameField = z.string().trim().min(1).max(100).superRefine(checkedBy(invisibleProblem)).superRefine(checkedBy(mixedScriptProblem));

/** A new person's name: a principal's name with no spaces or slashes (sign-in and /users/:name take it whole). */
export const personNameField = principalNameField.regex(/^[^\s/]+$/, 'must have no spaces or slashes');

/**
 * What is wrong with `name` as a new person's name, to follow the field's name; null when nothing
 * is. For the writers of people without a request body (`npm run users`, its inbox): they keep the
 * name as given, so spaces the field would trim away are refused as spaces.
 */
export function personNameProblem(name: string): string | null {
  const parsed = personNameField.safeParse(name);
  if (!parsed.success) return parsed.error.issues.map((i) => i.message).join('; ');
  return parsed.data === name ? null : 'must have no spaces or slashes';
}
