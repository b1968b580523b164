import { describe, expect, it } from 'vitest';
import { erlangA, erlangATermsSummed, erlangB, erlangBMetrics, erlangC, erlangCFromB, projectedMetrics, requiredAgents, scheduledAgents, traffic } from '../../server/domain/erlang.ts';
import reference from '../fixtures/erlang-reference.json' with { type: 'json' };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Erlang B', () => {
  // Any Erlang B table, e.g. the one in Wikipedia's "Erlang (unit)" article: 5 E on 10 lines.
  it('matches published tables', () => {
    expect(erlangB(5, 10)).toBeCloseTo(0.01838, 5);
    expect(erlangB(10, 15)).toBeCloseTo(0.03650, 5);
  });

  it('matches a 60-digit reference within 1e-7, up to 15,100 lines', () => {
    for (const c of reference.B) expect(rel(erlangB(c.trafficErlangs, c.agents), c.blocking)).toBeLessThan(1e-7);
  });

  it('stops where the blocking underflows to 0: a billion lines cost what 353 do', () => {
    // 16.67 Erlangs: the recurrence reaches 0 at the 353rd line, and 0 stays 0 (a x 0 / (n + 0)).
    const a = traffic(100, 1800, 300);
    const t0 = performance.now();
    expect([erlangB(a, 352) > 0, erlangB(a, 353), erlangB(a, 1e9)]).toEqual([true, 0, 0]);
    // A billion dependent divisions take seconds; the ceiling only has to tell that from 353 steps on a loaded machine.
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('reports carried-traffic occupancy', () => {
    const r = erlangBMetrics(5, 10);
    expect(r.occupancy).toBeCloseTo((5 * (1 - 0.018384570336648132)) / 10, 12);
  });
});

