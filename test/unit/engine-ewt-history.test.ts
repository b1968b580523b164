import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/config.ts';
import { engineFromData, engineToData } from '../../server/domain/engine-snapshot.ts';
import { Engine } from '../../server/domain/engine.ts';
import { engineWith, parse } from '../helpers/events.ts';
import { workedExample } from '../helpers/worked-example.ts';

describe('the queue history the engine keeps for the wait-time estimator', () => {
  it('records each departure with its wait and completions waited for, and each handle time, from the worked example', () => {
    const q = engineWith(workedExample).queue('default', 'q1')!;
    // Answer to wrap-up (after-call work on): c1 09:00:10-09:03:40, c2 09:01:30-09:06:00, c6 09:05:20-09:11:20.
    expect(q.history.handleSeconds()).toEqual([210, 270, 360]);
    // Completions waited for when queued (place in line less agents available then):
    //   c1: 1 - 2 = -1; c2: a1 on c1 at 09:01, 1 - 1 = 0 (c1's wrap-up at 09:03:40 arrived before c2's
    //   call.queued, yet the state at 09:01 counts); c6: behind c5, a2 in after-call work at 09:05, 2 - 1 = 1.
    expect(q.history.answeredByBehind()).toEqual([
      { behind: -1, waitSeconds: 10 },
      { behind: 0, waitSeconds: 30 },
      { behind: 1, waitSeconds: 20 },
    ]);
    // Departures in settling order: c1 10, c2 30, c3 3 (abandoned), c4 40 (abandoned), c6 20, c5 300 (flowed out at 09:09).
    expect(q.history.abandonment()).toEqual({ departures: 6, abandoned: 2, exposureSeconds: 10 + 30 + 3 + 40 + 20 + 300 });
  });

  it('is part of the engine snapshot: restored exactly', () => {
    const engine = engineWith(workedExample);
    const restored = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    engineFromData(restored, JSON.parse(JSON.stringify(engineToData(engine))));
    expect(restored.queue('default', 'q1')!.history.toData()).toEqual(engine.queue('default', 'q1')!.history.toData());
    expect(restored.queue('default', 'q1')!.history.answeredByBehind()[0]).toEqual({ behind: -1, waitSeconds: 10 });
  });
});

describe('a very long queue', () => {
  it('counts the place of a caller with up to 10,000 waiting, and records a caller behind more as unknown', () => {
    // No agents: completions waited for = callers waiting ahead + 1 - 0 available.
    const e = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
    const at = (i: number) => new Date(Date.parse('2026-11-20T09:00:00+08:00') + i * 10).toISOString();
    const wire = Array.from({ length: 10_002 }, (_, i) => ({ id: `q${i}`, type: 'call.queued', ts: at(i), callId: `c${i}`, queueId: 'q1' }));
    for (const ev of parse(wire)) e.apply(ev);
    const calls = e.tenants.get('default')!.calls;
    // c0 first in line (1), c9999 behind 9,999 (10,000), c10000 behind 10,000 (10,001): counted.
    // c10001 joined behind 10,001: not counted, so the estimate's history leaves it out.
    expect([0, 9_999, 10_000, 10_001].map((i) => calls.get(`c${i}`)?.behind)).toEqual([1, 10_000, 10_001, undefined]);
  });
});

describe('notification configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'floorboard-notify-config-'));
  const NOWHERE = '/nonexistent';
  const withFile = (content: object) => {
    const path = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('reads wait-notification targets with the policy defaults filled, and alert rules inline', () => {
    const path = withFile({
      waitNotifications: [{ tenant: 'acme', queueId: 'billing', url: 'http://ivr.example/ewt', intervalSeconds: 30 }],
      alerts: { rules: [{ id: 'w', tenant: 'acme', metric: 'waitingCalls', comparator: '>', threshold: 5, forSeconds: 60, clearSeconds: 60 }], webhooks: [{ tenant: 'acme', url: 'https://chat.example/hook' }] },
    });
    const c = loadConfig({ FLOORBOARD_CONFIG: path }, NOWHERE);
    expect(c.waitNotifications).toEqual([{ tenant: 'acme', queueId: 'billing', url: 'http://ivr.example/ewt', policy: { intervalSeconds: 30, changeSeconds: 30, minGapSeconds: 15, onArrival: true } }]);
    expect(c.alerts.rules.map((r) => [r.id, r.severity])).toEqual([['w', 'warning']]);
    expect(c.alerts.webhooks).toEqual([{ tenant: 'acme', url: 'https://chat.example/hook' }]);
    expect(loadConfig({}, NOWHERE).alerts).toEqual({ rules: [], webhooks: [] });
  });

  it('names each bad field: a short interval, a non-http URL, a bad rule, a missing rules file, a bad env webhook', () => {
    const path = withFile({ waitNotifications: [{ tenant: 'acme', url: 'ftp://x.example/', intervalSeconds: 5 }] });
    const badRule = withFile({ alerts: { rules: [{ id: 'w', tenant: 'acme', metric: 'waitingCalls', comparator: '=', threshold: 5, forSeconds: 60, clearSeconds: 60 }] } });
    expect(() => loadConfig({ FLOORBOARD_CONFIG: badRule }, NOWHERE)).toThrow('config file alerts: rules.0.comparator:');
    let message = '';
    try {
      loadConfig({ FLOORBOARD_CONFIG: path, ALERT_WEBHOOK_URL: 'not a url' }, NOWHERE);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('waitNotifications.0.url: must be an http or https URL');
    expect(message).toContain('waitNotifications.0.intervalSeconds: must be at least 10 seconds');
    expect(message).toContain('environment ALERT_WEBHOOK_URL: must be an http or https URL, got "not a url"');
    expect(() => loadConfig({ ALERT_RULES_FILE: join(dir, 'missing.json') }, NOWHERE)).toThrow(`alert rules file ${join(dir, 'missing.json')}: no such file`);
    rmSync(dir, { recursive: true, force: true });
  });
});
