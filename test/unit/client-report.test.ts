import { describe, expect, it } from 'vitest';
import { loggedInSeconds, periodDates, periodReport, previousPeriodDate, resolvedBy, type ContractTargets } from '../../server/domain/client-report.ts';
import type { AgentIntervalRollup, QueueIntervalRollup } from '../../server/history/types.ts';

const targets: ContractTargets = { slFormula: 'excludeShortAbandons', slTarget: 0.8, slThresholdSeconds: 20, asaTargetSeconds: 20, abandonTarget: 0.05 };
const T0 = Date.parse('2026-11-02T09:00:00+08:00');

function q(start: number, r: Partial<QueueIntervalRollup>): QueueIntervalRollup {
  return { tenant: 'acme', queueId: 'q', intervalStart: start, intervalMinutes: 30, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, flowedOut: 0, answeredInSL: 0, abandonedInSL: 0, handled: 0, waitSecondsAnswered: 0, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, maxWaitSeconds: 0, dispositions: {}, ...r };
}
function a(agentId: string, r: Partial<AgentIntervalRollup>): AgentIntervalRollup {
  return { tenant: 'acme', agentId, intervalStart: T0, intervalMinutes: 30, availableSeconds: 0, talkingSeconds: 0, holdSeconds: 0, acwSeconds: 0, auxSeconds: 0, offlineSeconds: 0, callsHandled: 0, ...r };
}

// Three intervals of one queue:
//  09:00  10 offered, 9 answered (8 in SL), 1 abandoned (not short): SL 8/10 = 0.80 (meets)
//  09:30  20 offered, 15 answered (9 in SL), 5 abandoned, 1 short: SL 9/19 = 0.4737
//  10:00   4 offered, 4 answered (3 in SL): SL 3/4 = 0.75, over 4 calls: too few to judge (MIN_SL_CALLS)
const rows = [
  q(T0, { offered: 10, answered: 9, answeredInSL: 8, abandoned: 1, handled: 9, waitSecondsAnswered: 90, talkSeconds: 1800, acwSeconds: 180, dispositions: { 'resolved - billing': 4, sale: 2, callback: 3 } }),
  q(T0 + 1_800_000, { offered: 20, answered: 15, answeredInSL: 9, abandoned: 5, shortAbandoned: 1, handled: 15, waitSecondsAnswered: 600, talkSeconds: 3000, holdSeconds: 300, dispositions: { 'Resolved': 5, callback: 10 } }),
  q(T0 + 3_600_000, { offered: 4, answered: 4, answeredInSL: 3, handled: 4, waitSecondsAnswered: 40, talkSeconds: 720 }),
];

