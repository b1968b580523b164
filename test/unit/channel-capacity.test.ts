import { describe, expect, it } from 'vitest';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { Engine } from '../../server/domain/engine.ts';
import { agentIntervalRows, agentView } from '../../server/views/agent-view.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';

const CHAT_QUEUE = { id: 'web-chat', tenant: 'default', channel: 'chat' as const };
const config = { queues: [CHAT_QUEUE] };

/**
 * a1 serves chats with 3 slots (from its login) from 09:00 to 10:00, with a break 09:40-09:50.
 * Two chats are answered at 09:25 and wrapped at 09:35: two slots for 10 minutes, 5 of them in
 * each half-hour.
 */
const twoChats = [
  ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available', queues: ['web-chat'], capacity: { chat: 3 } }),
  ev('call.queued', '09:24:50', { callId: 'k1', queueId: 'web-chat', channel: 'chat' }),
  ev('call.queued', '09:24:55', { callId: 'k2', queueId: 'web-chat', channel: 'chat' }),
  ev('call.answered', '09:25:00', { callId: 'k1', queueId: 'web-chat', agentId: 'a1' }),
  ev('call.answered', '09:25:00', { callId: 'k2', queueId: 'web-chat', agentId: 'a1' }),
  ev('call.ended', '09:34:00', { callId: 'k1', agentId: 'a1' }),
  ev('call.ended', '09:34:30', { callId: 'k2', agentId: 'a1' }),
  ev('call.wrapped', '09:35:00', { callId: 'k1', agentId: 'a1' }),
  ev('call.wrapped', '09:35:00', { callId: 'k2', agentId: 'a1' }),
  ev('agent.state', '09:40:00', { agentId: 'a1', state: 'aux', reason: 'break' }),
  ev('agent.state', '09:50:00', { agentId: 'a1', state: 'available' }),
  ev('agent.logout', '10:00:00', { agentId: 'a1' }),
];

/** The first two chats answered, then two more at 09:26 and 09:27: four open on three slots. */
const fourChats = [
  ...twoChats.slice(0, 5),
  ev('call.queued', '09:25:00', { callId: 'k3', queueId: 'web-chat', channel: 'chat' }),
  ev('call.queued', '09:25:00', { callId: 'k4', queueId: 'web-chat', channel: 'chat' }),
  ev('call.answered', '09:26:00', { callId: 'k3', queueId: 'web-chat', agentId: 'a1' }),
  ev('call.answered', '09:27:00', { callId: 'k4', queueId: 'web-chat', agentId: 'a1' }),
];

function rowsOf(engine: Engine) {
  engine.tick(taipei('10:30:00'));
  return agentIntervalRows(engine, engine.agent('default', 'a1')!, taipei('12:00:00'));
}

