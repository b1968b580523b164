import { describe, expect, it } from 'vitest';
import { Engine, DUPLICATE, ANOMALY } from '../../server/domain/engine.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import type { FloorEvent } from '../../server/protocol/events.ts';
import { campaignBoard, campaignList } from '../../server/views/campaign-board.ts';
import { queueView } from '../../server/views/queue-view.ts';
import { tenantOnPhones } from '../../server/views/tv.ts';
import { AUX, OFFLINE } from '../../server/domain/agent-timeline.ts';
import { Random } from '../../simulator/random.ts';
import { campaignExample } from '../helpers/campaign-example.ts';
import { ev, parse } from '../helpers/events.ts';

const taipeiEngine = () => new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
function run(events: FloorEvent[], engine = taipeiEngine()): Engine {
  for (const e of events) engine.apply(e);
  return engine;
}
const board = (e: Engine) => campaignBoard(e, e.campaigns.campaign('jade', 'survey')!);
const hourAt = (e: Engine, hh: string) => board(e).hours.find((h) => h.start === `2026-11-20T${hh}:00:00+08:00`)!;

describe('campaign board: the worked example of docs/metrics.md', () => {
  const engine = run(parse(campaignExample()));

  it('09:00-10:00: attempts, contacts, successes, agent hours, abandons and talk by hand', () => {
    // Attempts d1..d8 = 8. Contacts (connected) d1, d7, d8 = 3 -> contact rate 3/8 = 0.375.
    // Successes d1, d8 = 2 (d8's outcome comes at 10:03 but counts in its attempt's hour) -> per contact 2/3.
    // Agent hours: a1 09:00-10:00 = 1 h, a2 09:30-10:00 = 0.5 h (its 09:45-09:55 break included) = 1.5 h;
    // a3 is not skilled for the campaign -> success per agent hour 2 / 1.5 = 1.3333.
    // Abandoned d6 = 1 -> abandon rate 1 / (3 contacts + 1 abandoned) = 0.25.
    // Talk: d1 180 s + c7 60 s + d8 180 s (09:59:50-10:02:50, across the hour) = 420 s -> 420 / 2 = 210 s per success.
    const h = hourAt(engine, '09');
    expect(h).toMatchObject({ attempts: 8, contacts: 3, noAnswer: 1, busy: 1, refused: 1, failed: 1, abandoned: 1, successes: 2, refusals: 1, callbacks: 0, talkSeconds: 420 });
    expect(h.contactRate).toBe(0.375);
    expect(h.successPerContact).toBeCloseTo(2 / 3, 12);
    expect(h.agentHours).toBe(1.5);
    expect(h.successPerAgentHour).toBeCloseTo(1.3333333, 6);
    expect(h.abandonRate).toBe(0.25);
    expect(h.talkSecondsPerSuccess).toBe(210);
  });

  it('10:00-11:00: a contact with a callback, no success, talk without a success', () => {
    // Attempts d9, d10 = 2; contacts d9 = 1 -> 0.5; successes 0 -> per contact 0/1 = 0;
    // agent hours a1 10:00-10:30 + a2 10:00-10:15 = 0.75 h -> 0 / 0.75 = 0; abandoned 0 / (1 + 0) = 0;
    // talk d9 120 s, but no success -> talk per success null (no denominator).
    const h = hourAt(engine, '10');
    expect(h).toMatchObject({ attempts: 2, contacts: 1, contactRate: 0.5, successes: 0, callbacks: 1, successPerContact: 0, agentHours: 0.75, successPerAgentHour: 0, abandonRate: 0, talkSeconds: 120, talkSecondsPerSuccess: null });
  });

  it('an empty hour has zero counts and no rates; the day total sums the hours', () => {
    expect(hourAt(engine, '08')).toMatchObject({ attempts: 0, contacts: 0, contactRate: null, successPerContact: null, agentHours: 0, successPerAgentHour: null, abandonRate: null, talkSecondsPerSuccess: null });
    // Day: attempts 10, contacts 4 (0.4), successes 2 (per contact 0.5), agent hours 2.25 (2 / 2.25 = 0.8889),
    // abandoned 1 / (4 + 1) = 0.2, talk 540 s / 2 = 270 s.
    const b = board(engine);
    expect(b.hours).toHaveLength(24);
    expect(b.total).toMatchObject({ start: '2026-11-20T00:00:00+08:00', end: '2026-11-21T00:00:00+08:00', attempts: 10, contacts: 4, contactRate: 0.4, successes: 2, successPerContact: 0.5, agentHours: 2.25, abandoned: 1, abandonRate: 0.2, talkSeconds: 540, talkSecondsPerSuccess: 270 });
    expect(b.total.successPerAgentHour).toBeCloseTo(2 / 2.25, 12);
  });

  it("the campaign's queue tile shows the day so far; an inbound queue has no campaign", () => {
    // The same day total as above, without agent hours: attempts 10, contacts 4 (0.4), successes 2 (0.5), abandoned 1 (0.2).
    const survey = queueView(engine, engine.queue('jade', 'survey')!);
    expect(survey.campaign).toEqual({ attempts: 10, contacts: 4, contactRate: 0.4, successes: 2, successPerContact: 0.5, abandoned: 1, abandonRate: 0.2 });
    expect(queueView(engine, engine.queue('jade', 'inbound')!).campaign).toBeNull();
  });

  it('a queue that took an inbound call today stays an inbound queue, whatever a dial event names it', () => {
    // A dial event naming the inbound queue by mistake: its tile keeps the service level.
    const e = run(parse([...campaignExample(), ev('call.queued', '10:40:00', { tenant: 'jade', callId: 'in1', queueId: 'inbound' }), ev('dial.attempt', '10:41:00', { tenant: 'jade', attemptId: 'x1', campaignId: 'inbound', result: 'busy' })]));
    expect(queueView(e, e.queue('jade', 'inbound')!).campaign).toBeNull();
    expect(queueView(e, e.queue('jade', 'survey')!).campaign?.attempts).toBe(10);
  });

  it("the TV's staff on the phones leaves out the campaign's own agents", () => {
    // At 09:31:10 (d7's outcome) a1 and a2 (survey only) and a3 (inbound) are all logged in and working:
    // the TV counts a3 only, beside the agents the inbound queues need.
    const until = Date.parse('2026-11-20T09:31:10+08:00');
    const e = run(parse(campaignExample()).filter((x) => x.ts <= until));
    expect(['a1', 'a2', 'a3'].map((id) => e.agent('jade', id)!.timeline.current().state).every((s) => s !== OFFLINE && s !== AUX)).toBe(true);
    expect(tenantOnPhones(e, 'jade')).toBe(1);
  });

  it("a dial event marks the campaign's queue changed, so its tile is pushed", () => {
    const e = run(parse(campaignExample()));
    e.takeDirty();
    e.apply(parse([ev('dial.attempt', '10:20:00', { tenant: 'jade', attemptId: 'd11', campaignId: 'survey', result: 'busy' })])[0]);
    expect(e.takeDirty().queues.map((q) => q.config.id)).toEqual(['survey']);
    expect(queueView(e, e.queue('jade', 'survey')!).campaign?.attempts).toBe(11);
  });

  it('lists the campaign for its tenant only', () => {
    const l = campaignList(engine, null);
    expect(l.campaigns.map((c) => [c.tenant, c.campaignId, c.today.attempts])).toEqual([['jade', 'survey', 10]]);
    expect(campaignList(engine, new Set(['acme'])).campaigns).toEqual([]);
  });
});