describe('Erlang C', () => {
  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example":
  // 100 calls in 30 minutes, AHT 180 s, 80% in 20 s. 11 agents: P(wait) 68.21%, SL 39%.
  // 13 agents give only 79.6%, so 14 are needed.
  const input = (agents: number) => ({ trafficErlangs: traffic(100, 1800, 180), agents, ahtSeconds: 180, targetSeconds: 20 });

  it('reproduces the Call Centre Helper worked example', () => {
    expect(traffic(100, 1800, 180)).toBe(10);
    expect(erlangC(input(11)).pWait).toBeCloseTo(0.6821, 4);
    expect(erlangC(input(11)).serviceLevel).toBeCloseTo(0.3896, 4);
    expect(erlangC(input(13)).serviceLevel).toBeCloseTo(0.796, 3);
    expect(erlangC(input(14)).serviceLevel).toBeCloseTo(0.888, 3);
    const req = requiredAgents({ model: 'C', trafficErlangs: 10, ahtSeconds: 180, targetSeconds: 20, targets: { serviceLevel: 0.8 } })!;
    expect(req.agents).toBe(14);
  });

  it('matches a 60-digit reference within 1e-7, up to 18,200 agents', () => {
    for (const c of reference.C) {
      const r = erlangC(c);
      expect(rel(r.pWait!, c.pWait)).toBeLessThan(1e-7);
      expect(rel(r.serviceLevel!, c.serviceLevel)).toBeLessThan(1e-7);
      expect(rel(r.asaSeconds!, c.asaSeconds)).toBeLessThan(1e-7);
    }
  });

  it('agrees with the direct-sum definition of C (identity C from B)', () => {
    for (let n = 3; n <= 25; n++) {
      const a = n * 0.8;
      let sum = 0;
      let term = 1;
      for (let k = 0; k < n; k++) {
        sum += term;
        term *= a / (k + 1);
      }
      const top = (term * n) / (n - a);
      expect(rel(erlangCFromB(a, n, erlangB(a, n)), top / (sum + top))).toBeLessThan(1e-12);
    }
  });

  it('is unstable when traffic reaches the agents: P(wait) 1, SL 0, ASA null, never NaN', () => {
    for (const agents of [10, 9, 1]) {
      const r = erlangC({ trafficErlangs: 10, agents, ahtSeconds: 180, targetSeconds: 20 });
      expect(r).toMatchObject({ unstable: true, pWait: 1, serviceLevel: 0, asaSeconds: null });
    }
  });

  it('handles zero and fractional traffic', () => {
    expect(erlangC({ trafficErlangs: 0, agents: 1, ahtSeconds: 180, targetSeconds: 20 })).toMatchObject({ unstable: false, pWait: 0, serviceLevel: 1, asaSeconds: 0 });
    expect(requiredAgents({ model: 'C', trafficErlangs: 0, ahtSeconds: 180, targetSeconds: 20, targets: { serviceLevel: 0.8 } })!.agents).toBe(0);
    // 0.25 E on one agent: C = A = 0.25 (M/M/1), SL = 1 - 0.25 e^(-0.75 * 30 / 240).
    const r = erlangC({ trafficErlangs: 0.25, agents: 1, ahtSeconds: 240, targetSeconds: 30 });
    expect(r.pWait).toBeCloseTo(0.25, 14);
    expect(r.serviceLevel).toBeCloseTo(1 - 0.25 * Math.exp((-0.75 * 30) / 240), 14);
  });

  it('stays finite and ordered for 20,000 agents', () => {
    const r = erlangC({ trafficErlangs: 19_900, agents: 20_000, ahtSeconds: 300, targetSeconds: 20 });
    for (const v of [r.pWait, r.serviceLevel, r.asaSeconds, r.occupancy]) expect(Number.isFinite(v)).toBe(true);
    expect(r.serviceLevel).toBeGreaterThan(0);
    expect(r.serviceLevel).toBeLessThan(1);
  });

  it('solves for ASA and occupancy targets as well', () => {
    const asa = requiredAgents({ model: 'C', trafficErlangs: 10, ahtSeconds: 180, targetSeconds: 20, targets: { maxAsaSeconds: 10 } })!;
    expect(asa.agents).toBe(14); // 13 agents: ASA 17.1 s; 14: 7.8 s
    const occ = requiredAgents({ model: 'C', trafficErlangs: 10, ahtSeconds: 180, targetSeconds: 20, targets: { serviceLevel: 0.8, maxOccupancy: 0.65 } })!;
    expect(occ.agents).toBe(16); // 10/15 = 0.667 > 0.65; 10/16 = 0.625
    expect(scheduledAgents(14, 0.3)).toBe(20); // 14 / 0.7 = 20 exactly
    expect(scheduledAgents(14, 0.35)).toBe(22); // 21.54 rounds up
  });
});

