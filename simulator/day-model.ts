/**
 * The simulated BPO floor: three client tenants, six queues, their intraday curves, handle
 * times, caller patience, and the agents with their shifts and planned breaks. Times of day
 * are local hours in the centre's time zone.
 */
import type { SimulatedDisposition } from './dispositions.ts';

export interface SimQueue {
  id: string;
  tenant: string;
  name: string;
  channel: 'voice' | 'chat' | 'email';
  /** Contacts an agent serves at once on this queue (chat: several; voice: 1). */
  capacity?: number;
  /** Opening hours, local; [0, 24] is round the clock. */
  open: [number, number];
  /** Calls an hour at the top of the curve. */
  peakPerHour: number;
  /** Night-time share of the peak rate, for round-the-clock queues. */
  nightShare: number;
  talkMeanSeconds: number;
  talkCv: number;
  acwMeanSeconds: number;
  acwCv: number;
  holdProbability: number;
  holdMeanSeconds: number;
  /** Mean caller patience before abandoning (seconds, exponential). */
  patienceMeanSeconds: number;
  /** Callers still waiting after this long go to voicemail (a flow-out). */
  timeoutSeconds?: number;
  /** Call reasons written on wrap-up, with relative weights; codes and words in dispositions.ts. */
  dispositions: [SimulatedDisposition, number][];
  targets?: { slTarget?: number; slThresholdSeconds?: number; abandonTarget?: number; asaTargetSeconds?: number };
  /** How far the afternoon runs above the published forecast (0.15 = 15%). */
  afternoonSurge: number;
  /** Deferred work (email): items still waiting from the days before when the simulation starts, queued evenly over the 24 hours before it. */
  backlogAtStart?: number;
}

export interface ShiftPattern {
  /** Local start, hours (7.75 = 07:45). */
  start: number;
  hours: number;
  count: number;
  skills: string[][];
}

export interface SimTenant {
  id: string;
  name: string;
  team: string;
  /** The team's name on screen (config `teams`), so the default floor shows names, not ids. */
  teamName: string;
  shifts: ShiftPattern[];
}

export const TENANTS: SimTenant[] = [
  {
    id: 'acme-telecom',
    name: 'Acme Telecom',
    team: 'acme-team',
    teamName: 'Team Taipei',
    shifts: [
      { start: 7.75, hours: 9, count: 8, skills: [['acme-billing'], ['acme-tech'], ['acme-billing', 'acme-tech'], ['acme-tech']] },
      { start: 9.5, hours: 9, count: 8, skills: [['acme-billing'], ['acme-tech'], ['acme-billing', 'acme-tech']] },
      { start: 13, hours: 9, count: 6, skills: [['acme-billing'], ['acme-tech'], ['acme-billing', 'acme-tech']] },
    ],
  },
  {
    id: 'formosa-air',
    name: 'Formosa Air',
    team: 'formosa-team',
    teamName: 'Team Kaohsiung',
    shifts: [
      { start: 22, hours: 9, count: 2, skills: [['fair-reservations', 'fair-baggage']] },
      { start: 6.75, hours: 9, count: 6, skills: [['fair-reservations'], ['fair-reservations', 'fair-baggage']] },
      { start: 9, hours: 9, count: 6, skills: [['fair-reservations'], ['fair-baggage'], ['fair-reservations', 'fair-baggage']] },
      { start: 14, hours: 9, count: 4, skills: [['fair-reservations'], ['fair-reservations', 'fair-baggage']] },
      { start: 16, hours: 9, count: 3, skills: [['fair-reservations', 'fair-baggage'], ['fair-reservations']] },
    ],
  },
  {
    id: 'jade-bank',
    name: 'Jade Bank',
    team: 'jade-team',
    teamName: 'Team Taichung',
    shifts: [
      { start: 7.75, hours: 9, count: 5, skills: [['jade-cards'], ['jade-cards', 'jade-loans']] },
      { start: 9, hours: 9, count: 3, skills: [['jade-cards'], ['jade-cards', 'jade-loans'], ['jade-loans']] },
      { start: 11, hours: 9, count: 5, skills: [['jade-cards'], ['jade-loans'], ['jade-cards', 'jade-loans']] },
      // The email desk: two on email only, one also on cards (phones first, email when no call waits).
      { start: 8.5, hours: 9, count: 3, skills: [['jade-email'], ['jade-email'], ['jade-cards', 'jade-email']] },
    ],
  },
];

