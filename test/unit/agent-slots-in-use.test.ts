import { describe, expect, it } from 'vitest';
import { AgentSlots, spanChannel } from '../../server/domain/agent-slots.ts';
import type { Channel } from '../../server/protocol/events.ts';
import { Random } from '../../simulator/random.ts';

/** Slots in use by definition: every span of `ch` taken at or before t and not released by t. */
function countByDefinition(slots: AgentSlots, ch: Channel, t: number): number {
  let n = 0;
  for (const s of slots.spans.values()) if (spanChannel(s) === ch && s.start <= t && !(s.end <= t)) n++;
  return n;
}

describe('AgentSlots.inUseAt skips released spans without changing the count', () => {
  it('equals the count over every span after answers, releases, re-answers, re-releases and trims in random order', () => {
    const rnd = new Random(7);
    const channels: Channel[] = ['voice', 'chat', 'email'];
    let checks = 0;
    for (let round = 0; round < 12; round++) {
      const slots = new AgentSlots();
      let clock = 0;
      for (let step = 0; step < 300; step++) {
        clock += Math.floor(rnd.next() * 5_000);
        const r = rnd.next();
        const ids = [...slots.spans.keys()];
        if (r < 0.4 || ids.length === 0) {
          // Mostly new calls; now and then a call id answered again (the span is replaced).
          const id = rnd.chance(0.05) && ids.length ? ids[Math.floor(rnd.next() * ids.length)] : `c${round}-${step}`;
          const late = rnd.chance(0.2) ? Math.floor(rnd.next() * 60_000) : 0;
          slots.answer(id, rnd.chance(0.1) ? null : channels[Math.floor(rnd.next() * 3)], clock - late, `e${step}`);
        } else if (r < 0.85) {
          // Releases, a few of them moved again later, a few undone (NaN) to stress the bound.
          const span = slots.spans.get(ids[Math.floor(rnd.next() * ids.length)])!;
          const end = rnd.chance(0.03) ? NaN : span.start + Math.floor(rnd.next() * 600_000);
          slots.release(span, end);
        } else if (r < 0.87) {
          slots.trimBefore(clock - 900_000);
        }
        // Counts at recent and at old instants (late events ask about the past).
        for (const t of [clock, clock - Math.floor(rnd.next() * 1_000_000), clock + 1_000_000]) {
          for (const ch of channels) {
            expect(slots.inUseAt(ch, t)).toBe(countByDefinition(slots, ch, t));
            checks++;
          }
        }
      }
    }
    expect(checks).toBe(12 * 300 * 9);
  });

  it('counts a hand-made case: two voice calls overlapping a chat, one released at 30 s', () => {
    const slots = new AgentSlots();
    const a = slots.answer('a', 'voice', 0, 'e1');
    slots.answer('b', 'voice', 10_000, 'e2');
    slots.answer('c', 'chat', 5_000, 'e3');
    slots.release(a, 30_000);
    expect(slots.inUseAt('voice', 20_000)).toBe(2);
    expect(slots.inUseAt('voice', 30_000)).toBe(1);
    expect(slots.inUseAt('chat', 30_000)).toBe(1);
    // A release moved later (the queue's after-call work changed) counts the span again.
    slots.release(a, 40_000);
    expect(slots.inUseAt('voice', 35_000)).toBe(2);
    expect(slots.inUseAt('voice', 4_000)).toBe(1);
  });
});