describe('the client report of a period', () => {
  const r = periodReport([{ queueId: 'q', name: 'Q', targets, rows }], loggedInSeconds([a('a1', { availableSeconds: 600, talkingSeconds: 1000, acwSeconds: 200, auxSeconds: 200, offlineSeconds: 1000 }), a('a2', { availableSeconds: 1800 }), a('a3', { talkingSeconds: 3600, holdSeconds: 0 })]), resolvedBy([]));

  it('sums volume and computes SL, ASA, abandon rate and AHT by their definitions', () => {
    // offered 34, answered 28, abandoned 6 (1 short), handled 28.
    // SL = (8+9+3) / (28 + 6 - 1) = 20/33; ASA = (90+600+40)/28 = 26.07 s;
    // abandon rate = (6-1)/(34-1) = 5/33; AHT = (1800+180+3000+300+720)/28 = 6000/28 = 214.29 s.
    expect(r.total).toMatchObject({ offered: 34, answered: 28, abandoned: 6, handled: 28, intervalsMeasured: 3, intervalsMeetingTarget: 1 });
    expect(r.total.serviceLevel).toBeCloseTo(20 / 33, 10);
    expect(r.total.asaSeconds).toBeCloseTo(730 / 28, 10);
    expect(r.total.abandonRate).toBeCloseTo(5 / 33, 10);
    expect(r.total.ahtSeconds).toBeCloseTo(6000 / 28, 10);
    expect(r.queues[0].meets).toEqual({ serviceLevel: false, asa: false, abandonRate: false });
  });

  it('lists the worst judged intervals by service level: 10:00 has 4 calls, too few to rank', () => {
    expect(r.worstIntervals.map((i) => i.start)).toEqual([T0 + 1_800_000, T0]);
    expect(r.total.intervalsTooFew).toBe(1);
    expect(r.worstIntervals[0].serviceLevel).toBeCloseTo(9 / 19, 10);
  });

  it('ranks call reasons: callback 3+10 = 13, Resolved 5, resolved - billing 4, sale 2', () => {
    expect(r.reasons).toEqual([
      { disposition: 'callback', calls: 13 },
      { disposition: 'Resolved', calls: 5 },
      { disposition: 'resolved - billing', calls: 4 },
      { disposition: 'sale', calls: 2 },
    ]);
  });

  it('counts seat-hours logged in: offline time is not billed', () => {
    // a1: 600 + 1000 + 200 + 200 = 2000 s (its 1000 s offline excluded); a2: 1800 s; a3: 3600 s.
    // 7400 s / 3600 = 2.0556 h.
    expect(r.billable.seatHours).toBeCloseTo(7400 / 3600, 10);
  });

  it('counts handled calls: 9 + 15 + 4 = 28', () => {
    expect(r.billable.handledCalls).toBe(28);
  });

  it('counts resolved cases from dispositions containing "resolved" (any case): 4 + 5 = 9', () => {
    expect(r.billable.resolvedCases).toBe(9);
  });

  it('counts resolved cases from a configured list instead: only "sale" gives 2', () => {
    const own = periodReport([{ queueId: 'q', name: 'Q', targets, rows }], 0, resolvedBy(['sale']));
    expect(own.billable.resolvedCases).toBe(2);
  });

  it('bills no successful outbound contacts when no campaign dialled', () => {
    expect(r.billable.successfulOutbound).toBe(0);
  });
});

describe('outbound campaigns in the client report', () => {
  // The phone queue above, a campaign queue `survey` with no inbound calls, and a campaign `win`
  // with no queue of its id: survey 3,201 attempts, 800 contacts, 102 successes; win 10, 5, 3.
  const campaigns = [
    { campaignId: 'survey', attempts: 3201, contacts: 800, successes: 102 },
    { campaignId: 'win', attempts: 10, contacts: 5, successes: 3 },
  ];
  const withSurvey = periodReport([{ queueId: 'q', name: 'Q', targets, rows }, { queueId: 'survey', name: 'Survey', targets, rows: [q(T0, { queueId: 'survey' })] }], 0, resolvedBy([]), campaigns);

  it('bills every campaign\'s successes: 102 + 3 = 105', () => {
    expect(withSurvey.billable.successfulOutbound).toBe(105);
  });

  it("shows the campaign's queue as outbound with its attempts, contacts and successes, judged by no target", () => {
    const survey = withSurvey.queues[1];
    expect(survey).toMatchObject({ queueId: 'survey', kind: 'outbound', outbound: { attempts: 3201, contacts: 800, successes: 102 }, meets: { serviceLevel: null, asa: null, abandonRate: null } });
    expect(survey.figures.serviceLevel).toBeNull();
    expect(survey.figures.intervalsMeasured).toBe(0);
  });

  it('leaves it out of the total, its targets and the worst intervals: the phone queue\'s figures alone', () => {
    expect(withSurvey.total).toMatchObject({ offered: 34, answered: 28, intervalsMeasured: 3, intervalsMeetingTarget: 1 });
    expect(withSurvey.total.serviceLevel).toBeCloseTo(20 / 33, 10);
    expect(withSurvey.totalTargets.slTarget).toEqual({ value: 0.8, shared: true });
    expect(withSurvey.worstIntervals.map((i) => i.queueId)).toEqual(['q', 'q']);
  });

  it('keeps a queue that was offered inbound calls realtime even when a campaign has its id (a dial event naming it by mistake)', () => {
    const mistaken = periodReport([{ queueId: 'q', name: 'Q', targets, rows }], 0, resolvedBy([]), [{ campaignId: 'q', attempts: 4, contacts: 2, successes: 1 }]);
    expect(mistaken.queues[0].kind).toBe('realtime');
    expect(mistaken.queues[0].outbound).toBeUndefined();
    expect(mistaken.billable.successfulOutbound).toBe(1);
  });
});

