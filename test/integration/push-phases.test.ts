import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { missedUpdate, withQueueUpdate } from '../../client/src/lib/version-gap.ts';
import type { AgentView, QueueView } from '../../server/protocol/metrics.ts';
import type { Ack, ClientToServer, ServerToClient, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { PUSH_PHASES, SCREENS_PER_PHASE } from '../../server/realtime/push-phases.ts';
import { ev } from '../helpers/events.ts';
import { ndjson, startServer } from '../helpers/server.ts';

type FloorSocket = Socket<ServerToClient, ClientToServer>;
let server: Awaited<ReturnType<typeof startServer>>;

// Pushes only at the beats the test calls, so each phase's turn is under the test's control.
beforeAll(async () => {
  server = await startServer();
  server.floor.hub.stop();
  const logins = ['a1', 'a2', 'a3'].map((id) => ev('agent.login', '09:00:00', { tenant: 'acme', agentId: id, name: `acme ${id}`, queues: ['support'], state: 'available' }));
  expect((await server.post('/api/v1/events', ndjson(logins))).status).toBe(200);
  server.floor.hub.flush();
});
afterAll(() => server.stop());

const settle = () => new Promise((r) => setTimeout(r, 100));

/** A screen as the client keeps it: its snapshot with every update applied, and each update's beat. */
class Screen {
  queues: Record<string, QueueView> = {};
  agents: Record<string, AgentView> = {};
  version = 0;
  /** The beat (test's count) at which each update arrived. */
  beats: number[] = [];
  gaps = 0;

  constructor(
    readonly socket: FloorSocket,
    beat: () => number,
  ) {
    socket.on('update', (u) => {
      this.beats.push(beat());
      if (missedUpdate(this.version, u)) this.gaps++;
      const next = withQueueUpdate(this.queues, u);
      if (!next) this.gaps++;
      else this.queues = next;
      for (const a of u.agents) this.agents[a.key] = a;
      this.version = u.version ?? this.version;
    });
  }

  /** Subscribes to acme and takes the snapshot. */
  async subscribe(): Promise<void> {
    const snap = await new Promise<Ack<VersionedSnapshot>>((r) => this.socket.emit('subscribe', { tenants: ['acme'] }, r));
    if (!snap.ok) throw new Error(snap.error);
    this.queues = Object.fromEntries(snap.data.queues.map((q) => [q.key, q]));
    this.agents = Object.fromEntries(snap.data.agents.map((a) => [a.key, a]));
    this.version = snap.data.version;
  }
}

async function screen(beat: () => number): Promise<Screen> {
  const s = server.socket();
  await new Promise<void>((r) => s.once('connect', () => r()));
  const sc = new Screen(s, beat);
  await sc.subscribe();
  return sc;
}

async function post(events: Record<string, unknown>[]): Promise<void> {
  expect((await server.post('/api/v1/events', ndjson(events))).status).toBe(200);
}

interface Phased {
  /** The test's beat count (the hub's timer is stopped: the test beats by hand). */
  beat: () => number;
  /** One beat of the hub, then the screens' messages arrive. */
  step: () => Promise<void>;
  /** A screen subscribed to acme, recording the beat of each update; it leaves when the test ends. */
  screen: () => Promise<Screen>;
}

/** Runs `body` with `perPhase` screens a phase; then its screens leave, and every phase is empty again. */
async function withPhases(perPhase: number, body: (t: Phased) => Promise<void>): Promise<void> {
  const hub = server.floor.hub;
  hub.phases.screensPerPhase = perPhase;
  let beat = 0;
  const opened: Screen[] = [];
  const t: Phased = {
    beat: () => beat,
    step: async () => {
      beat++;
      hub.beat();
      await settle();
    },
    screen: async () => {
      const s = await screen(() => beat);
      opened.push(s);
      return s;
    },
  };
  try {
    await body(t);
  } finally {
    for (const s of opened) s.socket.disconnect();
    await settle();
    hub.phases.screensPerPhase = SCREENS_PER_PHASE;
  }
  expect(hub.phases.sizes).toEqual([0, 0, 0, 0, 0]);
}

describe('push phases: a big floor pushed in turns', () => {
  it('pushes each phase at its own beat, once per interval, and every screen ends at the floor a new subscriber sees', () =>
    withPhases(2, async ({ beat, step, screen }) => {
      const hub = server.floor.hub;
      const screens: Screen[] = [];
      for (let i = 0; i < 6; i++) screens.push(await screen());
      // Two screens a phase, three phases open.
      expect(hub.phases.sizes).toEqual([2, 2, 2, 0, 0]);
      await post([ev('agent.state', '09:10:00', { tenant: 'acme', agentId: 'a1', state: 'aux', reason: 'break' })]);
      await step();
      await step();
      // A call waits from between the second and the third beat.
      await post([ev('call.queued', '09:10:05', { tenant: 'acme', callId: 'c1', queueId: 'support' })]);
      await step();
      // A screen joins mid-interval: the emptiest open phase (four open at six screens) is phase 3.
      const late = await screen();
      expect(hub.phases.sizes).toEqual([2, 2, 2, 1, 0]);
      for (let i = 0; i < 2 * PUSH_PHASES; i++) await step();
      // And a last change after that, which every phase pushes within one interval of beats.
      await post([ev('call.answered', '09:10:20', { tenant: 'acme', callId: 'c1', queueId: 'support', agentId: 'a2' })]);
      const lastChangeAt = beat();
      for (let i = 0; i < PUSH_PHASES; i++) await step();

      // The screens of a phase hear at the same beat, no two phases at the same beat.
      const firstBeat = screens.map((s) => s.beats[0]);
      expect(firstBeat[0]).toBe(firstBeat[1]);
      expect(firstBeat[2]).toBe(firstBeat[3]);
      expect(firstBeat[4]).toBe(firstBeat[5]);
      expect(new Set([firstBeat[0], firstBeat[2], firstBeat[4]]).size).toBe(3);
      for (const s of [...screens, late]) {
        // Never two messages within an interval: beats at least PUSH_PHASES apart, always on the phase's beat.
        for (let i = 1; i < s.beats.length; i++) expect((s.beats[i] - s.beats[0]) % PUSH_PHASES).toBe(0);
        // The last change reached it within one interval.
        expect(s.beats.at(-1)).toBeGreaterThan(lastChangeAt);
        expect(s.beats.at(-1)).toBeLessThanOrEqual(lastChangeAt + PUSH_PHASES);
        expect(s.gaps).toBe(0);
      }
      // Pushed at beat 1 or 2 (before the call came): a second update for the call; after it: one holding both.
      for (const s of screens) expect(s.beats.length).toBe((s.beats[0] <= 2 ? 2 : 1) + 1);
      // The late screen's phase had no screens, so its snapshot read the floor live: it hears only the answer.
      expect(late.beats.length).toBe(1);
      // Everyone, the late screen too, holds what a new subscriber (snapshot read live) sees.
      const fresh = await screen();
      for (const s of [...screens, late]) {
        expect(s.queues).toEqual(fresh.queues);
        expect(s.agents).toEqual(fresh.agents);
      }
      expect(fresh.queues['4:acme/support']).toMatchObject({ waiting: 0 });
      expect([fresh.agents['4:acme/a1'].state, fresh.agents['4:acme/a2'].state]).toEqual(['aux', 'talking']);
    }));

  it('answers a subscription from what its phase last pushed, so the phase\'s next update brings it up to date', () =>
    withPhases(1, async ({ beat, step, screen }) => {
      const hub = server.floor.hub;
      // Agents available again, pushed to everyone: a clean start for this test's counts.
      await post(['a1', 'a2', 'a3'].map((id, i) => ev('agent.state', `09:20:0${i}`, { tenant: 'acme', agentId: id, state: 'available' })));
      hub.flush();
      const [a, b, c] = [await screen(), await screen(), await screen()];
      expect(hub.phases.sizes).toEqual([1, 1, 1, 0, 0]);
      // a1 takes a break; one interval of beats shows which beat each phase is pushed at.
      await post([ev('agent.state', '09:21:00', { tenant: 'acme', agentId: 'a1', state: 'aux', reason: 'break' })]);
      for (let i = 0; i < PUSH_PHASES; i++) await step();
      expect([a, b, c].map((s) => s.beats.length)).toEqual([1, 1, 1]);
      // Step to a's beat, then a3 takes a break: b and c push it before a's next beat.
      while ((beat() - a.beats[0]) % PUSH_PHASES !== 0) await step();
      await post([ev('agent.state', '09:22:00', { tenant: 'acme', agentId: 'a3', state: 'aux', reason: 'lunch' })]);
      while (b.beats.length < 2 || c.beats.length < 2) await step();
      expect(a.beats.length).toBe(1);
      const aux = (s: Screen) => s.queues['4:acme/support'].agents.aux;
      expect([aux(a), aux(b), aux(c)]).toEqual([1, 2, 2]);
      // Each subscribes again: b's snapshot is what its phase pushed (2 on a break), a's what
      // a's phase pushed (1), and a's next update brings it to 2.
      for (const s of [a, b, c]) await s.subscribe();
      expect([aux(a), aux(b), aux(c)]).toEqual([1, 2, 2]);
      for (let i = 0; i < PUSH_PHASES; i++) await step();
      expect([aux(a), aux(b), aux(c)]).toEqual([2, 2, 2]);
      expect([a, b, c].map((s) => s.gaps)).toEqual([0, 0, 0]);
    }));

  it('gives a screen joining a phase that emptied the changes made while it was empty', () =>
    withPhases(SCREENS_PER_PHASE, async ({ step, screen }) => {
      const hub = server.floor.hub;
      // One screen (phase 0) takes a snapshot, which is cached, and drops (a network blip).
      const a = await screen();
      a.socket.disconnect();
      await settle();
      expect(hub.phases.sizes).toEqual([0, 0, 0, 0, 0]);
      // While no screen watches, a3 takes a break and a call waits; beats pass with no one to push to.
      await post([ev('agent.state', '09:26:00', { tenant: 'acme', agentId: 'a3', state: 'aux', reason: 'blip' }), ev('call.queued', '09:26:01', { tenant: 'acme', callId: 'c9', queueId: 'support' })]);
      for (let i = 0; i < PUSH_PHASES; i++) await step();
      // The screen comes back: its snapshot shows both, not the one cached before the blip.
      const b = await screen();
      expect(b.agents['4:acme/a3'].state).toBe('aux');
      expect(b.queues['4:acme/support'].waiting).toBe(a.queues['4:acme/support'].waiting + 1);
    }));

  it('keeps a screen that changes scope in its phase, so it still hears once an interval at its beat', () =>
    withPhases(1, async ({ step, screen }) => {
      const hub = server.floor.hub;
      const [a, b] = [await screen(), await screen()];
      expect(hub.phases.sizes).toEqual([1, 1, 0, 0, 0]);
      await post([ev('agent.state', '09:27:00', { tenant: 'acme', agentId: 'a2', state: 'aux', reason: 'coaching' })]);
      for (let i = 0; i < PUSH_PHASES; i++) await step();
      expect([a.beats.length, b.beats.length]).toEqual([1, 1]);
      // b now follows the support queue only: another scope, the same phase.
      const asked = await new Promise<Ack<VersionedSnapshot>>((r) => b.socket.emit('subscribe', { queues: ['support'] }, r));
      expect(asked.ok).toBe(true);
      expect(hub.phases.sizes).toEqual([1, 1, 0, 0, 0]);
      await post([ev('agent.state', '09:27:30', { tenant: 'acme', agentId: 'a2', state: 'available' })]);
      for (let i = 0; i < PUSH_PHASES; i++) await step();
      // Its second update came exactly one interval of beats after its first.
      expect(b.beats).toEqual([b.beats[0], b.beats[0] + PUSH_PHASES]);
    }));

  it('pushes every queue to every phase when a new interval starts, changed by an event or not', () =>
    withPhases(1, async ({ step, screen }) => {
      const hub = server.floor.hub;
      // A call queued in the 09:30-10:00 interval: support's offered count this interval is 1.
      server.clock.now = Date.parse('2026-11-20T09:46:00+08:00');
      await post([ev('call.queued', '09:45:00', { tenant: 'acme', callId: 'c20', queueId: 'support' })]);
      hub.flush();
      const [a, b] = [await screen(), await screen()];
      expect(hub.phases.sizes).toEqual([1, 1, 0, 0, 0]);
      expect(a.queues['4:acme/support'].interval.offered).toBe(1);
      // The first event of the next interval comes from another tenant: acme's support is not
      // marked changed, but its "this interval" figures start again from nothing.
      server.clock.now = Date.parse('2026-11-20T10:06:00+08:00');
      await post([ev('agent.login', '10:05:00', { tenant: 'bank', agentId: 'b1', queues: ['loans'], state: 'available' })]);
      for (let i = 0; i < PUSH_PHASES; i++) await step();
      for (const s of [a, b]) {
        expect(s.beats.length).toBe(1);
        expect(s.queues['4:acme/support'].interval.offered).toBe(0);
        expect(s.gaps).toBe(0);
      }
    }));

  it('keeps the phases\' counts right through subscriptions, scope changes, drops before admission and disconnects', () =>
    withPhases(2, async ({ screen }) => {
      const hub = server.floor.hub;
      const sum = () => hub.phases.sizes.reduce((a, b) => a + b, 0);
      const screens: Screen[] = [];
      for (let i = 0; i < 9; i++) screens.push(await screen());
      expect(sum()).toBe(9);
      // Every other screen changes scope (its phase and the count stay), then asks again for the same.
      for (const [i, s] of screens.entries()) {
        if (i % 2) continue;
        const asked = await new Promise<Ack<VersionedSnapshot>>((r) => s.socket.emit('subscribe', i % 4 ? { queues: ['support'] } : { tenants: ['acme', 'bank'] }, r));
        expect(asked.ok).toBe(true);
      }
      expect(sum()).toBe(9);
      // A screen that drops right after asking (its subscription never admitted) is never counted.
      const hasty = server.socket();
      await new Promise<void>((r) => hasty.once('connect', () => r()));
      hasty.emit('subscribe', { tenants: ['acme'] }, () => {});
      hasty.disconnect();
      await settle();
      expect(sum()).toBe(9);
      // Three leave: the count follows, and new screens fill the emptiest open phases.
      for (const s of screens.splice(0, 3)) s.socket.disconnect();
      await settle();
      expect(sum()).toBe(6);
      for (let i = 0; i < 3; i++) await screen();
      expect(sum()).toBe(9);
      expect(Math.max(...hub.phases.sizes) - Math.min(...hub.phases.sizes.slice(0, 4))).toBeLessThanOrEqual(1);
    }));
});
