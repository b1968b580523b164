/**
 * Plan and history imports at the body limit (10 MiB) are read between other turns of the event
 * loop: health answers throughout (read in one go, a 10 MiB schedule held it 2.8-3.9 s and a
 * 10 MiB history import 7 s). What an import was answered is what the floor holds, through a
 * kill -9. The server runs in a process of its own, so this process's health checks measure it
 * and nothing else; health must never wait for an import in one piece (`expectLoopNotHeld`: under
 * 1 s, or under half the import's own time), which catches a held loop without timing one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT, expectLoopNotHeld, sendWatched } from '../helpers/held-loop.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { requestOnNewConnection } from '../helpers/new-connection.ts';

const DAY_MS = 86_400_000;
const HOUR = 3_600_000;
/** Local dates in Taipei `days` from today: the server runs on the real clock. */
const date = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);
const DATE = date(1);
const midnight = Date.parse(`${DATE}T00:00:00+08:00`);
const iso = (t: number) => new Date(t + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00');

const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-import-turns-'));
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: 'none' });
}, 60_000);
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends a body while health is polled: the answer's status and body, the slowest health answer and the request's time. */
const watched = (method: string, path: string, body: string, type: string) =>
  sendWatched(server.base, body, (b) => requestOnNewConnection(server.base + path, method, b, { 'content-type': type }).then((r) => ({ status: r.status, body: JSON.parse(r.text) as Record<string, unknown> })));

/**
 * A health answer just after a body was built for seconds, tried again once if the connection it
 * went on was closed: under a load average of 18-20 a request after such a pause once went on a
 * keep-alive connection the server was closing after its 5 s idle (EPIPE, "other side closed").
 */
async function fresh(): Promise<void> {
  try {
    await (await fetch(`${server.base}/api/v1/health`)).arrayBuffer();
  } catch {
    await (await fetch(`${server.base}/api/v1/health`)).arrayBuffer();
  }
}