describe('a deferred queue (email) in the client report', () => {
  // The phone queue's three intervals above, and a mailbox: 09:00 6 emails, all answered after
  // 2 h (wait 7,200 s each, none within 20 s), 6 handled with 300 s of work each, 2 "resolved";
  // 09:30 4 emails, 3 answered after 10 h (36,000 s each), 1 abandoned.
  const mail = [
    q(T0, { queueId: 'mail', offered: 6, answered: 6, handled: 6, waitSecondsAnswered: 6 * 7200, talkSeconds: 1800, dispositions: { resolved: 2 } }),
    q(T0 + 1_800_000, { queueId: 'mail', offered: 4, answered: 3, abandoned: 1, handled: 3, waitSecondsAnswered: 3 * 36_000, talkSeconds: 900 }),
  ];
  const both = periodReport([{ queueId: 'q', name: 'Q', targets, rows }, { queueId: 'mail', name: 'Mail', targets, rows: mail, responseTargetSeconds: 86_400 }], 0, resolvedBy([]));
  const row = both.queues[1];

  it('has no service level, and its mean response time meets the response target', () => {
    // Mean response (6 x 7,200 + 3 x 36,000) / 9 = 151,200 / 9 = 16,800 s, under 86,400 s.
    expect(row).toMatchObject({ queueId: 'mail', kind: 'deferred', responseTargetSeconds: 86_400 });
    expect(row.figures).toMatchObject({ offered: 10, answered: 9, abandoned: 1, handled: 9, serviceLevel: null, intervalsMeasured: 0 });
    expect(row.figures.asaSeconds).toBeCloseTo(16_800, 10);
    // Abandon rate 1 / 10 = 0.1, over 0.05.
    expect(row.meets).toEqual({ serviceLevel: null, asa: true, abandonRate: false });
    expect(both.queues[0].kind).toBe('realtime');
  });

  it('stays out of the total and the worst intervals: the phone figures alone, as above', () => {
    expect(both.total).toMatchObject({ offered: 34, answered: 28, abandoned: 6, handled: 28, intervalsMeasured: 3, intervalsMeetingTarget: 1 });
    expect(both.total.serviceLevel).toBeCloseTo(20 / 33, 10);
    expect(both.total.asaSeconds).toBeCloseTo(730 / 28, 10);
    expect(both.worstIntervals.map((i) => i.queueId)).toEqual(['q', 'q']);
  });

  it('is billed and its reasons counted: 28 + 9 = 37 handled, 9 + 2 = 11 resolved', () => {
    expect(both.billable.handledCalls).toBe(37);
    expect(both.billable.resolvedCases).toBe(11);
  });

  it('makes the total when the tenant has only deferred queues, with no service level', () => {
    const only = periodReport([{ queueId: 'mail', name: 'Mail', targets, rows: mail, responseTargetSeconds: 86_400 }], 0, resolvedBy([]));
    expect(only.total).toMatchObject({ offered: 10, answered: 9, serviceLevel: null });
  });
});

