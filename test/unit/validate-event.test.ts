import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../server/ingest/validate-event.ts';

const ok = { id: 'e1', type: 'call.queued', ts: '2026-11-20T09:00:00+08:00', callId: 'c1', queueId: 'q1' };

function error(input: unknown): string {
  const v = validateEvent(input);
  if (v.ok) throw new Error('expected a rejection');
  return v.error;
}

describe('canonical event validation', () => {
  it('accepts ISO-8601 with offset and normalises to epoch ms, default tenant and channel', () => {
    const v = validateEvent(ok);
    expect(v).toEqual({ ok: true, event: { ...ok, ts: Date.UTC(2026, 10, 20, 1, 0, 0), tenant: 'default', channel: 'voice' } });
  });

  it('accepts epoch milliseconds', () => {
    const v = validateEvent({ ...ok, ts: 1795309200000 });
    expect(v.ok && v.event.ts).toBe(1795309200000);
  });

  it('names a missing field', () => {
    expect(error({ ...ok, queueId: undefined })).toBe('queueId: required');
  });

  it('rejects a timestamp without an offset, saying why', () => {
    expect(error({ ...ok, ts: '2026-11-20T09:00:00' })).toMatch(/^ts: "2026-11-20T09:00:00" is not ISO-8601 with an offset/);
  });

  it('rejects a time outside 2000-2100', () => {
    expect(error({ ...ok, ts: 12 })).toMatch(/^ts: 12 is not a time between 2000 and 2100/);
  });

  it('names an unknown type and lists the known ones', () => {
    expect(error({ ...ok, type: 'call.teleported' })).toMatch(/^type: unknown event type "call.teleported" \(expected one of call.queued, /);
  });

  it('rejects a bad enum value with the allowed values', () => {
    expect(error({ id: 'x', type: 'call.dequeued', ts: ok.ts, callId: 'c', queueId: 'q', reason: 'lost' })).toMatch(/^reason: .*"transfer"/);
  });

  it('reports every bad field at once', () => {
    const msg = error({ id: '', type: 'agent.state', ts: ok.ts, state: 'sleeping' });
    expect(msg).toContain('id: must not be empty');
    expect(msg).toContain('agentId: required');
    expect(msg).toContain('state: ');
  });

  it('rejects something that is not an object', () => {
    expect(error([1, 2])).toBe('event must be a JSON object, got an array');
    expect(error('hello')).toBe('event must be a JSON object, got string');
  });
});
