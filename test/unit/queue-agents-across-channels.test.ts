import { describe, expect, it } from 'vitest';
import { queueView } from '../../server/views/queue-view.ts';
import type { Engine } from '../../server/domain/engine.ts';
import { Random } from '../../simulator/random.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';

/** A chat queue (three slots an agent) and a voice queue of the same tenant. */
const config = { queues: [{ id: 'loans', tenant: 'default', channel: 'chat' as const, capacity: 3 }, { id: 'cards', tenant: 'default' }] };

const tile = (e: Engine, id: string) => {
  e.tick(taipei('09:10:00'));
  return queueView(e, e.queue('default', id)!);
};

/** n chats k{agent}-{i} queued and answered by `agent`, between 09:00:01 and 09:00:04. */
function chats(agent: string, n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 1; i <= n; i++) {
    out.push(ev('call.queued', `09:00:0${i}`, { callId: `k${agent}-${i}`, queueId: 'loans', channel: 'chat' }));
    out.push(ev('call.answered', `09:00:0${i + 1}`, { callId: `k${agent}-${i}`, queueId: 'loans', agentId: agent }));
  }
  return out;
}

/**
 * Four chat agents at three chats each: every slot in use and a thirteenth chat waiting, all
 * within four seconds (the reorder window is five), so any arrival order is a valid one.
 */
const fullChatFloor = [
  ...['c1', 'c2', 'c3', 'c4'].map((a) => ev('agent.login', '09:00:00', { agentId: a, queues: ['loans'], state: 'available', capacity: { chat: 3 } })),
  ...['c1', 'c2', 'c3', 'c4'].flatMap((a) => chats(a, 3)),
  ev('call.queued', '09:00:04', { callId: 'k-13', queueId: 'loans', channel: 'chat' }),
];

