/**
 * Finding (probe of today's socket changes; older than them): a revoked display's sockets are
 * cut within a second (tv-namespace.ts revokeDisplay), but a revoked token's, a disabled
 * person's, and a person's who signed out are not: only the display's revocation has an effect
 * on sockets (app.ts afterApply), so those sockets stay connected and keep getting the floor's
 * pushes (and a revoked token's socket could still subscribe and get a fresh snapshot),
 * although every new request and handshake of that sign-in is refused. Now each command that
 * can end a sign-in cuts the sockets whose sign-in it ended (app.ts cutEndedSignIns).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addPeople, signIn } from '../helpers/people.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = 'revoked-sockets-admin-0123456789';
const PW = 'correct horse battery';
let server: Awaited<ReturnType<typeof startServer>>;
const open: Socket[] = [];
beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify([{ token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' }]), SIGN_IN_SWEEP_SECONDS: '1' });
});
afterAll(async () => {
  for (const s of open) s.disconnect();
  await server.stop();
});

const api = (method: string, path: string, body?: unknown, auth: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) =>
  fetch(`${server.base}/api/v1${path}`, { method, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });

async function connected(opts: { token?: string; cookie?: string }): Promise<Socket> {
  const s = connect(server.base, { auth: opts.token ? { token: opts.token } : {}, extraHeaders: opts.cookie ? { cookie: opts.cookie } : {}, transports: ['websocket'], reconnection: false });
  open.push(s);
  await new Promise<void>((resolve, reject) => {
    s.on('connect', () => resolve());
    s.on('connect_error', reject);
  });
  return s;
}

/** Whether `s` is still connected 1.5 s on (a revoked display's are cut within a second). */
async function stillConnectedAfterGrace(s: Socket): Promise<boolean> {
  await new Promise((r) => setTimeout(r, 1500));
  return s.connected;
}

it("cuts a revoked token's sockets, as a revoked display's", async () => {
  const made = (await (await api('POST', '/tokens', { name: 'wall acme', role: 'viewer', tenants: ['acme'] })).json()) as { id: string; token: string };
  const s = await connected({ token: made.token });
  expect((await api('DELETE', `/tokens/${made.id}`)).status).toBe(200);
  // A new request of the token is refused at once.
  expect((await api('GET', '/snapshot', undefined, { authorization: `Bearer ${made.token}` })).status).toBe(401);
  expect(await stillConnectedAfterGrace(s)).toBe(false);
});

it("cuts a disabled person's sockets, and those of a person who signed out", async () => {
  const cookies = await addPeople(server.base, ADMIN, [{ name: 'mgr1', role: 'manager', tenants: ['acme'] }, { name: 'mgr2', role: 'manager', tenants: ['acme'] }], PW);
  const disabled = await connected({ cookie: cookies.mgr1 });
  const signedOut = await connected({ cookie: cookies.mgr2 });
  // mgr2's other sign-in (another browser) is not ended by the first one's sign-out.
  const otherSession = await connected({ cookie: await signIn(server.base, 'mgr2', PW) });
  expect((await api('PATCH', '/users/mgr1', { disabled: true })).status).toBe(200);
  expect((await api('DELETE', '/session', undefined, { cookie: cookies.mgr2 })).status).toBeLessThan(300);
  expect([await stillConnectedAfterGrace(disabled), signedOut.connected, otherSession.connected]).toEqual([false, false, true]);
});

it("cuts the sockets of a session that expired, at the next sweep (no command ends it), and no one else's", async () => {
  const cookies = await addPeople(server.base, ADMIN, [{ name: 'lead9', role: 'manager', tenants: ['acme'] }], PW);
  const expiring = await connected({ cookie: cookies.lead9 });
  const made = (await (await api('POST', '/tokens', { name: 'wall jade', role: 'viewer', tenants: ['acme'] })).json()) as { token: string };
  const token = await connected({ token: made.token });
  // Sessions last 12 hours (SESSION_MS): a minute past that, the session no longer signs in.
  server.clock.now += 12 * 3600_000 + 60_000;
  expect((await api('GET', '/snapshot', undefined, { cookie: cookies.lead9 })).status).toBe(401);
  await new Promise((r) => setTimeout(r, 2500));
  expect([expiring.connected, token.connected]).toEqual([false, true]);
});
