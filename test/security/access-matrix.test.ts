/**
 * The access matrix (issue 8): every role × tenant × REST route and socket event. Routes come
 * from the live router and events from the protocol's event lists, so a new route or event
 * without a row here fails the first test. Each cell expects allow, or a refusal; a refusal
 * about another tenant's thing must be byte-identical (status and body, with the name swapped)
 * to asking for something that does not exist.
 *
 * Tenants acme and bank both hold queue `support` and agent `a1`; bank alone holds `bank-q`
 * and `bank-a`. The tenant-scoped tokens (viewer, analyst, ingest) belong to acme; admin sees
 * every tenant. Each writing route gets a fresh server per role (reads share one per route),
 * so one cell's writes never change another cell's answer.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, INGEST_CLIENT_EVENTS, TV_CLIENT_EVENTS } from '../../server/protocol/socket.ts';
import { ndjson, startServer } from '../helpers/server.ts';

type Role = 'viewer' | 'analyst' | 'ingest' | 'admin' | 'none';
const ROLES: readonly Role[] = ['viewer', 'analyst', 'ingest', 'admin', 'none'];
const TOKEN: Record<Role, string | undefined> = {
  viewer: 'matrix-acme-viewer-0123456789',
  analyst: 'matrix-acme-analyst-0123456789',
  ingest: 'matrix-acme-ingest-0123456789',
  admin: 'matrix-admin-0123456789',
  none: undefined,
};
const tokens = (['viewer', 'analyst', 'ingest', 'admin'] as const).map((role) => ({ token: TOKEN[role]!, name: `acme ${role}`, tenants: role === 'admin' ? ['*'] : ['acme'], role }));
const DATE = '2026-11-20';
const T = (at: string) => `${DATE}T${at}+08:00`;

/** What a role must get before any tenant question: the permission of the route. */
type Gate = 'public' | 'read' | 'plan' | 'write' | 'allTenantPlan' | 'admin' | 'anyPrincipal';
const GATE: Record<Gate, Record<Role, 'pass' | 401 | 403>> = {
  public: { viewer: 'pass', analyst: 'pass', ingest: 'pass', admin: 'pass', none: 'pass' },
  read: { viewer: 'pass', analyst: 'pass', ingest: 403, admin: 'pass', none: 401 },
  plan: { viewer: 403, analyst: 'pass', ingest: 403, admin: 'pass', none: 401 },
  write: { viewer: 403, analyst: 403, ingest: 'pass', admin: 'pass', none: 401 },
  // A replay plays every tenant of a day, so only an all-tenant planner may start or stop one.
  allTenantPlan: { viewer: 403, analyst: 403, ingest: 403, admin: 'pass', none: 401 },
  // People, displays, tokens and the audit log: the admin (a manager, a role of signed-in users only, is tested in people.test.ts).
  admin: { viewer: 403, analyst: 403, ingest: 403, admin: 'pass', none: 401 },
  anyPrincipal: { viewer: 'pass', analyst: 'pass', ingest: 'pass', admin: 'pass', none: 401 },
};

/** What one cell asks: path parameters, query and the tenant a body names. */
interface Ask {
  queueId?: string;
  agentId?: string;
  campaignId?: string;
  whatIf?: keyof Seeds['whatIfs'] | 'none';
  /** The tenant named in the path (reports). */
  pathTenant?: string;
  query?: Record<string, string>;
  bodyTenant?: string;
}
/**
 * The answer a cell expects: allow, a status, or "like" other asks: byte-identical to each of
 * them once `from` is replaced by `to` (the thing that does not exist).
 */
type Expect = 'allow' | number | { like: { ask: Ask; from: string; to: string }[] };
interface Target {
  name: string;
  /** Whose thing the cell asks about: acme's, bank's, nobody's, or several tenants'. */
  tenant: 'acme' | 'bank' | 'nobody' | 'both' | '-';
  ask: Ask;
  /** For the acme-scoped roles (viewer, analyst, ingest). */
  scoped: Expect;
  admin: Expect;
}

const GHOST_T = 'nobody';
const GHOST_Q = 'nobody-q';
const GHOST_A = 'nobody-a';

function idTargets(key: 'queueId' | 'agentId' | 'campaignId', shared: string, bankOnly: string, ghost: string, missing: number): Target[] {
  return [
    { name: `own ${shared}?tenant=acme`, tenant: 'acme', ask: { [key]: shared, query: { tenant: 'acme' } }, scoped: 'allow', admin: 'allow' },
    // Unambiguous for acme's tokens; in two of admin's tenants, so admin must choose.
    { name: `${shared} without ?tenant=`, tenant: 'both', ask: { [key]: shared }, scoped: 'allow', admin: 409 },
    {
      name: `bank's ${shared}?tenant=bank`,
      tenant: 'bank',
      ask: { [key]: shared, query: { tenant: 'bank' } },
      scoped: {
        like: [
          { ask: { [key]: shared, query: { tenant: GHOST_T } }, from: 'bank', to: GHOST_T },
          { ask: { [key]: ghost, query: { tenant: 'bank' } }, from: shared, to: ghost },
        ],
      },
      admin: 'allow',
    },
    { name: `bank-only ${bankOnly}`, tenant: 'bank', ask: { [key]: bankOnly }, scoped: { like: [{ ask: { [key]: ghost }, from: bankOnly, to: ghost }] }, admin: 'allow' },
    { name: `unknown ${ghost}`, tenant: 'nobody', ask: { [key]: ghost }, scoped: missing, admin: missing },
  ];
}
const QUEUE = idTargets('queueId', 'support', 'bank-q', GHOST_Q, 404);
const AGENT = idTargets('agentId', 'a1', 'bank-a', GHOST_A, 404);
/** Outbound campaigns: both tenants dial `survey`; bank alone `bank-c`. */
const CAMPAIGN = idTargets('campaignId', 'survey', 'bank-c', 'nobody-c', 404);

