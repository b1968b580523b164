import type { AdherenceRules } from '../domain/adherence.ts';
import type { Engine } from '../domain/engine.ts';
import type { Plan } from '../domain/plan.ts';
import type { ReforecastParams } from '../domain/reforecast.ts';
import type { AdherenceLive, TenantAdherence } from '../protocol/adherence.ts';
import { adherenceLive } from './adherence.ts';
import { impactLookup } from './intraday.ts';

/**
 * Live adherence computed at most once per tenant per `maxAgeMs` of real time and shared by
 * every reader (socket pushes, subscriptions, REST), so a flood of requests costs one
 * computation a tenant, not one each.
 */
export class LiveAdherenceCache {
  private cache = new WeakMap<Engine, Map<string, { at: number; value: TenantAdherence }>>();

  constructor(
    private readonly plan: Plan,
    private readonly rules: AdherenceRules,
    private readonly reforecast: ReforecastParams,
    private readonly wallClock: () => number,
    private readonly maxAgeMs = 1000,
  ) {}

  /** One tenant's live adherence, at most `maxAgeMs` old. */
  tenant(engine: Engine, tenant: string): TenantAdherence {
    let byTenant = this.cache.get(engine);
    if (!byTenant) this.cache.set(engine, (byTenant = new Map()));
    const hit = byTenant.get(tenant);
    const now = this.wallClock();
    if (hit && now - hit.at < this.maxAgeMs) return hit.value;
    const impact = impactLookup(engine, this.plan, this.reforecast);
    const value = { ...adherenceLive(engine, this.plan, this.rules, { tenants: new Set([tenant]) }, impact), tenant };
    byTenant.set(tenant, { at: now, value });
    return value;
  }

  /** Several tenants (null: all) merged into one answer. */
  tenants(engine: Engine, tenants: ReadonlySet<string> | null): AdherenceLive {
    const ids = [...engine.tenants.keys()].filter((t) => !tenants || tenants.has(t));
    const parts = ids.map((t) => this.tenant(engine, t));
    const out: AdherenceLive = { now: engine.now, graceSeconds: this.rules.graceMs / 1000, severeSeconds: this.rules.severeMs / 1000, agents: [], exceptions: [], teams: [] };
    for (const p of parts) {
      out.agents.push(...p.agents);
      out.exceptions.push(...p.exceptions);
      out.teams.push(...p.teams);
    }
    out.exceptions.sort((x, y) => y.seconds - x.seconds);
    return out;
  }
}
