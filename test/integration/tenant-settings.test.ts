import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditInfo, TenantSettingsInfo } from '../../server/protocol/people.ts';
import type { Snapshot } from '../../server/protocol/metrics.ts';
import type { ClientToServer, ServerToClient, VersionedSnapshot } from '../../server/protocol/socket.ts';
import { signIn } from '../helpers/people.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const PW = 'correct horse battery';
const TOKENS = JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]);
const at = (tenant: string, id: string, type: string, time: string, f: object) => ({ id, type, ts: `2026-11-20T${time}+08:00`, tenant, ...f });
const USERS = [
  { name: 'mgr', role: 'manager', tenants: ['acme'] },
  { name: 'plan1', role: 'analyst', tenants: ['acme'] },
  { name: 'client', role: 'clientViewer', tenants: ['acme'] },
];

let dataDir: string;
let server: Awaited<ReturnType<typeof startServer>>;
const cookie: Record<string, string> = {};

async function call(method: string, path: string, who: string, body?: unknown) {
  const headers: Record<string, string> = who === 'token' ? { authorization: `Bearer ${ADMIN}` } : { cookie: cookie[who] };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}
async function signInAll() {
  for (const u of USERS) {
    cookie[u.name] = await signIn(server.base, u.name, PW);
  }
}
const names = async (who: string) => ((await call('GET', '/api/v1/snapshot', who)).body as Snapshot).agents.map((a) => a.name).sort();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'floorboard-settings-'));
  server = await startServer({ FLOORBOARD_TOKENS: TOKENS, DATA_DIR: dataDir });
  const events = [
    at('acme', '1', 'agent.login', '08:00:00', { agentId: 'a1', name: 'Ana Lin', teamId: 't1', queues: ['sales'], state: 'available' }),
    at('acme', '2', 'agent.login', '08:00:00', { agentId: 'a2', name: 'Bo Chen', teamId: 't2', queues: ['care'], state: 'available' }),
    at('jade', '3', 'agent.login', '08:00:00', { agentId: 'j1', name: 'Jin', teamId: 't9', queues: ['jq'], state: 'available' }),
  ];
  expect(((await server.post('/api/v1/events', ndjson(events), ADMIN).then((r) => r.json())) as { accepted: number }).accepted).toBe(3);
  for (const u of USERS) expect((await call('POST', '/api/v1/users', 'token', { ...u, password: PW })).status).toBe(201);
  await signInAll();
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the tenant setting "client viewers may see agent names"', () => {
  it('is off by default: a client viewer sees agent ids where names would be', async () => {
    expect((await call('GET', '/api/v1/tenants/acme/settings', 'mgr')).body).toEqual({ tenant: 'acme', clientViewerAgentNames: false } satisfies TenantSettingsInfo);
    expect(await names('client')).toEqual(['a1', 'a2']);
    expect(await names('mgr')).toEqual(['Ana Lin', 'Bo Chen']);
  });

  it('answers another tenant exactly like one that does not exist, and refuses roles that do not manage people', async () => {
    const jade = await call('PUT', '/api/v1/tenants/jade/settings', 'mgr', { clientViewerAgentNames: true });
    const ghost = await call('PUT', '/api/v1/tenants/nobody/settings', 'mgr', { clientViewerAgentNames: true });
    expect(jade.status).toBe(404);
    expect(JSON.stringify(jade.body).replaceAll('jade', 'nobody')).toBe(JSON.stringify(ghost.body));
    expect(jade.body).toEqual({ error: 'tenant "jade" not found', code: 'tenant.notFound', params: { tenant: '"jade"' } });
    expect((await call('GET', '/api/v1/tenants/jade/settings', 'mgr')).status).toBe(404);
    for (const who of ['plan1', 'client']) expect((await call('PUT', '/api/v1/tenants/acme/settings', who, { clientViewerAgentNames: true })).status).toBe(403);
    const bad = await call('PUT', '/api/v1/tenants/acme/settings', 'mgr', { clientViewerAgentNames: 'yes' });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toContain('clientViewerAgentNames');
    // Nothing of the refused calls changed the setting.
    expect(await names('client')).toEqual(['a1', 'a2']);
  });

  it('turned on by the manager, shows names to the client viewer at once: REST, adherence and an open socket', async () => {
    const socket: Socket<ServerToClient, ClientToServer> = connect(server.base, { extraHeaders: { cookie: cookie.client }, transports: ['websocket'], reconnection: false });
    try {
      const first = await new Promise<VersionedSnapshot>((resolve, reject) => socket.emit('subscribe', {}, (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error)))));
      expect(first.agents.map((a) => a.name).sort()).toEqual(['a1', 'a2']);
      // The screen learns its snapshot is stale from an update that builds on a version past the one it holds.
      const stale = new Promise<void>((resolve) => {
        socket.on('update', (u) => (u.base ?? 0) > first.version && resolve());
      });

      const put = await call('PUT', '/api/v1/tenants/acme/settings', 'mgr', { clientViewerAgentNames: true });
      expect(put).toEqual({ status: 200, body: { tenant: 'acme', clientViewerAgentNames: true } });
      expect(await names('client')).toEqual(['Ana Lin', 'Bo Chen']);
      const live = (await call('GET', '/api/v1/adherence/live', 'client')).body as { agents: { name: string }[] };
      expect(live.agents.map((a) => a.name).sort()).toEqual(['Ana Lin', 'Bo Chen']);

      await stale;
      const again = await new Promise<VersionedSnapshot>((resolve, reject) => socket.emit('subscribe', {}, (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error)))));
      expect(again.agents.map((a) => a.name).sort()).toEqual(['Ana Lin', 'Bo Chen']);
    } finally {
      socket.disconnect();
    }
  });

  it('is audited with who and what, as fields a screen can word in its language', async () => {
    const entries = ((await call('GET', '/api/v1/audit', 'mgr')).body as { entries: AuditInfo[] }).entries;
    const e = entries.find((x) => x.action === 'tenant.settings')!;
    expect({ by: e.by, tenants: e.tenants, detail: e.detail, params: e.params }).toEqual({ by: 'mgr', tenants: ['acme'], detail: 'tenant acme: client viewers see agent names', params: { tenant: 'acme', clientViewerAgentNames: true } });
  });

  it('survives a restart (the command is in the log)', async () => {
    await server.stop();
    server = await startServer({ FLOORBOARD_TOKENS: TOKENS, DATA_DIR: dataDir });
    await signInAll();
    expect((await call('GET', '/api/v1/tenants/acme/settings', 'token')).body).toEqual({ tenant: 'acme', clientViewerAgentNames: true });
    expect(await names('client')).toEqual(['Ana Lin', 'Bo Chen']);
  });
});
