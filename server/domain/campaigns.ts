/**
 * Outbound campaigns as pure state: dial attempts, their results and outcomes, and the talk
 * time of connected contacts, summed per campaign and local hour. Every figure counts in the
 * hour of its attempt (as a queued call counts in its arrival interval), so an outcome or a
 * talk time that comes later still lands beside its attempt. Each attempt's contribution is
 * added and taken back whole (`count`), so a late or repeated event replaces what it must and
 * the sums are the same in any arrival order.
 */
import type { DialAttempt, DialOutcome, DialOutcomeEvent, DialResult } from '../protocol/events.ts';
import { IntervalClock } from './intervals.ts';

/** Running sums of one campaign's attempts placed in one local hour; times in ms. */
export class CampaignHour {
  attempts = 0;
  connected = 0;
  noAnswer = 0;
  busy = 0;
  refused = 0;
  failed = 0;
  abandoned = 0;
  successes = 0;
  refusals = 0;
  callbacks = 0;
  /** Agent talk time (call.answered to call.ended) of the hour's connected contacts, ms. */
  talkMs = 0;
}

const RESULT_FIELD: Record<DialResult, keyof CampaignHour> = {
  connected: 'connected',
  'no-answer': 'noAnswer',
  busy: 'busy',
  refused: 'refused',
  failed: 'failed',
  abandoned: 'abandoned',
};
const OUTCOME_FIELD: Record<DialOutcome, keyof CampaignHour> = { success: 'successes', refusal: 'refusals', callback: 'callbacks' };

interface AttemptFact {
  ts: number;
  id: string;
  result: DialResult;
  callId: string;
  /** Epoch ms of the local hour the attempt counts in. */
  hour: number;
}

/** One attempt as far as its events are known: the attempt itself may come after its outcome. */
export interface AttemptRec {
  attemptId: string;
  attempt: AttemptFact | null;
  outcome: { ts: number; id: string; outcome: DialOutcome } | null;
  talkMs: number | null;
  /** Latest event time when the record was made; an outcome without its attempt ages out from it. */
  firstSeen: number;
}

export interface Campaign {
  id: string;
  tenant: string;
  /** Local hour start (epoch ms) -> sums. */
  hours: Map<number, CampaignHour>;
  attempts: Map<string, AttemptRec>;
}

/** One tenant's campaigns, the connected calls by call id, and talk times waiting for their attempt. */
export class TenantCampaigns {
  readonly campaigns = new Map<string, Campaign>();
  readonly byCall = new Map<string, { campaign: Campaign; rec: AttemptRec }>();
  readonly pendingTalk = new Map<string, { ms: number; at: number }>();
  constructor(readonly tenant: string) {}
}

type Problem = [reason: string, detail: string] | null;

/** Everything of the campaigns as JSON-ready data (engine snapshots). */
export interface CampaignBookData {
  tenants: {
    tenant: string;
    campaigns: { id: string; hours: [number, CampaignHour][]; attempts: AttemptRec[] }[];
    pendingTalk: [string, number, number][];
  }[];
}

/** Every tenant's outbound campaigns. */
export class CampaignBook {
  /** Local hours of the centre (real hours from local midnight, so a DST day has 23 or 25). */
  readonly hourClock: IntervalClock;
  readonly tenants = new Map<string, TenantCampaigns>();

  constructor(timezone: string) {
    this.hourClock = new IntervalClock(timezone, 60);
  }

  /** A tenant's campaign, or undefined. */
  campaign(tenant: string, id: string): Campaign | undefined {
    return this.tenants.get(tenant)?.campaigns.get(id);
  }

  /** Applies a validated dial event at event time `now` (epoch ms); null, or the anomaly. */
  apply(ev: DialAttempt | DialOutcomeEvent, now: number): Problem {
    const t = this.tenantOf(ev.tenant);
    const c = this.campaignOf(t, ev.campaignId);
    let rec = c.attempts.get(ev.attemptId);
    if (!rec) c.attempts.set(ev.attemptId, (rec = { attemptId: ev.attemptId, attempt: null, outcome: null, talkMs: null, firstSeen: now }));
    return ev.type === 'dial.attempt' ? this.onAttempt(t, c, rec, ev) : this.onOutcome(c, rec, ev);
  }

  /** Talk time (ms) of an outbound call that ended; it joins the attempt with that call id. */
  talk(tenant: string, callId: string, ms: number, now: number): void {
    const t = this.tenantOf(tenant);
    const hit = t.byCall.get(callId);
    if (!hit) {
      t.pendingTalk.set(callId, { ms, at: now });
      return;
    }
    this.count(hit.campaign, hit.rec, -1);
    hit.rec.talkMs = ms;
    this.count(hit.campaign, hit.rec, 1);
  }

  /**
   * Ages out, at event time `now`, outcomes whose attempt did not come within `windowMs`
   * (each reported) and talk times of outbound calls no attempt claimed (manual calls: silent).
   */
  sweep(now: number, windowMs: number, report: (tenant: string, ts: number, reason: string, detail: string) => void): void {
    for (const t of this.tenants.values()) {
      for (const [callId, p] of t.pendingTalk) if (now - p.at > windowMs) t.pendingTalk.delete(callId);
      for (const c of t.campaigns.values()) {
        for (const [id, rec] of c.attempts) {
          if (rec.attempt || now - rec.firstSeen <= windowMs) continue;
          c.attempts.delete(id);
          report(t.tenant, rec.outcome?.ts ?? now, 'never-dialled', `outcome for attempt ${id} of campaign ${c.id}, which was never dialled`);
        }
      }
    }
  }

