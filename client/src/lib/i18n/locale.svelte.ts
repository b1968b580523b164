import { en, type En, type MessageKey } from './en.ts';
import { fill, paramNames, textsOf, type Locale, type Message, type ParamNamesOf, type TextsOf } from './message.ts';
import { langFromUrl, negotiateLocale } from './negotiate.ts';
import { zhTW, type Dictionary } from './zh-TW.ts';

const STORAGE_KEY = 'floorboard.lang';
const EN_BY_STRING: Partial<Record<string, Message>> = en;
const DICTIONARIES: Record<Locale, Dictionary> = { en, 'zh-TW': zhTW };

/** The locale shown; reading `current` inside a component or effect makes it re-render on a change. */
class CurrentLocale {
  current = $state<Locale>('en');
}
export const locale = new CurrentLocale();

type ParamsOf<K extends MessageKey> = ParamNamesOf<TextsOf<En[K]>>;
/** No argument for a message without parameters; otherwise a value for every parameter. */
export type MessageArgs<K extends MessageKey> = [ParamsOf<K>] extends [never] ? [] : [params: Record<ParamsOf<K>, string | number>];

/** The message `key` in the current locale, parameters filled in (numbers formatted for the locale). */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  const l = locale.current;
  return fill(l, DICTIONARIES[l][key], args[0]);
}

/** Keys of messages without parameters. */
export type PlainKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];

/** Whether a key built at run time (from a state or reason code) names a message without parameters. */
export function isPlainKey(key: string): key is PlainKey {
  const m = EN_BY_STRING[key];
  return m !== undefined && Object.hasOwn(en, key) && textsOf(m).every((text) => paramNames(text).length === 0);
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): the choice lasts for the page only
  }
}

/**
 * Shows the interface in `l`. With `remember` (the default: a person chose it) the choice is
 * kept in localStorage, and a `lang` in the address is rewritten so a reload keeps it too.
 * A signed-in user's stored preference can call this once the session is known.
 */
export function setLocale(l: Locale, { remember = true }: { remember?: boolean } = {}): void {
  locale.current = l;
  document.documentElement.lang = l;
  if (!remember) return;
  storage()?.setItem(STORAGE_KEY, l);
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) url.searchParams.set('lang', l);
  const q = url.hash.indexOf('?');
  if (q >= 0) {
    const hq = new URLSearchParams(url.hash.slice(q + 1));
    if (hq.has('lang')) {
      hq.set('lang', l);
      url.hash = `${url.hash.slice(0, q)}?${hq}`;
    }
  }
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
}

/**
 * Picks the locale for this page (address, then stored choice, then the browser's languages)
 * and follows a `lang` added to the hash later (`#/tv?lang=zh-TW`). Call once before mounting.
 */
export function initLocale(): void {
  const pick = () =>
    negotiateLocale({ search: window.location.search, hash: window.location.hash, stored: storage()?.getItem(STORAGE_KEY) ?? null, languages: navigator.languages ?? [navigator.language] });
  setLocale(pick(), { remember: false });
  window.addEventListener('hashchange', () => {
    if (langFromUrl(window.location.search, window.location.hash)) setLocale(pick(), { remember: false });
  });
}

/** Whether the current language's script (Han) is set upright in vertical lines, so a chart's vertical axis title reads top to bottom instead of turned on its side. */
export function uprightVertical(): boolean {
  return locale.current === 'zh-TW';
}
