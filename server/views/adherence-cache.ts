import type { AdherenceRules } from '../domain/adherence.ts';
import type { Engine } from '../domain/engine.ts';
import type { LocalDay } from '../domain/intervals.ts';
import type { Plan } from '../domain/plan.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import type { AdherenceReport } from '../protocol/adherence.ts';
import { runSliced, type SlicedWork } from '../realtime/sliced.ts';
import { adherenceLiveSteps, adherenceReportSteps, type AdherenceFilter, type LiveLists } from './adherence.ts';
import { runToEnd } from '../domain/steps.ts';
import { impactLookup } from './intraday.ts';

/** One tenant's live adherence lists (unpaged, uncounted: `pageLive` makes an answer of them). */
export type TenantLists = LiveLists & { tenant: string };

/** Day reports (by filter and day) kept per engine; past it a report is still answered, only not kept. */
const MAX_REPORTS = 200;

interface Entry<T> {
  /** Real time it was computed (epoch ms). */
  at: number;
  /** The floor's time then (epoch ms). */
  engineNow: number;
  /** The plan's schedule revision then. */
  revision: number;
  value: T;
}

/** Values of one engine by key, with the computations under way. */
interface Store<T> {
  done: Map<string, Entry<T>>;
  running: Map<string, Promise<T>>;
}

/**
 * Live adherence per tenant, and day reports per filter, computed at most once per `maxAgeMs`
 * of real time (and of floor time, and while the schedules stay as they were) and shared by every
 * reader (socket pushes, subscriptions, REST), so a flood of requests costs one computation, not
 * one each. Each computation runs as sliced work, one agent a step: a tenant of 20,000 agents
 * is about a second of work, spread over turns of the loop instead of held in one.
 */
export class LiveAdherenceCache {
  private live = new WeakMap<Engine, Store<TenantLists>>();
  private reports = new WeakMap<Engine, Store<AdherenceReport>>();
  private runs = 0;

  constructor(
    private readonly plan: Plan,
    private readonly rules: AdherenceRules,
    private readonly reforecast: ReforecastParams,
    private readonly wallClock: () => number,
    private readonly work: SlicedWork,
    private readonly maxAgeMs = 1000,
  ) {}

  private store<T>(map: WeakMap<Engine, Store<T>>, engine: Engine): Store<T> {
    let s = map.get(engine);
    if (!s) map.set(engine, (s = { done: new Map(), running: new Map() }));
    return s;
  }

  private fresh(engine: Engine, e: Entry<unknown> | undefined): boolean {
    return !!e && this.wallClock() - e.at < this.maxAgeMs && Math.abs(engine.now - e.engineNow) < this.maxAgeMs && e.revision === this.plan.scheduleRevision;
  }

  private entry<T>(engine: Engine, value: T): Entry<T> {
    return { at: this.wallClock(), engineNow: engine.now, revision: this.plan.scheduleRevision, value };
  }

  /** The value of `key`: fresh from the store, from the computation under way, or computed now in steps. */
  private shared<T>(engine: Engine, s: Store<T>, key: string, steps: () => Generator<void, T>, keep: boolean): Promise<T> {
    const hit = s.done.get(key);
    if (hit && this.fresh(engine, hit)) return Promise.resolve(hit.value);
    const under = s.running.get(key);
    if (under) return under;
    const run = runSliced(this.work, `adherence ${++this.runs}`, steps()).then(
      (value) => {
        s.running.delete(key);
        // An engine swapped meanwhile (a new replay) keeps its own store; this one is simply dropped with it.
        if (keep || s.done.has(key)) s.done.set(key, this.entry(engine, value));
        return value;
      },
      (err: unknown) => {
        s.running.delete(key);
        throw err;
      },
    );
    s.running.set(key, run);
    return run;
  }

  private liveSteps(engine: Engine, tenant: string): () => Generator<void, TenantLists> {
    const { plan, rules, reforecast } = this;
    return function* () {
      const impact = impactLookup(engine, plan, reforecast);
      const value = yield* adherenceLiveSteps(engine, plan, rules, { tenants: new Set([tenant]) }, impact);
      return { ...value, tenant };
    };
  }

  /** One tenant's live adherence, at most `maxAgeMs` old, computed over turns when it is not. */
  tenantAsync(engine: Engine, tenant: string): Promise<TenantLists> {
    return this.shared(engine, this.store(this.live, engine), tenant, this.liveSteps(engine, tenant), true);
  }

  /**
   * One tenant's live adherence now, for a caller that cannot wait (alert samples): a value past
   * its age is answered while a new one is computed over turns; only a tenant never computed is
   * computed at once.
   */
  tenant(engine: Engine, tenant: string): TenantLists {
    const s = this.store(this.live, engine);
    const hit = s.done.get(tenant);
    if (hit) {
      if (!this.fresh(engine, hit)) void this.tenantAsync(engine, tenant).catch(() => undefined);
      return hit.value;
    }
    const value = runToEnd(this.liveSteps(engine, tenant)());
    s.done.set(tenant, this.entry(engine, value));
    return value;
  }

  /** The tenant's last computed live adherence, however old, or undefined: for pushes just after `tenantAsync`. */
  last(engine: Engine, tenant: string): TenantLists | undefined {
    return this.live.get(engine)?.done.get(tenant)?.value;
  }

  /** Several tenants (null: all) merged into one answer, every agent of them (page it after). */
  async tenants(engine: Engine, tenants: ReadonlySet<string> | null): Promise<LiveLists> {
    const ids = [...engine.tenants.keys()].filter((t) => !tenants || tenants.has(t));
    const parts = await Promise.all(ids.map((t) => this.tenantAsync(engine, t)));
    const out: LiveLists = { now: engine.now, graceSeconds: this.rules.graceMs / 1000, severeSeconds: this.rules.severeMs / 1000, agents: [], exceptions: [], teams: [] };
    for (const p of parts) {
      for (const a of p.agents) out.agents.push(a);
      for (const x of p.exceptions) out.exceptions.push(x);
      out.teams.push(...p.teams);
    }
    out.exceptions.sort((x, y) => y.seconds - x.seconds);
    return out;
  }

  /** A day's report of every agent the filter keeps, without detail, shared like live adherence (page it and add detail after). */
  report(engine: Engine, day: LocalDay, f: AdherenceFilter): Promise<AdherenceReport> {
    const s = this.store(this.reports, engine);
    const key = JSON.stringify([day.date, f.tenants ? [...f.tenants].sort() : '*', f.teamId ?? null, f.agentId ?? null, f.visible?.key ?? '*']);
    // Past ones are dropped as new ones come, so the store holds at most MAX_REPORTS.
    for (const [k, e] of s.done) if (!this.fresh(engine, e)) s.done.delete(k);
    const keep = s.done.size < MAX_REPORTS;
    return this.shared(engine, s, key, () => adherenceReportSteps(engine, this.plan, this.rules, day, f), keep);
  }
}