export const QUEUES: SimQueue[] = [
  {
    id: 'acme-billing',
    tenant: 'acme-telecom',
    name: 'Acme Billing',
    channel: 'voice',
    open: [8, 22],
    peakPerHour: 70,
    nightShare: 0,
    talkMeanSeconds: 240,
    talkCv: 0.7,
    acwMeanSeconds: 35,
    acwCv: 0.5,
    holdProbability: 0.2,
    holdMeanSeconds: 45,
    patienceMeanSeconds: 150,
    dispositions: [['bill-explained', 40], ['payment-arrangement', 25], ['refund', 12], ['plan-change', 15], ['complaint', 8]],
    afternoonSurge: 0.15,
  },
  {
    id: 'acme-tech',
    tenant: 'acme-telecom',
    name: 'Acme Tech Support',
    channel: 'voice',
    open: [8, 22],
    peakPerHour: 60,
    nightShare: 0,
    talkMeanSeconds: 360,
    talkCv: 0.8,
    acwMeanSeconds: 60,
    acwCv: 0.5,
    holdProbability: 0.35,
    holdMeanSeconds: 60,
    patienceMeanSeconds: 200,
    dispositions: [['router-reset', 35], ['no-signal', 25], ['technician-booked', 15], ['sim-issue', 15], ['escalated', 10]],
    targets: { abandonTarget: 0.05 },
    afternoonSurge: 0.12,
  },
  {
    id: 'fair-reservations',
    tenant: 'formosa-air',
    name: 'Formosa Reservations',
    channel: 'voice',
    open: [0, 24],
    peakPerHour: 60,
    nightShare: 0.08,
    talkMeanSeconds: 300,
    talkCv: 0.6,
    acwMeanSeconds: 40,
    acwCv: 0.5,
    holdProbability: 0.3,
    holdMeanSeconds: 50,
    patienceMeanSeconds: 180,
    timeoutSeconds: 600,
    dispositions: [['new-booking', 35], ['change-booking', 30], ['cancellation', 15], ['seat-request', 12], ['miles', 8]],
    afternoonSurge: 0.18,
  },
  {
    id: 'fair-baggage',
    tenant: 'formosa-air',
    name: 'Formosa Baggage',
    channel: 'voice',
    open: [0, 24],
    peakPerHour: 20,
    nightShare: 0.1,
    talkMeanSeconds: 270,
    talkCv: 0.6,
    acwMeanSeconds: 50,
    acwCv: 0.5,
    holdProbability: 0.25,
    holdMeanSeconds: 40,
    patienceMeanSeconds: 160,
    dispositions: [['delayed-bag', 45], ['damaged-bag', 25], ['lost-item', 20], ['allowance', 10]],
    targets: { slTarget: 0.7, slThresholdSeconds: 30 },
    afternoonSurge: 0.1,
  },
  {
    id: 'jade-cards',
    tenant: 'jade-bank',
    name: 'Jade Cards',
    channel: 'voice',
    open: [8, 20],
    peakPerHour: 45,
    nightShare: 0,
    talkMeanSeconds: 210,
    talkCv: 0.6,
    acwMeanSeconds: 30,
    acwCv: 0.5,
    holdProbability: 0.15,
    holdMeanSeconds: 40,
    patienceMeanSeconds: 120,
    dispositions: [['lost-card', 25], ['transaction-query', 35], ['limit-increase', 15], ['fraud-report', 10], ['activation', 15]],
    targets: { slTarget: 0.9, slThresholdSeconds: 15, asaTargetSeconds: 15 },
    afternoonSurge: 0.2,
  },
  {
    id: 'jade-loans',
    tenant: 'jade-bank',
    name: 'Jade Loans (chat)',
    channel: 'chat',
    // Each chat agent serves up to three at once, so the queue takes more contacts than a phone line.
    capacity: 3,
    open: [8, 20],
    peakPerHour: 60,
    nightShare: 0,
    talkMeanSeconds: 420,
    talkCv: 0.5,
    acwMeanSeconds: 60,
    acwCv: 0.4,
    holdProbability: 0.1,
    holdMeanSeconds: 60,
    patienceMeanSeconds: 300,
    dispositions: [['rate-enquiry', 40], ['application-status', 35], ['documents', 25]],
    targets: { slThresholdSeconds: 60, slTarget: 0.8, asaTargetSeconds: 60 },
    afternoonSurge: 0.1,
  },
  {
    // Deferred work: emails arrive round the clock, wait for the day desk, answered within 24 h.
    id: 'jade-email',
    tenant: 'jade-bank',
    name: 'Jade Bank email',
    channel: 'email',
    open: [0, 24],
    peakPerHour: 18,
    nightShare: 0.25,
    talkMeanSeconds: 360,
    talkCv: 0.5,
    acwMeanSeconds: 60,
    acwCv: 0.4,
    holdProbability: 0,
    holdMeanSeconds: 0,
    // Customers seldom withdraw an email: a mean of 30 days.
    patienceMeanSeconds: 30 * 86_400,
    dispositions: [['statement-copy', 30], ['card-dispute', 25], ['address-change', 25], ['complaint', 20]],
    afternoonSurge: 0.1,
    backlogAtStart: 60,
  },
];

