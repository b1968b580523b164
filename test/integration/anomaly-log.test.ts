/**
 * Every anomaly is logged once, at warn, with its tenant and reason and the detail as the
 * message: an event's own as it is applied, and those judged later by the engine's sweep
 * (never-queued, never-answered, lost-wait, ...) after the batch they were judged in. Before,
 * the late ones were counted but never logged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createFloor } from '../../server/floor/create-floor.ts';
import { Engine, MAX_UNTOLD } from '../../server/domain/engine.ts';
import { applyEvents } from '../../server/ingest/ingest-batch.ts';
import { ev, parse } from '../helpers/events.ts';

const dir = mkdtempSync(join(tmpdir(), 'floorboard-anomaly-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('anomalies in the log', () => {
  it('logs an event’s own anomaly and the late ones once each, with tenant, reason and detail', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const config = loadConfig({ SIMULATOR: 'off', LOG_LEVEL: 'silent', TIMEZONE: 'Asia/Taipei', DATA_DIR: dir, DIRECTORY_FILE: 'none', FSYNC_INTERVAL_MS: '2' }, '/nonexistent');
    const runtime = await createFloor({ config, logger: pino({ level: 'info' }, sink), wallClock: () => Date.parse('2026-11-20T09:31:00+08:00') });
    await runtime.start();
    try {
      const anomalyLines = () => lines.filter((l) => String(l.msg).startsWith('anomaly:')).map(({ level, tenant, eventId, type, reason, msg }) => ({ level, tenant, eventId, type, reason, msg }));
      // An answer for a call acme never queued and the end of one nobody answered: both wait out the 5 s window.
      await runtime.floor.submitEvents(
        parse([
          ev('call.answered', '09:00:00', { id: 'a1', tenant: 'acme', callId: 'c1', queueId: 'q', agentId: 'x1' }),
          ev('call.ended', '09:00:01', { id: 'a2', tenant: 'acme', callId: 'c2', agentId: 'x1' }),
        ]),
      );
      expect(anomalyLines()).toEqual([]);
      // bank's batch, 10 s later, moves the clock past the window: acme's two are judged while it is applied.
      // bank's own call c9 ends twice: its own anomaly, logged as it is applied, once.
      await runtime.floor.submitEvents(
        parse([
          ev('call.queued', '09:00:10', { id: 'b1', tenant: 'bank', callId: 'c9', queueId: 'bq' }),
          ev('call.answered', '09:00:11', { id: 'b2', tenant: 'bank', callId: 'c9', queueId: 'bq', agentId: 'y1' }),
          ev('call.ended', '09:00:12', { id: 'b3', tenant: 'bank', callId: 'c9', agentId: 'y1' }),
          ev('call.ended', '09:00:12', { id: 'b4', tenant: 'bank', callId: 'c9', agentId: 'y1' }),
        ]),
      );
      const logged = anomalyLines();
      // warn is pino's level 40. bank's own first, as it was applied; then acme's two, judged in
      // the sweep (the end of c2 by the id of its parked event; c1's answer is gone, so no id).
      const byReason = (l: { reason: unknown }) => String(l.reason);
      expect([logged[0], ...logged.slice(1).sort((x, y) => byReason(x).localeCompare(byReason(y)))]).toEqual([
        { level: 40, tenant: 'bank', eventId: 'b4', type: 'call.ended', reason: 'ended-twice', msg: expect.stringMatching(/^anomaly: /) },
        { level: 40, tenant: 'acme', eventId: 'a2', type: undefined, reason: 'never-answered', msg: 'anomaly: call.ended for call c2, which was never answered' },
        { level: 40, tenant: 'acme', eventId: undefined, type: undefined, reason: 'never-queued', msg: 'anomaly: call c1 left q but was never queued' },
      ]);
      // The counters agree: three anomalies, each logged once; the next batch logs nothing more.
      await runtime.floor.submitEvents(parse([ev('call.queued', '09:00:20', { id: 'a3', tenant: 'acme', callId: 'c3', queueId: 'q' })]));
      expect(anomalyLines()).toHaveLength(3);
      expect(runtime.floor.engine.counters.anomalies).toBe(3);
    } finally {
      await runtime.stop();
    }
  });

  it('keeps at most MAX_UNTOLD for a caller that never takes them, and counts the rest', () => {
    const engine = new Engine({ timezone: 'Asia/Taipei' });
    // 1,005 answers of calls never queued, judged once an event 10 s later passes the window.
    const answers = Array.from({ length: MAX_UNTOLD + 5 }, (_, i) => ev('call.answered', '09:00:00', { tenant: 'acme', callId: `c${i}`, queueId: 'q', agentId: `x${i}` }));
    for (const e of parse(answers)) engine.apply(e);
    engine.apply(parse([ev('call.queued', '09:00:10', { tenant: 'acme', callId: 'z', queueId: 'q' })])[0]);
    const { anomalies, dropped } = engine.takeUntoldAnomalies();
    expect(anomalies).toHaveLength(1000);
    expect(dropped).toBe(5);
    expect(anomalies[0]).toMatchObject({ tenant: 'acme', reason: 'never-queued', eventId: '' });
    // Taken once: a batch after hands none to its hook.
    const late: number[] = [];
    applyEvents(engine, parse([ev('call.queued', '09:00:11', { tenant: 'acme', callId: 'z2', queueId: 'q' })]), { onLateAnomalies: (a) => void late.push(a.length) });
    expect(late).toEqual([]);
    expect(engine.takeUntoldAnomalies()).toEqual({ anomalies: [], dropped: 0 });
  });
});
