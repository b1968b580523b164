/**
 * The history source writes a campaign's hour again only when it changed: the engine keeps up
 * to retentionDays x 24 hours of every campaign, and all of them were upserted at every close.
 * Campaign `survey` of docs/metrics.md's worked example (test/helpers/campaign-example.ts) has
 * hours 09:00 (8 attempts) and 10:00 (2 attempts) on 2026-11-20.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { historySource } from '../../server/floor/history-source.ts';
import { HistoryService } from '../../server/history/history-service.ts';
import { SqliteHistoryStore } from '../../server/history/sqlite-store.ts';
import type { CampaignHourRollup } from '../../server/history/types.ts';
import { campaignExample } from '../helpers/campaign-example.ts';
import { engineWith, ev, parse, taipei } from '../helpers/events.ts';

describe('campaign hours in history', () => {
  it('are written at start, then only the hour that changed at a later close', async () => {
    const engine = engineWith(campaignExample());
    engine.tick(taipei('11:40:00'));
    const store = new SqliteHistoryStore(':memory:');
    const writes: string[][] = [];
    const upsert = store.upsertCampaignHours.bind(store);
    store.upsertCampaignHours = (rows: readonly CampaignHourRollup[]) => {
      writes.push(rows.map((r) => new Date(r.intervalStart).toISOString().slice(11, 16)));
      return upsert(rows);
    };
    const source = historySource(engine, new HistoryService(store, engine.clock, () => 0), pino({ level: 'silent' }));
    await source.start();
    try {
      // At start both hours (09:00 and 10:00 Taipei are 01:00 and 02:00 UTC).
      expect(writes).toEqual([['01:00', '02:00']]);
      // 12:00 closes an interval; no campaign hour changed: nothing written.
      engine.tick(taipei('12:00:01'));
      await new Promise((r) => setTimeout(r, 1_500));
      expect(writes).toHaveLength(1);
      // A no-answer at 12:10 makes the 12:00 hour; the 12:30 close writes it alone.
      for (const e of parse([ev('dial.attempt', '12:10:00', { tenant: 'jade', attemptId: 'd11', campaignId: 'survey', result: 'no-answer' })])) engine.apply(e);
      engine.tick(taipei('12:30:01'));
      await expect.poll(() => writes.length, { timeout: 3_000, interval: 100 }).toBe(2);
      expect(writes[1]).toEqual(['04:00']);
      const hours = await store.campaignHours('jade', taipei('00:00:00'), taipei('23:00:00'));
      expect(hours.map((h) => [h.intervalStart, h.attempts])).toEqual([
        [taipei('09:00:00'), 8],
        [taipei('10:00:00'), 2],
        [taipei('12:00:00'), 1],
      ]);
    } finally {
      await source.stop();
      await store.close();
    }
  });
});