async function segmentsOf(agentId?: string): Promise<{ agentId: string; start: string; end: string; activity: string }[]> {
  const r = await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme${agentId ? `&agentId=${agentId}` : ''}`);
  return ((await r.json()) as { segments: { agentId: string; start: string; end: string; activity: string }[] }).segments;
}

describe('a schedule import at the body limit', () => {
  /** CSV of these rows (ASCII) with a note column the import does not read, filled to 10,000 bytes under the body limit. */
  const noted = (rows: string[]): string => {
    const header = 'agent_id,start,end,activity,note\n';
    const room = BODY_LIMIT - 10_000 - header.length - rows.reduce((n, l) => n + l.length + 2, 0);
    const each = Math.floor(room / rows.length);
    const longer = room - each * rows.length;
    return header + rows.map((l, i) => `${l},${'n'.repeat(each + (i < longer ? 1 : 0))}\n`).join('');
  };
  /** Agent `a`'s k-th segment: a minute from 00:00 + 2k minutes. */
  const row = (id: string, k: number, note = '') => `${id},${iso(midnight + k * 120_000)},${iso(midnight + k * 120_000 + 60_000)},phone${note}`;

  it('takes 20,000 segments of 100 agents whole while health answers, and keeps them through a kill -9', async () => {
    // 190-character agent ids and a 270-character note column the import does not read fill 10 MiB.
    const id = (a: number) => `${'x'.repeat(186)}${String(a).padStart(4, '0')}`;
    const note = `,${'n'.repeat(270)}`;
    const lines = ['agent_id,start,end,activity,note'];
    for (let a = 0; a < 100; a++) for (let k = 0; k < 200; k++) lines.push(row(id(a), k, note));
    const sent = await watched('PUT', `/api/v1/schedules/${DATE}?tenant=acme`, `${lines.join('\n')}\n`, 'text/csv');
    expect(sent.answer.status).toBe(200);
    expect(sent.answer.body).toEqual({ tenant: 'acme', date: DATE, segments: 20_000, agents: 100 });
    expectLoopNotHeld(sent);

    const check = async () => {
      expect(await segmentsOf()).toHaveLength(20_000);
      // Agent 57's 200 minutes: the 200th from 06:38 to 06:39 (2 x 199 minutes after midnight).
      const mine = await segmentsOf(id(57));
      expect(mine).toHaveLength(200);
      expect(mine[199]).toEqual({ tenant: 'acme', agentId: id(57), start: `${DATE}T06:38:00+08:00`, end: `${DATE}T06:39:00+08:00`, activity: 'phone' });
    };
    await check();
    // Answered once in the log: a kill -9 loses none of it.
    await server.kill9();
    server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: 'none' });
    await check();
  }, 120_000);

  it('takes a whole floor of 120,000 segments of 20,000 agents while health answers, and keeps the same segments through a kill -9', async () => {
    // Six 80-minute segments an agent, every 90 minutes from 06:00; a note column the import does not read fills 10 MiB.
    const acts = ['phone', 'break', 'phone', 'lunch', 'phone', 'meeting'];
    const id = (a: number) => `agent-c${String(a).padStart(5, '0')}`;
    const segs: string[] = [];
    for (let a = 0; a < 20_000; a++) for (let k = 0; k < 6; k++) segs.push(`${id(a)},${iso(midnight + 6 * HOUR + k * 90 * 60_000)},${iso(midnight + 6 * HOUR + k * 90 * 60_000 + 80 * 60_000)},${acts[k]}`);
    const body = noted(segs);
    await fresh();
    const sent = await watched('PUT', `/api/v1/schedules/${DATE}?tenant=acme`, body, 'text/csv');
    expect(sent.answer.status).toBe(200);
    expect(sent.answer.body).toEqual({ tenant: 'acme', date: DATE, segments: 120_000, agents: 20_000 });
    expectLoopNotHeld(sent);

    /** The day's segments of these agents, as the import's rows (without the note). */
    const mine = async () =>
      (await segmentsOf())
        .filter((s) => s.agentId.startsWith('agent-c'))
        .map((s) => `${s.agentId},${s.start},${s.end},${s.activity}`)
        .join('\n');
    const rows = segs.join('\n');
    expect(await mine()).toBe(rows);
    await server.kill9();
    server = await startServerProcess({ DATA_DIR: dataDir, DIRECTORY_FILE: 'none' });
    expect(await mine()).toBe(rows);
  }, 240_000);

  it('refuses 200,001 segments with 413 naming the limit, while health answers, and changes nothing', async () => {
    // 1,001 other agents of 200 segments (minute starts in UTC, the shortest times the import reads), padded to 10 MiB.
    const utc = (t: number) => new Date(t).toISOString().slice(0, 16) + 'Z';
    const segs: string[] = [];
    for (let a = 0; segs.length <= 200_000; a++) for (let k = 0; k < 200; k++) segs.push(`b${a},${utc(midnight + k * 120_000)},${utc(midnight + k * 120_000 + 60_000)},phone`);
    const body = noted(segs);
    await fresh();
    const before = (await segmentsOf()).length;
    const sent = await watched('PUT', `/api/v1/schedules/${DATE}?tenant=acme`, body, 'text/csv');
    expect({ status: sent.answer.status, body: sent.answer.body }).toEqual({
      status: 413,
      body: { error: 'the body has more than 200,000 rows: a schedule import has at most 200,000 segments; send the day in parts by agents (an import replaces the segments of the agents it names, and no others)' },
    });
    expectLoopNotHeld(sent);
    // Nothing of it was taken: its agents were never registered, so b0 answers like any unknown agent.
    expect((await fetch(`${server.base}/api/v1/schedules/${DATE}?tenant=acme&agentId=b0`)).status).toBe(404);
    expect((await segmentsOf()).length).toBe(before);
  }, 120_000);

  it('refuses a JSON array of 3,490,000 empty rows with 413 while health answers', async () => {
    const sent = await watched('PUT', `/api/v1/schedules/${DATE}?tenant=acme`, `[${Array.from({ length: 3_490_000 }, () => '{}').join(',')}]`, 'application/json');
    expect(sent.answer).toEqual({ status: 413, body: { error: expect.stringMatching(/^the body has more than 200,000 rows: a schedule import has at most 200,000 segments;/) } });
    expectLoopNotHeld(sent);
  }, 120_000);
});

describe('a forecast import at the body limit', () => {
  it('refuses 10 MiB of rows for one queue and day with 413 naming its 48 intervals, while health answers', async () => {
    const lines = ['interval_start,queue_id,calls,aht_seconds'];
    for (let k = 0; lines.length < 290_000; k++) lines.push(`${iso(midnight + (k % 48) * 1_800_000)},q1,10,180`);
    const sent = await watched('PUT', `/api/v1/forecasts/q1/${DATE}?tenant=acme`, `${lines.join('\n')}\n`, 'text/csv');
    expect({ status: sent.answer.status, body: sent.answer.body }).toEqual({ status: 413, body: { error: `the body has more than 48 rows: a forecast of one queue on ${DATE} has a row for each of its 48 intervals at most` } });
    expectLoopNotHeld(sent);
  }, 120_000);
});

describe('a history import at the body limit', () => {
  it('takes 276,480 rows of 960 queues while health answers, and every row is kept', async () => {
    // Six days of 48 intervals for each queue, ending yesterday.
    const first = Date.parse(`${date(-6)}T00:00:00+08:00`);
    const lines = ['interval_start,queue_id,calls,aht_seconds'];
    for (let q = 0; q < 960; q++) for (let k = 0; k < 288; k++) lines.push(`${iso(first + k * 1_800_000)},h${q},${(q + k) % 20},200`);
    const sent = await watched('POST', '/api/v1/history?tenant=acme', `${lines.join('\n')}\n`, 'text/csv');
    expect(sent.answer.status).toBe(200);
    expect(sent.answer.body).toMatchObject({ tenant: 'acme', intervals: 276_480 });
    expect(sent.answer.body.queues).toHaveLength(960);
    expectLoopNotHeld(sent);
    // Queue h959, the last written: 288 rows, the k-th with (959 + k) % 20 calls.
    const r = await fetch(`${server.base}/api/v1/queues/h959/history?tenant=acme&from=${date(-6)}&to=${date(-1)}`);
    const intervals = ((await r.json()) as { intervals: { offered: number }[] }).intervals;
    expect(intervals.map((i) => i.offered)).toEqual(Array.from({ length: 288 }, (_, k) => (959 + k) % 20));
  }, 120_000);
});
