import { describe, expect, it } from 'vitest';
import { contactQueues, firstAndRest } from '../../client/src/lib/board-row.ts';
import { timeInStateStatus } from '../../client/src/lib/time-in-state.ts';
import type { AgentView } from '../../server/protocol/metrics.ts';

/** An agent line as the server sends it: available by voice, last call on phones, with chats open. */
function line(boardState: AgentView['boardState'], byQueue: { queueId: string; inUse: number }[]): AgentView {
  const inUse = byQueue.reduce((n, q) => n + q.inUse, 0);
  return {
    key: 'default/s1',
    id: 's1',
    tenant: 'default',
    name: 'S One',
    teamId: null,
    queues: ['loans-chat', 'cards-chat', 'phones'],
    state: 'available',
    reason: null,
    since: 0,
    queueId: 'phones',
    callsHandledToday: 3,
    channels: [
      { channel: 'voice', inUse: 0, capacity: 1, state: 'idle', since: 0, byQueue: [] },
      { channel: 'chat', inUse, capacity: 3, state: inUse === 3 ? 'full' : inUse > 0 ? 'busy' : 'idle', since: 60_000, byQueue },
    ],
    boardState,
    boardSince: 60_000,
  };
}

describe('a board row of an agent on chats', () => {
  it('names the queues its open chats came from (for the Queue column), and none for an agent not on chats', () => {
    const email = line('otherChannel', [{ queueId: 'loans-chat', inUse: 2 }]);
    email.channels.push({ channel: 'email', inUse: 2, capacity: 2, state: 'full', since: 0, byQueue: [{ queueId: 'cards-mail', inUse: 1 }, { queueId: 'loans-chat', inUse: 1 }] });
    // loans-chat: 2 chats + 1 (an odd email of it) = 3; cards-mail 1.
    expect(contactQueues(email)).toEqual([{ queueId: 'loans-chat', inUse: 3 }, { queueId: 'cards-mail', inUse: 1 }]);
    // Available with nothing open, or talking with a chat open: the column shows the call's queue.
    expect(contactQueues(line('available', []))).toBeNull();
    expect(contactQueues(line('talking', [{ queueId: 'cards-chat', inUse: 1 }]))).toBeNull();
  });

  it('puts the queue with most of its contacts first, and the column shows that one whole and counts the rest', () => {
    // Chats: cards-chat 1, loans-chat 1; emails: loans-chat 1, mortgage-mail 1. loans-chat 2 leads; the 1s keep channel order.
    const many = line('otherChannel', [{ queueId: 'cards-chat', inUse: 1 }, { queueId: 'loans-chat', inUse: 1 }]);
    many.channels.push({ channel: 'email', inUse: 2, capacity: 2, state: 'full', since: 0, byQueue: [{ queueId: 'loans-chat', inUse: 1 }, { queueId: 'mortgage-mail', inUse: 1 }] });
    expect(contactQueues(many)).toEqual([{ queueId: 'loans-chat', inUse: 2 }, { queueId: 'cards-chat', inUse: 1 }, { queueId: 'mortgage-mail', inUse: 1 }]);
    expect(firstAndRest(['Loans 2', 'Cards 1', 'Mortgage 1'])).toEqual({ first: 'Loans 2', rest: ['Cards 1', 'Mortgage 1'] });
    expect(firstAndRest(['Phones'])).toEqual({ first: 'Phones', rest: [] });
    expect(firstAndRest([])).toEqual({ first: '', rest: [] });
  });

  it('never flags the time on chats: a chat agent keeps chats open all day', () => {
    expect(timeInStateStatus('otherChannel', null, 8 * 3600, 300)).toBe('ok');
  });
});
