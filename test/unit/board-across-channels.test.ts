import { describe, expect, it } from 'vitest';
import { agentPage, boardRows } from '../../server/views/agent-page.ts';
import { agentView } from '../../server/views/agent-view.ts';
import { queueView } from '../../server/views/queue-view.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { Engine } from '../../server/domain/engine.ts';
import { engineWith, ev, taipei } from '../helpers/events.ts';

/** Two chat queues of three slots an agent, and a voice queue. */
const config = {
  queues: [
    { id: 'loans-chat', tenant: 'default', name: 'Loans chat', channel: 'chat' as const, capacity: 3 },
    { id: 'cards-chat', tenant: 'default', name: 'Cards chat', channel: 'chat' as const, capacity: 3 },
    { id: 'phones', tenant: 'default', name: 'Phones' },
  ],
};

const chat = (queueId: string, callId: string, agentId: string, answered: string, wrapped?: [string, string]) => [
  ev('call.queued', answered, { callId, queueId, channel: 'chat' }),
  ev('call.answered', answered, { callId, queueId, agentId }),
  ...(wrapped ? [ev('call.ended', wrapped[0], { callId, agentId }), ev('call.wrapped', wrapped[1], { callId, agentId })] : []),
];
const login = (agentId: string, queues: string[], state: string, extra: Record<string, unknown> = {}) =>
  ev('agent.login', '09:00:00', { agentId, queues, state, capacity: { chat: 3 }, ...extra });

/**
 * At 09:10 on cards-chat's board (its skilled agents):
 * - s1 (loans-chat and cards-chat) holds two chats of loans-chat: k-a1 09:01 (wrapped 09:05),
 *   k-a2 09:02, k-a3 09:07; on chats without a break since 09:01, none of them cards-chat's.
 * - s2 took cards-chat's k-b1 at 09:01 (wrapped 09:02) and k-b2 at 09:03: on a chat since 09:03.
 * - s3 took k-b3 at 09:04, wrapped at 09:06: available, nothing open, since 09:06.
 * - s4 took k-b4 at 09:04:30 and went on break at 09:05 with it open: on a contact since 09:04:30.
 * - s5 is in a meeting since its login at 09:00.
 * - s6 (voice and cards-chat) took k-b5 at 09:06, then answered call v1 at 09:08: talking since 09:08.
 * Every agent is `available` by voice state but s4, s5 (aux) and s6 (talking).
 */
const floor = [
  login('s1', ['loans-chat', 'cards-chat'], 'available'),
  login('s2', ['cards-chat'], 'available'),
  login('s3', ['cards-chat'], 'available'),
  login('s4', ['cards-chat'], 'available'),
  login('s5', ['cards-chat'], 'aux', { reason: 'meeting' }),
  login('s6', ['phones', 'cards-chat'], 'available', { capacity: { voice: 1, chat: 3 } }),
  ...chat('loans-chat', 'k-a1', 's1', '09:01:00', ['09:04:50', '09:05:00']),
  ...chat('loans-chat', 'k-a2', 's1', '09:02:00'),
  ...chat('loans-chat', 'k-a3', 's1', '09:07:00'),
  ...chat('cards-chat', 'k-b1', 's2', '09:01:00', ['09:01:50', '09:02:00']),
  ...chat('cards-chat', 'k-b2', 's2', '09:03:00'),
  ...chat('cards-chat', 'k-b3', 's3', '09:04:00', ['09:05:50', '09:06:00']),
  ...chat('cards-chat', 'k-b4', 's4', '09:04:30'),
  ev('agent.state', '09:05:00', { agentId: 's4', state: 'aux', reason: 'break' }),
  ...chat('cards-chat', 'k-b5', 's6', '09:06:00'),
  ev('call.queued', '09:07:50', { callId: 'v1', queueId: 'phones' }),
  ev('call.answered', '09:08:00', { callId: 'v1', queueId: 'phones', agentId: 's6' }),
];

function at0910(e: Engine): Engine {
  e.tick(taipei('09:10:00'));
  return e;
}

const all = { tenants: null, queues: null };
const board = (e: Engine, queue: string) => boardRows(e, all, { queue: { tenant: 'default', id: queue } });

