import { DateTime } from 'luxon';
import { arrivalsPerHour, buildAgents, intradayCurve, MAX_DAY_FACTOR, QUEUES, type PlannedSegment, type SimAgent, type SimQueue } from './day-model.ts';
import { Random } from './random.ts';
import { SurveyDialler, type SurveyOptions } from './survey-dialler.ts';

/** A canonical event as a real ACD would send it (ISO timestamp with offset). */
export type WireEvent = Record<string, unknown> & { id: string; type: string; ts: string; tenant: string };

export interface SimulationOptions {
  /**
   * Volume of a queue on a local date against its base curve (weekdays, trend, holidays);
   * at most MAX_DAY_FACTOR. Absent: every day is the base day, as the live floor plays it.
   */
  dayFactor?: (q: SimQueue, date: string) => number;
  /** Multiplies every queue's arrival rate (1.3: 30% more calls on the same staff), for stressed days. */
  arrivalScale?: number;
  /**
   * Jade Bank's outbound survey campaign (simulator/survey-dialler.ts); absent or null: none. The
   * live floor (runner.ts) runs it; tests and tools that replay days of inbound traffic leave it out.
   */
  survey?: SurveyOptions | null;
}

interface Action {
  at: number;
  seq: number;
  run: () => void;
}

interface Waiting {
  callId: string;
  queue: SimQueue;
  queuedAt: number;
  done: boolean;
}

type Mode = 'offline' | 'available' | 'aux' | 'busy';

interface AgentRun {
  plan: SimAgent;
  mode: Mode;
  availableSince: number;
  /** What to do when the current call is wrapped: an aux reason, or logout. */
  after: { kind: 'aux'; reason: string; until: number } | { kind: 'logout' } | null;
  shiftEnd: number;
  /** Bumped by each aux stretch, so an earlier stretch's end does not cut a later one short. */
  auxSeq: number;
  /** Chats open now; an agent with chats open takes more chats up to its capacity, and no call. */
  chats: number;
}

/**
 * A discrete-event simulation of the floor: non-homogeneous Poisson arrivals by thinning,
 * longest-idle routing across skills, lognormal talk and after-call work, holds, caller
 * patience, shifts, breaks, lunch, training, and agents late back from breaks. Seeded and
 * deterministic: the same seed and start give the same events. It produces canonical events only.
 */
export class Simulation {
  readonly agents = buildAgents();
  readonly queues = QUEUES;
  now: number;
  private heap: Action[] = [];
  private seq = 0;
  private out: WireEvent[] = [];
  private waiting = new Map<string, Waiting[]>();
  private runs = new Map<string, AgentRun>();
  private rng: Random;
  private callSeq = 0;
  private factors = new Map<SimQueue, { date: string; factor: number }>();
  /** The outbound survey campaign, when it runs. */
  readonly survey: SurveyDialler | null;

  /**
   * Starts the floor at `start` (epoch ms); days are laid out in `timezone` from that day on.
   * Without options it plays exactly the usual floor.
   */
  constructor(
    readonly seed: number,
    readonly timezone: string,
    start: number,
    private readonly options: SimulationOptions = {},
  ) {
    this.now = start;
    this.rng = new Random(seed);
    for (const q of this.queues) this.waiting.set(q.id, []);
    for (const a of this.agents) this.runs.set(a.id, { plan: a, mode: 'offline', availableSince: 0, after: null, shiftEnd: 0, auxSeq: 0, chats: 0 });
    const day = DateTime.fromMillis(start, { zone: timezone }).startOf('day');
    // Yesterday's night shift may still be on the floor; each day plans the next at its midnight.
    this.planDay(day.minus({ days: 1 }));
    for (const q of this.queues) if (q.backlogAtStart) this.carryBacklog(q, q.backlogAtStart);
    for (const q of this.queues) this.scheduleArrival(q, start);
    const host = { now: () => this.now, at: (t: number, run: () => void) => this.at(t, run), emit: (key: string, tenant: string, type: string, fields: Record<string, unknown>) => this.emit(key, tenant, type, fields) };
    this.survey = options.survey ? new SurveyDialler(seed, timezone, start, options.survey, host) : null;
  }

