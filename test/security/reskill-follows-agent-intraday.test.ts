/**
 * An agent user may watch the intraday of a queue its ACD agent serves (`intraday:subscribe`
 * answers any other like an unknown queue), but that was checked only when it subscribed: after
 * a login took the queue away, its socket stayed in the queue's intraday room and went on
 * hearing the queue's figures at every refresh. The server now takes such a socket out of the
 * room at the push that follows the login; the room (shared by every screen of that queue's day)
 * stays, so a team lead's watch of the same queue and another agent user's still serving it go
 * on. The client's intraday page watches again at each new board snapshot, which the same push
 * asks an agent user's screens for (reskill-follows-agent-board.test.ts), and then watches a
 * queue of its new board.
 * acme: a1 (ag1's agent) and a2 (ag2's) are skilled for q1, a3 for q2, a4 (ag3's) for q3, a5 for
 * q4; a call waits in each queue from 09:30:00; lead1 leads team red, every agent's team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missedUpdate } from '../../client/src/lib/version-gap.ts';
import { openScreen, subscribeScreen, type FloorSocket } from '../helpers/floor-screen.ts';
import { addPeople } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'reskill-intraday-admin-0123456789';
const DATE = '2026-11-20';
const T = (at: string) => `${DATE}T${at}+08:00`;
const login = (agentId: string, queues: string[], at: string, n = 0) => ({ id: `l-${agentId}-${n}`, type: 'agent.login', ts: T(at), tenant: 'acme', agentId, name: `Agent ${agentId}`, queues, state: 'available', teamId: 'red' });
const queued = (callId: string, queueId: string, at: string) => ({ id: `q-${callId}`, type: 'call.queued', ts: T(at), tenant: 'acme', callId, queueId });

let server: Awaited<ReturnType<typeof startServer>>;
let cookie: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  // Pushes and refreshes only when the test asks, so each step's messages are those of its events.
  server.floor.hub.stop();
  const events = [login('a1', ['q1'], '09:00:00'), login('a2', ['q1'], '09:00:00'), login('a3', ['q2'], '09:00:00'), login('a4', ['q3'], '09:00:00'), login('a5', ['q4'], '09:00:00'), ...['q1', 'q2', 'q3', 'q4'].map((q) => queued(`c-${q}`, q, '09:30:00'))];
  expect((await (await server.post('/api/v1/events', ndjson(events), ADMIN)).json()).accepted).toBe(events.length);
  server.floor.hub.flush();
  cookie = await addPeople(
    server.base,
    ADMIN,
    [
      { name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1' },
      { name: 'ag2', role: 'agent', tenants: ['acme'], agentId: 'a2' },
      { name: 'ag3', role: 'agent', tenants: ['acme'], agentId: 'a4' },
      { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['red'] },
    ],
    'correct horse battery',
  );
});
afterAll(async () => {
  await server.stop();
});

/** A socket watching one queue's intraday, with the queues of the `intraday` pushes it heard. */
class IntradayScreen {
  heard: string[] = [];
  constructor(readonly socket: FloorSocket) {
    socket.on('intraday', (v) => this.heard.push(v.queueId));
  }

  static async open(who: string, queueId: string): Promise<IntradayScreen> {
    const s = new IntradayScreen(await openScreen(server, { cookie: cookie[who] }));
    const a = await s.watch(queueId);
    if (!a.ok) throw new Error(a.error);
    return s;
  }

  /** `intraday:subscribe` of a queue today: the answer's queue, or its error. */
  async watch(queueId: string): Promise<{ ok: true; queueId: string } | { ok: false; error: string }> {
    const a = await this.socket.emitWithAck('intraday:subscribe', { queueId, date: DATE });
    return a.ok ? { ok: true, queueId: a.data.queueId } : { ok: false, error: a.error };
  }
}

/** Wallboard and intraday page as the client keeps them: at each new board snapshot the page watches its queue again, or the first of the board when the board lost it (Intraday.svelte). */
class IntradayPage extends IntradayScreen {
  board: string[] = [];
  watching = '';
  version = 0;
  resubscribes = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(socket: FloorSocket) {
    super(socket);
    socket.on('update', (u) => {
      this.pending = this.pending.then(async () => {
        if (!missedUpdate(this.version, u)) {
          if (u.version !== undefined) this.version = u.version;
          return;
        }
        this.resubscribes++;
        await this.snapshot();
      });
    });
  }

