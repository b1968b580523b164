import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import type { CampaignHourRow } from '../../server/protocol/campaigns.ts';
import { campaignBoard } from '../../server/views/campaign-board.ts';
import { Simulation, type WireEvent } from '../../simulator/simulation.ts';
import { SURVEY } from '../../simulator/survey-dialler.ts';

const TZ = 'Asia/Taipei';
// 08:00 to 19:00 local holds the whole campaign day (09:00-18:00).
const START = Date.parse('2026-11-20T08:00:00+08:00');
const END = START + 11 * 3_600_000;

function day(survey: { filter: boolean } | null, seed = 42): WireEvent[] {
  return new Simulation(seed, TZ, START, { survey }).advanceTo(END);
}

/** The campaign's day total on the board, from the simulated events through the gate and the engine. */
function total(events: WireEvent[]): CampaignHourRow {
  const engine = new Engine({ timezone: TZ });
  for (const w of events) {
    const v = validateEvent(w);
    if (!v.ok) throw new Error(v.error);
    engine.apply(v.event);
  }
  expect(engine.counters.anomalies).toBe(0);
  return campaignBoard(engine, engine.campaigns.campaign(SURVEY.tenant, SURVEY.campaignId)!).total;
}

describe('the simulated survey campaign with a pre-dialler (seed 42, 2026-11-20)', () => {
  const off = day({ filter: false });
  const on = day({ filter: true });
  const tOff = total(off);
  const tOn = total(on);

  it('without the filter most contacts refuse (over 90%), as survey work does', () => {
    expect(tOff.refusals / tOff.contacts).toBeGreaterThan(0.9);
    expect(tOff.contacts).toBeGreaterThan(1000);
  });

  it('the pre-dial filter raises successes per agent hour, on the same agents and hours', () => {
    // Same six agents, 09:00-18:00 with lunch: 6 x 9 h = 54 agent hours either way, plus the contact in hand
    // each finishes before lunch and the day's end (a survey runs 6 minutes: under 12 x 6 min = 1.2 h in all).
    expect(tOff.agentHours).toBeGreaterThan(54);
    expect(tOn.agentHours).toBeGreaterThan(54);
    expect(Math.abs(tOn.agentHours - tOff.agentHours)).toBeLessThan(1.2);
    expect(tOn.successPerAgentHour!).toBeGreaterThan(1.2 * tOff.successPerAgentHour!);
    // It dials fewer numbers, reaches people more often and converts more of them.
    expect(tOn.attempts).toBeLessThan(tOff.attempts);
    expect(tOn.contactRate!).toBeGreaterThan(tOff.contactRate!);
    expect(tOn.successPerContact!).toBeGreaterThan(tOff.successPerContact!);
  });

  it('the dialler keeps its dropped calls within the 3% of live answers regulators allow', () => {
    expect(tOff.abandonRate!).toBeLessThanOrEqual(0.03);
    expect(tOn.abandonRate!).toBeLessThanOrEqual(0.03);
    expect(tOff.abandoned).toBeGreaterThan(0);
  });

  it('is deterministic, and leaves every other simulated event as it was', () => {
    expect(day({ filter: true })).toEqual(on);
    const others = (events: WireEvent[]) => events.filter((e) => !e.id.includes('jade-s') && !e.type.startsWith('dial.'));
    expect(others(on)).toEqual(day(null));
    expect(others(off)).toEqual(day(null));
  });
});