describe('the agent board counts agents across channels, as the queue tiles do', () => {
  const e = at0910(engineWith(floor, config));

  it('shows an agent available by voice state with chats open as on a contact, since its first chat of the run', () => {
    const v = (id: string) => agentView(e, e.agent('default', id)!);
    // Voice states as before: s1 and s2 are `available` (chats never move it).
    expect([v('s1').state, v('s2').state, v('s3').state, v('s4').state, v('s5').state, v('s6').state]).toEqual(['available', 'available', 'available', 'aux', 'aux', 'talking']);
    expect([v('s1').boardState, v('s2').boardState, v('s3').boardState, v('s4').boardState, v('s5').boardState, v('s6').boardState]).toEqual([
      'otherChannel',
      'otherChannel',
      'available',
      'otherChannel',
      'aux',
      'talking',
    ]);
    // s1: chats open without a gap from 09:01 (k-a1 09:01-09:05 overlaps k-a2 from 09:02); s2: its
    // first run ended 09:02, the second began 09:03; s3: free since its chat was wrapped at 09:06,
    // though available by voice since 09:00; s4: the chat from 09:04:30 outlasts the break's start;
    // s6: the call at 09:08 (it had been on a chat since 09:06).
    expect([v('s1').boardSince, v('s2').boardSince, v('s3').boardSince, v('s4').boardSince, v('s5').boardSince, v('s6').boardSince]).toEqual(
      ['09:01:00', '09:03:00', '09:06:00', '09:04:30', '09:00:00', '09:08:00'].map(taipei),
    );
    expect([v('s1').since, v('s3').since]).toEqual([taipei('09:00:00'), taipei('09:00:00')]);
  });

  it("gives the board chips the tile's counts, and filters by them", () => {
    const tile = queueView(e, e.queue('default', 'cards-chat')!);
    // s3 free; s1, s2, s4 on chats and s6 talking; s5 in a meeting.
    expect(tile.agentsAcrossChannels).toEqual({ available: 1, onContact: 4, acw: 0, aux: 1, auxByReason: { meeting: 1 } });
    const rows = board(e, 'cards-chat');
    const page = agentPage(rows, { offset: 0, limit: 50 }, 1);
    expect(page.byBoardState).toEqual({ available: 1, talking: 1, hold: 0, otherChannel: 3, acw: 0, aux: 1, offline: 0 });
    // On contact on the tile = talking + hold + otherChannel on the board.
    expect(page.byBoardState.talking + page.byBoardState.hold + page.byBoardState.otherChannel).toBe(tile.agentsAcrossChannels.onContact);
    // By voice state (unchanged): s1, s2, s3 available; s4, s5 aux; s6 talking.
    expect(page.byState).toEqual({ available: 3, talking: 1, hold: 0, acw: 0, aux: 2, offline: 0 });
    // Board order: talking, then on chats by time in state, then available, then aux.
    expect(page.rows.map((r) => r.id)).toEqual(['s6', 's1', 's2', 's4', 's3', 's5']);
    // The Available chip shows s3 alone; the voice filter still means the voice state.
    expect(agentPage(rows, { offset: 0, limit: 50, boardStates: ['available'] }, 1).rows.map((r) => r.id)).toEqual(['s3']);
    expect(agentPage(rows, { offset: 0, limit: 50, boardStates: ['otherChannel', 'talking'] }, 1).total).toBe(4);
    expect(agentPage(rows, { offset: 0, limit: 50, states: ['available'] }, 1).rows.map((r) => r.id)).toEqual(['s1', 's2', 's3']);
  });

  it("counts every chat the queue's agents hold against their shared slots, and says how many are the queue's own", () => {
    const cards = queueView(e, e.queue('default', 'cards-chat')!);
    // Agents ready or with a chat open: s1 2 open (both loans-chat's), s2 1, s3 0, s4 1 (on break,
    // finishing it), s6 1; s5 in aux with none is left out. 5 open of 5 x 3 = 15 slots;
    // cards-chat's own: s2's k-b2, s4's k-b4, s6's k-b5 = 3.
    expect(cards.slots).toEqual({ channel: 'chat', inUse: 5, capacity: 15, ofQueue: 3 });
    const loans = queueView(e, e.queue('default', 'loans-chat')!);
    // loans-chat's only agent is s1: its two chats are loans-chat's.
    expect(loans.slots).toEqual({ channel: 'chat', inUse: 2, capacity: 3, ofQueue: 2 });
    expect(loans.agentsAcrossChannels).toMatchObject({ available: 0, onContact: 1 });
    // The board's chips add up to the tile: in use over the same agents, and by queue.
    const rows = board(e, 'cards-chat').filter((r) => r.id !== 's5');
    const chats = rows.map((r) => r.channels.find((c) => c.channel === 'chat')!);
    expect(chats.reduce((n, c) => n + c.inUse, 0)).toBe(cards.slots!.inUse);
    expect(chats.flatMap((c) => c.byQueue).filter((q) => q.queueId === 'cards-chat').reduce((n, q) => n + q.inUse, 0)).toBe(cards.slots!.ofQueue);
    expect(agentView(e, e.agent('default', 's1')!).channels.find((c) => c.channel === 'chat')!.byQueue).toEqual([{ queueId: 'loans-chat', inUse: 2 }]);
  });

  it('lists on the board of a queue an agent who answered its chat without its skill, as its tile counts it', () => {
    const e2 = at0910(engineWith([...floor, ...chat('loans-chat', 'k-a9', 's2', '09:09:00')], config));
    expect(queueView(e2, e2.queue('default', 'loans-chat')!).agentsAcrossChannels).toMatchObject({ available: 0, onContact: 2 });
    expect(board(e2, 'loans-chat').map((r) => r.id)).toEqual(['s1', 's2']);
  });

  it('keeps the queue of open chats through a snapshot, and looks it up for a snapshot from before it was kept', () => {
    // k-x overflows from loans-chat into cards-chat, where s2 answers it: a cards-chat chat.
    const flowed = at0910(
      engineWith(
        [
          ...floor,
          ev('call.queued', '09:08:00', { callId: 'k-x', queueId: 'loans-chat', channel: 'chat' }),
          ev('call.dequeued', '09:08:20', { callId: 'k-x', queueId: 'loans-chat', reason: 'overflow' }),
          ...chat('cards-chat', 'k-x', 's2', '09:08:20'),
        ],
        config,
      ),
    );
    const data = JSON.parse(JSON.stringify(engineToData(flowed)));
    for (const t of data.tenants) for (const a of t.agents) for (const s of a.slots?.spans ?? []) delete s.queueId;
    const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
    engineFromData(restored, data);
    // The five open chats above and k-x: 6 in use, cards-chat's own 3 + k-x = 4.
    expect(queueView(restored, restored.queue('default', 'cards-chat')!).slots).toEqual({ channel: 'chat', inUse: 6, capacity: 15, ofQueue: 4 });
    expect(queueView(restored, restored.queue('default', 'cards-chat')!).slots).toEqual(queueView(flowed, flowed.queue('default', 'cards-chat')!).slots);
    const kept = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30, ...config });
    engineFromData(kept, JSON.parse(JSON.stringify(engineToData(e))));
    expect(agentView(kept, kept.agent('default', 's1')!)).toEqual(agentView(e, e.agent('default', 's1')!));
  });
});
