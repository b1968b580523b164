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
 * Cyrillic and Greek capitals with the Latin capital they are drawn as, read before case folding:
 * Greek Η is drawn H but its small η n, Ν N but ν v, Υ Y but υ u, so "ΗΟΤ" folded by its small
 * letters read "not" and stood apart from "hot". The Cyrillic ones fold as their small letters do;
 * they are here so every capital is read by its own look.
 */
const LATIN_CAPITAL_LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic А В Е К М Н О Р С Т Х Ѕ І Ј
  '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041a': 'K', '\u041c': 'M', '\u041d': 'H', '\u041e': 'O', '\u0420': 'P', '\u0421': 'C', '\u0422': 'T', '\u0425': 'X',
  '\u0405': 'S', '\u0406': 'I', '\u0408': 'J',
  // Greek Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ
  '\u0391': 'A', '\u0392': 'B', '\u0395': 'E', '\u0396': 'Z', '\u0397': 'H', '\u0399': 'I', '\u039a': 'K', '\u039c': 'M', '\u039d': 'N', '\u039f': 'O', '\u03a1': 'P',
  '\u03a4': 'T', '\u03a5': 'Y', '\u03a7': 'X',
};
const CAPITAL_LOOK_ALIKE = new RegExp(`[${Object.keys(LATIN_CAPITAL_LOOK_ALIKES).join('')}]`, 'gu');

/**
 * Cyrillic and Greek small letters, as case folding leaves them, with the Latin letter they are
 * drawn as: "рор" all in Cyrillic reads "pop". Capitals were read by their own look before
 * (LATIN_CAPITAL_LOOK_ALIKES), so here ν is v, υ u and η n. A short list of the common
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
 * Dashes drawn as a hyphen that NFKC keeps apart from "-": hyphen and non-breaking hyphen (which
 * NFKC makes U+2010), figure, en, em and horizontal bar, the minus sign, two- and three-em dashes,
 * small em dash. "root‐token" with U+2010 was a person beside the token "root-token".
 */
const DASH_LOOK_ALIKE = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58]/gu;

/** Combining marks on a Latin letter once decomposed ("ö" is "o" and U+0308). */
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * `s` with accents and other marks taken off its Latin letters ("Cöco" is "Coco"), and only
 * theirs: Greek έ keeps its tonos, so "Ωμέγα" does not become "wmeya". Letters Unicode does not
 * decompose ("ø", "ł", "ß") stay as they are.
 */
function latinBase(s: string): string {
  return s.normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
}

/**
 * `s` folded so that names equal under it look alike: Cyrillic and Greek capitals drawn like Latin
 * ones as those capitals, compatibility form and case (foldCase), Latin letters without their
 * marks, then Cyrillic and Greek small letters drawn like Latin ones as those letters. Mixed
 * scripts are refused apart (mixedScriptProblem); this catches a name wholly in Cyrillic or Greek,
 * or in Latin with accents, that reads as another principal's Latin one. For comparing only: a
 * name is kept as written.
 */
export function foldName(s: string): string {
  const capitals = s.normalize('NFKC').replace(DASH_LOOK_ALIKE, '-').replace(CAPITAL_LOOK_ALIKE, (c) => LATIN_CAPITAL_LOOK_ALIKES[c]);
  return latinBase(foldCase(capitals)).replace(LOOK_ALIKE, (c) => LATIN_LOOK_ALIKES[c]);
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