  static async openPage(who: string, queueId: string): Promise<IntradayPage> {
    const s = new IntradayPage(await openScreen(server, { cookie: cookie[who] }));
    s.watching = queueId;
    await s.snapshot();
    return s;
  }

  private async snapshot(): Promise<void> {
    const a = await subscribeScreen(this.socket, { agents: false });
    if (!a.ok) throw new Error(a.error);
    this.version = a.data.version;
    this.board = a.data.queues.map((q) => q.id).sort();
    if (!this.board.includes(this.watching)) this.watching = this.board[0];
    const w = await this.watch(this.watching);
    if (!w.ok) throw new Error(w.error);
  }

  settled(): Promise<unknown> {
    return this.pending;
  }
}

/** Lets the cycle's messages (sent over turns) and the screens' own requests land. */
const landed = () => new Promise((r) => setTimeout(r, 300));

/** Posts events and pushes the floor, as the hub's next beat would. */
async function postAndPush(events: object[]): Promise<void> {
  expect((await server.post('/api/v1/events', ndjson(events), ADMIN)).status).toBe(200);
  server.floor.hub.flush();
  await landed();
}

/** One refresh of every intraday room (the hub's 5-second timer); what each screen heard in it. */
async function refresh(screens: IntradayScreen[]): Promise<string[][]> {
  for (const s of screens) s.heard = [];
  server.floor.hub.pushIntraday('all');
  await landed();
  return screens.map((s) => s.heard);
}

describe("an agent user's intraday follows its agent's skills", () => {
  it("stops hearing a queue its agent left; the team lead's and another agent's watch of it go on", async () => {
    const ag1 = await IntradayScreen.open('ag1', 'q1');
    const ag2 = await IntradayScreen.open('ag2', 'q1');
    const lead = await IntradayScreen.open('lead1', 'q1');
    const screens = [ag1, ag2, lead];
    expect(await refresh(screens)).toEqual([['q1'], ['q1'], ['q1']]);

    // a1 logs in again at 09:30:30 skilled for q2 only.
    await postAndPush([login('a1', ['q2'], '09:30:30', 1)]);
    expect(await refresh(screens)).toEqual([[], ['q1'], ['q1']]);
    // Asking again: q1 is unknown to it now, q2 is its to watch.
    expect(await ag1.watch('q1')).toEqual({ ok: false, error: 'unknown queue "q1"' });
    expect(await ag1.watch('q2')).toEqual({ ok: true, queueId: 'q2' });
    expect(await refresh(screens)).toEqual([['q2'], ['q1'], ['q1']]);
    for (const s of screens) s.socket.disconnect();
  });

  it("keeps a queue its agent still serves, and the client's page moves to the new board's queue", async () => {
    const ag3 = await IntradayPage.openPage('ag3', 'q3');
    const lead = await IntradayScreen.open('lead1', 'q3');
    expect(await refresh([ag3, lead])).toEqual([['q3'], ['q3']]);

    // At 09:30:40 a4 is skilled for q4 as well: its board gains q4, and q3's intraday stays its own.
    await postAndPush([login('a4', ['q3', 'q4'], '09:30:40', 1)]);
    await ag3.settled();
    expect([ag3.resubscribes, ag3.board, ag3.watching]).toEqual([1, ['q3', 'q4'], 'q3']);
    expect(await refresh([ag3, lead])).toEqual([['q3'], ['q3']]);

    // At 09:30:50 a4 serves q4 only: the page watches q4, and hears nothing more of q3.
    await postAndPush([login('a4', ['q4'], '09:30:50', 2)]);
    await ag3.settled();
    expect([ag3.resubscribes, ag3.board, ag3.watching]).toEqual([2, ['q4'], 'q4']);
    expect(await refresh([ag3, lead])).toEqual([['q4'], ['q3']]);
    for (const s of [ag3, lead]) s.socket.disconnect();
  });
});
