/** The client's translations: `t(key, params)`, the current locale and the words for data codes. */
export { initLocale, isPlainKey, locale, setLocale, t, uprightVertical } from './locale.svelte.ts';
export type { MessageArgs, PlainKey } from './locale.svelte.ts';
export type { MessageKey } from './en.ts';
export { ENDONYMS, isLocale, LOCALES, type Locale } from './message.ts';
export { activitiesLabel, activityLabel, reasonCodesMatching, reasonLabel, stateKeysLabel, stateLabel } from './vocabulary.ts';
