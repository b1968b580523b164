/**
 * What an admin or planner creates survives a kill -9 the moment its 2xx answer is read: a
 * person, a machine token, a tenant's calendar, a what-if, and the audit entry of each. Each
 * is created on a server in a process of its own (embedded store in DATA_DIR: log, directory
 * file, SQLite history), the process is SIGKILLed at once, and the next process on the same
 * directory must show it. One restart per record, so none rides on a later write's flush.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ndjson } from '../helpers/server.ts';

const ADMIN = 'durable-admin-0123456789';
const PW = 'correct horse battery';
/** Yesterday in Taipei: the processes run on the real clock, and a what-if on a past day is refused past the retention. */
const DATE = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
const T = (at: string) => `${DATE}T${at}+08:00`;
const dataDir = mkdtempSync(join(tmpdir(), 'floorboard-records-'));
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) await s.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A server on the shared data directory. */
async function start(): Promise<ServerProcess> {
  const s = await startServerProcess({ DATA_DIR: dataDir, FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]) });
  running.push(s);
  return s;
}
async function call(s: ServerProcess, method: string, path: string, body?: unknown, token = ADMIN, type = 'application/json') {
  const res = await fetch(s.base + path, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers: { ...(body === undefined ? {} : { 'content-type': type }), authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
/** The audit log, newest first, as "who action[ detail of a plan note]". */
async function audit(s: ServerProcess): Promise<string[]> {
  return (await call(s, 'GET', '/api/v1/audit')).body.entries.map((e: { by: string; action: string; detail: string }) => `${e.by} ${e.action}${e.action === 'plan' ? ` ${e.detail}` : ''}`);
}
/** SIGKILL the moment the answer is in, then a new process on the same directory. */
async function killAndRestart(s: ServerProcess): Promise<ServerProcess> {
  await s.kill9();
  running.splice(running.indexOf(s), 1);
  return start();
}

describe('kill -9 right after the 2xx, restart on the same data directory', () => {
  it('keeps a person, a token, a calendar, a what-if and the audit entry of each', async () => {
    let s = await start();
    const floor = [{ id: 'k1', type: 'call.queued', ts: T('09:00:00'), tenant: 'acme', callId: 'c1', queueId: 'q1' }];
    expect((await call(s, 'POST', '/api/v1/events', ndjson(floor), ADMIN, 'application/x-ndjson')).body).toMatchObject({ accepted: 1 });

    // A person.
    const lead = { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1'] };
    expect((await call(s, 'POST', '/api/v1/users', { ...lead, password: PW })).status).toBe(201);
    s = await killAndRestart(s);
    const signIn = await fetch(s.base + '/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'lead1', password: PW }) });
    expect(signIn.status).toBe(200);
    expect((await call(s, 'GET', '/api/v1/users')).body.users).toContainEqual(expect.objectContaining(lead));

    // A machine token: listed, and its secret (shown once) still lets the feed in.
    const made = await call(s, 'POST', '/api/v1/tokens', { name: 'acme feed', role: 'ingest', tenants: ['acme'] });
    expect(made.status).toBe(201);
    s = await killAndRestart(s);
    expect((await call(s, 'GET', '/api/v1/tokens')).body.tokens).toContainEqual({ id: made.body.id, name: 'acme feed', role: 'ingest', tenants: ['acme'], createdAt: made.body.createdAt, revokedAt: null });
    const fed = [{ id: 'k2', type: 'call.queued', ts: T('09:01:00'), tenant: 'acme', callId: 'c2', queueId: 'q1' }];
    expect((await call(s, 'POST', '/api/v1/events', ndjson(fed), made.body.token, 'application/x-ndjson')).body).toMatchObject({ accepted: 1 });

    // The audit entries of both, written with the change itself.
    expect(await audit(s)).toEqual(['ops token.create', 'ops user.upsert']);

    // A calendar.
    const days = [{ date: '2026-12-25', kind: 'holiday', name: 'Constitution Day' }];
    expect((await call(s, 'PUT', '/api/v1/calendar?tenant=acme', { days })).status).toBe(200);
    s = await killAndRestart(s);
    expect((await call(s, 'GET', '/api/v1/calendar?tenant=acme')).body).toMatchObject({ tenant: 'acme', days, custom: true });
    // A plan change's audit note is as durable as the change it notes.
    expect(await audit(s)).toEqual(['ops plan PUT /calendar', 'ops token.create', 'ops user.upsert']);

    // A what-if.
    const whatIf = { from: T('10:00:00'), to: T('11:00:00'), agents: 2, label: 'overtime' };
    const w = await call(s, 'POST', '/api/v1/queues/q1/whatifs?tenant=acme', whatIf);
    expect(w.status).toBe(201);
    s = await killAndRestart(s);
    expect((await call(s, 'GET', `/api/v1/queues/q1/whatifs?tenant=acme&date=${DATE}`)).body.whatIfs).toContainEqual(expect.objectContaining({ id: w.body.id, label: 'overtime', agents: 2 }));
    expect((await audit(s))[0]).toBe('ops plan POST /queues/q1/whatifs');
  }, 120_000);
});
