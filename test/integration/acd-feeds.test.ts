import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestClientToServer } from '../../server/protocol/socket.ts';
import { ev } from '../helpers/events.ts';
import { liveQueues } from '../helpers/live-queues.ts';
import { fixture } from '../helpers/queue-log.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { workedExample } from '../helpers/worked-example.ts';

const FEED = 'feed-token-0123456789';
const VIEW = 'view-token-0123456789';
const ANALYST = 'analyst-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'floorboard-acd-'));
const tailFile = join(dir, 'queue_log');
writeFileSync(tailFile, '');

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    TIMEZONE: 'UTC',
    JOURNAL_DIR: join(dir, 'journal'),
    QUEUE_LOG_TAIL: tailFile,
    QUEUE_LOG_TENANT: 'pbx',
    FLOORBOARD_TOKENS: JSON.stringify([
      { token: FEED, name: 'acd', tenants: ['*'], role: 'ingest' },
      { token: VIEW, name: 'wallboard', tenants: ['*'], role: 'viewer' },
      { token: ANALYST, name: 'analyst', tenants: ['*'], role: 'analyst' },
    ]),
  }, Date.parse('2026-11-20T01:31:00Z'));
});
afterAll(() => server.stop());

const post = (path: string, body: string | ReadableStream, contentType = 'application/x-ndjson') =>
  fetch(server.base + path, { method: 'POST', body, headers: { 'content-type': contentType, authorization: `Bearer ${FEED}` }, ...(typeof body === 'string' ? {} : { duplex: 'half' }) } as RequestInit);

