/**
 * RecentByTime against a model: a sorted list that inserts each entry after those with an equal
 * (time, id), keeps the latest `capacity`, and drops an entry older than all when full.
 */
import { expect, it } from 'vitest';
import { RecentByTime } from '../../server/domain/recent-by-time.ts';
import { rng } from '../helpers/rng.ts';

type Entry = [ts: number, id: string, value: number];

function addToModel(model: Entry[], capacity: number, e: Entry): void {
  let i = model.length;
  while (i > 0 && (model[i - 1][0] > e[0] || (model[i - 1][0] === e[0] && model[i - 1][1] > e[1]))) i--;
  if (model.length === capacity && i === 0) return;
  model.splice(i, 0, e);
  if (model.length > capacity) model.shift();
}

it('keeps the latest entries in (time, id) order as a sorted list would, in 50 seeded runs of 200 adds with late and tied entries', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const r = rng(seed);
    const capacity = 1 + Math.floor(r() * 6);
    const recent = new RecentByTime(capacity);
    const model: Entry[] = [];
    for (let k = 0; k < 200; k++) {
      // 30 times and 5 ids: most adds are late or tie with a kept entry.
      const e: Entry = [Math.floor(r() * 30), `c${Math.floor(r() * 5)}`, k];
      recent.add(e[0], e[1], k, 100 - k);
      addToModel(model, capacity, e);
      expect(recent.keys()).toEqual(model.map(([ts, id]) => [ts, id]));
      expect(recent.latestA(capacity)).toEqual(model.map((m) => m[2]));
      expect(recent.latestB(2)).toEqual(model.slice(-2).map((m) => 100 - m[2]));
    }
  }
});