  /** Runs the floor up to `t` (epoch ms) and returns the events it produced, in time order. */
  advanceTo(t: number): WireEvent[] {
    while (this.heap.length && this.heap[0].at <= t) {
      const a = this.pop();
      this.now = a.at;
      a.run();
    }
    this.now = Math.max(this.now, t);
    const out = this.out;
    this.out = [];
    return out;
  }

  /** The local start of the day's shift of an agent on the day starting at `dayStart`. */
  shiftStart(agent: SimAgent, day: DateTime): number {
    return day.plus({ minutes: Math.round(agent.shiftStart * 60) }).toMillis();
  }

  // ---- published plan ----------------------------------------------------------------------

  /**
   * The forecast the simulated client would have been given for a local date: the intraday
   * curve without the afternoon surge, so the afternoon runs 10-20% above it. Calls and AHT
   * (talk + expected hold + after-call work) per interval.
   */
  forecast(date: string, intervalMinutes: number): { tenant: string; queueId: string; start: number; calls: number; ahtSeconds: number }[] {
    const day = DateTime.fromISO(date, { zone: this.timezone }).startOf('day');
    const start = day.toMillis();
    const end = day.plus({ days: 1 }).toMillis();
    const out: { tenant: string; queueId: string; start: number; calls: number; ahtSeconds: number }[] = [];
    for (const q of this.queues) {
      const aht = q.talkMeanSeconds + q.holdProbability * q.holdMeanSeconds + q.acwMeanSeconds;
      for (let t = start; t < end; t += intervalMinutes * 60_000) {
        let calls = 0;
        // Expected arrivals: the rate integrated minute by minute over the interval.
        for (let m = 0; m < intervalMinutes; m++) calls += (q.peakPerHour * intradayCurve(q, localHour(t + m * 60_000 + 30_000, this.timezone))) / 60;
        out.push({ tenant: q.tenant, queueId: q.id, start: t, calls: Math.round(calls * 10) / 10, ahtSeconds: Math.round(aht) });
      }
    }
    return out;
  }

  /** Every agent's planned segments that overlap a local date (night shifts from the evening before included). */
  schedules(date: string): { tenant: string; agentId: string; start: number; end: number; activity: string }[] {
    const day = DateTime.fromISO(date, { zone: this.timezone }).startOf('day');
    const dayStart = day.toMillis();
    const dayEnd = day.plus({ days: 1 }).toMillis();
    const out: { tenant: string; agentId: string; start: number; end: number; activity: string }[] = [];
    for (const shiftDay of [day.minus({ days: 1 }), day]) {
      for (const agent of this.agents) {
        const shift = this.shiftStart(agent, shiftDay);
        for (const seg of agent.plan) {
          const start = shift + seg.fromMinute * 60_000;
          const end = shift + seg.toMinute * 60_000;
          if (end > dayStart && start < dayEnd) out.push({ tenant: agent.tenant, agentId: agent.id, start, end, activity: seg.activity });
        }
      }
    }
    return out;
  }

  // ---- days and agents -------------------------------------------------------------------

  private planDay(day: DateTime): void {
    for (const agent of this.agents) {
      const rng = this.rng.fork(`${day.toISODate()}:${agent.id}`);
      const start = this.shiftStart(agent, day);
      const end = start + agent.shiftHours * 3_600_000;
      if (end <= this.now) continue;
      // Most agents log in in the minute before the shift; now and then one is a few minutes late.
      const loginAt = start + (rng.chance(0.1) ? (2 + rng.next() * 6) * 60_000 : -rng.next() * 50_000);
      this.at(Math.max(this.now, loginAt), () => this.login(agent, end));
      for (const seg of agent.plan) {
        if (seg.activity === 'phone') continue;
        const from = start + seg.fromMinute * 60_000;
        if (from < this.now) continue;
        const late = rng.chance(agent.lateProbability) ? (3 + rng.next() * 12) * 60_000 : rng.next() * 60_000;
        this.at(from, () => this.startAux(agent, auxReason(seg), seg, late));
      }
      // Unplanned personal time, now and then.
      if (rng.chance(0.25)) {
        const at = start + (1 + rng.next() * (agent.shiftHours - 2)) * 3_600_000;
        if (at > this.now) this.at(at, () => this.startAux(agent, 'personal', null, (2 + rng.next() * 6) * 60_000));
      }
      this.at(Math.max(this.now, end), () => this.endShift(agent));
    }
    const next = day.plus({ days: 1 });
    this.at(Math.max(this.now, next.toMillis()), () => this.planDay(next));
  }