describe("the client report's total against targets pooled over its queues", () => {
  // Two queues that both miss their service level, as a client with queues of different contracts:
  //  baggage:      SL target 70%, ASA 20 s, abandon 5%: 100 offered, 95 answered (69 in SL, waiting 2,090 s), 5 abandoned
  //                SL 69/100 = 69% (missed), ASA 2,090/95 = 22 s (missed), abandon 5/100 = 5% (met)
  //  reservations: SL target 80%, ASA 30 s, abandon 3%: 300 offered, 290 answered (216 in SL, waiting 7,250 s), 10 abandoned
  //                SL 216/300 = 72% (missed), ASA 7,250/290 = 25 s (met), abandon 10/300 = 3.33% (missed)
  // Total: SL 285/400 = 71.25%; ASA 9,340/385 = 24.26 s; abandon 15/400 = 3.75%.
  // Call-weighted targets: SL (70% x 100 + 80% x 300) / 400 = 310/400 = 77.5% -> missed (the
  // first queue's 70% said met); ASA (20 x 95 + 30 x 290) / 385 = 10,600/385 = 27.53 s -> met
  // (the first queue's 20 s said missed); abandon (5% x 100 + 3% x 300) / 400 = 14/400 = 3.5%
  // -> missed (the first queue's 5% said met).
  const baggage = { queueId: 'baggage', name: 'Baggage', targets: { ...targets, slTarget: 0.7, asaTargetSeconds: 20, abandonTarget: 0.05 }, rows: [q(T0, { queueId: 'baggage', offered: 100, answered: 95, answeredInSL: 69, abandoned: 5, handled: 95, waitSecondsAnswered: 2090 })] };
  const reservations = { queueId: 'reservations', name: 'Reservations', targets: { ...targets, slTarget: 0.8, asaTargetSeconds: 30, abandonTarget: 0.03 }, rows: [q(T0, { queueId: 'reservations', offered: 300, answered: 290, answeredInSL: 216, abandoned: 10, handled: 290, waitSecondsAnswered: 7250 })] };
  const r = periodReport([baggage, reservations], 0, resolvedBy([]));

  it('holds each queue to its own target: both miss their service level', () => {
    expect(r.queues.map((x) => x.meets)).toEqual([
      { serviceLevel: false, asa: false, abandonRate: true },
      { serviceLevel: false, asa: true, abandonRate: false },
    ]);
  });

  it('weights the targets by each queue\'s calls in the figure: SL 77.5%, ASA 27.53 s, abandon 3.5%, none shared', () => {
    expect(r.total.serviceLevel).toBeCloseTo(285 / 400, 10);
    expect(r.totalTargets.slTarget).toEqual({ value: 0.775, shared: false });
    expect(r.totalTargets.asaTargetSeconds!.value).toBeCloseTo(10_600 / 385, 8);
    expect(r.totalTargets.asaTargetSeconds!.shared).toBe(false);
    expect(r.totalTargets.abandonTarget).toEqual({ value: 0.035, shared: false });
  });

  it('judges the total against them: SL 71.25% < 77.5% missed, ASA 24.26 s <= 27.53 s met, abandon 3.75% > 3.5% missed', () => {
    expect(r.totalMeets).toEqual({ serviceLevel: false, asa: true, abandonRate: false });
  });

  it('keeps a target the queues share as it is, and meets a total exactly on it', () => {
    // Both at 80% / 20 s / 5%: SL 80/100 and 240/300 = 320/400 = 80% exactly.
    const same = periodReport([
      { ...baggage, targets, rows: [q(T0, { queueId: 'baggage', offered: 100, answered: 100, answeredInSL: 80, handled: 100, waitSecondsAnswered: 2000 })] },
      { ...reservations, targets, rows: [q(T0, { queueId: 'reservations', offered: 300, answered: 300, answeredInSL: 240, handled: 300, waitSecondsAnswered: 6000 })] },
    ], 0, resolvedBy([]));
    expect(same.totalTargets).toEqual({ slTarget: { value: 0.8, shared: true }, asaTargetSeconds: { value: 20, shared: true }, abandonTarget: { value: 0.05, shared: true } });
    expect(same.totalMeets).toEqual({ serviceLevel: true, asa: true, abandonRate: true });
  });

  it('leaves a deferred queue out of the pooled targets, as out of the total', () => {
    const mail = { queueId: 'mail', name: 'Mail', targets: { ...targets, slTarget: 0.1, asaTargetSeconds: 5, abandonTarget: 0.5 }, responseTargetSeconds: 86_400, rows: [q(T0, { queueId: 'mail', offered: 50, answered: 50, handled: 50, waitSecondsAnswered: 50 * 7200 })] };
    const withMail = periodReport([baggage, mail, reservations], 0, resolvedBy([]));
    expect(withMail.totalTargets).toEqual(r.totalTargets);
    expect(withMail.totalMeets).toEqual(r.totalMeets);
  });
});

