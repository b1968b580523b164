import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../server/domain/steps.ts';
import { jsonBodySteps } from '../../server/http/send-json-parts.ts';
import { scopedKey } from '../../server/protocol/keys.ts';
import { SnapshotCache, type EncodedBody } from '../../server/views/snapshot-cache.ts';
import { TooManyBuilds } from '../../server/realtime/shared-builds.ts';
import { snapshot, type Scope } from '../../server/views/snapshot.ts';
import { snapshotTextSteps } from '../../server/views/snapshot-text.ts';
import { engineWith, ev, parse } from '../helpers/events.ts';

/** Two tenants: acme with 150 agents on 3 queues (a call waiting in each), zenith with 2 agents, one in team t2. */
function floor() {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < 150; i++) events.push(ev('agent.login', '09:00:00', { tenant: 'acme', agentId: `a${i}`, name: `Agent ${i}`, teamId: i % 2 ? 't1' : 't2', queues: [`q${i % 3}`], state: 'available' }));
  for (let i = 0; i < 3; i++) events.push(ev('call.queued', '09:01:00', { tenant: 'acme', callId: `c${i}`, queueId: `q${i}` }));
  events.push(ev('agent.login', '09:00:00', { tenant: 'zenith', agentId: 'z1', name: 'Zed', teamId: 't2', queues: ['zq'], state: 'aux' }));
  events.push(ev('agent.login', '09:00:00', { tenant: 'zenith', agentId: 'z2', name: 'Zoe', queues: ['zq'], state: 'available' }));
  return engineWith(events, { teams: [{ tenant: 'zenith', id: 't2', name: 'Night shift' }] });
}

/** The steps run to their end, and how many times they paused. */
function written(steps: Generator<void, string[]>): { text: string; pauses: number } {
  let pauses = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { text: r.value.join(''), pauses };
    pauses++;
  }
}

describe('a snapshot written in steps (GET /snapshot)', () => {
  const scopes: [string, Scope][] = [
    ['every tenant', { tenants: null, queues: null }],
    ['one tenant', { tenants: new Set(['zenith']), queues: null }],
    ['two queues of one tenant', { tenants: new Set(['acme']), queues: new Set([scopedKey('acme', 'q0'), scopedKey('acme', 'q2')]) }],
    ['a team lead of t2, names hidden in acme', { tenants: null, queues: null, people: { teams: new Set(['t2']), agent: null, hideAgentNames: (t) => t === 'acme' } }],
    ['a tenant with nothing in it', { tenants: new Set(['nobody']), queues: null }],
  ];
  for (const [name, scope] of scopes) {
    it(`is the text of the snapshot in one piece: ${name}`, () => {
      const engine = floor();
      expect(written(snapshotTextSteps(engine, scope)).text).toBe(JSON.stringify(snapshot(engine, scope)));
    });
  }

  it('pauses every 4 queues and every 64 agents looked at', () => {
    const engine = floor();
    // acme: 3 queues (no pause), then 150 agents (pauses after the 64th and 128th); zenith: 1 queue, 2 agents.
    // Queues of every tenant are written first, 4 = 3 + 1 of them: one pause there.
    expect(written(snapshotTextSteps(engine, { tenants: null, queues: null })).pauses).toBe(3);
    // A scope of two queues still looks at each of acme's 150 agents: the same two pauses there.
    expect(written(snapshotTextSteps(engine, { tenants: new Set(['acme']), queues: new Set([scopedKey('acme', 'q0')]) })).pauses).toBe(2);
  });

  it("shows what changed between its steps, with a clock never older than a view in it", () => {
    const engine = floor();
    const steps = snapshotTextSteps(engine, { tenants: new Set(['acme']), queues: null });
    steps.next();
    // Between two steps: a0, already written, and a149, not yet, both go on break at 09:05.
    const [a0, a149] = ['a0', 'a149'].map((agentId) => ev('agent.state', '09:05:00', { tenant: 'acme', agentId, state: 'aux', reason: 'break' }));
    for (const e of parse([a0, a149])) engine.apply(e);
    const body = JSON.parse(runToEnd(steps).join('')) as { now: number; agents: { id: string; state: string }[] };
    expect(body.agents.find((a) => a.id === 'a149')?.state).toBe('aux');
    expect(body.now).toBe(Date.parse('2026-11-20T09:05:00+08:00'));
  });
});

describe('the snapshot body cache', () => {
  const encoded = (text: string): EncodedBody => runToEnd(jsonBodySteps([text]));

  it('answers asks for a scope being built from that one build, and keeps it while nothing changes', async () => {
    const engine = floor();
    const cache = new SnapshotCache(60_000, { perSignIn: 1, total: 1 }, () => 0);
    let finish: (b: EncodedBody) => void = () => {};
    const build = () => new Promise<EncodedBody>((resolve) => (finish = resolve));
    const asks = [cache.get(engine, 'all', 'ann', build), cache.get(engine, 'all', 'bob', build), cache.get(engine, 'all', 'ann', build)];
    finish(encoded('{"n":1}'));
    expect((await Promise.all(asks)).map((b) => b.body.toString())).toEqual(['{"n":1}', '{"n":1}', '{"n":1}']);
    expect((await cache.get(engine, 'all', 'cat', () => Promise.resolve(encoded('{"n":2}')))).body.toString()).toBe('{"n":1}');
    expect(cache.builds).toBe(1);
  });

  it('refuses a third build of one sign-in, and a fifth in all, until one ends', async () => {
    const engine = floor();
    const cache = new SnapshotCache(60_000, { perSignIn: 2, total: 4 }, () => 0);
    const pending: ((b: EncodedBody) => void)[] = [];
    const build = () => new Promise<EncodedBody>((resolve) => pending.push(resolve));
    const first = cache.get(engine, 'q1', 'ann', build);
    void cache.get(engine, 'q2', 'ann', build);
    expect(() => cache.get(engine, 'q3', 'ann', build)).toThrow(new TooManyBuilds('sign-in', 2));
    void cache.get(engine, 'q3', 'bob', build);
    void cache.get(engine, 'q4', 'bob', build);
    expect(() => cache.get(engine, 'q5', 'cat', build)).toThrow(new TooManyBuilds('server', 4));
    // Joining a build under way is no new build.
    void cache.get(engine, 'q1', 'cat', build);
    pending[0](encoded('{}'));
    await first;
    // ann's q3 would join bob's build: a scope nobody builds is a new one.
    void cache.get(engine, 'q6', 'ann', build);
    expect(pending.length).toBe(5);
  });

  it('keeps no body the floor changed under while it was built', async () => {
    const engine = floor();
    const cache = new SnapshotCache(60_000, { perSignIn: 1, total: 1 }, () => 0);
    const during = () => {
      engine.tick(engine.now + 1000);
      return Promise.resolve(encoded('{"old":true}'));
    };
    expect((await cache.get(engine, 'all', 'ann', during)).body.toString()).toBe('{"old":true}');
    expect((await cache.get(engine, 'all', 'ann', () => Promise.resolve(encoded('{"new":true}')))).body.toString()).toBe('{"new":true}');
  });
});
