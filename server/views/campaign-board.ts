/**
 * The campaign board: a campaign's local hours of one day with its rates, and the list of
 * campaigns a caller sees. Pure reads of the engine at its clock (`engine.now`).
 */
import { OFFLINE } from '../domain/agent-timeline.ts';
import { CampaignHour, type Campaign } from '../domain/campaigns.ts';
import { bucketKey, hasSkill, type Engine, type QueueState } from '../domain/engine.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { CampaignBoard, CampaignHourRow, CampaignList } from '../protocol/campaigns.ts';
import type { QueueCampaignView } from '../protocol/metrics.ts';
import { visibleFloors } from './snapshot.ts';

/**
 * One row from an hour's sums and the campaign's agent time in it (ms); `start`/`end` are ISO.
 * Each rate is null when its denominator is 0.
 */
export function campaignRow(h: CampaignHour, agentMs: number, start: string, end: string): CampaignHourRow {
  const agentHours = agentMs / 3_600_000;
  const talkSeconds = h.talkMs / 1000;
  return {
    start,
    end,
    attempts: h.attempts,
    contacts: h.connected,
    contactRate: ratio(h.connected, h.attempts),
    noAnswer: h.noAnswer,
    busy: h.busy,
    refused: h.refused,
    failed: h.failed,
    successes: h.successes,
    refusals: h.refusals,
    callbacks: h.callbacks,
    successPerContact: ratio(h.successes, h.connected),
    agentHours,
    successPerAgentHour: ratio(h.successes, agentHours),
    abandoned: h.abandoned,
    abandonRate: ratio(h.abandoned, h.connected + h.abandoned),
    talkSeconds,
    talkSecondsPerSuccess: ratio(talkSeconds, h.successes),
  };
}

/**
 * Milliseconds within [from, to) that the campaign's agents were logged in (any state but
 * offline, aux included: the campaign pays for that time). The campaign's agents are those
 * skilled for the queue of the campaign's id (their latest `agent.login` lists it).
 */
export function campaignAgentMs(engine: Engine, c: Campaign, from: number, to: number): number {
  const floor = engine.tenants.get(c.tenant);
  if (!floor) return 0;
  let ms = 0;
  for (const a of floor.agents.values()) {
    if (!hasSkill(a, c.id)) continue;
    const by = a.timeline.msByState(from, to, engine.now);
    for (let s = 0; s < by.length; s++) if (s !== OFFLINE) ms += by[s];
  }
  return ms;
}

/** The board of campaign `c` on the local day `day` (the engine's today when omitted). */
export function campaignBoard(engine: Engine, c: Campaign, day: LocalDay = engine.campaigns.hourClock.dayOf(engine.now)): CampaignBoard {
  const clock = engine.campaigns.hourClock;
  const hours = day.starts.map((start) => {
    const end = clock.intervalEnd(start);
    return campaignRow(c.hours.get(start) ?? new CampaignHour(), campaignAgentMs(engine, c, start, end), clock.iso(start), clock.iso(end));
  });
  return { tenant: c.tenant, campaignId: c.id, name: campaignName(engine, c), date: day.date, timezone: clock.timezone, hours, total: campaignDay(engine, c, day) };
}

/** The campaign's name: the one configured for the queue of its id (its agents' skill), else the id. */
export function campaignName(engine: Engine, c: Campaign): string {
  return engine.tenants.get(c.tenant)?.queues.get(c.id)?.config.name ?? c.id;
}

/** The day's total row of campaign `c`: its hours' sums and its agents' time over the whole day (one pass each). */
export function campaignDay(engine: Engine, c: Campaign, day: LocalDay): CampaignHourRow {
  const clock = engine.campaigns.hourClock;
  return campaignRow(daySums(c, day), campaignAgentMs(engine, c, day.start, day.end), clock.iso(day.start), clock.iso(day.end));
}

/**
 * The campaign figures of a queue's tile: today's sums of the campaign with the queue's id in
 * its tenant, or null when the queue is no campaign. Agent hours are left out (the tile does
 * not show them, and they read every agent's timeline).
 */
export function queueCampaign(engine: Engine, q: QueueState): QueueCampaignView | null {
  const c = campaignOfQueue(engine, q);
  if (!c) return null;
  const row = campaignRow(daySums(c, engine.campaigns.hourClock.dayOf(engine.now)), 0, '', '');
  const { attempts, contacts, contactRate, successes, successPerContact, abandoned, abandonRate } = row;
  return { attempts, contacts, contactRate, successes, successPerContact, abandoned, abandonRate };
}

/** The tenant's queues that are outbound campaigns' (see `campaignOfQueue`). */
export function campaignQueues(engine: Engine, tenant: string): Set<QueueState> {
  const out = new Set<QueueState>();
  const floor = engine.tenants.get(tenant);
  for (const id of engine.campaigns.tenants.get(tenant)?.campaigns.keys() ?? []) {
    const q = floor?.queues.get(id);
    if (q && campaignOfQueue(engine, q)) out.add(q);
  }
  return out;
}

/**
 * The campaign whose id is the queue's, in its tenant, unless the queue took inbound contacts
 * today: a dial event naming an inbound queue by mistake must not hide that queue's service.
 */
function campaignOfQueue(engine: Engine, q: QueueState): Campaign | undefined {
  const c = engine.campaigns.tenants.get(q.config.tenant)?.campaigns.get(q.config.id);
  if (!c) return undefined;
  for (const start of engine.clock.dayOf(engine.now).starts) if ((q.buckets.get(bucketKey(start))?.offered ?? 0) > 0) return undefined;
  return c;
}

/** The sums of the campaign's hours within `day`. */
function daySums(c: Campaign, day: LocalDay): CampaignHour {
  const total = new CampaignHour();
  for (const start of day.starts) {
    const h = c.hours.get(start);
    if (h) addInto(total, h);
  }
  return total;
}

/** Every campaign of the tenants in `tenants` (null: all) with its day so far, by tenant then id. */
export function campaignList(engine: Engine, tenants: ReadonlySet<string> | null): CampaignList {
  const day = engine.campaigns.hourClock.dayOf(engine.now);
  const out: CampaignList = { date: day.date, campaigns: [] };
  for (const floor of visibleFloors(engine, tenants).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const book = engine.campaigns.tenants.get(floor.id);
    if (!book) continue;
    const campaigns = [...book.campaigns.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const c of campaigns) out.campaigns.push({ tenant: floor.id, tenantName: floor.name, campaignId: c.id, name: campaignName(engine, c), today: campaignDay(engine, c, day) });
  }
  return out;
}

function addInto(into: CampaignHour, h: CampaignHour): void {
  for (const k of Object.keys(into) as (keyof CampaignHour)[]) into[k] += h[k];
}

function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}