describe('hardened HTTP ingest', () => {
  it('reads a large NDJSON body as it arrives, chunk by chunk', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `s${i}`, type: 'call.queued', ts: Date.parse('2026-11-20T00:00:00Z') + i, tenant: 'stream', callId: `s${i}`, queueId: 'sq' }));
    const text = lines.join('\n') + '\n{"broken":\n';
    const bytes = new TextEncoder().encode(text);
    // Cut mid-line and mid-character boundaries do not matter: 7 KB chunks.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < bytes.length; i += 7000) c.enqueue(bytes.slice(i, i + 7000));
        c.close();
      },
    });
    const res = await post('/api/v1/events', stream);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: 20_000, duplicates: 0, rejectedCount: 1, rejected: [{ index: 20_000, line: 20_001, error: expect.stringMatching(/^line 20001: not valid JSON/) }] });
  });

  it('is idempotent: the same NDJSON twice changes nothing', async () => {
    await post('/api/v1/events', ndjson(workedExample));
    const again = await (await post('/api/v1/events', ndjson(workedExample))).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: workedExample.length });
  });

  it('takes a live pusher on the /ingest namespace with acknowledgements', async () => {
    const pusher = connect(`${server.base}/ingest`, { auth: { token: FEED }, transports: ['websocket'], reconnection: false });
    const emit = pusher.emitWithAck.bind(pusher) as <E extends keyof IngestClientToServer>(e: E, ...args: Parameters<IngestClientToServer[E]> extends [infer A, unknown] ? [A] : never) => Promise<unknown>;
    const ack = await emit('events', [ev('call.queued', '09:30:10', { callId: 'sock-1', queueId: 'q9' }, { date: '2026-11-20', offset: '+08:00' }), { id: 'bad', type: 'call.queued' }]);
    expect(ack).toMatchObject({ ok: true, data: { accepted: 1, rejected: [{ index: 1, error: expect.stringContaining('ts: required') }] } });
    // Nesting too deep to parse in one go is refused unparsed: a line of an NDJSON batch, or a whole array batch.
    const deep = `{"id":"deep","type":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const good = JSON.stringify(ev('call.queued', '09:30:11', { callId: 'sock-2', queueId: 'q9' }, { date: '2026-11-20', offset: '+08:00' }));
    expect(await emit('events', `${deep}\n${good}\n`)).toEqual({ ok: true, data: expect.objectContaining({ accepted: 1, rejected: [{ index: 0, line: 1, error: 'line 1: nested deeper than 64 levels' }] }) });
    expect(await emit('events', `[${deep}]`)).toEqual({ ok: false, error: 'body is nested deeper than 64 levels' });
    const viewer = connect(`${server.base}/ingest`, { auth: { token: VIEW }, transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((r) => viewer.on('connect_error', r));
    expect(err.message).toMatch(/^forbidden/);
    pusher.disconnect();
  });
});

describe('Asterisk queue_log over HTTP', () => {
  it('answers per line: malformed lines by number, skipped and unknown verbs counted', async () => {
    const text = fixture('pbxware-calls.queue_log').replace('1543608069|1543608045.577|IT|NONE|ENTERQUEUE', 'garbage line\n1543608069|1543608045.577|IT|NONE|ENTERQUEUE');
    const res = await post('/api/v1/ingest/queue-log?tenant=pbx&source=pbxware', text, 'text/plain');
    const body = await res.json();
    expect(body.rejected).toEqual([{ index: expect.any(Number), line: 14, error: 'line 14: expected epoch|callid|queue|agent|VERB|data, got 1 field(s)' }]);
    expect(body.unknownVerbs).toEqual({ OUTDIAL: 1, OUTCANCEL: 1 });
    expect(body.ignored).toMatchObject({ RINGNOANSWER: 20, QUEUESTART: 2, CONFIGRELOAD: 2 });
    // 4 logins, 7 queued, 5 answered, 4 completed and 1 transferred (ended + wrapped each), 2 abandoned.
    expect(body.accepted).toBe(4 + 7 + 5 + 5 * 2 + 2);
  });

  it('changes nothing when the same file is posted again', async () => {
    const res = await post('/api/v1/ingest/queue-log?tenant=pbx&source=pbxware', fixture('pbxware-calls.queue_log'), 'text/plain');
    const body = await res.json();
    expect(body.accepted).toBe(0);
    const { body: rows } = await server.get('/api/v1/queues/IT/intervals?date=2018-11-30', VIEW);
    const day = rows.intervals.reduce((n: number, r: { offered: number }) => n + r.offered, 0);
    expect(day).toBe(4);
  });
});

describe('Amazon Connect over HTTP', () => {
  it('maps the sample records and reports the heartbeat as ignored', async () => {
    const names = ['aes_2019_doc_block1_STATE_CHANGE.json', 'aes_2019_doc_block2_STATE_CHANGE.json', 'aes_doc_HEART_BEAT_fixed.json', 'contact_event_doc_CONNECTED_TO_AGENT_detail_only.json'];
    const body = names.map((n) => JSON.stringify(JSON.parse(readFileSync(new URL(`../fixtures/amazon-connect/${n}`, import.meta.url), 'utf8')))).join('\n');
    const res = await (await post('/api/v1/ingest/amazon-connect?tenant=connect', body)).json();
    expect(res).toMatchObject({ accepted: 5, duplicates: 3, rejected: [], ignored: { HEART_BEAT: 1 } });
  });

  it('rejects a record whose timestamp has an offset past +14:00, naming its line and field, and keeps the good one', async () => {
    const queued = (contactId: string, enqueueTimestamp: string) => ({ eventType: 'QUEUED', contactId, initiationMethod: 'INBOUND', channel: 'VOICE', queueInfo: { queueArn: 'arn:q/queue/offsets', enqueueTimestamp } });
    const body = [queued('ok-1', '2021-08-04T10:00:00.000+08:00'), queued('far-1', '2021-08-04T10:00:00.000+15:00')].map((r) => JSON.stringify(r)).join('\n');
    const res = await (await post('/api/v1/ingest/amazon-connect?tenant=connect', body)).json();
    expect(res).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, line: 2, error: 'line 2: queueInfo.enqueueTimestamp: "2021-08-04T10:00:00.000+15:00" has the UTC offset +15:00: an offset is from -14:00 to +14:00' }],
    });
  });

  it('rejects records whose Contacts is not a list of contacts, naming line and field, and keeps the good records around them', async () => {
    const queued = (contactId: string) => ({ eventType: 'QUEUED', contactId, initiationMethod: 'INBOUND', channel: 'VOICE', queueInfo: { queueArn: 'arn:q/queue/shapes', enqueueTimestamp: '2021-08-04T10:00:00.000Z' } });
    const block2 = JSON.parse(readFileSync(new URL('../fixtures/amazon-connect/aes_2019_doc_block2_STATE_CHANGE.json', import.meta.url), 'utf8'));
    const withContacts = (contacts: unknown) => ({ ...block2, CurrentAgentSnapshot: { ...block2.CurrentAgentSnapshot, Contacts: contacts } });
    const [ended] = block2.PreviousAgentSnapshot.Contacts;
    const body = [queued('shape-1'), withContacts([ended, null]), withContacts('x'.repeat(100)), queued('shape-2')].map((r) => JSON.stringify(r)).join('\n');
    const res = await (await post('/api/v1/ingest/amazon-connect?tenant=shapes', body)).json();
    // Line 1's event is item 0, line 2's refusal item 1, line 3's item 2, line 4's event item 3.
    expect(res).toMatchObject({
      accepted: 2,
      rejectedCount: 2,
      rejected: [
        { index: 1, line: 2, error: 'line 2: CurrentAgentSnapshot.Contacts[1]: must be an object, got null' },
        { index: 2, line: 3, error: `line 3: CurrentAgentSnapshot.Contacts: must be a list of contacts, got "${'x'.repeat(40)}"… (100 characters)` },
      ],
    });
  });
});

describe('live tail of a growing queue_log', () => {
  it('updates a subscribed wallboard within a second of a line being appended', async () => {
    const socket = server.socket(VIEW);
    const snap = await socket.emitWithAck('subscribe', {});
    if (!snap.ok) throw new Error(snap.error);
    const t0 = Date.now();
    const seen = liveQueues(socket, snap.data).until((qs) => qs.some((q) => q.id === 'TailQ' && q.waiting === 1));
    appendFileSync(tailFile, `${Math.floor(Date.parse('2026-11-20T01:30:30Z') / 1000)}|t1.1|TailQ|NONE|ENTERQUEUE||123|1\n`);
    await seen;
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('follows the file across a rotation without counting a line twice', async () => {
    const epoch = Math.floor(Date.parse('2026-11-20T01:30:40Z') / 1000);
    appendFileSync(tailFile, `${epoch}|t1.1|TailQ|SIP/7|CONNECT|10|x|1\n`);
    renameSync(tailFile, `${tailFile}.1`);
    writeFileSync(tailFile, `${epoch + 5}|t2.2|TailQ|NONE|ENTERQUEUE||124|1\n`);
    await expect
      .poll(async () => (await server.get('/api/v1/queues/TailQ/intervals?date=2026-11-20', VIEW)).body.intervals[3], { timeout: 2000 })
      .toMatchObject({ offered: 2, answered: 1, waiting: 1 });
    expect(server.floor.engine.counters.anomaliesByReason['queued-twice']).toBeUndefined();
  });
});

describe('journal and replay workspace', () => {
  it('replays a journaled day into its own workspace, never into the live numbers', async () => {
    await new Promise((r) => setTimeout(r, 300)); // let the journal streams flush
    const start = await fetch(`${server.base}/api/v1/replay`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` }, body: JSON.stringify({ date: '2026-11-20', speed: 'max' }) });
    expect(start.status).toBe(202);
    await expect.poll(async () => (await server.get('/api/v1/replay', VIEW)).body.state, { timeout: 20_000 }).toBe('done');
    const live = (await server.get('/api/v1/queues/q1/intervals?date=2026-11-20', VIEW)).body.intervals;
    const replayed = (await server.get('/api/v1/queues/q1/intervals?date=2026-11-20&workspace=replay', VIEW)).body.intervals;
    expect(replayed[2]).toMatchObject({ offered: 7, answered: 3, abandoned: 2, serviceLevel: 0.5, asaSeconds: 20, ahtSeconds: 280 });
    expect(replayed[2].offered).toBe(live[2].offered);
    await post('/api/v1/events', ndjson([ev('call.queued', '09:30:50', { callId: 'after-replay', queueId: 'q1' })]));
    expect((await server.get('/api/v1/queues/q1/intervals?date=2026-11-20&workspace=replay', VIEW)).body.intervals[3].offered).toBe(0);
    expect((await server.get('/api/v1/queues/q1/intervals?date=2026-11-20', VIEW)).body.intervals[3].offered).toBe(1);
  }, 40_000);

  it('paces a replay by the events’ own times', async () => {
    // The day's journal (UTC) spans 00:00 to 01:30:50 of event time: at 1800x, about 3 seconds.
    const start = await fetch(`${server.base}/api/v1/replay`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` }, body: JSON.stringify({ date: '2026-11-20', speed: 1800 }) });
    expect(start.status).toBe(202);
    await new Promise((r) => setTimeout(r, 1000));
    const midway = (await server.get('/api/v1/replay', VIEW)).body;
    expect(midway).toMatchObject({ state: 'running', speed: 1800 });
    expect(midway.progress).toBeLessThan(1);
    await expect.poll(async () => (await server.get('/api/v1/replay', VIEW)).body.state, { timeout: 10_000, interval: 250 }).toBe('done');
    const replayed = (await server.get('/api/v1/queues/q1/intervals?date=2026-11-20&workspace=replay', VIEW)).body.intervals;
    expect(replayed[2]).toMatchObject({ offered: 7, answered: 3, serviceLevel: 0.5 });
  });

  it('answers 404 for a day with no journal and 400 for a bad workspace', async () => {
    const res = await fetch(`${server.base}/api/v1/replay`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ANALYST}` }, body: JSON.stringify({ date: '2020-01-01' }) });
    expect(res.status).toBe(404);
    expect((await server.get('/api/v1/snapshot?workspace=moon', VIEW)).body.error).toBe('workspace: live or replay');
  });
});
