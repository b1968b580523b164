/**
 * An agent user's board shows the queues its ACD agent is skilled for (`agentBoardQueues`), and
 * its alerts are those of these queues. Both were worked out when the socket subscribed, so an
 * agent that logged in again with other skills kept its old board until the screen reconnected:
 * it went on hearing a queue it no longer serves (its alerts too) and never heard a new one. The
 * server now tells the agent user's screens to subscribe again (an update built on a version
 * they never had, as when an agent leaves a team's screen) and moves their alerts to the new
 * board, pushing its alerts; a supervisor's screen and another agent's are left alone.
 * acme: a1 (ag1's agent) and a2 (ag2's) are skilled for q1, a3 for q2, a4 (ag3's) for q3, a5 for
 * q4; a call waits in each queue from 09:30:00 and a rule per queue fires while one waits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missedUpdate, withQueueUpdate } from '../../client/src/lib/version-gap.ts';
import type { TenantAlerts } from '../../server/protocol/alerts.ts';
import type { QueueView } from '../../server/protocol/metrics.ts';
import { openScreen, subscribeScreen, type FloorSocket } from '../helpers/floor-screen.ts';
import { addPeople } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { until } from '../helpers/webhook-receiver.ts';

const ADMIN = 'reskill-admin-0123456789abcd';
const T = (at: string) => `2026-11-20T${at}+08:00`;
const login = (agentId: string, queues: string[], at: string, n = 0) => ({ id: `l-${agentId}-${n}`, type: 'agent.login', ts: T(at), tenant: 'acme', agentId, name: `Agent ${agentId}`, queues, state: 'available', teamId: 'red' });
const queued = (callId: string, queueId: string, at: string) => ({ id: `q-${callId}`, type: 'call.queued', ts: T(at), tenant: 'acme', callId, queueId });
const rule = (queueId: string) => ({ id: `waiting-${queueId}`, tenant: 'acme', queueId, name: 'Callers waiting', metric: 'waitingCalls', comparator: '>=', threshold: 1, forSeconds: 0, clearSeconds: 30 });

const dir = mkdtempSync(join(tmpdir(), 'floorboard-reskill-'));
let server: Awaited<ReturnType<typeof startServer>>;
let cookie: Record<string, string> = {};

beforeAll(async () => {
  const rulesFile = join(dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify({ rules: [rule('q1'), rule('q2'), rule('q3'), rule('q4')] }));
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]), ALERT_RULES_FILE: rulesFile });
  // Pushes only when the test flushes, so each step's updates are those of its events.
  server.floor.hub.stop();
  const events = [login('a1', ['q1'], '09:00:00'), login('a2', ['q1'], '09:00:00'), login('a3', ['q2'], '09:00:00'), login('a4', ['q3'], '09:00:00'), login('a5', ['q4'], '09:00:00'), ...['q1', 'q2', 'q3', 'q4'].map((q) => queued(`c-${q}`, q, '09:30:00'))];
  expect((await (await server.post('/api/v1/events', ndjson(events), ADMIN)).json()).accepted).toBe(events.length);
  server.floor.hub.flush();
  cookie = await addPeople(server.base, ADMIN, [{ name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1' }, { name: 'ag2', role: 'agent', tenants: ['acme'], agentId: 'a2' }, { name: 'ag3', role: 'agent', tenants: ['acme'], agentId: 'a4' }], 'correct horse battery');
  // The evaluation after the events sees a call waiting in each queue: all four rules fire.
  await until(async () => (openQueues(((await server.get('/api/v1/alerts', ADMIN)).body as { tenants: TenantAlerts[] }).tenants).length === 4 ? true : undefined), 5000, 'four alerts');
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The queues of the open alerts, sorted. */
const openQueues = (tenants: Iterable<TenantAlerts>) => [...tenants].flatMap((t) => t.open.map((a) => a.queueId)).sort();

/**
 * A wallboard as the client keeps it (client/src/lib/floor.svelte.ts): its snapshot with each
 * update applied, subscribing again on an update that builds on a version it never had; its
 * alerts by tenant, as subscribed and then pushed.
 */
class Screen {
  queues: Record<string, QueueView> = {};
  version = 0;
  /** Subscriptions after the first (the server's calls to subscribe again). */
  resubscribes = 0;
  /** Alerts messages pushed since subscribing. */
  alertPushes = 0;
  alerts = new Map<string, TenantAlerts>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(readonly socket: FloorSocket) {
    socket.on('update', (u) => {
      this.pending = this.pending.then(async () => {
        const next = missedUpdate(this.version, u) ? null : withQueueUpdate(this.queues, u);
        if (next) {
          this.queues = next;
          if (u.version !== undefined) this.version = u.version;
          return;
        }
        this.resubscribes++;
        await this.subscribe();
      });
    });
    socket.on('alerts', (a) => {
      this.alertPushes++;
      this.alerts.set(a.tenant, a);
    });
  }

