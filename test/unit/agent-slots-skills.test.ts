import { describe, expect, it } from 'vitest';
import { AgentSlots } from '../../server/domain/agent-slots.ts';

describe('AgentSlots.skillsAt: the skills of the latest login that named any', () => {
  it('answers from the logins at or before the time, in the canonical order whatever the arrival order', () => {
    const slots = new AgentSlots();
    // Arrival order: 30 s, 10 s, 20 s. The 20 s login named no skills (it keeps the 10 s one's).
    slots.login(30_000, 0, 'l3', {}, ['phones']);
    slots.login(10_000, 0, 'l1', { chat: 2 }, ['web-chat']);
    slots.login(20_000, 0, 'l2', { chat: 4 });
    expect(slots.skillsAt(9_999)).toBeUndefined();
    expect(slots.skillsAt(10_000)).toEqual(['web-chat']);
    expect(slots.skillsAt(25_000)).toEqual(['web-chat']);
    expect(slots.skillsAt(30_000)).toEqual(['phones']);
  });

  it('keeps the login whose skills are in force at a trim, though a later one set the capacity', () => {
    const slots = new AgentSlots();
    slots.login(10_000, 0, 'l1', {}, ['web-chat']);
    slots.login(20_000, 0, 'l2', { chat: 4 });
    slots.login(40_000, 0, 'l3', {}, ['phones']);
    slots.trimBefore(25_000);
    // l2 (capacity at 25 s) and l1 (skills at 25 s) stay; l3 is after the cut.
    expect(slots.logins.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
    expect(slots.skillsAt(25_000)).toEqual(['web-chat']);
    expect(slots.capacityAt('chat', 25_000, [])).toBe(4);
    // Past l3 both the skills and the capacity come from l3: the earlier two go.
    slots.trimBefore(45_000);
    expect(slots.logins.map((l) => l.id)).toEqual(['l3']);
  });
});