/** Reads filtered by `?tenant=`: another tenant answers like a tenant that does not exist. */
const READ_TENANTS: Target[] = [
  { name: 'every visible tenant', tenant: '-', ask: {}, scoped: 'allow', admin: 'allow' },
  { name: '?tenant=acme', tenant: 'acme', ask: { query: { tenant: 'acme' } }, scoped: 'allow', admin: 'allow' },
  { name: '?tenant=bank', tenant: 'bank', ask: { query: { tenant: 'bank' } }, scoped: { like: [{ ask: { query: { tenant: GHOST_T } }, from: 'bank', to: GHOST_T }] }, admin: 'allow' },
  // An all-tenant token may name a tenant with nothing in it yet: an empty answer.
  { name: `?tenant=${GHOST_T}`, tenant: 'nobody', ask: { query: { tenant: GHOST_T } }, scoped: 404, admin: 'allow' },
];
/** `?agentId=` on adherence and rotas: another tenant's agent answers like an unknown one. */
const AGENT_QUERY: Target[] = AGENT.map((t) => ({ ...t, ask: asQuery(t.ask), scoped: likeAsQuery(t.scoped), admin: likeAsQuery(t.admin) }));
function asQuery(a: Ask): Ask {
  return { query: { ...a.query, ...(a.agentId ? { agentId: a.agentId } : {}) } };
}
function likeAsQuery(e: Expect): Expect {
  return typeof e === 'object' ? { like: e.like.map((l) => ({ ...l, ask: asQuery(l.ask) })) } : e;
}

/** Writes for `?tenant=`: a tenant the token may not write answers like one that does not exist. */
const WRITE_TENANT: Target[] = [
  { name: '?tenant=acme', tenant: 'acme', ask: { query: { tenant: 'acme' } }, scoped: 'allow', admin: 'allow' },
  { name: 'the token’s own tenant', tenant: '-', ask: {}, scoped: 'allow', admin: 'allow' },
  { name: '?tenant=bank', tenant: 'bank', ask: { query: { tenant: 'bank' } }, scoped: { like: [{ ask: { query: { tenant: GHOST_T } }, from: 'bank', to: GHOST_T }] }, admin: 'allow' },
  { name: `?tenant=${GHOST_T}`, tenant: 'nobody', ask: { query: { tenant: GHOST_T } }, scoped: 403, admin: 'allow' },
];
/** Events name their tenant in the body. */
const EVENT_TENANT: Target[] = [
  { name: 'an event of acme', tenant: 'acme', ask: { bodyTenant: 'acme' }, scoped: 'allow', admin: 'allow' },
  { name: 'an event of bank', tenant: 'bank', ask: { bodyTenant: 'bank' }, scoped: { like: [{ ask: { bodyTenant: GHOST_T }, from: 'bank', to: GHOST_T }] }, admin: 'allow' },
];
const NO_TENANT: Target[] = [{ name: 'no tenant involved', tenant: '-', ask: {}, scoped: 'allow', admin: 'allow' }];
/** P(wait), ASA and occupancy of 200 calls of 180 s in 30 minutes at 25 agents: no tenant's data. */
const ERLANG: Target[] = [{ ...NO_TENANT[0], ask: { query: { model: 'C', calls: '200', intervalSeconds: '1800', ahtSeconds: '180', agents: '25' } } }];

/** A tenant in the path: another tenant's answers like one that does not exist. */
const PATH_TENANT: Target[] = [
  { name: 'own acme', tenant: 'acme', ask: { pathTenant: 'acme' }, scoped: 'allow', admin: 'allow' },
  { name: "bank's", tenant: 'bank', ask: { pathTenant: 'bank' }, scoped: { like: [{ ask: { pathTenant: GHOST_T }, from: 'bank', to: GHOST_T }] }, admin: 'allow' },
  { name: `unknown ${GHOST_T}`, tenant: 'nobody', ask: { pathTenant: GHOST_T }, scoped: 404, admin: 404 },
];
/** With no history in the seed, an allowed forecast or plan is the 404 that says why (not "queue not found"). */
const noHistoryYet = (b: unknown) => /four weeks of history/.test((b as { error?: string }).error ?? '');

