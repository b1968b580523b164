/**
 * A schedule read's body is encoded and hashed in jobs of the work imports share, so reads asked
 * at once share one budget a turn: each had a budget of its own (8 ms a turn), and sixteen reads
 * took their 8 ms each in the same turn.
 */
import { describe, expect, it } from 'vitest';
import { SlicedWork } from '../../server/realtime/sliced.ts';
import { stepsInTurns } from '../../server/http/sliced-import.ts';
import { jsonBodySteps } from '../../server/http/send-json-parts.ts';

describe('a JSON body in steps', () => {
  it('encodes the parts as UTF-8, one part a step, with a weak ETag of the byte length', async () => {
    // '["é"]' is 6 bytes: é is 2 in UTF-8.
    let steps = 0;
    const gen = jsonBodySteps(['[', '"é"', ']']);
    let r = gen.next();
    while (!r.done) {
      steps++;
      r = gen.next();
    }
    expect(steps).toBe(3);
    expect(r.value.body.toString('utf8')).toBe('["é"]');
    expect(r.value.body.length).toBe(6);
    expect(r.value.etag.startsWith('W/"6-')).toBe(true);
    // 27 characters of base64 after the dash, then the closing quote.
    expect(r.value.etag).toHaveLength('W/"6-'.length + 27 + 1);
  });

  it("shares the turns of the work it runs in with another read's body", async () => {
    // A fake turn: each look at the clock is 5 ms later, so a budget of 8 ms runs two jobs a turn.
    let t = 0;
    const turns: (() => void)[] = [];
    const work = new SlicedWork({ budgetMs: 8, clock: () => (t += 5), schedule: (fn) => turns.push(fn), onError: (e) => { throw e; } });
    const done: string[] = [];
    // a: 3 parts, 4 jobs (the last gives the body); b: 1 part, 2 jobs. Jobs in turn: a1 b1 | a2 b2 | a3 a4.
    const a = stepsInTurns(work, jsonBodySteps(['[', '1', ']'])).then((x) => done.push(`a ${x.body.toString()}`));
    const b = stepsInTurns(work, jsonBodySteps(['{}'])).then((x) => done.push(`b ${x.body.toString()}`));
    const turn = async () => {
      turns.shift()!();
      await new Promise((r) => setImmediate(r));
    };
    expect(done).toEqual([]);
    await turn();
    expect(done).toEqual([]);
    await turn();
    expect(done).toEqual(['b {}']);
    await turn();
    expect(done).toEqual(['b {}', 'a [1]']);
    expect(turns).toHaveLength(0);
    await Promise.all([a, b]);
  });
});
