/**
 * The hub keeps agents' views across push cycles (views/agent-view-cache.ts) and reuses one while
 * its agent is not marked changed. That is only right if a view never changes without its agent
 * being marked: random floors of logins, state changes, voice and chat contacts with holds,
 * arriving up to 3 minutes late, with clock ticks between events, across a local midnight; at
 * random moments a push hands over the changed agents, and every agent's kept view must equal
 * the view computed afresh.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { AgentViewCache } from '../../server/views/agent-view-cache.ts';
import { agentView } from '../../server/views/agent-view.ts';
import { parse } from '../helpers/events.ts';
import { rng } from '../helpers/rng.ts';
import { randomFloor } from '../helpers/random-floor.ts';

describe("an agent's kept view", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`equals the view computed afresh whenever the agent is not marked changed (seed ${seed})`, () => {
      const r = rng(seed * 104_729);
      const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      const cache = new AgentViewCache();
      let checked = 0;
      let reused = 0;
      for (const ev of parse(randomFloor(seed, 1200))) {
        engine.apply(ev);
        // The clock runs on between events now and then (ticks move it, events do not wait).
        if (r() < 0.05) engine.tick(engine.now + Math.floor(r() * 90) * 1000);
        // A push hands over what changed since the last one.
        if (r() < 0.2) cache.forget(engine.takeDirty().agents);
        if (r() < 0.1) {
          for (const t of engine.tenants.values()) {
            for (const a of t.agents.values()) {
              const before = cache.computed;
              expect(cache.view(engine, a), `${a.id} at ${new Date(engine.now).toISOString()}`).toEqual(agentView(engine, a));
              if (cache.computed === before) reused++;
              checked++;
            }
          }
        }
      }
      // The floor crossed midnight, and the check was not empty: a good share of views were reused
      // (six agents and a busy floor: about a quarter).
      expect(engine.clock.dayOf(engine.now).date).toBe('2026-11-21');
      expect(checked).toBeGreaterThan(300);
      expect(reused).toBeGreaterThan(checked / 5);
    });
  }

  it('is computed again once its agent changes, at once, before any push', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    const cache = new AgentViewCache();
    const [login, aux] = parse([
      { id: 'l', tenant: 'acme', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId: 'a1', name: 'Ann', state: 'available' },
      { id: 's', tenant: 'acme', type: 'agent.state', ts: '2026-11-20T09:05:00+08:00', agentId: 'a1', state: 'aux', reason: 'break' },
    ]);
    engine.apply(login);
    cache.forget(engine.takeDirty().agents);
    const a = engine.agent('acme', 'a1')!;
    expect(cache.view(engine, a).state).toBe('available');
    expect(cache.view(engine, a).state).toBe('available');
    expect(cache.computed).toBe(1);
    engine.apply(aux);
    expect(cache.view(engine, a)).toMatchObject({ state: 'aux', reason: 'break', since: Date.parse('2026-11-20T09:05:00+08:00') });
    // Marked changed, it is not kept until the push has handed it over.
    expect(cache.view(engine, a).state).toBe('aux');
    expect(cache.computed).toBe(3);
    cache.forget(engine.takeDirty().agents);
    cache.view(engine, a);
    cache.view(engine, a);
    expect(cache.computed).toBe(4);
  });
});
