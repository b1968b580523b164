/**
 * A schedule's log entry packed (each agent id and activity once, segments as integers in one
 * string) and applied in steps: the same plan as the entry of before, which old logs still hold.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { Plan, type ScheduleSegment } from '../../server/domain/plan.ts';
import { runToEnd } from '../../server/domain/steps.ts';
import { Fold } from '../../server/floor/fold.ts';
import type { LogEntry } from '../../server/protocol/log.ts';
import { packScheduleSteps, unpackScheduleSteps, type PackedSchedule } from '../../server/protocol/packed-schedule.ts';

const HOUR = 3_600_000;
const D = Date.parse('2026-11-20T00:00:00+08:00');
const fold = () => new Fold(new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 }), new Plan());
const seg = (agentId: string, start: number, end: number, activity: string): ScheduleSegment => ({ agentId, start, end, activity });

const a1phone = seg('a1', D + 9 * HOUR, D + 10 * HOUR, 'phone');
const a2night = seg('a2', D - 2 * HOUR, D + 2 * HOUR, 'offline');
const a1break = seg('a1', D + 10 * HOUR, D + 10.25 * HOUR, 'break');

describe('a packed schedule entry', () => {
  it('names each agent and activity once, and each segment by start from the day, length and activity', () => {
    expect(runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, [a1phone, a2night, a1break]))).toEqual({
      k: 'schedule.packed',
      tenant: 'acme',
      dayStart: D,
      dayEnd: D + 24 * HOUR,
      // Agent by agent: a1's two, then a2's.
      activities: ['phone', 'break', 'offline'],
      agents: ['a1', 'a2'],
      // a1: 09:00 for 1 h, 10:00 for 15 min; a2: 22:00 the day before for 4 h.
      segments: '32400000,3600000,0,36000000,900000,1;-7200000,14400000,2',
    });
  });

  it('unpacks to the segments it was given, by agent', () => {
    const packed = runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, [a1phone, a2night, a1break]));
    expect(runToEnd(unpackScheduleSteps(JSON.parse(JSON.stringify(packed)) as PackedSchedule))).toEqual([
      ['a1', [a1phone, a1break]],
      ['a2', [a2night]],
    ]);
  });

  it('refuses an entry it could not have written', () => {
    const base: PackedSchedule = { k: 'schedule.packed', tenant: 'acme', dayStart: D, dayEnd: D + 24 * HOUR, activities: ['phone'], agents: ['a1', 'a2'], segments: '0,60000,0;0,60000,0' };
    const unpack = (change: Partial<PackedSchedule>) => () => runToEnd(unpackScheduleSteps({ ...base, ...change }));
    expect(unpack({})).not.toThrow();
    expect(unpack({ segments: '0,60000,0' })).toThrow('2 agents but 1 group(s)');
    expect(unpack({ segments: '0,60000,0;0,60000,0;0,60000,0' })).toThrow('more groups of segments than its 2 agents');
    expect(unpack({ segments: '0,60000,0;0,60000' })).toThrow("agent 1's group has 2 numbers");
    expect(unpack({ segments: '0,60000,0;0,60000,1' })).toThrow("agent 1's segment 0 is not start,length,activity");
    expect(unpack({ segments: '0,0,0;0,60000,0' })).toThrow("agent 0's segment 0");
    expect(unpack({ segments: '0,,0;0,60000,0' })).toThrow("agent 0's segment 0");
    expect(unpack({ agents: ['a1', 'a1'] })).toThrow('agent 1 is named twice');
    // Numbers the packer never writes, which Number() would take: exponent, blank, hex, fraction.
    for (const bad of ['1e3,60000,0', ' ,60000,0', '0x10,60000,0', '0,60000,0.0']) expect(unpack({ segments: `${bad};0,60000,0` }), bad).toThrow("agent 0's segment 0");
    // A night shift's start before the day is negative and taken.
    expect(unpack({ segments: '-3600000,7200000,0;0,60000,0' })).not.toThrow();
    expect(unpack({ agents: [null as unknown as string, 'a2'] })).toThrow('agent 0 is not an id');
    expect(unpack({ dayEnd: Number.NaN })).toThrow('needs agents, activities, segments, dayStart and dayEnd');
  });
});

describe('a schedule applied from the log', () => {
  /** 20,000 agents of 6 one-hour segments from 06:00, activities in turn. */
  const big = (): ScheduleSegment[] => {
    const acts = ['phone', 'break', 'lunch'];
    const out: ScheduleSegment[] = [];
    for (let a = 0; a < 20_000; a++) for (let k = 0; k < 6; k++) out.push(seg(`agent-${a}`, D + (6 + k) * HOUR, D + (7 + k) * HOUR, acts[k % 3]));
    return out;
  };

  it('makes the same plan from an entry of before (one object a segment) as from a packed one', () => {
    const segments = [a1phone, a2night, a1break, seg('a3', D + 8 * HOUR, D + 17 * HOUR, 'phone')];
    const old: LogEntry = { k: 'schedule', tenant: 'acme', dayStart: D, dayEnd: D + 24 * HOUR, segments };
    const [before, packed] = [fold(), fold()];
    // Each replaces a day an earlier import filled, for a1 only.
    for (const f of [before, packed]) f.apply({ k: 'schedule', tenant: 'acme', dayStart: D, dayEnd: D + 24 * HOUR, segments: [seg('a1', D + 12 * HOUR, D + 13 * HOUR, 'lunch')] });
    expect(before.apply(old)).toEqual({ segments: 4, agents: 3 });
    expect(packed.apply(runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, segments)))).toEqual({ segments: 4, agents: 3 });
    expect(packed.plan.toJSON()).toEqual(before.plan.toJSON());
    expect(before.plan.segments('acme', 'a1', D, D + 24 * HOUR)).toEqual([a1phone, a1break]);
    expect(before.plan.rowCount('acme')).toBe(4);
  });

  it('takes 120,000 segments of 20,000 agents in 186 steps, changing nothing before its checks are done', () => {
    const f = fold();
    const steps = f.applySteps(runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, big())));
    const agents = () => f.engine.tenants.get('acme')?.agents.size ?? 0;
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) {
      yields++;
      // Unpacked 334 agents (2,004 segments) a step: 59 yields; staged 286 (7 x 286 = 2,002) a
      // step: 69; new agents looked up 2,000 a step: 9. Only then are agents registered.
      if (yields <= 59 + 69 + 9) expect([agents(), f.plan.agentsWithSchedules('acme').length]).toEqual([0, 0]);
      expect(f.plan.rowCount('acme')).toBe(0);
    }
    // Registered 500 a step: 39 yields; put in place 2,000 agents a step: 9.
    expect(yields).toBe(59 + 69 + 9 + 39 + 9);
    expect(r.value).toEqual({ segments: 120_000, agents: 20_000 });
    expect(f.plan.rowCount('acme')).toBe(120_000);
    expect(agents()).toBe(20_000);
    expect(f.plan.segments('acme', 'agent-19999', D, D + 24 * HOUR).map((s) => [s.start - D, s.activity])).toEqual([6, 7, 8, 9, 10, 11].map((h, k) => [h * HOUR, ['phone', 'break', 'lunch'][k % 3]]));
  });

  it('is captured for a snapshot in 70 steps, as toJSON gives it', () => {
    const f = fold();
    f.apply(runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, big())));
    const steps = f.plan.captureSteps();
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    // 286 agents (7 x 286 = 2,002: 6 segments and the agent) a step: 69 yields for 20,000.
    expect(yields).toBe(69);
    expect(r.value.schedules).toHaveLength(20_000);
    expect(r.value.schedules.reduce((n, [, list]) => n + list.length, 0)).toBe(120_000);
    expect(r.value).toEqual(f.plan.toJSON());
  });

  it('changes nothing when the agents are past the tenant cap', () => {
    const f = fold();
    f.apply(runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, Array.from({ length: 40_000 }, (_, a) => seg(`x${a}`, D + 8 * HOUR, D + 9 * HOUR, 'phone')))));
    expect(f.apply(runToEnd(packScheduleSteps('acme', D, D + 24 * HOUR, big())))).toEqual({ refused: "the schedule's new agents would be more than 50000 agents in the tenant", code: 'plan.agentsFull', params: { limit: 50_000 } });
    expect(f.plan.rowCount('acme')).toBe(40_000);
    expect(f.engine.tenants.get('acme')!.agents.size).toBe(40_000);
  });
});