/** What-if ids of the seed: two of acme's on support, one of bank's on support, one on bank-q. */
interface Seeds {
  whatIfs: { acme1: string; acme2: string; bankSupport: string; bankOnly: string };
}
const WHATIF_OF: Record<string, keyof Seeds['whatIfs']> = { 'own support?tenant=acme': 'acme1', 'support without ?tenant=': 'acme2', "bank's support?tenant=bank": 'bankSupport', 'bank-only bank-q': 'bankOnly' };
/** DELETE of a what-if: each target deletes its own one, and bank's what-if under acme's queue id is not found. */
const WHATIF_TARGETS: Target[] = [
  ...QUEUE.map((t) => ({ ...t, ask: { ...t.ask, whatIf: WHATIF_OF[t.name] ?? ('none' as const) } })),
  {
    name: "bank's what-if id under acme's support",
    tenant: 'bank',
    ask: { queueId: 'support', query: { tenant: 'acme' }, whatIf: 'bankSupport' },
    scoped: { like: [{ ask: { queueId: 'support', query: { tenant: 'acme' }, whatIf: 'none' }, from: '@bankSupport', to: 'w999' }] },
    admin: { like: [{ ask: { queueId: 'support', query: { tenant: 'acme' }, whatIf: 'none' }, from: '@bankSupport', to: 'w999' }] },
  },
];

/** A plan for a queue that does not exist yet creates it in the caller's own write tenant. */
const PLAN_QUEUE: Target[] = QUEUE.map((t) => {
  if (t.name.startsWith('bank-only')) return { ...t, scoped: 'allow' };
  if (t.name.startsWith('unknown')) return { ...t, scoped: 'allow', admin: 'allow' };
  if (t.name.startsWith("bank's")) {
    // Writing to bank is refused for acme's analyst exactly as writing to a tenant that does not exist.
    return { ...t, scoped: { like: [{ ask: { queueId: 'support', query: { tenant: GHOST_T } }, from: 'bank', to: GHOST_T }, { ask: { queueId: GHOST_Q, query: { tenant: 'bank' } }, from: 'support', to: GHOST_Q }] } };
  }
  return t;
});

interface RouteRow {
  gate: Gate;
  targets: Target[];
  /** Statuses an allowed call answers with. */
  ok: number[];
  body?: (a: Ask) => { type: string; text: string };
  /** Beyond the status, what makes an answer an allow (e.g. the event was accepted). */
  allowed?: (body: unknown) => boolean;
}

const accepted = (n: number) => (b: unknown) => (b as { accepted?: number }).accepted === n;
const eventBody = (a: Ask) => ({ type: 'application/x-ndjson', text: ndjson([{ id: 'mx-1', type: 'agent.login', ts: T('09:20:00'), tenant: a.bodyTenant ?? 'acme', agentId: 'a1', queues: ['support'], state: 'available' }]) });
const forecastBody = () => ({ type: 'application/json', text: JSON.stringify([{ intervalStart: T('10:00:00'), calls: 12, ahtSeconds: 180 }]) });

/**
 * The expectation table: one row per REST route (method and path as the router holds them).
 * A route missing here, or a row for a route that is gone, fails the first test.
 */
