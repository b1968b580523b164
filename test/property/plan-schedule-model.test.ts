import { describe, expect, it } from 'vitest';
import { Plan, type PlanData, type ScheduleSegment } from '../../server/domain/plan.ts';
import { rng } from '../helpers/rng.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Local midnight of 2026-11-20 in Taipei: local days cut the plan's UTC-day buckets at 16:00. */
const BASE = Date.parse('2026-11-20T00:00:00+08:00');

/**
 * The plan's schedules as they were kept before they were kept by day: one list per agent, sorted
 * by start, replaced, read and forgotten by scanning all of it.
 */
class FlatModel {
  readonly lists = new Map<string, ScheduleSegment[]>();
  private kept = -Infinity;

  set(tenant: string, dayStart: number, dayEnd: number, segments: ScheduleSegment[]): void {
    const byAgent = new Map<string, ScheduleSegment[]>();
    for (const s of segments) byAgent.set(s.agentId, [...(byAgent.get(s.agentId) ?? []), s]);
    for (const [agentId, list] of byAgent) {
      const key = `${tenant}/${agentId}`;
      const kept = (this.lists.get(key) ?? []).filter((s) => s.end <= dayStart || s.start >= dayEnd);
      this.lists.set(key, [...kept, ...list].sort((a, b) => a.start - b.start));
    }
  }

  read(tenant: string, agentId: string, from: number, to: number): ScheduleSegment[] {
    return (this.lists.get(`${tenant}/${agentId}`) ?? []).filter((s) => s.end > from && s.start < to);
  }

  /** Segments the tenant holds in all. */
  count(tenant: string): number {
    let n = 0;
    for (const [key, list] of this.lists) if (key.startsWith(`${tenant}/`)) n += list.length;
    return n;
  }

  forget(cut: number): void {
    if (cut <= this.kept) return;
    this.kept = cut;
    for (const [key, list] of this.lists) {
      const left = list.filter((s) => s.end > cut);
      if (left.length) this.lists.set(key, left);
      else this.lists.delete(key);
    }
  }
}

const TENANTS = ['acme', 'bank'];
const AGENTS = ['a1', 'a2', 'a3'];

/**
 * Segments of one import for the local day [dayStart, dayEnd): a few that do not overlap each
 * other, each overlapping the day; now and then a night shift from the evening before, one into
 * the next morning, one of up to a day, or one of days to weeks that begins or ends far from the day.
 */
function importFor(random: () => number, agentId: string, dayStart: number, dayEnd: number): ScheduleSegment[] {
  const activity = () => ['phone', 'break', 'lunch', 'offline'][Math.floor(random() * 4)];
  const out: ScheduleSegment[] = [];
  let at = dayStart - (random() < 0.3 ? Math.floor(random() * 20 * HOUR) : 0) + Math.floor(random() * 4 * HOUR);
  if (random() < 0.1) at = dayStart - Math.floor((1 + random() * 30) * DAY);
  const n = 1 + Math.floor(random() * 6);
  for (let k = 0; k < n && at < dayEnd; k++) {
    const long = random() < 0.08;
    const length = long ? Math.floor((1 + random() * 20) * DAY) : 1 + Math.floor(random() * (random() < 0.2 ? DAY : 10 * HOUR));
    const s = { agentId, start: at, end: at + length, activity: activity() };
    if (s.end > dayStart) out.push(s);
    at = s.end + Math.floor(random() * 2 * HOUR);
  }
  if (out.length === 0) out.push({ agentId, start: dayStart + 9 * HOUR, end: dayStart + 17 * HOUR, activity: 'phone' });
  return out;
}

/**
 * The plan's schedules, kept by day, against the flat lists they replaced: random imports of
 * random days (night shifts and segments of weeks included), reads of days and of any range,
 * forgetting past days, and snapshot round trips, in 30 seeded runs.
 */
describe('schedules kept by day against one flat list per agent', () => {
  it('reads, forgets and writes snapshots as the flat lists do', { timeout: 120_000 }, () => {
    let longSeen = 0;
    for (let run = 0; run < 30; run++) {
      const random = rng(run + 7);
      let plan = new Plan();
      const model = new FlatModel();
      let cut = BASE - 40 * DAY;
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      for (let op = 0; op < 400; op++) {
        const r = random();
        if (r < 0.5) {
          const tenant = pick(TENANTS);
          const dayStart = BASE + Math.floor(random() * 60 - 30) * DAY;
          const agents = AGENTS.filter(() => random() < 0.6);
          const segments = (agents.length ? agents : [pick(AGENTS)]).flatMap((a) => importFor(random, a, dayStart, dayStart + DAY));
          longSeen += segments.filter((s) => s.end - s.start > DAY).length;
          // The growth foretold (the plan's ceiling is checked on it) is what the import then adds.
          const grows = plan.rowCount(tenant) + plan.scheduleGrowth(tenant, dayStart, dayStart + DAY, segments);
          plan.setSchedules(tenant, dayStart, dayStart + DAY, segments);
          model.set(tenant, dayStart, dayStart + DAY, segments);
          expect(plan.rowCount(tenant)).toBe(grows);
        } else if (r < 0.9) {
          const tenant = pick(TENANTS);
          const agentId = pick(AGENTS);
          const from = random() < 0.6 ? BASE + Math.floor(random() * 70 - 35) * DAY : BASE + Math.floor((random() * 70 - 35) * DAY);
          const to = random() < 0.6 ? from + DAY : from + 1 + Math.floor(random() * random() * 60 * DAY);
          expect(plan.segments(tenant, agentId, from, to)).toEqual(model.read(tenant, agentId, from, to));
          expect(plan.rowCount(tenant)).toBe(model.count(tenant));
        } else if (r < 0.95) {
          cut += Math.floor(random() * 3) * DAY;
          plan.forgetBefore(cut);
          model.forget(cut);
        } else {
          const data = JSON.parse(JSON.stringify(plan.toJSON())) as PlanData;
          expect(new Map(data.schedules)).toEqual(new Map([...model.lists].map(([k, list]) => [`${k.split('/')[0].length}:${k}`, list])));
          plan = new Plan();
          plan.load(data);
          expect(plan.toJSON()).toEqual(data);
        }
      }
      for (const tenant of TENANTS) {
        for (const agentId of AGENTS) expect(plan.segments(tenant, agentId, -Infinity, Infinity)).toEqual(model.read(tenant, agentId, -Infinity, Infinity));
        expect(plan.agentsWithSchedules(tenant).sort()).toEqual(AGENTS.filter((a) => model.lists.has(`${tenant}/${a}`)));
        expect(plan.rowCount(tenant)).toBe(model.count(tenant));
      }
    }
    // The runs did meet segments longer than a day, which are kept apart.
    expect(longSeen).toBeGreaterThan(50);
  });
});
