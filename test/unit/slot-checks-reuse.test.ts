import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { PendingSlotChecks } from '../../server/domain/slot-checks.ts';

// PendingSlotChecks keeps its arrays' room after a take and writes new answers into it: the
// answers it hands out and keeps must be those of a plain list.
describe('pending slot checks reuse their room', () => {
  it('hands out each answer before the cut once, in answer order, and keeps the rest with the new ones', () => {
    const engine = new Engine();
    const t = engine.tenant('default');
    const a = engine.agentFor(t, 'a1');
    const checks = new PendingSlotChecks();
    // Answers at 10, 30, 20, 40 s (one came late).
    for (const [call, s] of [['c1', 10], ['c2', 30], ['c3', 20], ['c4', 40]] as const) checks.push(t, a, call, s * 1000, `e-${call}`);
    const judged: string[] = [];
    checks.takeBefore(25_000, (_t, agent, callId, ts, id) => judged.push(`${agent.id} ${callId} ${ts} ${id}`));
    expect(judged).toEqual(['a1 c1 10000 e-c1', 'a1 c3 20000 e-c3']);
    expect(checks.length).toBe(2);
    // Two new answers go into the room the judged ones left; one more past it.
    for (const [call, s] of [['c5', 50], ['c6', 5], ['c7', 60]] as const) checks.push(t, a, call, s * 1000, `e-${call}`);
    expect(checks.toData()).toEqual([
      ['default', 'a1', 'c2', 30_000, 'e-c2'],
      ['default', 'a1', 'c4', 40_000, 'e-c4'],
      ['default', 'a1', 'c5', 50_000, 'e-c5'],
      ['default', 'a1', 'c6', 5_000, 'e-c6'],
      ['default', 'a1', 'c7', 60_000, 'e-c7'],
    ]);
    judged.length = 0;
    // The earliest pending (5 s, c6) is known: a cut at 6 s takes it alone.
    checks.takeBefore(6_000, (_t, _a, callId) => judged.push(callId));
    expect(judged).toEqual(['c6']);
    checks.takeBefore(Infinity, (_t, _a, callId) => judged.push(callId));
    expect(judged).toEqual(['c6', 'c2', 'c4', 'c5', 'c7']);
    expect(checks.length).toBe(0);
    expect(checks.toData()).toEqual([]);
  });
});
