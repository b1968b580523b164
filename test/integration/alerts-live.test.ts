/**
 * Alerts on the live path: a rule from a rules file, evaluated each second at the engine clock
 * by the one alert evaluator, fired and closed as logged entries, acknowledged by a logged
 * command that survives a restart, pushed to sockets and posted to a chat webhook.
 * The worked example (docs/metrics.md): c7 waits in q1 from 09:29:50; the server clock is 09:31:00.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TenantAlerts } from '../../server/protocol/alerts.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { ev } from '../helpers/events.ts';
import { startWebhookReceiver, until } from '../helpers/webhook-receiver.ts';
import { workedExample } from '../helpers/worked-example.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'floorboard-alerts-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const at = (hms: string) => Date.parse(`2026-11-20T${hms}+08:00`);
const RULE = { id: 'waiting', tenant: 'default', queueId: 'q1', name: 'Callers waiting', metric: 'waitingCalls', comparator: '>=', threshold: 1, forSeconds: 60, clearSeconds: 30 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('alerts end to end', () => {
  it('fires after forSeconds of engine time, keeps its acknowledgement across a restart, closes after clearSeconds', async () => {
    const dir = tmp();
    const rulesFile = join(dir, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify({ rules: [RULE] }));
    const hook = await startWebhookReceiver();
    const env = { DATA_DIR: join(dir, 'data'), ALERT_RULES_FILE: rulesFile, ALERT_WEBHOOK_URL: hook.url };
    const openOf = async (s: Awaited<ReturnType<typeof startServer>>) => ((await s.get('/api/v1/alerts')).body as { tenants: TenantAlerts[] }).tenants.find((t) => t.tenant === 'default')!;

    const server = await startServer(env, at('09:31:00'));
    let alertId = '';
    try {
      const socket = server.socket();
      const pushed: TenantAlerts[] = [];
      socket.on('alerts', (a) => pushed.push(a));
      const sub = await socket.emitWithAck('alerts:subscribe', {});
      expect(sub.ok).toBe(true);

      await server.post('/api/v1/events', ndjson(workedExample));
      // The first evaluation after the events sees c7 waiting at 09:31:00: the condition starts holding then.
      await sleep(1300);
      server.clock.now = at('09:31:59');
      await sleep(1300);
      // 59 s of engine time held: not yet.
      expect((await openOf(server)).open).toEqual([]);
      server.clock.now = at('09:32:01');
      const open = await until(async () => ((await openOf(server)).open.length ? (await openOf(server)).open : undefined), 4000, 'the alert');
      // It fires at exactly 09:31:00 + 60 s, whenever the evaluation that saw it ran.
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ tenant: 'default', queueId: 'q1', startedAt: at('09:31:00'), firedAt: at('09:32:00'), startValue: 1, state: 'open', acknowledgedBy: null });
      alertId = open[0].id;
      expect(alertId).toBe(`waiting:q1:${at('09:32:00')}`);
      // Pushed to the socket subscriber and posted once to the chat webhook.
      await until(() => (pushed.some((p) => p.open.length === 1) ? true : undefined), 3000, 'the alerts push');
      const fired = await until(() => (hook.bodies.length ? hook.bodies[0] : undefined), 3000, 'the webhook post');
      expect(fired).toMatchObject({ event: 'fired', alert: { id: alertId, ruleId: 'waiting', firedAt: '2026-11-20T09:32:00+08:00' } });
      expect((fired as { text: string }).text).toContain('[WARNING] default / q1: Callers waiting');

      // Acknowledged (read role is enough; open mode here): logged with who and when (engine clock).
      const ack = await server.post(`/api/v1/alerts/${encodeURIComponent(alertId)}/ack`, '{}', undefined, 'application/json');
      expect(ack.status).toBe(200);
      expect((await ack.json()).alert).toMatchObject({ id: alertId, acknowledgedBy: 'anonymous (open mode)', acknowledgedAt: at('09:32:01') });
      const again = await server.post(`/api/v1/alerts/${encodeURIComponent(alertId)}/ack`, '{}', undefined, 'application/json');
      expect(again.status).toBe(409);
      expect((await again.json()).error).toContain('already acknowledged by anonymous (open mode)');
      const ghost = await server.post('/api/v1/alerts/nope/ack', '{}', undefined, 'application/json');
      expect(ghost.status).toBe(404);
    } finally {
      await server.stop();
    }

    // Restart on the same data: the alert is open and acknowledged, and is taken over, not fired again.
    const second = await startServer(env, at('09:32:01'));
    try {
      const before = await openOf(second);
      expect(before.open).toHaveLength(1);
      expect(before.open[0]).toMatchObject({ id: alertId, acknowledgedBy: 'anonymous (open mode)', acknowledgedAt: at('09:32:01') });
      await sleep(1300);
      expect((await openOf(second)).open.map((a) => a.id)).toEqual([alertId]);
      // c7 hangs up at 09:32:10: clear from then, closed at 09:32:10 + 30 s.
      await second.post('/api/v1/events', ndjson([ev('call.abandoned', '09:32:10', { callId: 'c7', queueId: 'q1' })]));
      await sleep(1300);
      expect((await openOf(second)).open).toHaveLength(1);
      second.clock.now = at('09:32:41');
      const closed = await until(async () => {
        const t = await openOf(second);
        return t.open.length === 0 ? t.recentlyClosed : undefined;
      }, 4000, 'the close');
      expect(closed[0]).toMatchObject({ id: alertId, state: 'closed', closedAt: at('09:32:40'), acknowledgedBy: 'anonymous (open mode)' });
      const closedPost = await until(() => hook.bodies.find((b) => (b as { event: string }).event === 'closed'), 3000, 'the closed post');
      expect(closedPost).toMatchObject({ alert: { id: alertId, closedAt: '2026-11-20T09:32:40+08:00' } });
      // Fired once in all: the restart took the open alert over.
      expect(hook.bodies.filter((b) => (b as { event: string }).event === 'fired')).toHaveLength(1);
    } finally {
      await second.stop();
      await hook.close();
    }
  });

  it('alerts on adherence exceptions, a tenant-wide metric, with the count the adherence view shows', async () => {
    const dir = tmp();
    const rulesFile = join(dir, 'rules.json');
    const tenants = ['acme-telecom', 'formosa-air', 'jade-bank'];
    writeFileSync(rulesFile, JSON.stringify({ rules: tenants.map((tenant) => ({ id: 'adh', tenant, metric: 'adherenceExceptions', comparator: '>=', threshold: 1, forSeconds: 0, clearSeconds: 60 })) }));
    // The simulated floor at 11:02 Taipei (seed 42) has agents out of adherence (see test/e2e/i18n.test.ts).
    const server = await startServer({ SIMULATOR: 'on', ALERT_RULES_FILE: rulesFile }, at('11:02:00'));
    try {
      const expected: Record<string, number> = {};
      for (const tenant of tenants) {
        const live = (await server.get(`/api/v1/adherence/live?tenant=${tenant}`)).body as { exceptions: unknown[] };
        if (live.exceptions.length) expected[tenant] = live.exceptions.length;
      }
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      const open = await until(async () => {
        const list = ((await server.get('/api/v1/alerts')).body as { tenants: TenantAlerts[] }).tenants.flatMap((t) => t.open);
        return list.length === Object.keys(expected).length ? list : undefined;
      }, 5000, 'the adherence alerts');
      expect(Object.fromEntries(open.map((a) => [a.tenant, a.startValue]))).toEqual(expected);
      expect(open.every((a) => a.queueId === null && a.id === `adh:*:${at('11:02:00')}`)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('refuses a bad rules file at start with the rule and field named', async () => {
    const dir = tmp();
    const rulesFile = join(dir, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify({ rules: [{ ...RULE, metric: 'serviceLevel', comparator: '<', threshold: 80 }] }));
    await expect(startServer({ ALERT_RULES_FILE: rulesFile })).rejects.toThrow(`alert rules file ${rulesFile}: rules.0.threshold: serviceLevel is a fraction: the threshold must be from 0 to 1 (0.8 for 80%), got 80`);
  });
});
