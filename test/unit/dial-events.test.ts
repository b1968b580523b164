import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../server/ingest/validate-event.ts';

const ts = '2026-11-20T09:00:00+08:00';

describe('dial events at the gate', () => {
  it('accepts an attempt with its result, and an outcome, with the tenant defaulted', () => {
    expect(validateEvent({ id: 'e1', type: 'dial.attempt', ts, attemptId: 'd1', campaignId: 'survey', result: 'no-answer' })).toEqual({
      ok: true,
      event: { id: 'e1', type: 'dial.attempt', ts: Date.parse(ts), tenant: 'default', attemptId: 'd1', campaignId: 'survey', result: 'no-answer' },
    });
    expect(validateEvent({ id: 'e2', type: 'dial.outcome', ts, tenant: 'jade', attemptId: 'd1', campaignId: 'survey', outcome: 'callback', agentId: 'a1' })).toEqual({
      ok: true,
      event: { id: 'e2', type: 'dial.outcome', ts: Date.parse(ts), tenant: 'jade', attemptId: 'd1', campaignId: 'survey', outcome: 'callback', agentId: 'a1' },
    });
  });

  it('names each bad field: a missing campaign, an unknown result, an unknown outcome', () => {
    const bad = validateEvent({ id: 'e1', type: 'dial.attempt', ts, attemptId: 'd1', result: 'voicemail' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/campaignId: required/);
    expect(!bad.ok && bad.error).toMatch(/result: .*connected/);
    const out = validateEvent({ id: 'e1', type: 'dial.outcome', ts, attemptId: 'd1', campaignId: 'c', outcome: 'maybe' });
    expect(!out.ok && out.error).toMatch(/^outcome: /);
  });
});
