const collators = new Map<string, Intl.Collator>();

/**
 * How readers of `locale` (the page's language) order words, numbers inside by value ("q2"
 * before "q10"; plain localeCompare puts it after "q19"); in zh-TW Han names by strokes and
 * before Latin ones. Made once per locale.
 */
export function collatorFor(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { numeric: true })));
  return c;
}