  private login(agent: SimAgent, shiftEnd: number): void {
    const run = this.runs.get(agent.id)!;
    if (run.mode !== 'offline') return;
    run.shiftEnd = shiftEnd;
    run.mode = 'available';
    run.availableSince = this.now;
    run.after = null;
    this.emit(`${agent.id}:login:${this.now}`, agent.tenant, 'agent.login', {
      agentId: agent.id,
      name: agent.name,
      teamId: agent.teamId,
      queues: agent.skills,
      state: 'available',
      ...loginCapacity(agent),
    });
    this.route(agent);
  }

  /** Starts an aux stretch now, or right after the current call when on one. */
  private startAux(agent: SimAgent, reason: string, seg: PlannedSegment | null, extraMs: number): void {
    const run = this.runs.get(agent.id)!;
    if (run.mode === 'offline') return;
    const planned = seg ? (seg.toMinute - seg.fromMinute) * 60_000 : 0;
    const until = this.now + planned + extraMs;
    if (run.mode === 'busy' || run.chats > 0) {
      run.after = { kind: 'aux', reason, until };
      return;
    }
    this.goAux(agent, run, reason, until);
  }

  private goAux(agent: SimAgent, run: AgentRun, reason: string, until: number): void {
    run.mode = 'aux';
    const seq = ++run.auxSeq;
    this.emit(`${agent.id}:aux:${this.now}`, agent.tenant, 'agent.state', { agentId: agent.id, state: 'aux', reason });
    // Time away is counted from when the agent actually left, so starting late ends late.
    const duration = Math.max(60_000, until - this.now);
    this.at(this.now + duration, () => {
      if (run.mode !== 'aux' || run.auxSeq !== seq) return;
      if (this.now >= run.shiftEnd) return this.endShift(agent);
      run.mode = 'available';
      run.availableSince = this.now;
      this.emit(`${agent.id}:ready:${this.now}`, agent.tenant, 'agent.state', { agentId: agent.id, state: 'available' });
      this.route(agent);
    });
  }

  private endShift(agent: SimAgent): void {
    const run = this.runs.get(agent.id)!;
    if (run.mode === 'offline') return;
    if (run.mode === 'busy' || run.chats > 0) {
      run.after = { kind: 'logout' };
      return;
    }
    run.mode = 'offline';
    this.emit(`${agent.id}:logout:${this.now}`, agent.tenant, 'agent.logout', { agentId: agent.id });
  }

  // ---- calls -----------------------------------------------------------------------------

  private scheduleArrival(q: SimQueue, from: number): void {
    // Thinning: candidates at the peak rate, each kept with probability rate(t) / peak.
    const cap = this.options.dayFactor ? MAX_DAY_FACTOR : 1;
    const scale = this.options.arrivalScale ?? 1;
    const peak = q.peakPerHour * (1 + q.afternoonSurge) * cap * scale;
    const maxPerMs = peak / 3_600_000;
    let t = from;
    for (;;) {
      t += this.rng.exponential(1 / maxPerMs);
      const hour = localHour(t, this.timezone);
      const factor = this.options.dayFactor ? this.dayFactorOf(q, hourCache.date) : 1;
      if (this.rng.next() * peak < arrivalsPerHour(q, hour) * factor * scale) break;
    }
    this.at(t, () => {
      this.arrive(q);
      this.scheduleArrival(q, this.now);
    });
  }

  /** The day factor of a queue, asked once per queue and local date. */
  private dayFactorOf(q: SimQueue, date: string): number {
    let c = this.factors.get(q);
    if (!c || c.date !== date) this.factors.set(q, (c = { date, factor: this.options.dayFactor!(q, date) }));
    return c.factor;
  }