describe('campaign board: order, duplicates, snapshots', () => {
  const events = parse(campaignExample());
  const expected = board(run(events));

  it('the same board from the events in reverse, and delayed at random within the reorder window', () => {
    // Reversed: every outcome and call.ended comes before its attempt and answer (the engine clock stays at the last event).
    expect(board(run([...events].reverse()))).toEqual(expected);
    // Each event delayed by 0-4 s (< the 5 s window) and delivered in order of arrival.
    const rng = new Random(11);
    for (let k = 0; k < 5; k++) {
      const arrivals = events.map((e) => ({ e, at: e.ts + rng.next() * 4000 }));
      arrivals.sort((x, y) => x.at - y.at);
      expect(board(run(arrivals.map((x) => x.e)))).toEqual(expected);
    }
  });

  it('an outcome a few seconds before its attempt (within the reorder window) still joins it', () => {
    const e = run(parse([
      ev('dial.outcome', '09:00:01', { tenant: 'jade', attemptId: 'x', campaignId: 'survey', outcome: 'success' }),
      ev('call.ended', '09:00:02', { tenant: 'jade', callId: 'x', agentId: 'a1' }),
      ev('dial.attempt', '09:00:00', { tenant: 'jade', attemptId: 'x', campaignId: 'survey', result: 'connected' }),
      ev('call.answered', '09:00:00', { tenant: 'jade', callId: 'x', queueId: 'survey', agentId: 'a1', direction: 'outbound' }),
    ]));
    // Talk 09:00:00 to 09:00:02 = 2 s; one success.
    expect(hourAt(e, '09')).toMatchObject({ attempts: 1, contacts: 1, successes: 1, talkSeconds: 2 });
    expect(e.counters.anomalies).toBe(0);
  });

  it('a repeated event id changes nothing', () => {
    const e = run(events);
    for (const x of events.filter((x) => x.type.startsWith('dial.'))) expect(e.apply(x)).toBe(DUPLICATE);
    expect(board(e)).toEqual(expected);
  });

  it('survives a snapshot and restart, and goes on counting after it', () => {
    const cut = events.findIndex((x) => x.type === 'dial.attempt' && x.attemptId === 'd8');
    const before = run(events.slice(0, cut + 2)); // d8 dialled and answered, not yet ended
    const restored = taipeiEngine();
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(before))));
    expect(board(restored)).toEqual(board(before));
    expect(board(run(events.slice(cut + 2), restored))).toEqual(expected);
  });
});