  static async open(auth: { token: string } | { cookie: string }): Promise<Screen> {
    const s = new Screen(await openScreen(server, auth));
    await s.subscribe();
    const alerts = await s.socket.emitWithAck('alerts:subscribe', {});
    if (!alerts.ok) throw new Error(alerts.error);
    for (const a of alerts.data) s.alerts.set(a.tenant, a);
    return s;
  }

  async subscribe(): Promise<void> {
    const a = await subscribeScreen(this.socket, { agents: false });
    if (!a.ok) throw new Error(a.error);
    this.queues = Object.fromEntries(a.data.queues.map((q) => [q.key, q]));
    this.version = a.data.version;
  }

  /** Each queue's calls waiting, by id. */
  waiting(): Record<string, number> {
    return Object.fromEntries(Object.values(this.queues).map((q) => [q.id, q.waiting]));
  }

  /** Once the updates that arrived (and the subscriptions they asked for) are taken in. */
  settled(): Promise<unknown> {
    return this.pending;
  }
}

/** Posts events, pushes, and waits for the screens to take in what the push sent them. */
async function postAndPush(events: object[], screens: Screen[]): Promise<void> {
  expect((await server.post('/api/v1/events', ndjson(events), ADMIN)).status).toBe(200);
  server.floor.hub.flush();
  // The cycle's messages go out over turns; a later turn would have sent them.
  await new Promise((r) => setTimeout(r, 300));
  await Promise.all(screens.map((s) => s.settled()));
}

describe("an agent user's board follows its agent's skills", () => {
  it('drops the queue its agent left and shows the one it joined, alerts too; other screens stay as they are', async () => {
    const ag1 = await Screen.open({ cookie: cookie.ag1 });
    const ag2 = await Screen.open({ cookie: cookie.ag2 });
    const ops = await Screen.open({ token: ADMIN });
    const screens = [ag1, ag2, ops];
    expect(ag1.waiting()).toEqual({ q1: 1 });
    expect(openQueues(ag1.alerts.values())).toEqual(['q1']);

    // a1 logs in again at 09:30:30 skilled for q2 only.
    await postAndPush([login('a1', ['q2'], '09:30:30', 1)], screens);
    expect(ag1.resubscribes).toBe(1);
    expect(ag1.waiting()).toEqual({ q2: 1 });
    expect(openQueues(ag1.alerts.values())).toEqual(['q2']);
    // Nobody else's board or alerts changed: no call to subscribe again, no alerts pushed.
    expect([ag2.resubscribes, ops.resubscribes, ag2.alertPushes, ops.alertPushes]).toEqual([0, 0, 0, 0]);

    // A call more in q1 and in q2 at 09:30:40: ag1 hears q2's, not q1's; ag2 the other way round.
    await postAndPush([queued('c4', 'q1', '09:30:40'), queued('c5', 'q2', '09:30:40')], screens);
    expect(ag1.waiting()).toEqual({ q2: 2 });
    expect(ag2.waiting()).toEqual({ q1: 2 });
    expect(ops.waiting()).toEqual({ q1: 2, q2: 2, q3: 1, q4: 1 });
    expect([ag1.resubscribes, ag2.resubscribes, ops.resubscribes]).toEqual([1, 0, 0]);
    for (const s of screens) s.socket.disconnect();
  });

  it('shows a queue its agent gains while keeping the ones it had', async () => {
    const ag3 = await Screen.open({ cookie: cookie.ag3 });
    const ag2 = await Screen.open({ cookie: cookie.ag2 });
    expect(ag3.waiting()).toEqual({ q3: 1 });
    expect(openQueues(ag3.alerts.values())).toEqual(['q3']);

    // At 09:30:50 a4 is skilled for q4 as well: it is still in q3, so a screen scoped by queue
    // (q3) would not be told to subscribe again; the agent user's must be.
    await postAndPush([login('a4', ['q3', 'q4'], '09:30:50', 1)], [ag3, ag2]);
    expect(ag3.resubscribes).toBe(1);
    expect(ag3.waiting()).toEqual({ q3: 1, q4: 1 });
    expect(openQueues(ag3.alerts.values())).toEqual(['q3', 'q4']);
    expect([ag2.resubscribes, ag2.alertPushes]).toEqual([0, 0]);

    // The same skills again (in another order) change nothing: no call to subscribe again, no alerts pushed.
    const pushed = ag3.alertPushes;
    await postAndPush([login('a4', ['q4', 'q3'], '09:30:55', 2)], [ag3, ag2]);
    expect([ag3.resubscribes, ag3.alertPushes - pushed]).toEqual([1, 0]);
    for (const s of [ag3, ag2]) s.socket.disconnect();
  });
});
