import { describe, expect, it } from 'vitest';
import { makeQueueConfig } from '../../server/domain/queue-config.ts';
import { clientReport, clientReportCsv, type ReportSubject } from '../../server/history/client-report.ts';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import { campaignExample } from '../helpers/campaign-example.ts';
import { engineWith, taipei } from '../helpers/events.ts';
import { startOnce } from '../helpers/history-source.ts';
import { ndjson, startServer } from '../helpers/server.ts';

const targets = { slFormula: 'excludeShortAbandons' as const, slTarget: 0.8, slThresholdSeconds: 20, asaTargetSeconds: 20, abandonTarget: 0.05 };
const jade: ReportSubject = {
  tenant: 'jade',
  tenantName: 'Jade Bank',
  queues: [
    { queueId: 'inbound', name: 'Inbound', targets },
    { queueId: 'survey', name: 'Survey', targets },
  ],
  agentIds: [],
};

// The worked example of docs/metrics.md (test/helpers/campaign-example.ts), campaign `survey` of
// tenant jade on 2026-11-20, counted by hand:
//   09:00 hour: d1 connected (success), d2 no-answer, d3 busy, d4 refused, d5 failed, d6 abandoned,
//               d7 connected (refusal), d8 connected at 09:59:50 (success, outcome at 10:03:10,
//               counted in its attempt's hour): 8 attempts, 3 contacts, 2 successes
//   10:00 hour: d9 connected (callback), d10 no-answer: 2 attempts, 1 contact, 0 successes
//   day: 10 attempts, 4 contacts, 2 successes.
describe('the client report of a tenant with an outbound campaign', () => {
  it('keeps the campaign hours in history and bills the day\'s 2 successes; the survey queue is outbound, not a queue with a service level', async () => {
    const engine = engineWith(campaignExample());
    engine.addQueue(makeQueueConfig('inbound', 'jade'));
    engine.addQueue(makeQueueConfig('survey', 'jade'));
    engine.tick(taipei('11:40:00'));
    const store = new SqliteHistoryStore(':memory:');
    await startOnce(engine, store);
    const hours = await store.campaignHours('jade', taipei('00:00:00'), taipei('23:00:00'));
    expect(hours.map((h) => [h.campaignId, h.intervalStart, h.attempts, h.contacts, h.successes])).toEqual([
      ['survey', taipei('09:00:00'), 8, 3, 2],
      ['survey', taipei('10:00:00'), 2, 1, 0],
    ]);

    const r = await clientReport(store, jade, 'day', '2026-11-20', engine.clock, () => false);
    expect(r.current.billable.successfulOutbound).toBe(2);
    const survey = r.current.queues.find((q) => q.queueId === 'survey')!;
    expect(survey).toMatchObject({ kind: 'outbound', outbound: { attempts: 10, contacts: 4, successes: 2 }, meets: { serviceLevel: null, asa: null, abandonRate: null } });
    expect(survey.figures.serviceLevel).toBeNull();
    expect(r.current.queues.find((q) => q.queueId === 'inbound')!.kind).toBe('realtime');
    // The day before had no campaign hours: nothing billed.
    expect(r.previous.billable.successfulOutbound).toBe(0);
    const csv = clientReportCsv(r);
    expect(csv).toContain('\nsuccessfulOutbound,2,0\n');
    // No service level and no target for the outbound queue (its inbound counts are all 0).
    // No service level, so no verdict; no interval too few either (the two columns after kind).
    expect(csv.split('\n')).toContain('current,2026-11-20,2026-11-20,survey,0,0,0,0,,,,,,,,0,0,outbound,,0');
    await store.close();
  });

  it('bills the successes of dial events posted over HTTP once their hour reaches history', async () => {
    const server = await startServer({}, Date.parse('2026-11-20T11:30:00+08:00'));
    try {
      server.floor.engine.addQueue(makeQueueConfig('survey', 'jade', { name: 'Survey' }));
      expect((await (await server.post('/api/v1/events', ndjson(campaignExample()))).json()).accepted).toBe(campaignExample().length);
      // The next interval closes at 12:00: history then has the campaign's hours.
      server.clock.now = Date.parse('2026-11-20T12:00:01+08:00');
      await expect.poll(async () => (await server.get('/api/v1/reports/jade?period=day&date=2026-11-20')).body.current.billable.successfulOutbound, { timeout: 5000, interval: 200 }).toBe(2);
      const r = await server.get('/api/v1/reports/jade?period=month&date=2026-11-20');
      expect(r.body.current.billable.successfulOutbound).toBe(2);
      expect(r.body.current.queues.find((q: { queueId: string }) => q.queueId === 'survey')).toMatchObject({ kind: 'outbound', outbound: { attempts: 10, contacts: 4, successes: 2 } });
    } finally {
      await server.stop();
    }
  });
});
