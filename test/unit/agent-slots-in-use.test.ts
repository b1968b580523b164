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

describe('AgentSlots.inUseAt counts from sorted times what the definition counts', () => {
  it('equals the count over every span after answers, releases, re-answers, re-releases, channel changes and trims in random order', () => {
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
          // A few released before their start (bad input): such a span never holds a slot.
          const end = rnd.chance(0.03) ? NaN : span.start + Math.floor(rnd.next() * 600_000) - (rnd.chance(0.05) ? 700_000 : 0);
          slots.release(span, end);
        } else if (r < 0.87) {
          // A late call.queued tells the channel of a contact counted as voice so far.
          const span = slots.spans.get(ids[Math.floor(rnd.next() * ids.length)])!;
          slots.setChannel(span, channels[Math.floor(rnd.next() * 3)]);
        } else if (r < 0.89) {
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

  it('moves a contact to its channel when its call.queued comes late, and never counts one released before its answer', () => {
    const slots = new AgentSlots();
    const a = slots.answer('a', null, 0, 'e1');
    const b = slots.answer('b', 'voice', 10_000, 'e2');
    expect(slots.inUseAt('voice', 10_000)).toBe(2);
    slots.setChannel(a, 'chat');
    expect(slots.inUseAt('voice', 10_000)).toBe(1);
    expect(slots.inUseAt('chat', 10_000)).toBe(1);
    // Released at 5 s, before its answer at 10 s: held at no instant.
    slots.release(b, 5_000);
    expect(slots.inUseAt('voice', 7_000)).toBe(0);
    expect(slots.inUseAt('voice', 10_000)).toBe(0);
    expect(slots.inUseAt('voice', 20_000)).toBe(0);
    slots.release(a, 8_000);
    expect(slots.inUseAt('chat', 7_999)).toBe(1);
    expect(slots.inUseAt('chat', 8_000)).toBe(0);
  });
});
