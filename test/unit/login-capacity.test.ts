import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config/config.ts';
import { fastValidate } from '../../server/ingest/fast-validate.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';

const login = { id: 'l1', type: 'agent.login', ts: '2026-11-20T09:00:00+08:00', agentId: 'a1' };

function error(input: unknown): string {
  const v = validateEvent(input);
  if (v.ok) throw new Error('expected a rejection');
  return v.error;
}

describe('capacity on agent.login', () => {
  it('accepts slots per channel, on the fast path and through zod alike', () => {
    const v = validateEvent({ ...login, capacity: { voice: 1, chat: 3 } });
    expect(v).toMatchObject({ ok: true, event: { type: 'agent.login', capacity: { voice: 1, chat: 3 } } });
    expect(fastValidate({ ...login, capacity: { voice: 1, chat: 3 } })).toMatchObject({ capacity: { voice: 1, chat: 3 } });
  });

  it('leaves capacity out when the login gives none', () => {
    const v = validateEvent(login);
    expect(v.ok && 'capacity' in v.event).toBe(false);
  });

  it('names the bad channel or count and where it is', () => {
    expect(error({ ...login, capacity: { fax: 1 } })).toBe('capacity: Unrecognized key: "fax"');
    expect(error({ ...login, capacity: { chat: 21 } })).toMatch(/^capacity\.chat: .*<=20/);
    expect(error({ ...login, capacity: { chat: 1.5 } })).toMatch(/^capacity\.chat: /);
    expect(error({ ...login, capacity: { chat: -1 } })).toMatch(/^capacity\.chat: .*>=0/);
    expect(error({ ...login, capacity: [3] })).toMatch(/^capacity: .*expected object/);
  });
});

describe('capacity in the config file', () => {
  it('reads a queue channel and capacity and an agent capacity, and names a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floorboard-capacity-'));
    const file = (agentCapacity: unknown) =>
      writeFileSync(join(dir, 'floorboard.config.json'), JSON.stringify({ queues: [{ id: 'web', tenant: 't1', channel: 'chat', capacity: 4 }], agents: [{ id: 'a1', tenant: 't1', capacity: agentCapacity }] }));
    file({ chat: 2 });
    const c = loadConfig({}, dir);
    expect(c.queues[0]).toMatchObject({ channel: 'chat', capacity: 4 });
    expect(c.agents[0].capacity).toEqual({ chat: 2 });
    file({ fax: 2 });
    expect(() => loadConfig({}, dir)).toThrow(/agents\.0\.capacity/);
  });
});