describe('a projection of staff on the plan', () => {
  const question = (calls: number, ahtSeconds: number, patienceSeconds?: number) => ({
    model: patienceSeconds ? ('A' as const) : ('C' as const),
    trafficErlangs: traffic(calls, 1800, ahtSeconds),
    ahtSeconds,
    targetSeconds: 20,
    patienceSeconds,
    targets: { serviceLevel: 0.8 },
  });

  it('answers within the limits as the calculator does: 100 calls of 180 s on 14 agents, SL 88.8%', () => {
    expect(projectedMetrics(question(100, 180), 14)!.serviceLevel).toBeCloseTo(0.888, 3);
    // 5,000 Erlangs exactly is within the limit, and 5,000,000 agents on it are answered (SL 1).
    expect(projectedMetrics(question(1_800, 5_000), 5_000_000)).toMatchObject({ trafficErlangs: 5_000, serviceLevel: 1, asaSeconds: 0 });
  });

  it('is null beyond them, at once: 100,000 calls of 86,400 s are 4,800,000 Erlangs', () => {
    // 100,000 x 86,400 / 1,800 = 4,800,000 Erlangs, past 5,000. Before, Erlang B stepped through
    // all 2,500,000 agents, 0.2 s for one interval (48 of them make an intraday view).
    const t0 = performance.now();
    expect(projectedMetrics(question(100_000, 86_400), 2_500_000)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(20);
    // 5,000.5 Erlangs (1,800.18 calls of 5,000 s) is past the limit too.
    expect(projectedMetrics(question(1_800.18, 5_000), 6_000)).toBeNull();
    // Erlang A: 600,000 calls of 1 s are 333 Erlangs, but with 3,600 s of patience
    // 333.3 x 3,600 / 1 = 1,200,000 callers could be waiting, past 1,000,000; 400,000 calls 800,000.
    expect(projectedMetrics(question(600_000, 1, 3_600), 400)).toBeNull();
    expect(projectedMetrics(question(400_000, 1, 3_600), 400)).not.toBeNull();
  });
});

describe('Erlang A', () => {
  it('matches a 60-digit reference (incomplete beta, digamma) within 1e-7', () => {
    for (const c of reference.A) {
      const r = erlangA(c);
      for (const k of ['pWait', 'pAbandon', 'serviceLevel', 'asaSeconds', 'meanWaitSeconds'] as const) {
        expect(rel(r[k]!, c[k]), `${k} at ${c.trafficErlangs} E, ${c.agents} agents`).toBeLessThan(1e-7);
      }
    }
  });

  it('matches a 60-digit reference at the limits, a million callers that could wait, within 1e-9', () => {
    // scripts/erlang-reference.py integrates over the wait instead of summing the states (checked
    // against the sums on the cases above). Summing every state from 0 with "answered within T"
    // as 1 minus a running negative binomial sum was 1e-9 off at 5,000 Erlangs on 4,000 agents
    // (true SL under 1e-300) and 4e-6 relative at 1,000 on 990 (SL 3.8e-6): every term added to
    // a sum near 1 rounds it.
    for (const c of reference.ALarge) {
      const r = erlangA(c);
      for (const k of ['pWait', 'pAbandon', 'serviceLevel', 'asaSeconds', 'meanWaitSeconds'] as const) {
        // 1e-15: P(wait) within an ulp of 1 leaves 1 - P(wait) to rounding.
        expect(Math.abs(r[k]! - c[k]), `${k} at ${c.trafficErlangs} E, ${c.agents} agents, T ${c.targetSeconds} s`).toBeLessThanOrEqual(1e-9 * Math.abs(c[k]) + 1e-15);
      }
    }
  });

  it('sums a bounded number of states, starting near the peak of their weights', () => {
    // 5,000 Erlangs of 18 s on one agent, patience 3,600 s: x = 200 and y = 1,000,000, the most
    // callers that could wait; the weights of k waiting peak near y - x = 999,800, about
    // sqrt(y) = 1,000 wide. Summed from 0 that was 1,007,726 states; from 10 widths below the
    // peak (989,548) to 8 above, with the walk down from the peak to find the start, 28,430.
    const before = erlangATermsSummed();
    erlangA({ trafficErlangs: 5000, agents: 1, ahtSeconds: 18, targetSeconds: 20, patienceSeconds: 3600 });
    expect(erlangATermsSummed() - before).toBeLessThan(40_000);
  });

  it('may need fewer agents than the traffic, since callers abandon', () => {
    const req = requiredAgents({ model: 'A', trafficErlangs: 10, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 60, targets: { maxAbandon: 0.25 } })!;
    expect(req.agents).toBeLessThan(10);
    expect(req.result.pAbandon).toBeLessThanOrEqual(0.25);
  });

  it('approaches Erlang C as patience grows', () => {
    const c = erlangC({ trafficErlangs: 10, agents: 13, ahtSeconds: 180, targetSeconds: 20 });
    const a = erlangA({ trafficErlangs: 10, agents: 13, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 1e9 });
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel!, 5);
    expect(a.pWait).toBeCloseTo(c.pWait!, 5);
  });

  it('stays stable, finite and within [0, 1] over a grid, overloaded included', () => {
    for (const trafficErlangs of [0, 0.3, 5, 80, 1500]) {
      for (const factor of [0.5, 0.9, 1, 1.2]) {
        const agents = Math.round(trafficErlangs * factor);
        const r = erlangA({ trafficErlangs, agents, ahtSeconds: 240, targetSeconds: 20, patienceSeconds: 90 });
        expect(r.unstable).toBe(false);
        for (const v of [r.pWait, r.pAbandon, r.serviceLevel, r.occupancy ?? 0]) {
          expect(Number.isNaN(v)).toBe(false);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
      }
    }
  });
});