const GIVEN = ['Mei-ling', 'Wei', 'Ya-ting', 'Chih-hao', 'Hsiu-ying', 'Jun-jie', 'Shu-fen', 'Kai', 'Yi-chen', 'Tzu-hsuan', 'Po-han', 'Hui-min', 'Jia-hao', 'Pei-shan', 'Yu-ting', 'Cheng-en', 'Ling', 'Ming', 'An', 'Chia-yi'];
const FAMILY = ['Lin', 'Chen', 'Wang', 'Chang', 'Huang', 'Li', 'Wu', 'Liu', 'Tsai', 'Yang', 'Hsu', 'Cheng', 'Hsieh', 'Kuo', 'Hung'];

/** A planned stretch of an agent's day; activities match the schedule import (issue 3). */
export interface PlannedSegment {
  /** Minutes from shift start. */
  fromMinute: number;
  toMinute: number;
  activity: 'phone' | 'break' | 'lunch' | 'training' | 'meeting' | 'coaching';
}

export interface SimAgent {
  id: string;
  name: string;
  tenant: string;
  teamId: string;
  skills: string[];
  /** Chats the agent serves at once (the largest capacity of its chat queues); 0 without chat skills. */
  chatCapacity: number;
  shiftStart: number;
  shiftHours: number;
  /** The shift cut into activities, covering it end to end. */
  plan: PlannedSegment[];
  /** Chance of coming back late from a break or lunch. */
  lateProbability: number;
}

/** The agents of the floor, the same every day (their randomness lives in the simulation). */
export function buildAgents(): SimAgent[] {
  const agents: SimAgent[] = [];
  const names = new Set<string>();
  let n = 0;
  for (const tenant of TENANTS) {
    let k = 0;
    for (const shift of tenant.shifts) {
      for (let i = 0; i < shift.count; i++, k++, n++) {
        const id = `${tenant.id.split('-')[0]}-${String(k + 1).padStart(3, '0')}`;
        const plan = planShift(shift.hours, n);
        // Names are unique on the floor, as a supervisor would expect of a board.
        let name = '';
        for (let k = 0; !name || names.has(name); k++) name = `${FAMILY[(n * 7 + k) % FAMILY.length]} ${GIVEN[(n * 11 + k * 3) % GIVEN.length]}`;
        names.add(name);
        agents.push({
          id,
          name,
          tenant: tenant.id,
          teamId: tenant.team,
          skills: shift.skills[i % shift.skills.length],
          chatCapacity: chatCapacity(shift.skills[i % shift.skills.length]),
          shiftStart: shift.start,
          shiftHours: shift.hours,
          plan,
          // Every seventh agent is habitually late back; the rest only now and then.
          lateProbability: n % 7 === 3 ? 0.7 : 0.08,
        });
      }
    }
  }
  return agents;
}

/** The most chats at once of an agent with these skills (0 when none is a chat queue). */
function chatCapacity(skills: string[]): number {
  let most = 0;
  for (const q of QUEUES) if (q.channel === 'chat' && skills.includes(q.id)) most = Math.max(most, q.capacity ?? 1);
  return most;
}