describe('a service level over fewer than ten calls in the period (MIN_SL_CALLS), as the wallboard and the TV', () => {
  it('is not judged: one call answered after 30 s is 0% over 1 call, with no verdict; ASA and abandon rate still are', () => {
    // 1 offered, 1 answered out of SL after 30 s: SL 0 / 1 = 0%, ASA 30 s > 20 s missed, abandon 0 / 1 = 0% <= 5% met.
    const r = periodReport([{ queueId: 'q', name: 'Q', targets, rows: [q(T0, { offered: 1, answered: 1, handled: 1, waitSecondsAnswered: 30 })] }], 0, resolvedBy([]));
    expect(r.queues[0].figures).toMatchObject({ serviceLevel: 0, slCalls: 1 });
    expect(r.queues[0].meets).toEqual({ serviceLevel: null, asa: false, abandonRate: true });
    expect(r.total).toMatchObject({ serviceLevel: 0, slCalls: 1 });
    expect(r.totalMeets).toEqual({ serviceLevel: null, asa: false, abandonRate: true });
  });

  it("counts the total's calls over its queues: 9 unjudged, the tenth judged, though each queue's five are not", () => {
    // cards 5 of 5 in SL (100%), loans 0 of 4 (0%): total 5 / 9 = 55.6%, nine calls: no verdict anywhere.
    const cards = { queueId: 'cards', name: 'Cards', targets, rows: [q(T0, { queueId: 'cards', offered: 5, answered: 5, answeredInSL: 5, handled: 5, waitSecondsAnswered: 25 })] };
    const loans = (n: number) => ({ queueId: 'loans', name: 'Loans', targets, rows: [q(T0, { queueId: 'loans', offered: n, answered: n, handled: n, waitSecondsAnswered: 30 * n })] });
    const nine = periodReport([cards, loans(4)], 0, resolvedBy([]));
    expect(nine.total.slCalls).toBe(9);
    expect(nine.total.serviceLevel).toBeCloseTo(5 / 9, 10);
    expect(nine.queues.map((x) => [x.figures.slCalls, x.meets.serviceLevel])).toEqual([[5, null], [4, null]]);
    expect(nine.totalMeets.serviceLevel).toBeNull();
    // A fifth loans call, late too: 5 / 10 = 50% < 80%, missed; each queue still has 5 calls, unjudged.
    const ten = periodReport([cards, loans(5)], 0, resolvedBy([]));
    expect(ten.total).toMatchObject({ serviceLevel: 0.5, slCalls: 10 });
    expect(ten.totalMeets.serviceLevel).toBe(false);
    expect(ten.queues.map((x) => x.meets.serviceLevel)).toEqual([null, null]);
  });

  it('counts no calls behind a deferred queue, which has no service level', () => {
    // 12 emails answered: a service level would count 12 calls; it has none, so none.
    const rows = [q(T0, { queueId: 'mail', offered: 12, answered: 12, answeredInSL: 12, handled: 12, waitSecondsAnswered: 12 * 7200 })];
    const only = periodReport([{ queueId: 'mail', name: 'Mail', targets, rows, responseTargetSeconds: 86_400 }], 0, resolvedBy([]));
    expect(only.queues[0].figures.slCalls).toBe(0);
    expect(only.total).toMatchObject({ serviceLevel: null, slCalls: 0 });
  });
});