const ROUTES: Record<string, RouteRow> = {
  'GET /api/v1/health': { gate: 'public', targets: NO_TENANT, ok: [200] },
  'POST /api/v1/events': { gate: 'write', targets: EVENT_TENANT, ok: [200], body: eventBody, allowed: accepted(1) },
  'POST /api/v1/ingest/queue-log': {
    gate: 'write',
    targets: WRITE_TENANT,
    ok: [200],
    // 2026-11-20T09:20:00+08:00 is epoch 1763601600 s: one caller entering queue support (a call id per ask, so none is a repeat).
    body: (a) => ({ type: 'text/x-queue-log', text: `1763601600|mx.${a.query?.tenant ?? 'own'}|support|NONE|ENTERQUEUE||0912345678|1\n` }),
    allowed: accepted(1),
  },
  'POST /api/v1/ingest/amazon-connect': {
    gate: 'write',
    targets: WRITE_TENANT,
    ok: [200],
    body: () => ({ type: 'application/x-ndjson', text: JSON.stringify({ EventType: 'HEART_BEAT', Version: '2019-05-25' }) }),
  },
  'GET /api/v1/snapshot': { gate: 'read', targets: READ_TENANTS, ok: [200] },
  'GET /api/v1/queues/:queueId/intervals': { gate: 'read', targets: QUEUE, ok: [200] },
  'GET /api/v1/agents/:agentId/intervals': { gate: 'read', targets: AGENT, ok: [200] },
  'GET /api/v1/anomalies': { gate: 'read', targets: READ_TENANTS, ok: [200] },
  'GET /api/v1/erlang': { gate: 'read', targets: ERLANG, ok: [200] },
  'GET /api/v1/adherence': { gate: 'read', targets: [...READ_TENANTS, ...AGENT_QUERY], ok: [200] },
  'GET /api/v1/adherence/live': { gate: 'read', targets: [...READ_TENANTS, ...AGENT_QUERY], ok: [200] },
  'GET /api/v1/replay': { gate: 'read', targets: NO_TENANT, ok: [200] },
  // Journaling is off in this server: an allowed start reaches that check (400 naming JOURNAL_DIR).
  'POST /api/v1/replay': { gate: 'allTenantPlan', targets: NO_TENANT, ok: [400], body: () => ({ type: 'application/json', text: JSON.stringify({ date: DATE }) }) },
  'DELETE /api/v1/replay': { gate: 'allTenantPlan', targets: NO_TENANT, ok: [200] },
  'PUT /api/v1/forecasts/:queueId/:date': { gate: 'plan', targets: PLAN_QUEUE, ok: [200], body: forecastBody },
  'DELETE /api/v1/forecasts/:queueId/:date': { gate: 'plan', targets: QUEUE, ok: [204] },
  'GET /api/v1/forecasts/:queueId/:date': { gate: 'read', targets: QUEUE, ok: [200] },
  'PUT /api/v1/schedules/:date': {
    gate: 'plan',
    targets: WRITE_TENANT,
    ok: [200],
    body: () => ({ type: 'application/json', text: JSON.stringify([{ agentId: 'a1', start: T('09:00:00'), end: T('17:00:00'), activity: 'phone' }]) }),
  },
  // ?agentId= is resolved like a path id: bank's agent answers like one that does not exist.
  'GET /api/v1/schedules/:date': { gate: 'read', targets: [...READ_TENANTS, ...AGENT_QUERY], ok: [200] },
  'GET /api/v1/queues/:queueId/intraday': { gate: 'read', targets: QUEUE, ok: [200] },
  'GET /api/v1/queues/:queueId/intraday.csv': { gate: 'read', targets: QUEUE, ok: [200] },
  'GET /api/v1/queues/:queueId/whatifs': { gate: 'read', targets: QUEUE, ok: [200] },
  'POST /api/v1/queues/:queueId/whatifs': {
    gate: 'plan',
    targets: QUEUE,
    ok: [201],
    body: () => ({ type: 'application/json', text: JSON.stringify({ from: T('11:00:00'), to: T('12:00:00'), agents: 1, label: 'matrix' }) }),
  },
  'DELETE /api/v1/queues/:queueId/whatifs/:id': { gate: 'plan', targets: WHATIF_TARGETS, ok: [204] },
  // Journaling is off in this server: an allowed re-run of the day before reaches that check (400 naming JOURNAL_DIR).
  'POST /api/v1/queues/:queueId/past-day': {
    gate: 'plan',
    targets: QUEUE,
    ok: [400],
    body: () => ({ type: 'application/json', text: JSON.stringify({ date: '2026-11-19', changes: [{ from: '14:00', agents: 2 }] }) }),
  },
  // Signing in with a wrong password answers alike for everyone; signing out always succeeds.
  'POST /api/v1/session': { gate: 'public', targets: NO_TENANT, ok: [401], body: () => ({ type: 'application/json', text: JSON.stringify({ name: 'matrix-nobody', password: 'not-the-password' }) }) },
  'GET /api/v1/session': { gate: 'anyPrincipal', targets: NO_TENANT, ok: [200] },
  'DELETE /api/v1/session': { gate: 'public', targets: NO_TENANT, ok: [204] },
  'GET /api/v1/users': { gate: 'admin', targets: NO_TENANT, ok: [200] },
  'POST /api/v1/users': {
    gate: 'admin',
    targets: NO_TENANT,
    ok: [201],
    body: () => ({ type: 'application/json', text: JSON.stringify({ name: 'matrix-lead', role: 'teamLead', tenants: ['acme'], teams: ['t1'], password: 'a-long-enough-password' }) }),
  },
  // No user is named ":name": an allowed change finds nobody.
  'PATCH /api/v1/users/:name': { gate: 'admin', targets: NO_TENANT, ok: [404], body: () => ({ type: 'application/json', text: JSON.stringify({ disabled: true }) }) },
  'GET /api/v1/audit': { gate: 'admin', targets: NO_TENANT, ok: [200] },
  'POST /api/v1/displays': { gate: 'admin', targets: NO_TENANT, ok: [201], body: () => ({ type: 'application/json', text: JSON.stringify({ name: 'Lobby', tenants: ['acme'] }) }) },
  'GET /api/v1/displays': { gate: 'admin', targets: NO_TENANT, ok: [200] },
  'DELETE /api/v1/displays/:id': { gate: 'admin', targets: NO_TENANT, ok: [404] },
  'POST /api/v1/tokens': { gate: 'admin', targets: NO_TENANT, ok: [201], body: () => ({ type: 'application/json', text: JSON.stringify({ name: 'matrix feed', role: 'ingest', tenants: ['acme'] }) }) },
  'GET /api/v1/tokens': { gate: 'admin', targets: NO_TENANT, ok: [200] },
  'DELETE /api/v1/tokens/:id': { gate: 'admin', targets: NO_TENANT, ok: [404] },
  'GET /api/v1/queues/:queueId/ewt': { gate: 'read', targets: QUEUE, ok: [200] },
  'GET /api/v1/alerts': { gate: 'read', targets: READ_TENANTS, ok: [200] },
  'GET /api/v1/call-reasons': { gate: 'read', targets: READ_TENANTS, ok: [200] },
  'GET /api/v1/campaigns': { gate: 'read', targets: READ_TENANTS, ok: [200] },
  'GET /api/v1/campaigns/:campaignId': { gate: 'read', targets: CAMPAIGN, ok: [200] },
  // No rule is configured here, so no alert exists: an allowed call reaches the lookup (404 naming the id).
  'POST /api/v1/alerts/:id/ack': { gate: 'read', targets: NO_TENANT, ok: [404], body: () => ({ type: 'application/json', text: '{}' }) },
  'GET /api/v1/queues/:queueId/history': { gate: 'read', targets: QUEUE, ok: [200] },
  'GET /api/v1/queues/:queueId/history/compare': { gate: 'read', targets: QUEUE, ok: [200] },
  'POST /api/v1/history': { gate: 'plan', targets: WRITE_TENANT, ok: [200], body: () => ({ type: 'text/csv', text: `interval_start,queue_id,calls,aht_seconds\n${T('09:00:00')},support,5,120\n` }) },
  'GET /api/v1/queues/:queueId/forecast': { gate: 'read', targets: QUEUE, ok: [404], allowed: noHistoryYet },
  'GET /api/v1/queues/:queueId/plan': { gate: 'read', targets: QUEUE, ok: [404], allowed: noHistoryYet },
  'GET /api/v1/calendar': { gate: 'read', targets: READ_TENANTS, ok: [200] },
  'PUT /api/v1/calendar': { gate: 'plan', targets: WRITE_TENANT, ok: [200], body: () => ({ type: 'application/json', text: JSON.stringify({ days: [] }) }) },
  'GET /api/v1/reports/:tenant.csv': { gate: 'read', targets: PATH_TENANT, ok: [200] },
  'GET /api/v1/reports/:tenant': { gate: 'read', targets: PATH_TENANT, ok: [200] },
  // Admins and managers of the tenant (managers sign in: test/integration/tenant-settings.test.ts).
  'GET /api/v1/tenants/:tenant/settings': { gate: 'admin', targets: PATH_TENANT, ok: [200] },
  'PUT /api/v1/tenants/:tenant/settings': { gate: 'admin', targets: PATH_TENANT, ok: [200], body: () => ({ type: 'application/json', text: JSON.stringify({ clientViewerAgentNames: true }) }) },
};

