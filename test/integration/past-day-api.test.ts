import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import type { PastDayView } from '../../server/protocol/past-day.ts';
import { startServer } from '../helpers/server.ts';

const ANALYST = 'analyst-token-0123456789';
const tokens = [{ token: ANALYST, name: 'wfm analyst', tenants: ['*'], role: 'analyst' }];
const journal = mkdtempSync(join(tmpdir(), 'floorboard-journal-'));
let server: Awaited<ReturnType<typeof startServer>>;

/** The tiny day of test/unit/past-day-rerun.test.ts at 14:00 on 2026-11-19, as the journal writes it (epoch ms ts). */
function writeJournal() {
  const t = (s: number) => Date.parse('2026-11-19T14:00:00+08:00') + s * 1000;
  const ev = (s: number, type: string, f: Record<string, unknown>) => JSON.stringify({ id: `${type}-${s}-${String(f.callId ?? f.agentId)}`, type, ts: t(s), tenant: 'default', ...f });
  const lines = [
    ev(0, 'agent.login', { agentId: 'a1', queues: ['q1'], state: 'available' }),
    ev(0, 'call.queued', { callId: 'c1', queueId: 'q1' }),
    ev(0, 'call.answered', { callId: 'c1', queueId: 'q1', agentId: 'a1' }),
    ev(10, 'call.queued', { callId: 'c2', queueId: 'q1' }),
    ev(20, 'call.queued', { callId: 'c3', queueId: 'q1' }),
    ev(60, 'call.wrapped', { callId: 'c1', agentId: 'a1' }),
    ev(60, 'call.answered', { callId: 'c2', queueId: 'q1', agentId: 'a1' }),
    ev(60, 'call.abandoned', { callId: 'c3', queueId: 'q1' }),
    ev(90, 'call.wrapped', { callId: 'c2', agentId: 'a1' }),
    ev(3600, 'agent.logout', { agentId: 'a1' }),
    // Another tenant's line in the same journal is never read into this one.
    JSON.stringify({ id: 'x', type: 'call.queued', ts: t(5), tenant: 'other', callId: 'c9', queueId: 'q1' }),
  ];
  writeFileSync(join(journal, '2026-11-19.ndjson'), lines.join('\n') + '\n');
}