/** Two 15-minute breaks and an hour's lunch; every fifth agent also has 30 minutes of training. */
function planShift(hours: number, n: number): PlannedSegment[] {
  const total = hours * 60;
  const stagger = (n % 4) * 15;
  const marks: PlannedSegment[] = [
    { fromMinute: 120 + stagger, toMinute: 135 + stagger, activity: 'break' },
    { fromMinute: 240 + stagger, toMinute: 300 + stagger, activity: 'lunch' },
    { fromMinute: 390 + stagger, toMinute: 405 + stagger, activity: 'break' },
  ];
  if (n % 5 === 2) marks.push({ fromMinute: 330 + stagger, toMinute: 360 + stagger, activity: 'training' });
  marks.sort((a, b) => a.fromMinute - b.fromMinute);
  const plan: PlannedSegment[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.fromMinute > at) plan.push({ fromMinute: at, toMinute: m.fromMinute, activity: 'phone' });
    plan.push(m);
    at = m.toMinute;
  }
  if (at < total) plan.push({ fromMinute: at, toMinute: total, activity: 'phone' });
  return plan;
}

/** Relative arrival rate (0..1) at a local hour: morning and afternoon peaks. */
export function intradayCurve(q: SimQueue, hour: number): number {
  const [from, to] = q.open;
  if (hour < from || hour >= to) return 0;
  const peaks = 0.25 + 0.75 * Math.exp(-(((hour - 10.5) / 1.4) ** 2)) + 0.65 * Math.exp(-(((hour - 14.5) / 1.7) ** 2));
  const evening = hour >= 19 ? Math.max(0, 1 - (hour - 19) / 4) : 1;
  return Math.max(q.nightShare, Math.min(1, peaks * evening));
}

/** The arrival rate an hour at a local hour, including the afternoon surge the forecast misses. */
export function arrivalsPerHour(q: SimQueue, hour: number): number {
  const surge = hour >= 12.5 && hour < 18 ? 1 + q.afternoonSurge : 1;
  return q.peakPerHour * intradayCurve(q, hour) * surge;
}

// ---- weeks and seasons (simulated history) ---------------------------------------------------

/** Volume by ISO weekday (index 1 = Monday): office clients peak on Monday and rest at weekends. */
const OFFICE_WEEK = [0, 1.25, 1.1, 1.02, 1.0, 0.95, 0.55, 0.45];
/** Travellers call every day; Friday and Sunday (trips starting and ending) run a little higher. */
const TRAVEL_WEEK = [0, 1.05, 0.95, 0.95, 1.0, 1.1, 0.9, 1.05];

/** Volume on public holidays against an ordinary weekday of the same kind. */
const HOLIDAY_FACTOR: Record<string, number> = { 'acme-telecom': 0.4, 'jade-bank': 0.3, 'formosa-air': 1.25 };

/** Gentle growth: 0.4% a week (about 23% a year), counted from this date. */
const TREND_PER_WEEK = 0.004;
const TREND_ANCHOR = Date.UTC(2026, 0, 1);

/** A campaign of the centre's own: the day's volume on some queues times a factor. */
export interface SimCampaign {
  date: string;
  queueIds: string[];
  factor: number;
  name: string;
}

/** Acme's bill run: statements land on the 1st and 16th, and billing calls jump the next working day. */
export const SIM_CAMPAIGNS: SimCampaign[] = ['2026-09-01', '2026-09-16', '2026-10-01', '2026-10-16', '2026-11-02', '2026-11-16', '2026-12-01', '2026-12-16'].map((date) => ({
  date,
  queueIds: ['acme-billing'],
  factor: 1.45,
  name: 'bill run',
}));

/** The largest `dayVolumeFactor` can be (bounds the arrival thinning). */
export const MAX_DAY_FACTOR = 2;

/**
 * How much busier than the base curve a queue is on a local date (YYYY-MM-DD): weekday
 * season times a gentle trend, times the holiday or campaign effect when `holidays` (dates)
 * or SIM_CAMPAIGNS name the day.
 */
export function dayVolumeFactor(q: SimQueue, date: string, holidays: ReadonlySet<string>): number {
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const js = new Date(utc).getUTCDay();
  const weekday = js === 0 ? 7 : js;
  const week = (q.tenant === 'formosa-air' ? TRAVEL_WEEK : OFFICE_WEEK)[weekday];
  const trend = 1 + (TREND_PER_WEEK * (utc - TREND_ANCHOR)) / (7 * 86_400_000);
  let special = 1;
  if (holidays.has(date)) special = HOLIDAY_FACTOR[q.tenant] ?? 0.5;
  for (const c of SIM_CAMPAIGNS) if (c.date === date && c.queueIds.includes(q.id)) special *= c.factor;
  return Math.min(MAX_DAY_FACTOR, week * trend * special);
}
