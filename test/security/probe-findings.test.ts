/**
 * Findings of a probe of the HTTP API as an attacker and as a careless integrator would use it
 * (client report, tenant caps, error answers). Each test reproduces what the server did before
 * its fix; the numbers are the request's own.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { healthLatencies } from '../../bench/abuse-inputs.ts';
import { IntervalClock } from '../../server/domain/intervals.ts';
import { clientReport } from '../../server/history/client-report.ts';
import { parseSchedule } from '../../server/ingest/plan-import.ts';
import type { HistoryStore } from '../../server/history/types.ts';
import { startServer } from '../helpers/server.ts';

const ADMIN = 'admin-token-0123456789';
const ACME_VIEW = 'acme-viewer-0123456789';
const ACME_FEED = 'acme-ingest-0123456789';
// Two clients' wallboard tokens, named alike by an operator who names every client's the same.
const ACME_WALL = 'acme-wall-0123456789';
const BANK_WALL = 'bank-wall-0123456789';
const tokens = [
  { token: ACME_WALL, name: 'wallboard', tenants: ['acme'], role: 'viewer' },
  { token: BANK_WALL, name: 'wallboard', tenants: ['bank'], role: 'viewer' },
  { token: ACME_FEED, name: 'acme acd', tenants: ['acme'], role: 'ingest' },
  { token: ADMIN, name: 'ops', tenants: ['*'], role: 'admin' },
  { token: ACME_VIEW, name: 'acme supervisor', tenants: ['acme'], role: 'viewer' },
];

let server: Awaited<ReturnType<typeof startServer>>;
const send = async (method: string, path: string, body: string | undefined, token: string, contentType = 'application/json') => {
  const r = await fetch(server.base + path, { method, body, headers: { ...(body !== undefined ? { 'content-type': contentType } : {}), authorization: `Bearer ${token}` } });
  return { status: r.status, text: await r.text() };
};

beforeAll(async () => {
  server = await startServer({ FLOORBOARD_TOKENS: JSON.stringify(tokens) });
});
afterAll(() => server.stop());

describe('errors made before a route runs say what and where, briefly', () => {
  it('quotes at most 40 characters of a path segment that is not valid percent-encoding', async () => {
    // Before: `Failed to decode param '%ZZAAAA…'` with all 8,003 characters of the segment.
    const r = await send('GET', `/api/v1/queues/%ZZ${'A'.repeat(8000)}/intervals`, undefined, ACME_VIEW);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toEqual({ error: `path: "%ZZ${'A'.repeat(37)}"… (8003 characters) is not valid percent-encoding` });
  });

  it('names the limit of the route a too large body was sent to, not MAX_BODY_BYTES', async () => {
    // 5,001 bytes to a route that reads at most 4,096: before, "larger than the limit of 10485760 bytes".
    const r = await send('PUT', '/api/v1/tenants/acme/settings', `{${'x'.repeat(5000)}`, ADMIN);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toEqual({ error: 'body is larger than the limit of 4096 bytes; send smaller batches' });
  });

  it('says that the body is what is not JSON', async () => {
    const r = await send('POST', '/api/v1/displays', `{"name": "${'x'.repeat(5000)}`, ADMIN);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toMatch(/^body is not valid JSON: /);
    expect(r.text.length).toBeLessThan(200);
  });
});

describe('a plan write names a tenant and a queue an event could name', () => {
  const forecast = JSON.stringify([{ intervalStart: '2026-11-20T09:00:00+08:00', calls: 10, ahtSeconds: 180 }]);

  it('refuses an empty or over-long ?tenant= from an all-tenant token instead of making that tenant', async () => {
    // Before: 200, and a tenant "" (which no event may name) appeared on every admin's floor.
    expect(await send('PUT', '/api/v1/forecasts/sales/2026-11-20?tenant=', forecast, ADMIN)).toEqual({ status: 400, text: JSON.stringify({ error: 'tenant: empty; give a tenant id or leave the parameter out' }) });
    const long = 'T'.repeat(201);
    expect(await send('PUT', `/api/v1/schedules/2026-11-20?tenant=${long}`, 'agent_id,start,end,activity\na1,2026-11-20T09:00:00+08:00,2026-11-20T10:00:00+08:00,phone\n', ADMIN, 'text/csv')).toEqual({
      status: 400,
      text: JSON.stringify({ error: `tenant: "${'T'.repeat(40)}"… (201 characters) is longer than 200 characters` }),
    });
    expect(await send('PUT', '/api/v1/calendar?tenant=%20acme', JSON.stringify({ days: [] }), ADMIN)).toEqual({ status: 400, text: JSON.stringify({ error: 'tenant: " acme" begins or ends with a space' }) });
    expect([...server.floor.engine.tenants.keys()]).not.toContain('');
  });

  it('refuses a forecast that would register a queue id of 3,000 characters', async () => {
    // Before: 200 and a queue no event could name (ids are 1-200 characters); the CSV column was checked, the path not.
    const id = 'z'.repeat(3000);
    expect(await send('PUT', `/api/v1/forecasts/${id}/2026-11-20?tenant=acme`, forecast, ADMIN)).toEqual({
      status: 400,
      text: JSON.stringify({ error: `queueId: "${'z'.repeat(40)}"… (3000 characters) is longer than 200 characters` }),
    });
    expect(server.floor.engine.tenants.get('acme')?.queues.has(id) ?? false).toBe(false);
  });
});

describe('queue_log sources a tenant\'s feed may name', () => {
  it('keeps a translator for at most 100 sources of a tenant; the 101st is a 400, the known ones and other tenants go on', async () => {
    // Before: every new ?source= kept a translator (and its members) for good: one per post, without end.
    const line = (i: number) => `1796180000|NONE|IT|SIP/${i}|ADDMEMBER|\n`;
    for (let i = 0; i < 100; i++) expect((await send('POST', `/api/v1/ingest/queue-log?source=pbx${i}`, line(i), ACME_FEED, 'text/x-queue-log')).status).toBe(200);
    expect(await send('POST', '/api/v1/ingest/queue-log?source=pbx100', line(100), ACME_FEED, 'text/x-queue-log')).toEqual({
      status: 400,
      text: JSON.stringify({ error: 'source: tenant "acme" has 100 queue_log sources already; send with one of those' }),
    });
    expect((await send('POST', '/api/v1/ingest/queue-log?source=pbx7', line(7), ACME_FEED, 'text/x-queue-log')).status).toBe(200);
    expect((await send('POST', '/api/v1/ingest/queue-log?tenant=bank&source=pbx100', line(100), ADMIN, 'text/x-queue-log')).status).toBe(200);
  });
});

describe('the admission line of subscriptions', () => {
  it("gives two tenants' tokens of the same name and role lanes of their own", async () => {
    // Lanes were keyed by role and name only: acme's 'wallboard' flooding the line held up bank's
    // 'wallboard' as if they were one requester, the starvation the lanes were made against.
    const offer = vi.spyOn(server.floor.hub.admission, 'offer');
    const lanes: string[] = [];
    for (const token of [ACME_WALL, BANK_WALL, ACME_WALL]) {
      const s = server.socket(token);
      expect(await s.emitWithAck('subscribe', {})).toMatchObject({ ok: true });
      lanes.push(offer.mock.calls.at(-1)![2]!);
    }
    offer.mockRestore();
    expect(lanes[0]).not.toBe(lanes[1]);
    // The same token is one requester, whichever screen asks.
    expect(lanes[2]).toBe(lanes[0]);
  });
});

describe('a list filter given empty', () => {
  it('is a 400 naming it, not an answer about nobody', async () => {
    // Before: 200 with no tenants, queues or agents (a `?tenant=${undefined}` showed an empty floor).
    for (const [path, name] of [['/api/v1/snapshot?tenant=', 'tenant'], ['/api/v1/snapshot?queue=,', 'queue'], ['/api/v1/anomalies?tenant=', 'tenant'], ['/api/v1/alerts?tenant= ', 'tenant'], ['/api/v1/call-reasons?tenant=', 'tenant'], ['/api/v1/adherence?detail=', 'detail']]) {
      expect(await send('GET', path, undefined, ACME_VIEW)).toEqual({ status: 400, text: JSON.stringify({ error: `${name}: empty; give one or more, comma-separated, or leave the parameter out` }) });
    }
  });

  it('is a 400 naming ?tenant= on routes of one queue and on the calendar, and ?agentId= on schedules', async () => {
    // Before: the queue's routes looked in a tenant "" ('queue "sales" not found', 404, though
    // sales is acme's), an all-tenant token's calendar was tenant ""'s (200, empty), and
    // schedules?agentId= was no filter at all (every agent's segments).
    const tenant = JSON.stringify({ error: 'tenant: empty; give a tenant id or leave the parameter out' });
    const forecast = JSON.stringify([{ intervalStart: '2026-11-20T10:00:00+08:00', calls: 10, ahtSeconds: 180 }]);
    expect((await send('PUT', '/api/v1/forecasts/sales/2026-11-20?tenant=acme', forecast, ADMIN)).status).toBe(200);
    for (const path of ['/api/v1/queues/sales/intraday?tenant=', '/api/v1/queues/sales/whatifs?tenant=', '/api/v1/forecasts/sales/2026-11-20?tenant=']) {
      expect(await send('GET', path, undefined, ACME_VIEW)).toEqual({ status: 400, text: tenant });
    }
    expect(await send('GET', '/api/v1/calendar?tenant=', undefined, ADMIN)).toEqual({ status: 400, text: tenant });
    const schedule = 'agent_id,start,end,activity\na1,2026-11-20T09:00:00+08:00,2026-11-20T10:00:00+08:00,phone\n';
    expect((await send('PUT', '/api/v1/schedules/2026-11-20?tenant=acme', schedule, ADMIN, 'text/csv')).status).toBe(200);
    expect(await send('GET', '/api/v1/schedules/2026-11-20?agentId=', undefined, ACME_VIEW)).toEqual({ status: 400, text: JSON.stringify({ error: 'agentId: empty; give an id or leave the parameter out' }) });
    expect(JSON.parse((await send('GET', '/api/v1/schedules/2026-11-20?agentId=a1', undefined, ACME_VIEW)).text).segments).toHaveLength(1);
  });
});

describe("a feed's answer when its tenant is full", () => {
  it('applies the good events of the batch and names why the others changed nothing', async () => {
    // Before: `anomalies: 2` and no reason, and an ingest token may not read /anomalies: the feed could not tell why.
    const T = '2026-11-20T09:00:00+08:00';
    const logins = Array.from({ length: 4 }, (_, k) => ({ id: `l${k}`, type: 'agent.login', ts: T, tenant: 'capco', agentId: `a${k}`, queues: Array.from({ length: 500 }, (_, i) => `q${k * 500 + i}`), state: 'available' }));
    const full = await fetch(`${server.base}/api/v1/events`, { method: 'POST', body: JSON.stringify(logins), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(await full.json()).toEqual({ accepted: 4, duplicates: 0, anomalies: 0, rejected: [] });
    const batch = [
      { id: 'c1', type: 'call.queued', ts: T, tenant: 'capco', callId: 'c1', queueId: 'q7' },
      { id: 'c2', type: 'call.queued', ts: T, tenant: 'capco', callId: 'c2', queueId: 'new-1' },
      { id: 'c3', type: 'agent.login', ts: T, tenant: 'capco', agentId: 'a9', queues: ['q1', 'new-2'], state: 'available' },
      { id: 'c4', type: 'call.queued', ts: T, tenant: 'capco', callId: 'c4', queueId: 'q8' },
    ];
    const r = await fetch(`${server.base}/api/v1/events`, { method: 'POST', body: JSON.stringify(batch), headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` } });
    expect(await r.json()).toEqual({ accepted: 4, duplicates: 0, anomalies: 2, anomalyReasons: { 'too-many-queues': 2 }, rejected: [] });
    const capco = server.floor.engine.tenants.get('capco')!;
    expect([capco.queues.get('q7')!.waiting.size, capco.queues.get('q8')!.waiting.size, capco.queues.has('new-1')]).toEqual([1, 1, false]);
  });
});

describe('what-ifs stacked on one interval', () => {
  it("answers the queue's intraday at once, though 500 what-ifs add 5,000,000 agents to each interval", async () => {
    // Before: Erlang B stepped through every one of the 5,000,000 agents of each of the 48 intervals
    // (2.7 s a GET on a loaded 2-core machine, the event loop held for every tenant), though its
    // value was 0 from the 353rd step on: 100 calls of 300 s in 30 minutes are 16.67 Erlangs.
    // The fold now refuses a what-if past 10,000 in all on an interval; a plan from before it
    // (its snapshot) may still hold these, so they go into the plan directly.
    const rows = Array.from({ length: 48 }, (_, i) => ({ intervalStart: new Date(Date.parse('2026-11-21T00:00:00+08:00') + i * 1_800_000).toISOString(), calls: 100, ahtSeconds: 300 }));
    expect((await send('PUT', '/api/v1/forecasts/stacked/2026-11-21?tenant=acme', JSON.stringify(rows), ADMIN)).status).toBe(200);
    const from = Date.parse('2026-11-21T00:00:00+08:00');
    for (let i = 0; i < 500; i++) server.floor.plan.addWhatIf({ tenant: 'acme', queueId: 'stacked', date: '2026-11-21', from, to: from + 86_400_000, agents: 10_000, label: '', createdBy: 'ops' });
    const t0 = performance.now();
    const r = await send('GET', '/api/v1/queues/stacked/intraday?date=2026-11-21', undefined, ACME_VIEW);
    const ms = performance.now() - t0;
    const view = JSON.parse(r.text) as { rows: { whatIfAgents: number; projectedServiceLevel: number; requiredAgents: number }[] };
    expect([view.rows.length, view.rows[0].whatIfAgents, view.rows[47].projectedServiceLevel]).toEqual([48, 5_000_000, 1]);
    // A ceiling that catches a hang on a loaded CI machine; erlang.test.ts holds the step count (a billion lines cost what 353 do).
    expect(ms).toBeLessThan(5000);
  });
});

describe('a forecast beyond the Erlang limits under stacked what-ifs', () => {
  type Row = { start: string; whatIfAgents: number; requiredAgents: number | null; projectedServiceLevel: number | null; projectedAsaSeconds: number | null };
  const DAY = '2026-11-21';
  const from = Date.parse(`${DAY}T00:00:00+08:00`);

  it('answers the intraday, its CSV and the day plan with no projection for those intervals, and health meanwhile, at once', async () => {
    // The probe: 100,000 calls of 86,400 s in every half-hour (100,000 x 86,400 / 1,800 = 4,800,000
    // Erlangs, past the calculator's 5,000) and 250 what-ifs of +10,000 over the day. Erlang B
    // took about as many steps as there are Erlangs for each of the 48 intervals: 1.4 s a GET
    // (2.8 s with 500), the event loop held for every tenant.
    const rows = Array.from({ length: 48 }, (_, i) => ({ intervalStart: new Date(from + i * 1_800_000).toISOString(), calls: 100_000, ahtSeconds: 86_400 }));
    // A tenant of its own: acme's 500 what-ifs above are its cap.
    expect((await send('PUT', `/api/v1/forecasts/huge/${DAY}?tenant=north`, JSON.stringify(rows), ADMIN)).status).toBe(200);
    const whatIf = JSON.stringify({ from: `${DAY}T00:00:00+08:00`, to: '2026-11-22T00:00:00+08:00', agents: 10_000, label: 'probe' });
    const answers = [];
    for (let i = 0; i < 250; i++) answers.push(await send('POST', '/api/v1/queues/huge/whatifs?tenant=north', whatIf, ADMIN));
    // The first is taken; each next would make 20,000 on every interval: refused, nothing changed.
    expect(answers[0].status).toBe(201);
    expect(new Set(answers.slice(1).map((a) => `${a.status} ${a.text}`))).toEqual(
      new Set([`409 ${JSON.stringify({ error: 'with it the what-ifs of an interval would come to +20,000 agents: at most 10,000 either way', code: 'plan.whatIfAgents', params: { agents: 20_000, limit: 10_000 } })}`]),
    );
    // A plan from before that bound may hold the other 249 (a snapshot): 2,500,000 agents.
    for (let i = 1; i < 250; i++) server.floor.plan.addWhatIf({ tenant: 'north', queueId: 'huge', date: DAY, from, to: from + 86_400_000, agents: 10_000, label: 'probe', createdBy: 'ops' });

    const t0 = performance.now();
    const asked = send('GET', `/api/v1/queues/huge/intraday?date=${DAY}&tenant=north`, undefined, ADMIN);
    const health = await healthLatencies(server.base, asked);
    const r = await asked;
    const ms = performance.now() - t0;
    const view = JSON.parse(r.text) as { dayProjectedServiceLevel: number | null; rows: Row[] };
    expect(view.rows).toHaveLength(48);
    expect(new Set(view.rows.map((x) => JSON.stringify([x.whatIfAgents, x.requiredAgents, x.projectedServiceLevel, x.projectedAsaSeconds])))).toEqual(new Set([JSON.stringify([2_500_000, null, null, null])]));
    expect(view.dayProjectedServiceLevel).toBeNull();
    expect(ms).toBeLessThan(500);
    expect(Math.max(...health)).toBeLessThan(500);

    // The CSV leaves the projected columns empty; tomorrow's plan (this day) projects nothing either.
    const csv = (await send('GET', `/api/v1/queues/huge/intraday.csv?date=${DAY}&tenant=north`, undefined, ADMIN)).text.trim().split('\n');
    const header = csv[0].split(',');
    const cells = csv.slice(1).map((line) => ['projected_service_level', 'projected_asa_seconds'].map((c) => line.split(',')[header.indexOf(c)]).join('|'));
    expect(new Set(cells)).toEqual(new Set(['|']));
    const plan = JSON.parse((await send('GET', `/api/v1/queues/huge/plan?date=${DAY}&tenant=north`, undefined, ADMIN)).text) as { projectedServiceLevel: number | null; intervals: { trafficErlangs: number; required: number | null; projectedServiceLevel: number | null }[] };
    expect([plan.projectedServiceLevel, plan.intervals[0]]).toEqual([null, expect.objectContaining({ trafficErlangs: 4_800_000, required: null, projectedServiceLevel: null })]);
  });
});

describe("two tenants' what-ifs", () => {
  it("are numbered each on their own: one tenant's ids do not count the other's what-ifs", async () => {
    // Before: one counter for every tenant, so acme's w501 and then bank's w502-w504 showed bank
    // that another tenant had made 501 what-ifs, and acme's next (w505) that someone had made 3.
    // Here two tenants new to the floor: east's w1, west's w1-w3, east's w2.
    const post = (tenant: string) => send('POST', `/api/v1/queues/ids/whatifs?tenant=${tenant}`, JSON.stringify({ from: '2026-11-22T10:00:00+08:00', to: '2026-11-22T11:00:00+08:00', agents: 1 }), ADMIN);
    for (const tenant of ['east', 'west']) expect((await send('PUT', `/api/v1/forecasts/ids/2026-11-22?tenant=${tenant}`, JSON.stringify([{ intervalStart: '2026-11-22T10:00:00+08:00', calls: 10, ahtSeconds: 180 }]), ADMIN)).status).toBe(200);
    const ids = [];
    for (const tenant of ['east', 'west', 'west', 'west', 'east']) {
      const r = await post(tenant);
      expect(r.status).toBe(201);
      ids.push(`${tenant} ${(JSON.parse(r.text) as { id: string }).id}`);
    }
    expect(ids).toEqual(['east w1', 'west w1', 'west w2', 'west w3', 'east w2']);
  });
});

describe('client reports asked at once', () => {
  it('read one group a turn of the event loop between them all, so timers and requests run between every group', async () => {
    // Each report let the loop turn before each group of 4 reads (setImmediate), but the groups of
    // every report waiting ran in the same turn: 16 month reports of a 500-agent tenant at once
    // held health 1.5 s (one alone: 0.5 s). Here each read takes 2 ms, and a timer re-armed
    // every 0 ms marks the turns: before, 3 reports ran 3 groups between two ticks.
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const order: string[] = [];
    const store = {
      queueIntervals: async () => [],
      campaignHours: async () => [],
      agentIntervals: async (_t: string, id: string) => {
        if (id === 'a0' || id === 'a4' || id === 'a8') order.push('group');
        busy(2);
        return [];
      },
    } as unknown as HistoryStore;
    let ticking = true;
    const tick = () => {
      order.push('tick');
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const subject = { tenant: 'acme', tenantName: 'Acme', queues: [], agentIds: Array.from({ length: 12 }, (_, i) => `a${i}`) };
    const clock = new IntervalClock('Asia/Taipei', 30);
    await Promise.all([1, 2, 3].map(() => clientReport(store, subject, 'day', '2026-11-18', clock, () => false)));
    ticking = false;
    // 3 reports x 2 periods x 3 groups of 4 agents.
    const groups = order.filter((e) => e === 'group').length;
    let most = 0;
    let run = 0;
    for (const e of order) most = Math.max(most, (run = e === 'group' ? run + 1 : 0));
    expect([groups, most]).toEqual([18, 1]);
  });
});

describe("a schedule import of more segments an agent's day than the limit", () => {
  it('is a 400 naming the agent and the limit, and changes neither the schedule nor the agents', async () => {
    // Before: 200, and one agent's 778,000 segments made each adherence read of that agent 0.17 s.
    const T = (hhmm: string) => `2026-11-21T${hhmm}:00+08:00`;
    const shift = ['agent_id,start,end,activity', `a1,${T('09:00')},${T('12:00')},phone`, `a1,${T('12:00')},${T('13:00')},lunch`, `a2,${T('13:00')},${T('18:00')},phone`].join('\n');
    expect(await send('PUT', '/api/v1/schedules/2026-11-21?tenant=segco', shift, ADMIN, 'text/csv')).toEqual({ status: 200, text: JSON.stringify({ tenant: 'segco', date: '2026-11-21', segments: 3, agents: 2 }) });
    const before = await send('GET', '/api/v1/schedules/2026-11-21?tenant=segco', undefined, ADMIN);
    expect(JSON.parse(before.text).segments).toHaveLength(3);

    // A new agent's shift first (line 2), then a1's 201 five-minute segments from 00:00 (lines 3-203).
    const five = (k: number) => new Date(Date.parse(T('00:00')) + k * 300_000).toISOString();
    const crowded = ['agent_id,start,end,activity', `a9,${T('09:00')},${T('17:00')},phone`, ...Array.from({ length: 201 }, (_, k) => `a1,${five(k)},${five(k + 1)},phone`)].join('\n');
    expect(await send('PUT', '/api/v1/schedules/2026-11-21?tenant=segco', crowded, ADMIN, 'text/csv')).toEqual({
      status: 400,
      text: JSON.stringify({ error: 'line 203: agent "a1" has 201 segments on 2026-11-21; at most 200 an agent a day' }),
    });
    expect(await send('GET', '/api/v1/schedules/2026-11-21?tenant=segco', undefined, ADMIN)).toEqual(before);
    expect(server.floor.engine.agent('segco', 'a9')).toBeUndefined();
    expect(server.floor.plan.agentsWithSchedules('segco').sort()).toEqual(['a1', 'a2']);
  });
});

// Last: it holds this process's event loop, the server's too, for seconds, and a request just after
// it met a keep-alive socket the server closed as the loop came free (ECONNRESET).
describe("a schedule import of one agent's many segments", () => {
  it('costs what as many segments of many agents cost, not the square of them', () => {
    // Before: each row copied its agent's list so far, so one agent's 40,000 one-second segments
    // (a 2.4 MB PUT /schedules) were 800 million copies and held the event loop 15 s. Now an agent
    // may have at most 200 segments a day, but its rows are still gathered before they are counted.
    const clock = new IntervalClock('Asia/Taipei', 30);
    const day = clock.dayOfDate('2026-11-21')!;
    const csv = (agentOf: (k: number) => string) => {
      const rows = ['agent_id,start,end,activity'];
      const start = new Date(day.start + 9 * 3_600_000).toISOString();
      const end = new Date(day.start + 9 * 3_600_000 + 60_000).toISOString();
      for (let k = 0; k < 40_000; k++) rows.push(`${agentOf(k)},${start},${end},phone`);
      return rows.join('\n');
    };
    const timed = (body: string, check: (parse: () => unknown) => void) => {
      const t0 = performance.now();
      check(() => parseSchedule(body, 'text/csv', day, ['phone']));
      return performance.now() - t0;
    };
    const many = csv((k) => `a${k}`);
    const one = csv(() => 'a0');
    const accepted = (parse: () => unknown) => expect(parse()).toHaveLength(40_000);
    timed(many, accepted);
    const manyMs = timed(many, accepted);
    // Before: about 20 times as long.
    expect(timed(one, (parse) => expect(parse).toThrow('line 202: agent "a0" has 40000 segments on 2026-11-21; at most 200 an agent a day'))).toBeLessThan(3 * manyMs);
  });
});
