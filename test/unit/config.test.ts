import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/config.ts';

const NOWHERE = '/nonexistent';

describe('configuration', () => {
  it('starts with defaults when nothing is set', () => {
    const c = loadConfig({}, NOWHERE);
    expect(c).toMatchObject({ port: 3000, intervalMinutes: 30, pushIntervalMs: 250, simulator: { enabled: true, speed: 1, seed: 42 }, tokens: [] });
  });

  it('reads PORT, TIMEZONE, INTERVAL_MINUTES and SIMULATOR from the environment', () => {
    const c = loadConfig({ PORT: '8080', TIMEZONE: 'Asia/Taipei', INTERVAL_MINUTES: '15', SIMULATOR: 'off' }, NOWHERE);
    expect(c).toMatchObject({ port: 8080, timezone: 'Asia/Taipei', intervalMinutes: 15, simulator: { enabled: false } });
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({ TIMEZONE: 'Mars/Olympus', INTERVAL_MINUTES: '20', SIMULATOR: 'maybe' }, NOWHERE);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('environment TIMEZONE: is not an IANA time zone');
    expect(message).toContain('environment INTERVAL_MINUTES');
    expect(message).toContain('environment SIMULATOR');
  });

  it('reads OPS_PORT, and refuses one equal to PORT', () => {
    expect(loadConfig({}, NOWHERE).opsPort).toBeUndefined();
    expect(loadConfig({ PORT: '8080', OPS_PORT: '8081' }, NOWHERE)).toMatchObject({ port: 8080, opsPort: 8081 });
    expect(() => loadConfig({ PORT: '8080', OPS_PORT: '8080' }, NOWHERE)).toThrow('OPS_PORT: must differ from PORT (both 8080)');
    expect(() => loadConfig({ OPS_PORT: '3000' }, NOWHERE)).toThrow('OPS_PORT: must differ from PORT (both 3000)');
  });

  it('reads a config file and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    writeFileSync(join(dir, 'floorboard.config.json'), JSON.stringify({ port: 4000, timezone: 'Europe/London', queues: [{ id: 'q1', tenant: 't1', slTarget: 0.9 }] }));
    const c = loadConfig({ PORT: '5000' }, dir);
    expect(c).toMatchObject({ port: 5000, timezone: 'Europe/London', queues: [{ id: 'q1', tenant: 't1', slTarget: 0.9 }] });
  });

  it('points at the bad field of a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    const path = join(dir, 'fb.json');
    writeFileSync(path, JSON.stringify({ queues: [{ id: 'q1', tenant: 't1', slTarget: 1.5 }, { id: 'q1', tenant: 't1', colour: 'red' }] }));
    expect(() => loadConfig({ FLOORBOARD_CONFIG: path }, dir)).toThrow(/queues\.0\.slTarget: .*<=1/);
    expect(() => loadConfig({ FLOORBOARD_CONFIG: path }, dir)).toThrow(/queues\.1: unknown field\(s\): colour/);
  });

  it('reads a queue\'s lostWaitSeconds, and refuses a negative one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    const path = join(dir, 'fb.json');
    writeFileSync(path, JSON.stringify({ queues: [{ id: 'q1', tenant: 't1', lostWaitSeconds: 7200 }] }));
    expect(loadConfig({ FLOORBOARD_CONFIG: path }, dir)).toMatchObject({ queues: [{ id: 'q1', lostWaitSeconds: 7200 }] });
    writeFileSync(path, JSON.stringify({ queues: [{ id: 'q1', tenant: 't1', lostWaitSeconds: -1 }] }));
    expect(() => loadConfig({ FLOORBOARD_CONFIG: path }, dir)).toThrow(/queues\.0\.lostWaitSeconds: /);
  });

  it('reads MAX_SOCKETS_PER_PRINCIPAL (500 unless set) from the environment over the file, and refuses 0 and fractions', () => {
    expect(loadConfig({}, NOWHERE).maxSocketsPerPrincipal).toBe(500);
    expect(loadConfig({ MAX_SOCKETS_PER_PRINCIPAL: '40' }, NOWHERE).maxSocketsPerPrincipal).toBe(40);
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    const path = join(dir, 'fb.json');
    writeFileSync(path, JSON.stringify({ maxSocketsPerPrincipal: 60 }));
    expect(loadConfig({ FLOORBOARD_CONFIG: path }, dir).maxSocketsPerPrincipal).toBe(60);
    expect(loadConfig({ FLOORBOARD_CONFIG: path, MAX_SOCKETS_PER_PRINCIPAL: '40' }, dir).maxSocketsPerPrincipal).toBe(40);
    expect(() => loadConfig({ MAX_SOCKETS_PER_PRINCIPAL: '0' }, NOWHERE)).toThrow('environment MAX_SOCKETS_PER_PRINCIPAL: Too small: expected number to be >=1');
    writeFileSync(path, JSON.stringify({ maxSocketsPerPrincipal: 2.5 }));
    expect(() => loadConfig({ FLOORBOARD_CONFIG: path }, dir)).toThrow(`config file ${path}: maxSocketsPerPrincipal: Invalid input: expected int, received number`);
  });

  it('reads the connect timeout and the bounds on connections not signed in (10 s, 2,000, none per address unless set), the environment over the file', () => {
    const read = (c: ReturnType<typeof loadConfig>) => [c.socketConnectTimeoutMs, c.maxPendingConnections, c.maxPendingConnectionsPerAddress];
    expect(read(loadConfig({}, NOWHERE))).toEqual([10_000, 2_000, 0]);
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    const path = join(dir, 'fb.json');
    writeFileSync(path, JSON.stringify({ socketConnectTimeoutMs: 5000, maxPendingConnections: 300, maxPendingConnectionsPerAddress: 50 }));
    expect(read(loadConfig({ FLOORBOARD_CONFIG: path }, dir))).toEqual([5000, 300, 50]);
    const env = { FLOORBOARD_CONFIG: path, SOCKET_CONNECT_TIMEOUT_MS: '20000', MAX_PENDING_CONNECTIONS: '100000', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '0' };
    expect(read(loadConfig(env, dir))).toEqual([20_000, 100_000, 0]);
    // A timeout shorter than a round trip on a busy server would close screens as they sign in; no bound at all is not a bound.
    expect(() => loadConfig({ SOCKET_CONNECT_TIMEOUT_MS: '50', MAX_PENDING_CONNECTIONS: '0', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '-1' }, NOWHERE)).toThrow(
      [
        'environment SOCKET_CONNECT_TIMEOUT_MS: Too small: expected number to be >=100',
        'environment MAX_PENDING_CONNECTIONS: Too small: expected number to be >=1',
        'environment MAX_PENDING_CONNECTIONS_PER_ADDRESS: Too small: expected number to be >=0',
      ].join('\n  - '),
    );
  });

  it('reads the server-wide bound on schedule reads in hand (8 unless set), the environment over the file, and refuses 0', () => {
    expect(loadConfig({}, NOWHERE).maxScheduleReads).toBe(8);
    const dir = mkdtempSync(join(tmpdir(), 'fb-'));
    const path = join(dir, 'fb.json');
    writeFileSync(path, JSON.stringify({ maxScheduleReads: 3 }));
    expect(loadConfig({ FLOORBOARD_CONFIG: path }, dir).maxScheduleReads).toBe(3);
    expect(loadConfig({ FLOORBOARD_CONFIG: path, MAX_SCHEDULE_READS: '20' }, dir).maxScheduleReads).toBe(20);
    // 0 would refuse every read: no read at all is not a bound.
    expect(() => loadConfig({ MAX_SCHEDULE_READS: '0' }, NOWHERE)).toThrow('environment MAX_SCHEDULE_READS: Too small: expected number to be >=1');
    writeFileSync(path, JSON.stringify({ maxScheduleReads: 1.5 }));
    expect(() => loadConfig({ FLOORBOARD_CONFIG: path }, dir)).toThrow(`config file ${path}: maxScheduleReads: Invalid input: expected int, received number`);
  });

  it('refuses short tokens', () => {
    expect(() => loadConfig({ FLOORBOARD_TOKENS: JSON.stringify([{ token: 'abc', name: 'x', tenants: ['*'], role: 'admin' }]) }, NOWHERE)).toThrow(
      /FLOORBOARD_TOKENS 0\.token: must be at least 16 characters/,
    );
  });

  it("refuses a token named as open mode's anonymous principal (the audit log reads that name as open mode)", () => {
    const tokens = [{ token: 'a'.repeat(16), name: 'ops', tenants: ['*'], role: 'admin' }, { token: 'b'.repeat(16), name: 'anonymous (open mode)', tenants: ['*'], role: 'admin' }];
    expect(() => loadConfig({ FLOORBOARD_TOKENS: JSON.stringify(tokens) }, NOWHERE)).toThrow(/FLOORBOARD_TOKENS 1\.name: is reserved for open mode/);
  });
});
