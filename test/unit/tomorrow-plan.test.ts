import { describe, expect, it } from 'vitest';
import { tomorrowPlan } from '../../server/domain/forecast/tomorrow-plan.ts';

const T = Date.parse('2026-12-01T09:00:00+08:00');

/*
 * 100 calls in a half-hour at AHT 180 s: traffic 100 x 180 / 1800 = 10 Erlangs. Erlang C with
 * target 80% in 20 s, from C(N, A) = N B / (N - A (1 - B)) and SL = 1 - C e^(-(N - A) 20 / 180):
 *   N = 13: C = 0.2853, SL = 1 - 0.2853 e^(-0.3333) = 0.7956 (short of 80%)
 *   N = 14: C = 0.1741, SL = 1 - 0.1741 e^(-0.4444) = 0.8884
 * so 14 agents are required.
 */
describe("tomorrow's plan", () => {
  const forecast = [
    { start: T, calls: 100, ahtSeconds: 180 },
    { start: T + 1_800_000, calls: 0, ahtSeconds: 180 },
  ];

  it('requires 14 agents for 10 Erlangs at 80/20 (Erlang C) and shows the gap to the schedule', () => {
    const plan = tomorrowPlan(forecast, [13, 2], { slTarget: 0.8, slThresholdSeconds: 20 }, 1800);
    expect(plan.model).toBe('C');
    const [busy, quiet] = plan.intervals;
    expect(busy).toMatchObject({ trafficErlangs: 10, required: 14, scheduledNeeded: 14, scheduled: 13, gap: -1 });
    expect(busy.projectedServiceLevel).toBeCloseTo(0.7956, 4);
    // A quiet interval needs nobody and has no service level to project.
    expect(quiet).toMatchObject({ required: 0, gap: 2, projectedServiceLevel: null });
    expect(plan.shortIntervals).toBe(1);
    expect(plan.projectedServiceLevel).toBeCloseTo(0.7956, 4);
  });

  it("sizes a chat queue in agents of its capacity: Erlang's servers are chat slots", () => {
    // 30 chats of 180 s: A = 3. Erlang B by recursion: B(4) = 0.20611, B(5) = 0.11005, B(6) = 0.05216.
    //   N = 4 slots: C = 4 x 0.20611 / (4 - 3 x 0.79389) = 0.50944, SL = 1 - 0.50944 e^(-20/180) = 0.54413
    //   N = 5 slots: C = 5 x 0.11005 / (5 - 3 x 0.88995) = 0.23615, SL = 1 - 0.23615 e^(-40/180) = 0.81091
    // 5 slots; three chats each: ceil(5 / 3) = 2 agents (5 for calls). Two agents offer 6 slots:
    //   C = 6 x 0.05216 / (6 - 3 x 0.94784) = 0.09915, SL = 1 - 0.09915 e^(-60/180) = 0.92896.
    const chats = [{ start: T, calls: 30, ahtSeconds: 180 }];
    const plan = tomorrowPlan(chats, [2], { slTarget: 0.8, slThresholdSeconds: 20, concurrency: 3 }, 1800);
    expect(plan.intervals[0]).toMatchObject({ trafficErlangs: 3, required: 2, scheduledNeeded: 2, gap: 0 });
    expect(plan.intervals[0].projectedServiceLevel).toBeCloseTo(0.92896, 4);
    expect(tomorrowPlan(chats, [2], { slTarget: 0.8, slThresholdSeconds: 20 }, 1800).intervals[0]).toMatchObject({ required: 5, gap: -3 });
  });

  it('schedules required / (1 - shrinkage), rounded up, and projects with the agents left after it', () => {
    // 14 / (1 - 0.3) = 20 exactly; 20 scheduled x 0.7 = 14 on the phones: SL 0.8884.
    const plan = tomorrowPlan(forecast, [20, 0], { slTarget: 0.8, slThresholdSeconds: 20, shrinkage: 0.3 }, 1800);
    expect(plan.intervals[0]).toMatchObject({ required: 14, scheduledNeeded: 20, gap: 0 });
    expect(plan.intervals[0].projectedServiceLevel).toBeCloseTo(0.8884, 4);
  });

  it('projects nothing beyond the Erlang limits, and so no day service level', () => {
    // 100,000 calls of 86,400 s are 4,800,000 Erlangs, past the calculator's 5,000: no required
    // agents, no gap, and no projection on the 50,000 scheduled (before: Erlang B's 50,000 steps).
    const huge = [...forecast, { start: T + 3_600_000, calls: 100_000, ahtSeconds: 86_400 }];
    const plan = tomorrowPlan(huge, [13, 2, 50_000], { slTarget: 0.8, slThresholdSeconds: 20 }, 1800);
    expect(plan.intervals[2]).toMatchObject({ trafficErlangs: 4_800_000, required: null, scheduledNeeded: null, gap: null, projectedServiceLevel: null });
    // 09:00 keeps its 0.7956; the day, one interval unknown, has none. With no agents, still none.
    expect(plan.intervals[0].projectedServiceLevel).toBeCloseTo(0.7956, 4);
    expect(plan.projectedServiceLevel).toBeNull();
    expect(tomorrowPlan(huge, [13, 2, 0], { slTarget: 0.8, slThresholdSeconds: 20 }, 1800).intervals[2].projectedServiceLevel).toBeNull();
  });

  it('uses Erlang A when patience is known: impatient callers leave, so no more agents are needed than Erlang C asks', () => {
    const c = tomorrowPlan(forecast, [14, 0], { slTarget: 0.8, slThresholdSeconds: 20 }, 1800);
    const a = tomorrowPlan(forecast, [14, 0], { slTarget: 0.8, slThresholdSeconds: 20, patienceSeconds: 60 }, 1800);
    expect(a.model).toBe('A');
    expect(a.intervals[0].required!).toBeLessThanOrEqual(c.intervals[0].required!);
    expect(a.intervals[0].required!).toBeGreaterThan(0);
  });
});