describe('slot occupancy per channel', () => {
  it('splits two of three chat slots for 10 minutes exactly at the 09:30 boundary', () => {
    const rows = rowsOf(engineWith(twoChats, config));
    // 09:00-09:30: 2 slots x 300 s (09:25-09:30) = 600 slot-s; offered 3 slots x 1800 s ready = 5400.
    expect(rows[18].channels).toEqual([{ channel: 'chat', slotSeconds: 600, capacitySeconds: 5400, loggedInCapacitySeconds: 5400, occupancy: 600 / 5400, utilization: 600 / 5400 }]);
    // 09:30-10:00: 2 x 300 s (09:30-09:35) = 600; ready 1200 s (the break is 600 s) x 3 = 3600;
    // logged in 1800 s x 3 = 5400: occupancy 1/6, utilisation 1/9.
    expect(rows[19].channels).toEqual([{ channel: 'chat', slotSeconds: 600, capacitySeconds: 3600, loggedInCapacitySeconds: 5400, occupancy: 1 / 6, utilization: 1 / 9 }]);
    // 10:00-10:30: logged out, nothing offered.
    expect(rows[20].channels[0]).toMatchObject({ slotSeconds: 0, capacitySeconds: 0, occupancy: null, utilization: null });
  });

  it('leaves the voice state alone: the chat agent stays available, with chat 2/3 busy since 09:25', () => {
    const engine = engineWith(twoChats.slice(0, 7), config);
    engine.tick(taipei('09:27:00'));
    const v = agentView(engine, engine.agent('default', 'a1')!);
    expect(v.state).toBe('available');
    expect(v.channels).toEqual([{ channel: 'chat', inUse: 2, capacity: 3, state: 'busy', since: taipei('09:25:00'), byQueue: [{ queueId: 'web-chat', inUse: 2 }] }]);
    // The voice occupancy of the interval counts no talk: the chats held slots, not the phone.
    const row = agentIntervalRows(engine, engine.agent('default', 'a1')!, taipei('12:00:00'))[18];
    expect(row.seconds.talking).toBe(0);
  });

  it('gives the same figures whatever order the events arrive in within the reorder window', () => {
    const figures = (e: Engine) => JSON.stringify([rowsOf(e).slice(18, 21), agentView(e, e.agent('default', 'a1')!)]);
    const inOrder = figures(engineWith(twoChats, config));
    // Both answers before their call.queued (the chats first count as calls, their channel not
    // yet known, and are set right when call.queued arrives), and the same-ms wraps swapped.
    for (const order of [
      [0, 3, 4, 1, 2, 5, 6, 8, 7, 9, 10, 11],
      [0, 4, 2, 3, 1, 5, 6, 7, 8, 9, 10, 11],
    ]) {
      const e = engineWith(order.map((i) => twoChats[i]), config);
      expect(figures(e)).toBe(inOrder);
      expect(e.counters.anomalies).toBe(0);
      // The late channel undid the talking state the answers had set.
      expect(agentIntervalRows(e, e.agent('default', 'a1')!, taipei('12:00:00'))[18].seconds.talking).toBe(0);
    }
  });

  it('frees and takes a slot in the same millisecond in either arrival order without an anomaly', () => {
    const base = [
      ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available', queues: ['web-chat'], capacity: { chat: 2 } }),
      ev('call.queued', '09:10:00', { callId: 'k1', queueId: 'web-chat', channel: 'chat' }),
      ev('call.queued', '09:10:00', { callId: 'k2', queueId: 'web-chat', channel: 'chat' }),
      ev('call.queued', '09:12:00', { callId: 'k3', queueId: 'web-chat', channel: 'chat' }),
      ev('call.answered', '09:10:00', { callId: 'k1', queueId: 'web-chat', agentId: 'a1' }),
      ev('call.answered', '09:10:00', { callId: 'k2', queueId: 'web-chat', agentId: 'a1' }),
      ev('call.ended', '09:14:00', { callId: 'k1', agentId: 'a1' }),
    ];
    const wrap = ev('call.wrapped', '09:15:00', { callId: 'k1', agentId: 'a1' });
    const take = ev('call.answered', '09:15:00', { callId: 'k3', queueId: 'web-chat', agentId: 'a1' });
    const later = ev('agent.state', '09:16:00', { agentId: 'a1', state: 'available' });
    for (const order of [[wrap, take], [take, wrap]]) {
      const e = engineWith([...base, ...order, later], config);
      expect(e.counters.anomaliesByReason['over-capacity']).toBeUndefined();
      const v = agentView(e, e.agent('default', 'a1')!);
      expect(v.channels[0]).toMatchObject({ inUse: 2, capacity: 2, state: 'full', since: taipei('09:10:00') });
    }
  });

  it('counts a chat beyond capacity as an over-capacity anomaly once the reorder window has passed, and keeps it', () => {
    const e = engineWith(fourChats, config);
    // The window (5 s) has not passed since the last answer: a late wrap could still free a slot.
    expect(e.counters.anomalies).toBe(0);
    e.apply(parse([ev('agent.state', '09:27:10', { agentId: 'x', state: 'available' })])[0]);
    expect(e.counters.anomaliesByReason['over-capacity']).toBe(1);
    const v = agentView(e, e.agent('default', 'a1')!);
    expect(v.channels[0]).toMatchObject({ inUse: 4, capacity: 3, state: 'over', since: taipei('09:27:00') });
    // The fourth chat still counts: 09:25-09:30 = 2 x 300 + 240 + 180 = 1020 slot-seconds.
    e.tick(taipei('09:30:00'));
    expect(agentIntervalRows(e, e.agent('default', 'a1')!, taipei('12:00:00'))[18].channels[0].slotSeconds).toBe(1020);
  });

  it('takes capacity from the login, else the agent config, else the queue config, else the channel default', () => {
    const login = (capacity?: object) => ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available', queues: ['web-chat', 'phones'], ...(capacity ? { capacity } : {}) });
    const cap = (e: Engine) => Object.fromEntries(agentView(e, e.agent('default', 'a1')!).channels.map((c) => [c.channel, c.capacity]));
    // Queue default for chat (CHANNEL_CAPACITY: 3) and the voice queue's 1.
    expect(cap(engineWith([login()], config))).toEqual({ voice: 1, chat: 3 });
    // The queue's own capacity.
    expect(cap(engineWith([login()], { queues: [{ ...CHAT_QUEUE, capacity: 2 }] }))).toEqual({ voice: 1, chat: 2 });
    // The agent's configured capacity beats the queue's.
    const agents = [{ id: 'a1', tenant: 'default', capacity: { chat: 4 } }];
    expect(cap(engineWith([login()], { queues: [{ ...CHAT_QUEUE, capacity: 2 }], agents }))).toEqual({ voice: 1, chat: 4 });
    // The login's beats both, channel by channel; an email slot given only at login shows too.
    expect(cap(engineWith([login({ chat: 5, email: 1 })], { ...config, agents }))).toEqual({ voice: 1, chat: 5, email: 1 });
    // A later login without capacity returns to the configured one.
    const relogin = ev('agent.login', '11:00:00', { agentId: 'a1', state: 'available', queues: ['web-chat', 'phones'] });
    expect(cap(engineWith([login({ chat: 5 }), relogin], { ...config, agents }))).toEqual({ voice: 1, chat: 4 });
  });

  it('survives a snapshot and restart mid-chat with the same numbers', () => {
    const live = engineWith(twoChats.slice(0, 6), config);
    const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(live))));
    for (const e of [live, restored]) for (const x of parse(twoChats.slice(6))) e.apply(x);
    expect(JSON.stringify(rowsOf(restored))).toBe(JSON.stringify(rowsOf(live)));
    expect(rowsOf(restored)[19].channels[0].slotSeconds).toBe(600);
    expect(agentView(restored, restored.agent('default', 'a1')!)).toEqual(agentView(live, live.agent('default', 'a1')!));
  });

  it('judges an answer within a tenth of a second of event time after its window passes, not up to a second later', () => {
    const e = engineWith(fourChats, config);
    const other = (at: string) => e.apply(parse([ev('agent.state', at, { agentId: 'x', state: 'available' })])[0]);
    // 09:27:05.000 sweeps (a second since the last): k4's answer (09:27:00) is not yet older than the 5 s window.
    other('09:27:05.000');
    expect(e.counters.anomalies).toBe(0);
    // 0.15 s later its window has passed, in a new tenth of a second: judged now, not at the next sweep (09:27:06).
    other('09:27:05.150');
    expect(e.counters.anomaliesByReason['over-capacity']).toBe(1);
  });

  it('judges at the same events after a restore as an engine that never stopped, wherever it was stopped', () => {
    // Events tens of ms apart around the moment k4's window passes, with another anomaly among them
    // (k1 answered again, late, at its first answer's time): the recent anomalies' order shows when each was found.
    const after = [
      ev('agent.state', '09:27:04.950', { agentId: 'x', state: 'available' }),
      ev('agent.state', '09:27:05.000', { agentId: 'x', state: 'aux', reason: 'break' }),
      ev('call.answered', '09:25:00', { callId: 'k1', queueId: 'web-chat', agentId: 'a2' }),
      ev('agent.state', '09:27:05.090', { agentId: 'x', state: 'available' }),
      ev('agent.state', '09:27:05.130', { agentId: 'x', state: 'aux', reason: 'break' }),
      ev('agent.state', '09:27:06.020', { agentId: 'x', state: 'available' }),
    ];
    const all = parse([...fourChats, ...after]);
    const live = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
    for (const x of all) live.apply(x);
    const reasons = live.tenants.get('default')!.recentAnomalies.map((a) => a.reason);
    // 04.950 sweeps (cut 09:26:59.950) and 05.000 opens a new tenth (cut 09:27:00.000): k4 (09:27:00)
    // is not yet due. The late answer and 05.090 are in that tenth; 05.130 opens the next (cut 09:27:00.130)
    // and judges it, after the repeated answer.
    expect(reasons).toEqual(['answered-twice', 'over-capacity']);
    const whole = JSON.stringify(engineToData(live));
    for (let k = fourChats.length - 1; k < all.length; k++) {
      const first = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
      for (const x of all.slice(0, k)) first.apply(x);
      const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
      engineFromData(restored, JSON.parse(JSON.stringify(engineToData(first))));
      for (const x of all.slice(k)) restored.apply(x);
      expect(JSON.stringify(engineToData(restored)), `stopped after ${k} events`).toBe(whole);
    }
  });

  it('judges an answer by the skills of its time, whether a later login with other skills arrives before the judgement or after', () => {
    // No capacity given or configured: chat slots come from the skills (the chat queue's default 3).
    const voice = { id: 'phones', tenant: 'default', channel: 'voice' as const };
    const cfg = { queues: [CHAT_QUEUE, voice] };
    const three = [
      ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available', queues: ['web-chat'] }),
      ...['k1', 'k2', 'k3'].map((id) => ev('call.queued', '09:24:50', { callId: id, queueId: 'web-chat', channel: 'chat' })),
      ...['k1', 'k2', 'k3'].map((id) => ev('call.answered', '09:25:00', { callId: id, queueId: 'web-chat', agentId: 'a1' })),
    ];
    // At 09:25:02 a1 logs in again for the phones only (no chat slot from then on).
    const phonesOnly = ev('agent.login', '09:25:02', { agentId: 'a1', state: 'available', queues: ['phones'] });
    // 09:25:06 is past the answers' window (5 s): they are judged at it. The login is still within
    // the window then, so it may arrive before that event or after it.
    const judge = ev('agent.state', '09:25:06', { agentId: 'x', state: 'available' });
    for (const order of [
      [...three, phonesOnly, judge],
      [...three, judge, phonesOnly],
    ]) {
      const e = engineWith(order, cfg);
      // Three chats on three slots at 09:25:00: they fitted, whatever came later.
      expect(e.counters.anomaliesByReason['over-capacity']).toBeUndefined();
      expect(agentView(e, e.agent('default', 'a1')!).channels.find((c) => c.channel === 'chat')).toMatchObject({ inUse: 3, capacity: 0 });
    }
  });

  it('judges by the configured skills, or none, when only a later login named skills, whatever the arrival order', () => {
    const voice = { id: 'phones', tenant: 'default', channel: 'voice' as const };
    const chats = [
      ...['k1', 'k2', 'k3'].map((id) => ev('call.queued', '09:24:50', { callId: id, queueId: 'web-chat', channel: 'chat' })),
      ...['k1', 'k2', 'k3'].map((id) => ev('call.answered', '09:25:00', { callId: id, queueId: 'web-chat', agentId: 'a1' })),
    ];
    // a1 logs in at 09:00 naming no skills; the 09:25:02 login names some, within the window of the answers.
    const login = ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available' });
    const judge = ev('agent.state', '09:25:06', { agentId: 'x', state: 'available' });
    const cases = [
      // Configured for the chat queue (3 slots): the three chats fitted, though a1 moved to the phones after.
      { cfg: { queues: [CHAT_QUEUE, voice], agents: [{ id: 'a1', tenant: 'default', queues: ['web-chat'] }] }, later: ['phones'], over: undefined },
      // No skill at 09:25 (no chat slot): all three were beyond capacity, though a1 was skilled for chat after.
      { cfg: { queues: [CHAT_QUEUE, voice] }, later: ['web-chat'], over: 3 },
    ];
    for (const { cfg, later, over } of cases) {
      const relogin = ev('agent.login', '09:25:02', { agentId: 'a1', state: 'available', queues: later });
      for (const order of [
        [login, ...chats, relogin, judge],
        [login, ...chats, judge, relogin],
      ]) {
        expect(engineWith(order, cfg).counters.anomaliesByReason['over-capacity']).toBe(over);
      }
    }
  });

  it('keeps a pending capacity check across a snapshot', () => {
    const over = [
      ev('agent.login', '09:00:00', { agentId: 'a1', state: 'available', queues: ['web-chat'], capacity: { chat: 1 } }),
      ev('call.queued', '09:10:00', { callId: 'k1', queueId: 'web-chat', channel: 'chat' }),
      ev('call.queued', '09:10:00', { callId: 'k2', queueId: 'web-chat', channel: 'chat' }),
      ev('call.answered', '09:10:01', { callId: 'k1', queueId: 'web-chat', agentId: 'a1' }),
      ev('call.answered', '09:10:02', { callId: 'k2', queueId: 'web-chat', agentId: 'a1' }),
    ];
    const live = engineWith(over, config);
    const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(live))));
    const later = parse([ev('agent.state', '09:11:00', { agentId: 'x', state: 'available' })])[0];
    restored.apply(later);
    expect(restored.counters.anomaliesByReason['over-capacity']).toBe(1);
  });
});
