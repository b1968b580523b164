import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CampaignBoard, CampaignList } from '../../server/protocol/campaigns.ts';
import { campaignExample } from '../helpers/campaign-example.ts';
import { ndjson, startServer } from '../helpers/server.ts';
import { notFound } from '../helpers/not-found.ts';

const AT = Date.parse('2026-11-20T11:30:00+08:00');

describe('GET /api/v1/campaigns[/:campaignId]', () => {
  it('answers the worked example, and the same after a restart (the log and snapshot bring it back)', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'floorboard-campaigns-')), 'data');
    const server = await startServer({ DATA_DIR: dataDir }, AT);
    let before: CampaignBoard;
    try {
      expect((await (await server.post('/api/v1/events', ndjson(campaignExample()))).json()).accepted).toBe(campaignExample().length);
      const list = (await server.get('/api/v1/campaigns')).body as CampaignList;
      expect(list.date).toBe('2026-11-20');
      // No queue 'survey' is configured with a name: the campaign is named by its id.
      expect(list.campaigns.map((c) => [c.tenant, c.campaignId, c.name, c.today.attempts, c.today.successes])).toEqual([['jade', 'survey', 'survey', 10, 2]]);
      const r = await server.get('/api/v1/campaigns/survey');
      expect(r.status).toBe(200);
      before = r.body as CampaignBoard;
      // docs/metrics.md: day 10 attempts, 4 contacts, 2 successes over 2.25 agent hours, 1 abandoned of 5 live answers.
      expect(before.total).toMatchObject({ attempts: 10, contacts: 4, successes: 2, agentHours: 2.25, abandoned: 1, abandonRate: 0.2, talkSecondsPerSuccess: 270 });
      expect(before.hours).toHaveLength(24);
    } finally {
      await server.stop();
    }
    const again = await startServer({ DATA_DIR: dataDir }, AT);
    try {
      expect((await again.get('/api/v1/campaigns/survey')).body).toEqual(before);
    } finally {
      await again.stop();
    }
  });

  it('a date: another day is empty, a bad one is a 400 naming it; an unknown campaign is a 404', async () => {
    const server = await startServer({}, AT);
    try {
      await server.post('/api/v1/events', ndjson(campaignExample()));
      const yesterday = await server.get('/api/v1/campaigns/survey?date=2026-11-19');
      expect(yesterday.status).toBe(200);
      expect((yesterday.body as CampaignBoard).total).toMatchObject({ attempts: 0, contactRate: null });
      expect(await server.get('/api/v1/campaigns/survey?date=2026-02-30')).toEqual({ status: 400, body: { error: 'date: "2026-02-30" is not a date of the form YYYY-MM-DD' } });
      expect(await server.get('/api/v1/campaigns/nope')).toEqual(notFound('campaign "nope"'));
    } finally {
      await server.stop();
    }
  });
});
