import type { ErrorCode } from '../../../server/protocol/people.ts';
import type { MessageKey } from './i18n/en.ts';
import type { Say } from './plan-change-text.ts';

/** The codes of a refused past-day re-run (POST /queues/:queueId/past-day). */
export type PastDayCode = Extract<ErrorCode, `pastDay.${string}`>;

/** Each refusal's message and its parameters by kind (a Record, so a new code does not compile until it is worded). */
const WORDING: Record<PastDayCode, { key: MessageKey; dates?: readonly string[]; numbers?: readonly string[]; texts?: readonly string[] }> = {
  'pastDay.notPast': { key: 'apiError.pastDayNotPast', dates: ['date'] },
  'pastDay.toBeforeFrom': { key: 'apiError.pastDayToBeforeFrom', texts: ['from', 'to'] },
  'pastDay.journalingOff': { key: 'apiError.pastDayJournalingOff' },
  'pastDay.noJournal': { key: 'apiError.pastDayNoJournal', dates: ['date'] },
  'pastDay.tooManyCalls': { key: 'apiError.pastDayTooManyCalls', numbers: ['limit'] },
  'pastDay.tooManyAgents': { key: 'apiError.pastDayTooManyAgents', numbers: ['limit'] },
};

/**
 * A refused past-day re-run in the page's language, from its code and params: dates (YYYY-MM-DD)
 * through `date`, limits as numbers (so the locale groups their thousands), times as sent (HH:MM).
 */
export function pastDayRefusalText(code: PastDayCode, p: Readonly<Record<string, string | number>>, say: Say, date: (isoDate: string) => string): string {
  const w = WORDING[code];
  const params: Record<string, string | number> = {};
  for (const k of w.dates ?? []) params[k] = date(String(p[k] ?? ''));
  for (const k of w.numbers ?? []) params[k] = Number(p[k]);
  for (const k of w.texts ?? []) params[k] = String(p[k] ?? '');
  return say(w.key, params);
}