  /** Drops hours and attempts placed before `cut` (epoch ms), as the engine's retention does. */
  forgetBefore(cut: number): void {
    for (const t of this.tenants.values()) {
      for (const c of t.campaigns.values()) {
        for (const key of c.hours.keys()) if (key < cut) c.hours.delete(key);
        for (const [id, rec] of c.attempts) {
          if (!rec.attempt || rec.attempt.hour >= cut) continue;
          c.attempts.delete(id);
          if (t.byCall.get(rec.attempt.callId)?.rec === rec) t.byCall.delete(rec.attempt.callId);
        }
      }
    }
  }

  toData(): CampaignBookData {
    return {
      tenants: [...this.tenants.values()].map((t) => ({
        tenant: t.tenant,
        campaigns: [...t.campaigns.values()].map((c) => ({ id: c.id, hours: [...c.hours], attempts: [...c.attempts.values()] })),
        pendingTalk: [...t.pendingTalk].map(([callId, p]) => [callId, p.ms, p.at]),
      })),
    };
  }

  /** Restores what `toData` gave into an empty book. */
  load(d: CampaignBookData): void {
    for (const td of d.tenants) {
      const t = this.tenantOf(td.tenant);
      for (const [callId, ms, at] of td.pendingTalk) t.pendingTalk.set(callId, { ms, at });
      for (const cd of td.campaigns) {
        const c = this.campaignOf(t, cd.id);
        for (const [k, h] of cd.hours) c.hours.set(k, Object.assign(new CampaignHour(), h));
        for (const rec of cd.attempts) {
          c.attempts.set(rec.attemptId, rec);
          if (rec.attempt) t.byCall.set(rec.attempt.callId, { campaign: c, rec });
        }
      }
    }
  }

  // ---- events ----------------------------------------------------------------------------

  private onAttempt(t: TenantCampaigns, c: Campaign, rec: AttemptRec, ev: DialAttempt): Problem {
    const fact: AttemptFact = { ts: ev.ts, id: ev.id, result: ev.result, callId: ev.callId ?? ev.attemptId, hour: this.hourClock.intervalStart(ev.ts) };
    const old = rec.attempt;
    let problem: Problem = null;
    if (old) {
      problem = ['attempt-twice', `attempt ${ev.attemptId} of campaign ${c.id} reported twice`];
      // The canonically first report holds, whichever arrived first.
      if (!canonicallyBefore(fact, old)) return problem;
      if (t.byCall.get(old.callId)?.rec === rec) t.byCall.delete(old.callId);
    }
    this.count(c, rec, -1);
    rec.attempt = fact;
    const pending = t.pendingTalk.get(fact.callId);
    if (pending) {
      t.pendingTalk.delete(fact.callId);
      rec.talkMs = pending.ms;
    }
    t.byCall.set(fact.callId, { campaign: c, rec });
    this.count(c, rec, 1);
    if (!problem && rec.outcome && fact.result !== 'connected') problem = notConnected(c, rec);
    return problem;
  }

  private onOutcome(c: Campaign, rec: AttemptRec, ev: DialOutcomeEvent): Problem {
    const fact = { ts: ev.ts, id: ev.id, outcome: ev.outcome };
    if (rec.outcome) {
      const problem: Problem = ['outcome-twice', `attempt ${ev.attemptId} of campaign ${c.id} has two outcomes`];
      if (!canonicallyBefore(fact, rec.outcome)) return problem;
      this.count(c, rec, -1);
      rec.outcome = fact;
      this.count(c, rec, 1);
      return problem;
    }
    this.count(c, rec, -1);
    rec.outcome = fact;
    this.count(c, rec, 1);
    return rec.attempt && rec.attempt.result !== 'connected' ? notConnected(c, rec) : null;
  }

  /** Adds (sign 1) or takes back (-1) everything an attempt contributes to its hour. */
  private count(c: Campaign, rec: AttemptRec, sign: 1 | -1): void {
    const a = rec.attempt;
    if (!a) return;
    let h = c.hours.get(a.hour);
    if (!h) c.hours.set(a.hour, (h = new CampaignHour()));
    h.attempts += sign;
    h[RESULT_FIELD[a.result]] += sign;
    // Outcomes and talk belong to connected contacts only; anything else was reported as an anomaly.
    if (a.result !== 'connected') return;
    if (rec.outcome) h[OUTCOME_FIELD[rec.outcome.outcome]] += sign;
    if (rec.talkMs !== null) h.talkMs += sign * rec.talkMs;
  }

  private tenantOf(id: string): TenantCampaigns {
    let t = this.tenants.get(id);
    if (!t) this.tenants.set(id, (t = new TenantCampaigns(id)));
    return t;
  }

  private campaignOf(t: TenantCampaigns, id: string): Campaign {
    let c = t.campaigns.get(id);
    if (!c) t.campaigns.set(id, (c = { id, tenant: t.tenant, hours: new Map(), attempts: new Map() }));
    return c;
  }
}

/** Same-type events in the canonical order: by time, then event id (their rank is equal). */
function canonicallyBefore(a: { ts: number; id: string }, b: { ts: number; id: string }): boolean {
  return a.ts < b.ts || (a.ts === b.ts && a.id < b.id);
}

function notConnected(c: Campaign, rec: AttemptRec): Problem {
  return ['outcome-not-connected', `attempt ${rec.attemptId} of campaign ${c.id} has an outcome but its result is ${rec.attempt!.result}`];
}