async function ask(queue: string, body: unknown) {
  const res = await fetch(`${server.base}/api/v1/queues/${queue}/past-day`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` } });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  writeJournal();
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens), JOURNAL_DIR: journal }, Date.parse('2026-11-20T13:10:00+08:00'));
  server.floor.engine.addQueue(makeQueueConfig('q1', 'default'));
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(async () => {
  await server.stop();
  rmSync(journal, { recursive: true, force: true });
});

describe('POST /queues/:queueId/past-day', () => {
  it('re-runs the day from its journal: 1 of 3 in threshold as it was, 3 of 3 with one more agent from 14:00', async () => {
    const r = await ask('q1', { date: '2026-11-19', changes: [{ from: '14:00', to: '15:00', agents: 1 }] });
    expect(r.status).toBe(200);
    const v = r.body as PastDayView;
    expect(v.calls).toBe(3);
    // SL = answered in 20 s / (answered + abandoned - short): 1 / 3 as it was and re-run; 3 / 3 with the agent.
    expect(v.day.actual.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(v.day.rerun.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(v.day.whatIf.serviceLevel).toBe(1);
    const row = v.intervals.find((i) => i.start === '2026-11-19T14:00:00+08:00')!;
    // a1 on the floor the whole half-hour: 1 agent; with the added one, 2.
    expect(row).toMatchObject({ offered: 3, agents: 1, whatIfAgents: 2, actual: 1 / 3, whatIf: 1 });
  });

  it('answers 400 naming what is wrong, quoting a short prefix', async () => {
    const long = '1'.repeat(500);
    const r = await ask('q1', { date: long, changes: [] });
    expect(r.status).toBe(400);
    expect(r.body.error).toContain('date: must be YYYY-MM-DD');
    expect(JSON.stringify(r.body).length).toBeLessThan(300);
    expect((await ask('q1', { date: '2026-11-19', changes: [{ from: '25:00', agents: 1 }] })).body.error).toContain('changes.0.from: must be HH:MM');
    expect((await ask('q1', { date: '2026-11-19', changes: [{ from: '14:00', to: '13:00', agents: 1 }] })).body.error).toContain('changes.0.to: to must be after from');
    expect((await ask('q1', { date: '2026-11-19', changes: new Array(11).fill({ from: '14:00', agents: 1 }) })).body.error).toContain('at most 10 changes');
    expect((await ask('q1', { date: '2026-11-19', changes: [{ from: '14:00', agents: 101 }] })).body.error).toContain('at most 100 either way');
    expect((await ask('q1', { date: '2026-11-20', changes: [] })).body.error).toBe('date: "2026-11-20" is not a past day');
  });

  it('404 for a day without a journal and for a queue that does not exist', async () => {
    expect((await ask('q1', { date: '2026-11-18', changes: [] })).status).toBe(404);
    expect((await ask('nope', { date: '2026-11-19', changes: [] })).status).toBe(404);
  });

  it('gives each refusal a code and its params, beside the same English (the intraday page words them)', async () => {
    expect(await ask('q1', { date: '2026-11-19', changes: [{ from: '14:00', to: '14:00', agents: 1 }] })).toEqual({ status: 400, body: { error: 'changes.0.to: to must be after from', code: 'pastDay.toBeforeFrom', params: { from: '14:00', to: '14:00' } } });
    expect(await ask('q1', { date: '2026-11-20', changes: [] })).toEqual({ status: 400, body: { error: 'date: "2026-11-20" is not a past day', code: 'pastDay.notPast', params: { date: '2026-11-20' } } });
    expect(await ask('q1', { date: '2026-11-18', changes: [] })).toEqual({ status: 404, body: { error: 'no journal for 2026-11-18', code: 'pastDay.noJournal', params: { date: '2026-11-18' } } });
    // A body the page never sends keeps its English detail inside request.invalid, as on every other route.
    expect(await ask('q1', { date: '1999-12-31', changes: [] })).toEqual({ status: 400, body: { error: 'date: "1999-12-31" is not between 2000-01-01 and 2099-12-31', code: 'request.invalid', params: { detail: 'date: "1999-12-31" is not between 2000-01-01 and 2099-12-31' } } });
    expect(await ask('q1', { date: '2026-11-19', changes: [{ from: '', agents: 1 }] })).toEqual({ status: 400, body: { error: 'changes.0.from: must be HH:MM', code: 'request.invalid', params: { detail: 'changes.0.from: must be HH:MM' } } });
  });

  it('names the limit a day beyond it passed: 5,001 agents, then 200,001 calls', async () => {
    const t = Date.parse('2026-11-17T10:00:00+08:00');
    const agents = Array.from({ length: 5001 }, (_, i) => JSON.stringify({ type: 'agent.login', ts: t, tenant: 'default', agentId: `a${i}`, queues: ['q1'], state: 'available' }));
    writeFileSync(join(journal, '2026-11-17.ndjson'), agents.join('\n') + '\n');
    expect(await ask('q1', { date: '2026-11-17', changes: [] })).toEqual({ status: 413, body: { error: 'the day holds more than 5000 agents of this tenant: too many to re-run', code: 'pastDay.tooManyAgents', params: { limit: 5000 } } });
    const t16 = Date.parse('2026-11-16T10:00:00+08:00');
    const calls = Array.from({ length: 200_001 }, (_, i) => `{"type":"call.queued","ts":${t16},"tenant":"default","callId":"c${i}","queueId":"q1"}`);
    writeFileSync(join(journal, '2026-11-16.ndjson'), calls.join('\n') + '\n');
    expect(await ask('q1', { date: '2026-11-16', changes: [] })).toEqual({ status: 413, body: { error: 'the day holds more than 200000 calls of this tenant: too many to re-run', code: 'pastDay.tooManyCalls', params: { limit: 200_000 } } });
  }, 60_000);

  it('says journaling is off on a server without JOURNAL_DIR', async () => {
    const plain = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, Date.parse('2026-11-20T13:10:00+08:00'));
    try {
      plain.floor.engine.addQueue(makeQueueConfig('q1', 'default'));
      const res = await fetch(`${plain.base}/api/v1/queues/q1/past-day`, { method: 'POST', body: JSON.stringify({ date: '2026-11-19', changes: [] }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` } });
      expect([res.status, await res.json()]).toEqual([400, { error: 'journaling is off: start the server with JOURNAL_DIR to keep days for a re-run', code: 'pastDay.journalingOff' }]);
    } finally {
      await plain.stop();
    }
  });
});
