/**
 * A JSON array of events is parsed a slice at a time (between elements) and checked a part at a
 * time: the answers to valid arrays are what they were when the array was parsed in one go, and
 * a broken array is 400 naming the element where it breaks.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const T = (at: string) => `2026-11-20T${at}+08:00`;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const post = async (path: string, body: string) => {
  const r = await server.post(path, body, undefined, 'application/json');
  return { status: r.status, body: (await r.json()) as unknown };
};
const queued = (id: string, callId: string, queueId: string, at: string) => ({ id, type: 'call.queued', ts: T(at), tenant: 'acme', callId, queueId });

describe('POST /events with a JSON array', () => {
  it('answers a valid array as before: strings with brackets, commas and escaped quotes, a bad event, a number, nested arrays, a duplicate', async () => {
    // Ids made to look like element boundaries to a splitter that ignored strings or escapes.
    const tricky = 'q"],[{"x\\",';
    const slash = 'c\\';
    const body = JSON.stringify([
      queued('a1', 'c1', tricky, '09:00:00'),
      { id: 'a2', type: 'call.queued', ts: T('09:00:01'), tenant: 'acme', queueId: 'q1' },
      5,
      [[1, [2]], { a: [3, '],['] }],
      queued('a1', 'c1', tricky, '09:00:00'),
      queued('a3', slash, 'q]', '09:00:02'),
    ]);
    expect(await post('/api/v1/events', body)).toEqual({
      status: 200,
      body: {
        accepted: 2,
        duplicates: 1,
        anomalies: 0,
        rejected: [
          { index: 1, error: 'callId: required' },
          { index: 2, error: 'event must be a JSON object, got number' },
          { index: 3, error: 'event must be a JSON object, got an array' },
        ],
      },
    });
    const acme = server.floor.engine.tenants.get('acme')!;
    expect([...acme.queues.keys()].sort()).toEqual([tricky, 'q]'].sort());
  });

  it('answers an empty array and one of white space as before', async () => {
    expect(await post('/api/v1/events', '[]')).toEqual({ status: 200, body: { accepted: 0, duplicates: 0, anomalies: 0, rejected: [] } });
    expect(await post('/api/v1/events', ' \n [ \n ] \n')).toEqual({ status: 200, body: { accepted: 0, duplicates: 0, anomalies: 0, rejected: [] } });
  });

  it('refuses an array broken in an element with 400 naming the element', async () => {
    expect(await post('/api/v1/events', '[{"id":"x"},{"id":"y" "z"},{}]')).toEqual({ status: 400, body: { error: expect.stringMatching(/^event 1: not valid JSON \(/) } });
    expect(await post('/api/v1/events', '[{},{},]')).toEqual({ status: 400, body: { error: 'event 2: empty (two commas in a row, or a comma before "]")' } });
    expect(await post('/api/v1/events', '[{},{"a":"],["}')).toEqual({ status: 400, body: { error: 'body is not valid JSON: it ends before the array does' } });
    expect(await post('/api/v1/events', '[{}] {}')).toEqual({ status: 400, body: { error: "body is not valid JSON: more after the array's end" } });
  });

  it('refuses an element longer than 131,072 characters with 400 naming it, and takes one of 131,000', async () => {
    const long = (n: number) => `[{},${JSON.stringify({ type: 'call.queued', note: 'x'.repeat(n) })}]`;
    expect(await post('/api/v1/events', long(131_100))).toEqual({ status: 400, body: { error: 'event 1: longer than 131,072 characters, the most an event may have' } });
    expect(await post('/api/v1/events', long(131_000))).toMatchObject({ status: 200, body: { accepted: 0, rejected: [{ index: 0 }, { index: 1 }] } });
  });
});

describe('POST /ingest/amazon-connect with a JSON array', () => {
  const record = JSON.parse(readFileSync(new URL('../fixtures/amazon-connect/aes_2019_doc_block1_STATE_CHANGE.json', import.meta.url), 'utf8')) as Record<string, unknown>;

  it('answers a valid array as before, a record over 4,096 characters included', async () => {
    // Indented by 8, the documented record is 6,000 characters or so: the plan imports' cap per row would refuse it.
    const body = `[${JSON.stringify(record, null, 8)}, 7, {"EventType":"],[\\"x"}]`;
    expect(JSON.stringify(record, null, 8).length).toBeGreaterThan(4096);
    const answer = await post('/api/v1/ingest/amazon-connect?tenant=acme', body);
    // The record is three events, one of them a repeat of another (index 0-2); then records 2 and 3.
    expect(answer).toEqual({
      status: 200,
      body: {
        accepted: 2,
        duplicates: 1,
        anomalies: 0,
        ignored: {},
        lines: 3,
        rejected: [
          { index: 3, line: 2, error: 'line 2: a record must be a JSON object' },
          { index: 4, line: 3, error: 'line 3: an EventType "],[\\"x" record with neither CurrentAgentSnapshot (an agent event) nor ContactId (a contact event)' },
        ],
        rejectedCount: 2,
      },
    });
  });

  it('refuses an array broken in a record with 400 naming the record, counted from 1', async () => {
    expect(await post('/api/v1/ingest/amazon-connect?tenant=acme', '[{},{"a" 1}]')).toEqual({ status: 400, body: { error: expect.stringMatching(/^record 2: not valid JSON \(/) } });
  });
});