/** The routes outside /api/v1: the built client (or the "not built" page), open to anyone. */
const CLIENT_ROUTES = new Set(['GET /{*path}', 'GET /']);

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
  rawPath?: string;
}
/** Every "METHOD path" of a router stack, mounted routers included (their mount path prefixed). */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path}`);
    if (layer.handle?.stack) return routesOf(layer.handle.stack, layer.slash ? prefix : `${prefix}${layer.rawPath ?? ''}`);
    return [];
  });
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** Both tenants' floors and plans, as an all-tenant admin would load them. */
async function seeded(): Promise<{ server: Server; seeds: Seeds }> {
  const server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
  const admin = TOKEN.admin!;
  const events = [
    { id: 's1', type: 'agent.login', ts: T('08:00:00'), tenant: 'acme', agentId: 'a1', queues: ['support'], state: 'available' },
    { id: 's2', type: 'call.queued', ts: T('09:00:00'), tenant: 'acme', callId: 'c1', queueId: 'support' },
    { id: 's1', type: 'agent.login', ts: T('08:00:00'), tenant: 'bank', agentId: 'a1', queues: ['support', 'bank-q'], state: 'available' },
    { id: 's2', type: 'agent.login', ts: T('08:00:00'), tenant: 'bank', agentId: 'bank-a', queues: ['bank-q'], state: 'available' },
    { id: 's3', type: 'call.queued', ts: T('09:00:00'), tenant: 'bank', callId: 'c1', queueId: 'support' },
    { id: 's4', type: 'call.queued', ts: T('09:05:00'), tenant: 'bank', callId: 'c2', queueId: 'bank-q' },
    { id: 's5', type: 'dial.attempt', ts: T('09:06:00'), tenant: 'acme', attemptId: 'd1', campaignId: 'survey', result: 'busy' },
    { id: 's6', type: 'dial.attempt', ts: T('09:06:00'), tenant: 'bank', attemptId: 'd1', campaignId: 'survey', result: 'connected' },
    { id: 's7', type: 'dial.attempt', ts: T('09:07:00'), tenant: 'bank', attemptId: 'd2', campaignId: 'bank-c', result: 'no-answer' },
  ];
  expect((await (await server.post('/api/v1/events', ndjson(events), admin)).json()).accepted).toBe(9);
  const call = (method: string, path: string, text: string, type = 'application/json') => fetch(server.base + path, { method, body: text, headers: { 'content-type': type, authorization: `Bearer ${admin}` } });
  for (const [queue, tenant] of [['support', 'acme'], ['support', 'bank'], ['bank-q', 'bank']]) {
    expect((await call('PUT', `/api/v1/forecasts/${queue}/${DATE}?tenant=${tenant}`, JSON.stringify([{ intervalStart: T('09:00:00'), calls: 40, ahtSeconds: 200 }]))).status).toBe(200);
  }
  for (const tenant of ['acme', 'bank']) {
    const rota = [{ agentId: 'a1', start: T('08:00:00'), end: T('17:00:00'), activity: 'phone' }];
    expect((await call('PUT', `/api/v1/schedules/${DATE}?tenant=${tenant}`, JSON.stringify(rota))).status).toBe(200);
  }
  const whatIf = async (queue: string, tenant: string, label: string) => {
    const r = await call('POST', `/api/v1/queues/${queue}/whatifs?tenant=${tenant}`, JSON.stringify({ from: T('09:00:00'), to: T('10:00:00'), agents: 2, label }));
    expect(r.status).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  const whatIfs = {
    acme1: await whatIf('support', 'acme', 'acme overtime'),
    acme2: await whatIf('support', 'acme', 'acme training'),
    bankSupport: await whatIf('support', 'bank', 'bank secret overtime'),
    bankOnly: await whatIf('bank-q', 'bank', 'bank secret hiring'),
  };
  return { server, seeds: { whatIfs } };
}

/** The URL of a route for one ask. */
function urlOf(route: string, a: Ask, seeds: Seeds): string {
  const whatIf = a.whatIf === undefined || a.whatIf === 'none' ? 'w999' : seeds.whatIfs[a.whatIf];
  const path = route
    .split(' ')[1]
    .replace(':queueId', encodeURIComponent(a.queueId ?? ''))
    .replace(':agentId', encodeURIComponent(a.agentId ?? ''))
    .replace(':campaignId', encodeURIComponent(a.campaignId ?? ''))
    .replace(':date', DATE)
    .replace(':id', whatIf)
    .replace(':tenant', encodeURIComponent(a.pathTenant ?? ''));
  const q = new URLSearchParams(a.query ?? {}).toString();
  return q ? `${path}?${q}` : path;
}

/** One answer as text: status and body, so two answers compare byte for byte. */
async function ask(server: Server, route: string, row: RouteRow, a: Ask, role: Role, seeds: Seeds): Promise<{ status: number; text: string }> {
  const method = route.split(' ')[0];
  const body = row.body?.(a);
  const res = await fetch(server.base + urlOf(route, a, seeds), {
    method,
    body: body?.text,
    headers: { ...(body ? { 'content-type': body.type } : {}), ...(TOKEN[role] ? { authorization: `Bearer ${TOKEN[role]}` } : {}) },
  });
  return { status: res.status, text: await res.text() };
}

/** The text with `from` (or a seeded what-if id, written `@name`) replaced by `to`. */
function swap(text: string, from: string, to: string, seeds: Seeds): string {
  const id = from.startsWith('@') ? seeds.whatIfs[from.slice(1) as keyof Seeds['whatIfs']] : from;
  return text.replaceAll(`"${id}"`, `"${to}"`).replaceAll(`\\"${id}\\"`, `\\"${to}\\"`).replaceAll(`tenant ${id}`, `tenant ${to}`);
}

const isAllowed = (row: RouteRow, r: { status: number; text: string }) => row.ok.includes(r.status) && (!row.allowed || row.allowed(JSON.parse(r.text)));

describe('the access matrix covers every route and event', () => {
  it('has a row for every REST route of the live router, and no row for a route that is gone', async () => {
    const server = await startServer();
    const stack = (server.floor.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const all = routesOf(stack);
    await server.stop();
    const api = all.filter((r) => r.includes(' /api/v1/'));
    expect(all.filter((r) => !r.includes(' /api/v1/') && !CLIENT_ROUTES.has(r))).toEqual([]);
    expect(api.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !api.includes(r))).toEqual([]);
    // 55 routes today: a sanity check that the walk found the mounted routers at all.
    expect(api.length).toBe(55);
  });

  it('lists every event a server socket listens to, on /, /replay, /ingest and /tv', async () => {
    const server = await startServer();
    const sockets = ['/ingest', '/replay', '/tv'].map((ns) => connect(`${server.base}${ns}`, { auth: {}, transports: ['websocket'], reconnection: false }));
    sockets.push(server.socket());
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.once('connect', () => resolve()))));
    const reserved = new Set(['disconnect', 'disconnecting', 'error']);
    const listened = (ns: string) => [...server.floor.io.of(ns).sockets.values()].flatMap((s) => s.eventNames().map(String)).filter((e) => !reserved.has(e));
    // The replay workspace is a second Hub: the same events, checked by the same code as /.
    expect(new Set(listened('/'))).toEqual(new Set(CLIENT_EVENTS));
    expect(new Set(listened('/replay'))).toEqual(new Set(CLIENT_EVENTS));
    expect(new Set(listened('/ingest'))).toEqual(new Set(INGEST_CLIENT_EVENTS));
    expect(new Set(listened('/tv'))).toEqual(new Set(TV_CLIENT_EVENTS));
    for (const s of sockets) s.disconnect();
    await server.stop();
  });
});

/**
 * A seeded server for the enclosing describe block, started before its tests and stopped after.
 * Reads share one per route; writes get one per route and role.
 */
function useSeeded(): { server: Server; seeds: Seeds } {
  const live = {} as { server: Server; seeds: Seeds };
  beforeAll(async () => void Object.assign(live, await seeded()));
  afterAll(() => live.server.stop());
  return live;
}

for (const [route, row] of Object.entries(ROUTES)) {
  describe(route, () => {
    const readOnly = route.startsWith('GET ');
    const shared = readOnly ? useSeeded() : null;
    for (const role of ROLES) {
      describe(role, () => {
        const live = shared ?? useSeeded();
        const gate = GATE[row.gate][role];
        const firstRefusal: { text?: string } = {};
        for (const target of row.targets) {
          const expected: Expect = gate !== 'pass' ? gate : role === 'admin' || role === 'none' ? target.admin : target.scoped;
          it(`${target.tenant} · ${target.name} → ${describeExpect(expected)}`, async () => {
            const { server, seeds } = live;
            const got = await ask(server, route, row, target.ask, role, seeds);
            if (gate !== 'pass') {
              // Refused before any tenant question: the same answer whatever is asked about.
              expect(got.status).toBe(gate);
              firstRefusal.text ??= got.text;
              expect(got.text).toBe(firstRefusal.text);
              return;
            }
            if (expected === 'allow') {
              expect(isAllowed(row, got), `${got.status} ${got.text.slice(0, 300)}`).toBe(true);
              // Nothing of bank's ever reaches acme's tokens in an allowed answer about acme.
              if (role !== 'admin' && target.tenant !== 'bank') expect(got.text).not.toMatch(/bank/);
            } else if (typeof expected === 'number') {
              expect(got.status, got.text.slice(0, 300)).toBe(expected);
            } else {
              expect(isAllowed(row, got), `${got.status} ${got.text.slice(0, 300)}`).toBe(false);
              for (const like of expected.like) {
                const ghost = await ask(server, route, row, like.ask, role, seeds);
                expect(isAllowed(row, ghost)).toBe(false);
                expect({ status: got.status, body: swap(got.text, like.from, like.to, seeds) }).toEqual({ status: ghost.status, body: ghost.text });
              }
            }
          });
        }
      });
    }
  });
}

function describeExpect(e: Expect): string {
  if (e === 'allow') return 'allow';
  if (typeof e === 'number') return String(e);
  return `same as ${e.like.map((l) => l.to).join(' and ')}`;
}

// ---- Socket.IO: every client event of / and /ingest ----

interface EventTarget {
  name: string;
  tenant: Target['tenant'];
  payload: unknown;
  scoped: 'allow' | 'refused' | { like: unknown; from: string; to: string }[];
  admin: EventTarget['scoped'];
}
const ref = (tenant: string, id: string) => ({ tenant, id });
const likeQueue = (shared: unknown, ghostTenant: unknown, ghostId: unknown) => [
  { like: ghostTenant, from: 'bank', to: GHOST_T },
  { like: ghostId, from: shared as string, to: GHOST_Q },
];
const SOCKET_TENANTS = (key: 'tenants'): EventTarget[] => [
  { name: 'every visible tenant', tenant: '-', payload: {}, scoped: 'allow', admin: 'allow' },
  { name: 'tenants [acme]', tenant: 'acme', payload: { [key]: ['acme'] }, scoped: 'allow', admin: 'allow' },
  { name: 'tenants [bank]', tenant: 'bank', payload: { [key]: ['bank'] }, scoped: [{ like: { [key]: [GHOST_T] }, from: 'bank', to: GHOST_T }], admin: 'allow' },
  // A tenant nobody is granted and the floor does not know is unknown to the admin too (tenantOpenTo; it was an empty board).
  { name: `tenants [${GHOST_T}]`, tenant: 'nobody', payload: { [key]: [GHOST_T] }, scoped: 'refused', admin: 'refused' },
];

/** The socket expectation table: one row per client event of each namespace (typed: none can be missing). */
const FLOOR_EVENTS: Record<(typeof CLIENT_EVENTS)[number], EventTarget[]> = {
  subscribe: [
    ...SOCKET_TENANTS('tenants'),
    { name: 'queue {acme, support}', tenant: 'acme', payload: { queues: [ref('acme', 'support')] }, scoped: 'allow', admin: 'allow' },
    // A bare id means that queue in every visible tenant, so it is never ambiguous here.
    { name: 'queue "support"', tenant: 'both', payload: { queues: ['support'] }, scoped: 'allow', admin: 'allow' },
    {
      name: 'queue {bank, support}',
      tenant: 'bank',
      payload: { queues: [ref('bank', 'support')] },
      scoped: [
        { like: { queues: [ref(GHOST_T, 'support')] }, from: 'bank', to: GHOST_T },
        { like: { queues: [ref('bank', GHOST_Q)] }, from: 'support', to: GHOST_Q },
      ],
      admin: 'allow',
    },
    { name: 'queue "bank-q"', tenant: 'bank', payload: { queues: ['bank-q'] }, scoped: [{ like: { queues: [GHOST_Q] }, from: 'bank-q', to: GHOST_Q }], admin: 'allow' },
    { name: `queue "${GHOST_Q}"`, tenant: 'nobody', payload: { queues: [GHOST_Q] }, scoped: 'refused', admin: 'refused' },
  ],
  'adherence:subscribe': SOCKET_TENANTS('tenants'),
  'alerts:subscribe': SOCKET_TENANTS('tenants'),
  'agents:page': [
    { name: 'every visible tenant', tenant: '-', payload: { offset: 0, limit: 10 }, scoped: 'allow', admin: 'allow' },
    { name: 'tenant acme', tenant: 'acme', payload: { offset: 0, limit: 10, tenant: 'acme' }, scoped: 'allow', admin: 'allow' },
    { name: 'tenant bank', tenant: 'bank', payload: { offset: 0, limit: 10, tenant: 'bank' }, scoped: [{ like: { offset: 0, limit: 10, tenant: GHOST_T }, from: 'bank', to: GHOST_T }], admin: 'allow' },
    // A tenant there is not is unknown to the admin too (it was an empty page).
    { name: `tenant ${GHOST_T}`, tenant: 'nobody', payload: { offset: 0, limit: 10, tenant: GHOST_T }, scoped: 'refused', admin: 'refused' },
  ],
  'intraday:subscribe': [
    { name: 'support of acme', tenant: 'acme', payload: { queueId: 'support', tenant: 'acme' }, scoped: 'allow', admin: 'allow' },
    { name: 'support without tenant', tenant: 'both', payload: { queueId: 'support' }, scoped: 'allow', admin: 'refused' },
    {
      name: 'support of bank',
      tenant: 'bank',
      payload: { queueId: 'support', tenant: 'bank' },
      scoped: likeQueue('support', { queueId: 'support', tenant: GHOST_T }, { queueId: GHOST_Q, tenant: 'bank' }),
      admin: 'allow',
    },
    { name: 'bank-q', tenant: 'bank', payload: { queueId: 'bank-q' }, scoped: [{ like: { queueId: GHOST_Q }, from: 'bank-q', to: GHOST_Q }], admin: 'allow' },
    { name: GHOST_Q, tenant: 'nobody', payload: { queueId: GHOST_Q }, scoped: 'refused', admin: 'refused' },
  ],
};
const eventOf = (tenant: string) => [{ id: 'mx-2', type: 'agent.login', ts: T('09:21:00'), tenant, agentId: 'a1', queues: ['support'], state: 'available' }];
const INGEST_EVENTS: Record<(typeof INGEST_CLIENT_EVENTS)[number], EventTarget[]> = {
  events: [
    { name: 'an event of acme', tenant: 'acme', payload: eventOf('acme'), scoped: 'allow', admin: 'allow' },
    { name: 'an event of bank', tenant: 'bank', payload: eventOf('bank'), scoped: [{ like: eventOf(GHOST_T), from: 'bank', to: GHOST_T }], admin: 'allow' },
  ],
};
/** The TV's figures: a tenant must be on the floor or granted by name to be shown, for the all-tenant admin too, as on the board. */
const TV_EVENTS: Record<(typeof TV_CLIENT_EVENTS)[number], EventTarget[]> = {
  'tv:subscribe': SOCKET_TENANTS('tenants'),
};
const SOCKET_GATE: Record<'/' | '/ingest' | '/tv', Gate> = { '/': 'read', '/ingest': 'write', '/tv': 'read' };

/** A socket of a role on a namespace, once connected or refused (with the refusal's message). */
async function openSocket(server: Server, ns: string, role: Role): Promise<{ socket: Socket; error?: string }> {
  const socket = connect(`${server.base}${ns === '/' ? '' : ns}`, { auth: TOKEN[role] ? { token: TOKEN[role] } : {}, transports: ['websocket'], reconnection: false });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (e) => resolve({ socket, error: e.message }));
  });
}

type Ack = { ok: boolean; data?: unknown; error?: string };
const ackAllowed = (ns: string, a: Ack) => a.ok && (ns !== '/ingest' || accepted(1)(a.data));

for (const [ns, table] of [['/', FLOOR_EVENTS], ['/ingest', INGEST_EVENTS], ['/tv', TV_EVENTS]] as const) {
  for (const [event, targets] of Object.entries(table) as [string, EventTarget[]][]) {
    describe(`socket ${ns} ${event}`, () => {
      const shared = ns === '/' ? useSeeded() : null;
      for (const role of ROLES) {
        describe(role, () => {
          const gate = GATE[SOCKET_GATE[ns]][role];
          // Subscriptions change nothing: one server per event; ingest writes: one per role.
          const live = shared ?? useSeeded();
          const open = () => openSocket(live.server, ns, role);
          if (gate !== 'pass') {
            it(`refuses the connection (${gate === 401 ? 'no token' : 'wrong role'})`, async () => {
              const { socket, error } = await open();
              socket.disconnect();
              expect(error).toMatch(gate === 401 ? /^unauthorized: / : /^forbidden: /);
            });
            return;
          }
          for (const target of targets) {
            const expected = role === 'admin' ? target.admin : target.scoped;
            it(`${target.tenant} · ${target.name} → ${typeof expected === 'string' ? expected : `same as ${expected.map((l) => l.to).join(' and ')}`}`, async () => {
              // A fresh socket per cell keeps every cell inside the subscription rate limit.
              const { socket, error } = await open();
              expect(error).toBeUndefined();
              const got = (await socket.emitWithAck(event, target.payload)) as Ack;
              if (expected === 'allow') {
                expect(ackAllowed(ns, got), JSON.stringify(got).slice(0, 300)).toBe(true);
                if (role !== 'admin' && target.tenant !== 'bank') expect(JSON.stringify(got)).not.toMatch(/bank/);
              } else if (expected === 'refused') {
                expect(ackAllowed(ns, got)).toBe(false);
              } else {
                expect(ackAllowed(ns, got)).toBe(false);
                for (const like of expected) {
                  const ghost = (await socket.emitWithAck(event, like.like)) as Ack;
                  expect(ackAllowed(ns, ghost)).toBe(false);
                  expect(JSON.parse(JSON.stringify(got).replaceAll(`\\"${like.from}\\"`, `\\"${like.to}\\"`))).toEqual(ghost);
                }
              }
              socket.disconnect();
            });
          }
        });
      }
    });
  }
}
