import type { AuditParams, PlanChange } from '../../../server/protocol/people.ts';
import type { MessageKey } from './i18n/en.ts';

/** A message in the page's language by key, its parameters filled in (the i18n `t`, loosely typed so a pure helper can take it). */
export type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Each plan change's message and the fields it names (a Record, so a new change code does not compile until it is worded). */
const WORDING: Record<PlanChange, { key: MessageKey; fields: readonly ('queue' | 'date' | 'id')[] }> = {
  'forecast.import': { key: 'audit.forecastImport', fields: ['queue', 'date'] },
  'forecast.delete': { key: 'audit.forecastDelete', fields: ['queue', 'date'] },
  'schedule.import': { key: 'audit.scheduleImport', fields: ['date'] },
  'whatif.add': { key: 'audit.whatIfAdd', fields: ['queue'] },
  'whatif.remove': { key: 'audit.whatIfRemove', fields: ['queue', 'id'] },
  'history.import': { key: 'audit.historyImport', fields: [] },
  'calendar.update': { key: 'audit.calendarUpdate', fields: [] },
};

/**
 * A plan audit entry (action `plan`) in the page's language: by its `change` code, with its
 * queue, what-if id and date (`date` words a YYYY-MM-DD in the page's language); one of no known
 * change, or lacking a field its change names (an older or newer server), as "plan changed"
 * with the server's request line.
 */
export function planChangeText(p: AuditParams, say: Say, date: (isoDate: string) => string): string {
  const wording = typeof p.change === 'string' && Object.hasOwn(WORDING, p.change) ? WORDING[p.change as PlanChange] : null;
  const params: Record<string, string> = {};
  for (const f of wording?.fields ?? []) if (typeof p[f] === 'string') params[f] = f === 'date' ? date(p[f]) : p[f];
  if (wording && wording.fields.every((f) => f in params)) return say(wording.key, params);
  return say('audit.plan', { detail: typeof p.detail === 'string' ? p.detail : '' });
}