describe('a queue tile counts its agents across channels', () => {
  it('puts four agents holding three chats each on a contact next to 12/12 slots, none available', () => {
    const v = tile(engineWith(fullChatFloor, config), 'loans');
    expect(v.waiting).toBe(1);
    expect(v.slots).toEqual({ channel: 'chat', inUse: 12, capacity: 12, ofQueue: 12 });
    expect(v.agentsAcrossChannels).toEqual({ available: 0, onContact: 4, acw: 0, aux: 0, auxByReason: {} });
    // The voice states keep their meaning (docs/events.md): chats leave all four `available`.
    expect(v.agents).toMatchObject({ available: 4, talking: 0, hold: 0 });
  });

  it('gives the same counts whatever order the events of the reorder window arrive in', () => {
    const forward = tile(engineWith(fullChatFloor, config), 'loans');
    const rnd = new Random(11);
    for (let round = 0; round < 5; round++) {
      const shuffled = [...fullChatFloor];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rnd.next() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const v = tile(engineWith(shuffled, config), 'loans');
      expect(v.agentsAcrossChannels).toEqual(forward.agentsAcrossChannels);
      expect(v.slots).toEqual(forward.slots);
    }
  });

  it("counts only the queue's own agents, and a blended agent with a chat open as on a contact on the voice queue too", () => {
    const e = engineWith(
      [
        // cards: b1 idle, b2 (cards and loans) on one chat, b3 talking, b4 in after-call work, b5 on break.
        ev('agent.login', '09:00:00', { agentId: 'b1', queues: ['cards'], state: 'available' }),
        ev('agent.login', '09:00:00', { agentId: 'b2', queues: ['cards', 'loans'], state: 'available', capacity: { voice: 1, chat: 3 } }),
        ev('agent.login', '09:00:00', { agentId: 'b3', queues: ['cards'], state: 'available' }),
        ev('agent.login', '09:00:00', { agentId: 'b4', queues: ['cards'], state: 'available' }),
        ev('agent.login', '09:00:00', { agentId: 'b5', queues: ['cards'], state: 'aux', reason: 'break' }),
        // x1 serves loans only: idle, in the tenant, not an agent of cards.
        ev('agent.login', '09:00:00', { agentId: 'x1', queues: ['loans'], state: 'available', capacity: { chat: 3 } }),
        ...chats('b2', 1),
        ev('call.queued', '09:01:00', { callId: 'v1', queueId: 'cards' }),
        ev('call.answered', '09:01:05', { callId: 'v1', queueId: 'cards', agentId: 'b3' }),
        ev('call.queued', '09:01:00', { callId: 'v2', queueId: 'cards' }),
        ev('call.answered', '09:01:05', { callId: 'v2', queueId: 'cards', agentId: 'b4' }),
        ev('call.ended', '09:05:00', { callId: 'v2', agentId: 'b4' }),
        // Two calls waiting on cards.
        ev('call.queued', '09:09:00', { callId: 'v3', queueId: 'cards' }),
        ev('call.queued', '09:09:30', { callId: 'v4', queueId: 'cards' }),
        // Another client's agent of the same ids, idle: never counted here.
        { ...ev('agent.login', '09:00:00', { agentId: 'b1', queues: ['cards'], state: 'available' }), tenant: 'other' },
      ],
      config,
    );
    const cards = tile(e, 'cards');
    expect(cards.waiting).toBe(2);
    // b1 available; b2 (chat) and b3 (call) on a contact; b4 ACW; b5 aux. x1 is not cards' agent.
    expect(cards.agentsAcrossChannels).toEqual({ available: 1, onContact: 2, acw: 1, aux: 1, auxByReason: { break: 1 } });
    // By voice state b2 is available: two "available" beside two waiting calls, one of them busy on a chat.
    expect(cards.agents).toMatchObject({ available: 2, talking: 1, acw: 1, aux: 1 });
    const loans = tile(e, 'loans');
    // b2 one chat of three, x1 none of three.
    expect(loans.slots).toEqual({ channel: 'chat', inUse: 1, capacity: 6, ofQueue: 1 });
    expect(loans.agentsAcrossChannels).toEqual({ available: 1, onContact: 1, acw: 0, aux: 0, auxByReason: {} });
  });

  it('keeps an agent finishing its chats in aux on a contact, and its chats in the slots', () => {
    const e = engineWith(
      [
        ev('agent.login', '09:00:00', { agentId: 'd1', queues: ['loans'], state: 'available', capacity: { chat: 3 } }),
        ev('agent.login', '09:00:00', { agentId: 'd2', queues: ['loans'], state: 'available', capacity: { chat: 3 } }),
        ...chats('d1', 2),
        // d1 stops taking chats (a break is due) while its two chats are still open.
        ev('agent.state', '09:02:00', { agentId: 'd1', state: 'aux', reason: 'break' }),
      ],
      config,
    );
    const v = tile(e, 'loans');
    expect(v.agentsAcrossChannels).toEqual({ available: 1, onContact: 1, acw: 0, aux: 0, auxByReason: {} });
    // d1's 2 of 3 (as its board chip shows) and d2's 0 of 3.
    expect(v.slots).toEqual({ channel: 'chat', inUse: 2, capacity: 6, ofQueue: 2 });
  });

  it('marks the voice queue changed when a blended agent takes a chat, so its tile is pushed', () => {
    const e = engineWith(
      [
        ev('agent.login', '09:00:00', { agentId: 'b2', queues: ['cards', 'loans'], state: 'available', capacity: { voice: 1, chat: 3 } }),
        ev('call.queued', '09:00:01', { callId: 'k1', queueId: 'loans', channel: 'chat' }),
      ],
      config,
    );
    e.takeDirty();
    for (const x of parse([ev('call.answered', '09:00:02', { callId: 'k1', queueId: 'loans', agentId: 'b2' })])) e.apply(x);
    expect(e.takeDirty().queues.map((q) => q.config.id).sort()).toEqual(['cards', 'loans']);
  });
});
