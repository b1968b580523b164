/**
 * A subscribe answer with agents is written a chunk at a time over turns, then settled in one
 * turn (views/agent-chunks.ts): chunks whose agents changed meanwhile are written again. That is
 * only right if the settled list always equals the list written at once at the moment of
 * settling. Random floors of two tenants with 150 agents each (chunks of 64, so cuts move as
 * agents log in), events applied between the steps, clock ticks, pushes handing over the changed
 * agents, a local midnight, and a tenant's names hidden or shown mid-build.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../server/domain/engine.ts';
import { scopedKey } from '../../server/protocol/keys.ts';
import { agentChunkSteps, settleAgentChunks, type AgentChunk } from '../../server/views/agent-chunks.ts';
import { AgentViewCache } from '../../server/views/agent-view-cache.ts';
import { agentView } from '../../server/views/agent-view.ts';
import { redactAgent } from '../../server/views/people-scope.ts';
import { agentsInScope, type Scope } from '../../server/views/snapshot.ts';
import { parse } from '../helpers/events.ts';
import { randomFloor } from '../helpers/random-floor.ts';
import { rng } from '../helpers/rng.ts';

describe('a subscribe answer written over turns', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`settles to exactly the agent list written at once (seed ${seed})`, () => {
      const r = rng(seed * 7919);
      const events = parse(randomFloor(seed, 6000, { agents: 150, tenants: ['acme', 'bank'] }));
      const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
      const cache = new AgentViewCache();
      let hideBank = false;
      const scopes: Scope[] = [
        { tenants: null, queues: null },
        { tenants: new Set(['acme']), queues: new Set([scopedKey('acme', 'q1')]) },
        { tenants: null, queues: null, people: { teams: null, agent: null, hideAgentNames: (t) => hideBank && t === 'bank' } },
      ];
      const viewOf = (a: Parameters<typeof agentView>[1]) => cache.view(engine, a);
      let next = 0;
      const apply = (n: number) => {
        for (let i = 0; i < n && next < events.length; i++) engine.apply(events[next++]);
      };
      apply(1500);
      let builds = 0;
      let kept = 0;
      let rewritten = 0;
      while (next < events.length) {
        const scope = scopes[builds % scopes.length];
        const steps = agentChunkSteps(engine, scope, viewOf);
        let step = steps.next();
        while (!step.done) {
          // Between two turns of writing: events, the clock, a push, a changed name setting.
          apply(Math.floor(r() * 6));
          if (r() < 0.05) engine.tick(engine.now + Math.floor(r() * 90) * 1000);
          if (r() < 0.2) cache.forget(engine.takeDirty().agents);
          if (r() < 0.15) hideBank = !hideBank;
          step = steps.next();
        }
        const written: AgentChunk[] = step.value;
        const settled = settleAgentChunks(engine, scope, written, viewOf, (a) => cache.kept(engine, a));
        const atOnce = agentsInScope(engine, scope).map((a) => redactAgent(scope.people, agentView(engine, a)));
        expect(JSON.parse(`[${settled.texts.join(',')}]`), `build ${builds}`).toEqual(atOnce);
        kept += atOnce.length - settled.rewritten;
        rewritten += settled.rewritten;
        builds++;
        apply(Math.floor(r() * 200));
      }
      expect(engine.clock.dayOf(engine.now).date).toBe('2026-11-21');
      // Not an empty check: many builds, some chunks kept and some written again.
      expect(builds).toBeGreaterThan(10);
      expect(kept).toBeGreaterThan(0);
      expect(rewritten).toBeGreaterThan(0);
    });
  }

  it('writes again only the agents that changed, not their whole chunk of 64', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    const logins = Array.from({ length: 150 }, (_, i) => ({ id: `l${i}`, tenant: 'acme', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId: `a${i}`, name: `Agent ${i}`, state: 'available' }));
    for (const e of parse(logins)) engine.apply(e);
    const cache = new AgentViewCache();
    cache.forget(engine.takeDirty().agents);
    const scope: Scope = { tenants: null, queues: null };
    const viewOf = (a: Parameters<typeof agentView>[1]) => cache.view(engine, a);
    const steps = agentChunkSteps(engine, scope, viewOf);
    let step = steps.next();
    while (!step.done) step = steps.next();
    // 150 agents: chunks of 64, 64 and 22. Agent a70 (the second chunk) goes on a break.
    expect(step.value.map((c) => c.agents.length)).toEqual([64, 64, 22]);
    for (const e of parse([{ id: 's1', tenant: 'acme', type: 'agent.state', ts: '2026-11-20T09:05:00+08:00', agentId: 'a70', state: 'aux', reason: 'break' }])) engine.apply(e);
    const settled = settleAgentChunks(engine, scope, step.value, viewOf, (a) => cache.kept(engine, a));
    expect(settled.rewritten).toBe(1);
    expect(JSON.parse(settled.texts[70])).toMatchObject({ id: 'a70', state: 'aux', reason: 'break' });
  });
});

