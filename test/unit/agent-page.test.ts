import { describe, expect, it } from 'vitest';
import { agentPage, boardIndex, boardOrder, boardRows, searchBoard } from '../../server/views/agent-page.ts';
import { ev, engineWith } from '../helpers/events.ts';

// Five agents of acme and one of bank, logged in at 09:00; some then change state.
const events = [
  ...['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => ev('agent.login', '09:00:00', { tenant: 'acme', agentId: id, name: `Agent ${id.toUpperCase()}`, queues: ['support'], state: 'available' })),
  ev('agent.login', '09:00:00', { tenant: 'bank', agentId: 'b1', name: 'Bank One', queues: ['support'], state: 'available' }),
  ev('agent.state', '09:01:00', { tenant: 'acme', agentId: 'a3', state: 'aux', reason: 'break' }),
  ev('agent.state', '09:02:00', { tenant: 'acme', agentId: 'a5', state: 'aux', reason: 'break' }),
  ev('agent.logout', '09:03:00', { tenant: 'acme', agentId: 'a4' }),
];
const all = { tenants: null, queues: null };

describe('agent board pages', () => {
  const engine = engineWith(events);
  const acme = boardRows(engine, all, { tenant: 'acme' });

  it('orders busiest states first, then longest in state, then name', () => {
    // available a1, a2 (since 09:00, by name), aux a3 (09:01) before a5 (09:02), offline a4.
    expect(acme.map((r) => r.id)).toEqual(['a1', 'a2', 'a3', 'a5', 'a4']);
    expect([...acme].sort(boardOrder)).toEqual(acme);
  });

  it('cuts windows within bounds and counts states before the states filter', () => {
    const p = agentPage(acme, { offset: 1, limit: 2 }, 7);
    expect(p.rows.map((r) => r.id)).toEqual(['a2', 'a3']);
    expect(p).toMatchObject({ version: 7, total: 5, offset: 1, byState: { available: 2, aux: 2, offline: 1, talking: 0 } });
    // Past the end: an empty window at the end, not an error.
    expect(agentPage(acme, { offset: 99, limit: 10 }, 7)).toMatchObject({ total: 5, offset: 5, rows: [] });
    // The last window is short: rows 4 and 5 of 5.
    expect(agentPage(acme, { offset: 3, limit: 10 }, 7).rows.map((r) => r.id)).toEqual(['a5', 'a4']);
    const aux = agentPage(acme, { offset: 0, limit: 10, states: ['aux'] }, 7);
    expect(aux.rows.map((r) => r.id)).toEqual(['a3', 'a5']);
    expect(aux.total).toBe(2);
    expect(aux.byState.available).toBe(2); // chips still show what the filter hides
  });

  it('filters by scope, tenant and a case-insensitive search of name or id', () => {
    expect(boardRows(engine, { tenants: new Set(['bank']), queues: null }, {}).map((r) => r.key)).toEqual(['4:bank/b1']);
    expect(boardRows(engine, { tenants: new Set(['bank']), queues: null }, { tenant: 'acme' })).toEqual([]);
    expect(boardRows(engine, all, { search: 'agent a3' }).map((r) => r.id)).toEqual(['a3']);
    expect(boardRows(engine, all, { search: 'B1' }).map((r) => r.id)).toEqual(['b1']);
    expect(boardRows(engine, all, { queue: { tenant: 'bank', id: 'support' } }).map((r) => r.id)).toEqual(['b1']);
    // A tenant filter and a queue of another tenant: nobody is in both.
    expect(boardRows(engine, all, { tenant: 'acme', queue: { tenant: 'bank', id: 'support' } })).toEqual([]);
    expect(boardRows(engine, all, { tenant: 'bank', queue: { tenant: 'bank', id: 'support' } }).map((r) => r.id)).toEqual(['b1']);
    // A queue of a tenant out of the scope shows nobody, though the queue exists.
    expect(boardRows(engine, { tenants: new Set(['acme']), queues: null }, { queue: { tenant: 'bank', id: 'support' } })).toEqual([]);
  });

  it('finds agents by their aux reason: the code as it came, or a code whose words the client matched', () => {
    // a3 and a5 are in aux with reason "break"; a4 logged out; nobody else has a reason.
    expect(boardRows(engine, all, { search: 'Break' }).map((r) => r.id)).toEqual(['a3', 'a5']);
    expect(boardRows(engine, all, { search: 'rea' }).map((r) => r.id)).toEqual(['a3', 'a5']);
    // "休息" is not in the code: it matches only as a code the client found by its words.
    expect(boardRows(engine, all, { search: '休息' })).toEqual([]);
    expect(boardRows(engine, all, { search: '休息', searchReasons: ['break'] }).map((r) => r.id)).toEqual(['a3', 'a5']);
    // A code nobody has matches nobody; a name search still finds names alongside, in board
    // order: b1 ("Bank One") is available, before the two in aux.
    expect(boardRows(engine, all, { search: 'lunch', searchReasons: ['lunch'] })).toEqual([]);
    expect(boardRows(engine, all, { search: 'one', searchReasons: ['break'] }).map((r) => r.id)).toEqual(['b1', 'a3', 'a5']);
    // Reasons given without a search filter nothing (an empty search shows every row).
    const board = boardIndex(engine, all, {});
    expect(searchBoard(board, '  ', ['break'])).toBe(board.rows);
  });
});