describe('campaign anomalies', () => {
  const attempt = (at: string, id: string, result: string, extra = {}) => ev('dial.attempt', at, { tenant: 'jade', attemptId: id, campaignId: 'survey', result, ...extra });
  const outcome = (at: string, id: string, o: string) => ev('dial.outcome', at, { tenant: 'jade', attemptId: id, campaignId: 'survey', outcome: o });

  it('an outcome for an attempt that was not connected is an anomaly and counts nowhere, in either order', () => {
    for (const order of [[0, 1], [1, 0]]) {
      const pair = parse([attempt('09:00:00', 'x', 'busy'), outcome('09:00:03', 'x', 'success')]);
      const e = taipeiEngine();
      const got = order.map((i) => e.apply(pair[i]));
      expect(got[1]).toBe(ANOMALY);
      expect(e.lastAnomaly?.reason).toBe('outcome-not-connected');
      expect(hourAt(e, '09')).toMatchObject({ attempts: 1, busy: 1, contacts: 0, successes: 0 });
    }
  });

  it('a second report of the same attempt: the canonically first holds whichever arrives first', () => {
    // Same ms, event ids "a" < "b": "a" (connected) holds.
    const a = { id: 'a', type: 'dial.attempt', ts: '2026-11-20T09:00:00+08:00', tenant: 'jade', attemptId: 'x', campaignId: 'survey', result: 'connected' };
    const b = { ...a, id: 'b', result: 'no-answer' };
    for (const pair of [[a, b], [b, a]]) {
      const e = run(parse(pair));
      expect(e.counters.anomaliesByReason['attempt-twice']).toBe(1);
      expect(hourAt(e, '09')).toMatchObject({ attempts: 1, contacts: 1, noAnswer: 0 });
    }
  });

  it('an outcome whose attempt never comes ages out after the reorder window as never-dialled', () => {
    const e = run(parse([outcome('09:00:00', 'ghost', 'success'), attempt('09:00:10', 'y', 'no-answer')]));
    // At 09:00:10 the outcome has waited 10 s > the 5 s window.
    expect(e.counters.anomaliesByReason['never-dialled']).toBe(1);
    expect(hourAt(e, '09')).toMatchObject({ attempts: 1, successes: 0 });
  });

  it('two tenants may use the same campaign and attempt ids without touching each other', () => {
    const e = run(parse([attempt('09:00:00', 'x', 'connected'), { ...attempt('09:00:00', 'x', 'busy'), tenant: 'acme' }]));
    expect(hourAt(e, '09')).toMatchObject({ attempts: 1, contacts: 1, busy: 0 });
    expect(campaignBoard(e, e.campaigns.campaign('acme', 'survey')!).total).toMatchObject({ attempts: 1, busy: 1, contacts: 0 });
    expect(e.counters.anomalies).toBe(0);
  });
});

describe('campaign hours on daylight-saving days', () => {
  it('a 23-hour spring day in New York: 23 rows, the 01:00 EST hour ends at 03:00 EDT', () => {
    const ny = { date: '2026-03-08', offset: '-04:00' };
    const e = new Engine({ timezone: 'America/New_York', intervalMinutes: 30 });
    // 03:30 EDT is the third real hour after midnight: [03:00 EDT, 04:00 EDT).
    run(parse([ev('dial.attempt', '03:30:00', { tenant: 'jade', attemptId: 'x', campaignId: 'survey', result: 'connected' }, ny)]), e);
    const b = campaignBoard(e, e.campaigns.campaign('jade', 'survey')!);
    expect(b.hours).toHaveLength(23);
    expect(b.hours[1]).toMatchObject({ start: '2026-03-08T01:00:00-05:00', end: '2026-03-08T03:00:00-04:00', attempts: 0 });
    expect(b.hours[2]).toMatchObject({ start: '2026-03-08T03:00:00-04:00', attempts: 1, contacts: 1 });
  });

  it('a 25-hour autumn day: the repeated 01:00 hour is two rows', () => {
    const ny = { date: '2026-11-01', offset: '-05:00' };
    const e = new Engine({ timezone: 'America/New_York', intervalMinutes: 30 });
    // 01:30 EST is the second 01:00 hour, the third row: [01:00 EST, 02:00 EST).
    run(parse([ev('dial.attempt', '01:30:00', { tenant: 'jade', attemptId: 'x', campaignId: 'survey', result: 'busy' }, ny)]), e);
    const b = campaignBoard(e, e.campaigns.campaign('jade', 'survey')!);
    expect(b.hours).toHaveLength(25);
    expect(b.hours.slice(1, 3).map((h) => [h.start, h.attempts])).toEqual([['2026-11-01T01:00:00-04:00', 0], ['2026-11-01T01:00:00-05:00', 1]]);
  });
});