  private arrive(q: SimQueue): void {
    // The local date from the per-day cache: luxon once a day, not once a call.
    localHour(this.now, this.timezone);
    const callId = `${q.id}-${hourCache.date.replaceAll('-', '')}-${++this.callSeq}`;
    const call: Waiting = { callId, queue: q, queuedAt: this.now, done: false };
    this.emit(`${callId}:queued`, q.tenant, 'call.queued', { callId, queueId: q.id, channel: q.channel });
    this.waiting.get(q.id)!.push(call);
    const patience = this.rng.exponential(q.patienceMeanSeconds * 1000);
    if (q.timeoutSeconds && patience > q.timeoutSeconds * 1000) {
      this.at(this.now + q.timeoutSeconds * 1000, () => this.leave(call, 'call.dequeued'));
    } else {
      this.at(this.now + patience, () => this.leave(call, 'call.abandoned'));
    }
    const agent = this.longestIdle(q.id);
    if (agent) this.route(agent);
  }

  /**
   * Deferred work left from the days before: `n` items queued evenly over the 24 hours before
   * the start, oldest first, so the oldest are already past a 24 h target (a desk that fell behind).
   */
  private carryBacklog(q: SimQueue, n: number): void {
    const from = this.now - 24 * 3_600_000;
    for (let k = 0; k < n; k++) {
      const queuedAt = Math.round(from + (k * 24 * 3_600_000) / n);
      localHour(queuedAt, this.timezone);
      const callId = `${q.id}-${hourCache.date.replaceAll('-', '')}-${++this.callSeq}`;
      this.emit(`${callId}:queued`, q.tenant, 'call.queued', { callId, queueId: q.id, channel: q.channel }, queuedAt);
      this.waiting.get(q.id)!.push({ callId, queue: q, queuedAt, done: false });
    }
  }

  private leave(call: Waiting, type: 'call.abandoned' | 'call.dequeued'): void {
    if (call.done) return;
    call.done = true;
    const list = this.waiting.get(call.queue.id)!;
    list.splice(list.indexOf(call), 1);
    const extra = type === 'call.dequeued' ? { reason: 'voicemail' } : {};
    this.emit(`${call.callId}:left`, call.queue.tenant, type, { callId: call.callId, queueId: call.queue.id, ...extra });
  }

  /** The agent to offer a contact of the queue: fewest chats open, then longest idle. */
  private longestIdle(queueId: string): SimAgent | null {
    const chat = this.queues.find((q) => q.id === queueId)?.channel === 'chat';
    let best: AgentRun | null = null;
    for (const run of this.runs.values()) {
      if (run.mode !== 'available' || !run.plan.skills.includes(queueId) || !this.canTake(run, chat)) continue;
      if (!best || run.chats < best.chats || (run.chats === best.chats && run.availableSince < best.availableSince)) best = run;
    }
    return best?.plan ?? null;
  }

  /** Whether a ready agent may take a chat (a free chat slot, no break pending) or a call (no chat open). */
  private canTake(run: AgentRun, chat: boolean): boolean {
    return chat ? run.chats < run.plan.chatCapacity && run.after === null : run.chats === 0;
  }

