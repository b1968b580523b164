import type { Locale } from './message.ts';

/**
 * The supported locale of one BCP 47 tag, or null: Chinese written in Traditional characters
 * (zh-TW, zh-Hant, zh-HK, zh-MO) is zh-TW; any English is en. Simplified Chinese has no
 * dictionary here, so it is not matched and the next preference is tried.
 */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  const t = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (!t) return null;
  if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.startsWith('zh-hant') || t.startsWith('zh-tw-') || t.startsWith('zh-hk-') || t.startsWith('zh-mo-')) return 'zh-TW';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The `lang` parameter of a page address: its query first, then the query inside its hash (`#/tv?lang=zh-TW`). */
export function langFromUrl(search: string, hash: string): string | null {
  const fromSearch = new URLSearchParams(search).get('lang');
  if (fromSearch) return fromSearch;
  const q = hash.indexOf('?');
  return q < 0 ? null : new URLSearchParams(hash.slice(q + 1)).get('lang');
}

export interface LocaleSources {
  /** `location.search`, e.g. `?lang=zh-TW`. */
  search: string;
  /** `location.hash`, e.g. `#/tv?lang=zh-TW`. */
  hash: string;
  /** The choice kept in localStorage, if any. */
  stored: string | null;
  /** `navigator.languages`, most preferred first. */
  languages: readonly string[];
}

/**
 * The locale to show, by precedence: `lang` in the address, then the stored choice, then the
 * first of the browser's languages that is supported, else English.
 */
export function negotiateLocale(s: LocaleSources): Locale {
  const fromUrl = supportedLocale(langFromUrl(s.search, s.hash));
  if (fromUrl) return fromUrl;
  const stored = supportedLocale(s.stored);
  if (stored) return stored;
  for (const l of s.languages) {
    const m = supportedLocale(l);
    if (m) return m;
  }
  return 'en';
}
