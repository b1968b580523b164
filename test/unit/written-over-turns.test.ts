import { describe, expect, it } from 'vitest';
import { expectWrittenOverTurns, type TurnsOfWait } from '../helpers/held-loop.ts';

/** Tries `again` answers in order, counting them. */
function tries(list: TurnsOfWait[]) {
  let asked = 0;
  return { again: async () => list[asked++], asked: () => asked };
}

describe('expectWrittenOverTurns', () => {
  it('passes a first try under half its wait without trying again', async () => {
    const t = tries([]);
    await expectWrittenOverTurns({ longest: 20, ms: 300 }, t.again);
    expect(t.asked()).toBe(0);
  });

  it('tries again after a pause and passes when a later try is in turns', async () => {
    const t = tries([{ longest: 15, ms: 250 }]);
    await expectWrittenOverTurns({ longest: 1060, ms: 1601 }, t.again);
    expect(t.asked()).toBe(1);
  });

  it('fails a build held in every one of three tries, naming each', async () => {
    const t = tries([{ longest: 300, ms: 400 }, { longest: 250, ms: 500 }, { longest: 10, ms: 100 }]);
    // Exactly half is held: "under half" is strict.
    await expect(expectWrittenOverTurns({ longest: 200, ms: 300 }, t.again)).rejects.toThrow('longest turn of each try: 200 ms of 300 ms, 300 ms of 400 ms, 250 ms of 500 ms');
    expect(t.asked()).toBe(2);
  });
});