describe('intervals of fewer than ten calls (MIN_SL_CALLS) in the intervals met and the worst intervals', () => {
  // 09:00  10 calls, 9 answered within 20 s: 9 / 10 = 90% >= 80%, met
  // 09:30  12 calls, 6 within 20 s: 6 / 12 = 50% < 80%, missed
  // 10:00   1 call, answered after 30 s: 0 / 1 = 0%, too few to judge
  const three = [
    q(T0, { offered: 10, answered: 10, answeredInSL: 9, handled: 10 }),
    q(T0 + 1_800_000, { offered: 12, answered: 12, answeredInSL: 6, handled: 12 }),
    q(T0 + 3_600_000, { offered: 1, answered: 1, answeredInSL: 0, handled: 1, waitSecondsAnswered: 30 }),
  ];
  const r = periodReport([{ queueId: 'q', name: 'Q', targets, rows: three }], 0, resolvedBy([]));

  it('counts 1 of 3 intervals met and 1 too few to judge, in the queue and the total', () => {
    expect(r.queues[0].figures).toMatchObject({ intervalsMeasured: 3, intervalsMeetingTarget: 1, intervalsTooFew: 1 });
    expect(r.total).toMatchObject({ intervalsMeasured: 3, intervalsMeetingTarget: 1, intervalsTooFew: 1 });
    // The period itself counts 23 calls, 15 within 20 s: 65.2% < 80%, missed.
    expect(r.total.serviceLevel).toBeCloseTo(15 / 23, 10);
    expect(r.totalMeets.serviceLevel).toBe(false);
  });

  it('ranks only the judged intervals as worst: 50% then 90%, not the 0% of one call', () => {
    expect(r.worstIntervals.map((i) => [i.start, i.serviceLevel])).toEqual([[T0 + 1_800_000, 0.5], [T0, 0.9]]);
  });

  it('does not count one call answered in time as an interval met: 1 / 1 = 100% is too few too', () => {
    const one = periodReport([{ queueId: 'q', name: 'Q', targets, rows: [q(T0, { offered: 1, answered: 1, answeredInSL: 1, handled: 1 })] }], 0, resolvedBy([]));
    expect(one.total).toMatchObject({ intervalsMeasured: 1, intervalsMeetingTarget: 0, intervalsTooFew: 1 });
    expect(one.worstIntervals).toEqual([]);
  });

  it("judges an interval by its formula's denominator: 10 offered with 1 short abandon is 9 calls, too few", () => {
    // excludeShortAbandons: 9 answered in SL / (9 + 1 - 1) = 100% over 9 calls.
    const nine = periodReport([{ queueId: 'q', name: 'Q', targets, rows: [q(T0, { offered: 10, answered: 9, answeredInSL: 9, abandoned: 1, shortAbandoned: 1, handled: 9 })] }], 0, resolvedBy([]));
    expect(nine.total).toMatchObject({ intervalsMeasured: 1, intervalsMeetingTarget: 0, intervalsTooFew: 1 });
  });
});

describe('report periods', () => {
  it('runs weeks Monday to Sunday: Wednesday 2026-11-04 is in 11-02 .. 11-08', () => {
    expect(periodDates('week', '2026-11-04')).toEqual({ first: '2026-11-02', last: '2026-11-08' });
    expect(periodDates('week', '2026-11-08')).toEqual({ first: '2026-11-02', last: '2026-11-08' });
  });
  it('runs months to their last day, February included', () => {
    expect(periodDates('month', '2026-02-14')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(periodDates('month', '2026-12-31')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });
  it('compares with the period before', () => {
    expect(previousPeriodDate('month', '2026-03-15')).toBe('2026-02-28');
    expect(previousPeriodDate('week', '2026-11-04')).toBe('2026-11-01');
    expect(previousPeriodDate('day', '2026-11-01')).toBe('2026-10-31');
  });
});
