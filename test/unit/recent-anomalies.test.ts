import { describe, expect, it } from 'vitest';
import { TenantFloor, type Anomaly } from '../../server/domain/tenant-floor.ts';

const anomaly = (n: number): Anomaly => ({ eventId: `e${n}`, ts: n * 1000, reason: 'over-capacity', detail: `anomaly ${n}` });

describe("a tenant's recent anomalies", () => {
  it('are the latest 100, oldest first, however many came before (1 to 250: 151 to 250)', () => {
    const t = new TenantFloor('acme', 'Acme');
    for (let n = 1; n <= 250; n++) {
      t.noteAnomaly(anomaly(n), false);
      // At every count, not only at the end: the list is trimmed by halves underneath.
      const recent = t.recentAnomalies;
      expect(recent.length).toBe(Math.min(n, 100));
      expect(recent[0].eventId).toBe(`e${Math.max(1, n - 99)}`);
      expect(recent.at(-1)!.eventId).toBe(`e${n}`);
    }
    expect(t.counters.anomalies).toBe(250);
    expect(t.recentAnomalies.map((a) => a.ts)).toEqual(Array.from({ length: 100 }, (_, i) => (151 + i) * 1000));
  });

  it('are a copy: changing it changes nothing kept', () => {
    const t = new TenantFloor('acme', 'Acme');
    t.noteAnomaly(anomaly(1), false);
    t.recentAnomalies.push(anomaly(2));
    expect(t.recentAnomalies.map((a) => a.eventId)).toEqual(['e1']);
  });

  it('restore to the latest 100 of what a snapshot held, and go on from there', () => {
    const t = new TenantFloor('acme', 'Acme');
    t.restoreRecentAnomalies(Array.from({ length: 120 }, (_, i) => anomaly(i + 1)));
    expect(t.recentAnomalies.map((a) => a.eventId)).toEqual(Array.from({ length: 100 }, (_, i) => `e${i + 21}`));
    t.noteAnomaly(anomaly(121), false);
    expect(t.recentAnomalies[0].eventId).toBe('e22');
    expect(t.recentAnomalies.at(-1)!.eventId).toBe('e121');
  });
});
