/**
 * Messages and how they are filled in: pure (no DOM, no Svelte state), so tests run in Node.
 * A message is a string with `{name}` parameters, or plural forms chosen by `{count}` through
 * Intl.PluralRules (English needs `one` and `other`; Chinese has only `other`).
 */

export const LOCALES = ['en', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];
/** Each language named in itself, so a person who cannot read the page's language finds theirs. */
export const ENDONYMS: Record<Locale, string> = { en: 'English', 'zh-TW': '繁體中文' };
/** Whether a string is one of LOCALES. */
export const isLocale = (v: string): v is Locale => (LOCALES as readonly string[]).includes(v);

/** Plural forms of one message, keyed by Intl.PluralRules categories; `other` is required. */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type Message = string | Plural;

/** Parameter names of one message text: `'{a} of {b}'` -> `'a' | 'b'`. */
export type ParamNamesOf<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNamesOf<Rest> : never;
/** Every text of a message: the string itself, or each plural form. */
export type TextsOf<M> = M extends string ? M : M extends Plural ? Exclude<M[keyof M], undefined> : never;

/** The parameter names used in a text, in order of first use. */
export function paramNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
}

/** Every text of a message (one for a string, one per plural form). */
export function textsOf(m: Message): string[] {
  return typeof m === 'string' ? [m] : Object.values(m).filter((s): s is string => typeof s === 'string');
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Fills a message in for a locale: picks the plural form by `count`, numbers formatted for the locale. */
export function fill(locale: Locale, message: Message, params: Record<string, string | number> = {}): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params.count ?? 0);
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
    text = message[rules.select(count)] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (typeof v === 'string') return v;
    let nf = numberFormats.get(locale);
    if (!nf) numberFormats.set(locale, (nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })));
    return nf.format(v);
  });
}
