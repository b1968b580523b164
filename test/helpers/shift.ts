import { Engine } from '../../server/domain/engine.ts';
import { Plan } from '../../server/domain/plan.ts';
import { parse, taipei } from './events.ts';

/**
 * A's shift on 2026-11-20 (Asia/Taipei): phone 09:00-11:00, break 11:00-11:15, phone 11:15-13:00,
 * lunch 13:00-14:00, phone 14:00-17:00. 8 hours scheduled, 7 of them paid phone (lunch unpaid).
 */
export const SHIFT = [
  ['09:00', '11:00', 'phone'],
  ['11:00', '11:15', 'break'],
  ['11:15', '13:00', 'phone'],
  ['13:00', '14:00', 'lunch'],
  ['14:00', '17:00', 'phone'],
] as const;

/** Agent states as [time, state, reason?]: 'login' (available), 'available', 'aux', 'logout'. */
export type Step = [string, 'login' | 'available' | 'aux' | 'logout', string?];

/** The day as scheduled, followed to the second. */
export const PERFECT: Step[] = [
  ['09:00', 'login'],
  ['11:00', 'aux', 'break'],
  ['11:15', 'available'],
  ['13:00', 'aux', 'lunch'],
  ['14:00', 'available'],
  ['17:00', 'logout'],
];

let n = 0;
/** An engine and plan with agent `a` (team t1) scheduled by SHIFT and following `steps`. */
export function shiftDay(steps: Step[], opts: { scheduled?: boolean; now?: string } = {}) {
  const engine = new Engine({ timezone: 'Asia/Taipei', agents: [{ id: 'a', tenant: 'default', name: 'Lin Mei-ling', teamId: 't1', queues: ['q1'] }] });
  const plan = new Plan();
  const day = engine.clock.dayOfDate('2026-11-20')!;
  if (opts.scheduled !== false) {
    plan.setSchedules('default', day.start, day.end, SHIFT.map(([from, to, activity]) => ({ agentId: 'a', start: taipei(`${from}:00`), end: taipei(`${to}:00`), activity })));
  }
  const at = (t: string) => taipei(t.length === 5 ? `${t}:00` : t);
  const now = at(opts.now ?? '18:00');
  // Only what has happened by `now` is known (event time drives the engine clock).
  const events = steps.filter(([t]) => at(t) <= now).map(([t, kind, reason]) => {
    const base = { id: `s${++n}`, ts: at(t), agentId: 'a' };
    if (kind === 'login') return { ...base, type: 'agent.login', state: 'available' };
    if (kind === 'logout') return { ...base, type: 'agent.logout' };
    return { ...base, type: 'agent.state', state: kind, ...(reason ? { reason } : {}) };
  });
  for (const e of parse(events)) engine.apply(e);
  engine.tick(now);
  return { engine, plan, day };
}
