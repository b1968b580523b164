import type { Engine } from '../domain/engine.ts';
import type { AgentRecord } from '../domain/tenant-floor.ts';
import type { AgentView } from '../protocol/metrics.ts';
import { agentView } from './agent-view.ts';

/**
 * Agents' views as last computed, for the boards a push cycle builds: each tenant's board was
 * every agent's view anew each cycle (1,000 agents a tenant, 20 tenants: 75 ms of 87-120 ms a
 * cycle on the big floor), though few agents change in a cycle. A view is a function of the
 * agent's state and the engine clock, and the clock matters only through the local day (calls
 * handled today): every state step of an agent is at or before the clock, so its state now is its
 * last step, which only an event changes, and every event that changes an agent marks it dirty
 * (what the pushes already rely on). So a view is reused only while its agent is not dirty,
 * dropped when the engine hands the agent over as changed (`forget`, at each push) and all are
 * dropped when the local day turns or the engine is another.
 */
export class AgentViewCache {
  private views = new WeakMap<AgentRecord, AgentView>();
  private engine: Engine | null = null;
  private dayStart = NaN;
  /** Views computed (not reused) since the cache was made, for tests and figures. */
  computed = 0;

  /** The agent's view now: reused while the agent has not changed, else computed (and kept unless the agent is dirty). */
  view(engine: Engine, a: AgentRecord): AgentView {
    const day = engine.clock.dayOf(engine.now).start;
    if (engine !== this.engine || day !== this.dayStart) {
      this.views = new WeakMap();
      this.engine = engine;
      this.dayStart = day;
    }
    if (!a.dirty) {
      const kept = this.views.get(a);
      if (kept) return kept;
    }
    const v = agentView(engine, a);
    this.computed++;
    // A dirty agent is forgotten at the next push anyway; changes before that must not find this one.
    if (!a.dirty) this.views.set(a, v);
    return v;
  }

  /** The agent's kept view, when it is still its view now (`view` would reuse it); else undefined. */
  kept(engine: Engine, a: AgentRecord): AgentView | undefined {
    if (a.dirty || engine !== this.engine || engine.clock.dayOf(engine.now).start !== this.dayStart) return undefined;
    return this.views.get(a);
  }

  /** The agents the engine handed over as changed (`takeDirty`): their views are computed again. */
  forget(agents: readonly AgentRecord[]): void {
    for (const a of agents) this.views.delete(a);
  }
}