  /** Gives an available agent the longest-waiting call among its skills, if any. */
  private route(agent: SimAgent): void {
    const run = this.runs.get(agent.id)!;
    if (run.mode !== 'available') return;
    let pick: Waiting | null = null;
    // Callers on the line come before deferred work (email), however long that has waited.
    const later = (w: Waiting) => (w.queue.channel === 'email' ? 1 : 0);
    for (const qid of agent.skills) {
      const head = this.waiting.get(qid)![0];
      if (head && this.canTake(run, head.queue.channel === 'chat') && (!pick || later(head) < later(pick) || (later(head) === later(pick) && head.queuedAt < pick.queuedAt))) pick = head;
    }
    if (!pick) return;
    const call = pick;
    call.done = true;
    this.waiting.get(call.queue.id)!.shift();
    const q = call.queue;
    const chat = q.channel === 'chat';
    if (chat) {
      // A chat takes one slot; the agent stays ready for more chats, so offer the next one at once.
      run.chats++;
      this.at(this.now, () => this.route(agent));
    } else {
      run.mode = 'busy';
    }
    const rng = this.rng;
    const ring = 2_000 + rng.next() * 3_000;
    // Lognormal tails are long; a call over six times the mean is cut there (a supervisor would intervene).
    const talk = Math.min(rng.lognormal(q.talkMeanSeconds, q.talkCv), 6 * q.talkMeanSeconds) * 1000;
    const acw = rng.lognormal(q.acwMeanSeconds, q.acwCv) * 1000;
    const holds = rng.chance(q.holdProbability);
    const holdAt = talk * (0.3 + rng.next() * 0.4);
    const hold = holds ? rng.lognormal(q.holdMeanSeconds, 0.5) * 1000 : 0;
    const disposition = rng.weighted(q.dispositions);
    const t0 = this.now + ring;
    const base = { callId: call.callId, agentId: agent.id };
    this.at(t0, () => this.emit(`${call.callId}:answered`, q.tenant, 'call.answered', { ...base, queueId: q.id }));
    if (holds) {
      this.at(t0 + holdAt, () => this.emit(`${call.callId}:held`, q.tenant, 'call.held', base));
      this.at(t0 + holdAt + hold, () => this.emit(`${call.callId}:retrieved`, q.tenant, 'call.retrieved', base));
    }
    const ended = t0 + talk + hold;
    this.at(ended, () => this.emit(`${call.callId}:ended`, q.tenant, 'call.ended', base));
    this.at(ended + acw, () => {
      this.emit(`${call.callId}:wrapped`, q.tenant, 'call.wrapped', { ...base, disposition });
      if (chat && --run.chats > 0) return this.route(agent);
      this.afterCall(agent, run);
    });
  }

  private afterCall(agent: SimAgent, run: AgentRun): void {
    const next = run.after;
    run.after = null;
    if (next?.kind === 'logout' || this.now >= run.shiftEnd + 30 * 60_000) {
      run.mode = 'available';
      return this.endShift(agent);
    }
    if (next?.kind === 'aux') return this.goAux(agent, run, next.reason, next.until);
    run.mode = 'available';
    run.availableSince = this.now;
    this.route(agent);
  }

  // ---- plumbing --------------------------------------------------------------------------

  private emit(key: string, tenant: string, type: string, fields: Record<string, unknown>, at = this.now): void {
    this.out.push({ id: `sim${this.seed}:${key}`, type, ts: new Date(Math.round(at)).toISOString(), tenant, ...fields });
  }

  private at(at: number, run: () => void): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): Action {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The slots an agent's login declares: its chats at once, and one email, since an email makes
 * its agent busy here (route) as a call does; left to the queue's default (two), the board
 * showed an email agent at "Email 1/2" with a free slot it would never be given.
 */
function loginCapacity(agent: SimAgent): { capacity?: { chat?: number; email?: number } } {
  const email = agent.skills.some((id) => QUEUES.find((q) => q.id === id)?.channel === 'email');
  if (agent.chatCapacity === 0 && !email) return {};
  return { capacity: { ...(agent.chatCapacity > 0 ? { chat: agent.chatCapacity } : {}), ...(email ? { email: 1 } : {}) } };
}

function before(a: Action, b: Action): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function auxReason(seg: PlannedSegment): string {
  return seg.activity === 'phone' ? 'personal' : seg.activity;
}

const hourCache = { zone: '', dayStart: 0, dayEnd: 0, date: '' };

/** Local hour of day (fractional) of `t` (epoch ms), its date left in hourCache.date; luxon runs once per local day. */
function localHour(t: number, zone: string): number {
  if (zone !== hourCache.zone || t < hourCache.dayStart || t >= hourCache.dayEnd) {
    const d = DateTime.fromMillis(t, { zone }).startOf('day');
    hourCache.zone = zone;
    hourCache.dayStart = d.toMillis();
    hourCache.dayEnd = d.plus({ days: 1 }).toMillis();
    hourCache.date = d.toISODate()!;
  }
  return (t - hourCache.dayStart) / 3_600_000;
}
