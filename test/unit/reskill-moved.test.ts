/**
 * `takeDirty().moved` names the agents screens must look at again: those whose team or counting
 * queues changed (screens of teams and queues) and those whose skills changed (an agent user's
 * board shows its agent's skills, `agentBoardQueues`). A skill dropped for a queue whose call the
 * agent answered leaves that queue counting it, so only the skills tell the board changed.
 */
import { describe, expect, it } from 'vitest';
import { skillsChanged } from '../../server/domain/engine.ts';
import { engineWith, ev, parse } from '../helpers/events.ts';

const login = (at: string, queues: string[]) => ev('agent.login', at, { tenant: 'acme', agentId: 'a1', queues, state: 'available' });

describe('an agent reskilled by a login', () => {
  it('is moved when it drops a skill for a queue whose call it answered, though that queue still counts it', () => {
    const engine = engineWith([login('09:00:00', ['q1', 'q2']), ev('call.queued', '09:01:00', { tenant: 'acme', callId: 'c1', queueId: 'q1' }), ev('call.answered', '09:01:05', { tenant: 'acme', callId: 'c1', queueId: 'q1', agentId: 'a1' })]);
    engine.takeDirty();
    for (const e of parse([login('09:02:00', ['q2'])])) engine.apply(e);
    const a1 = engine.agent('acme', 'a1')!;
    // q1 counts it still (it answered c1 there): served q1 and q2 before and after.
    expect(a1.servedQueues.map((q) => q.config.id).sort()).toEqual(['q1', 'q2']);
    const moved = engine.takeDirty().moved;
    expect([...moved.keys()]).toEqual([a1]);
    expect(skillsChanged(a1, moved.get(a1)!)).toBe(true);
  });

  it('is not moved by a login with the same skills in another order', () => {
    const engine = engineWith([login('09:00:00', ['q1', 'q2'])]);
    engine.takeDirty();
    for (const e of parse([login('09:02:00', ['q2', 'q1'])])) engine.apply(e);
    expect(engine.takeDirty().moved.size).toBe(0);
  });
});
