import { describe, expect, it } from 'vitest';
import { fastValidate } from '../../server/ingest/fast-validate.ts';
import { validateEvent, validateWithSchema } from '../../server/ingest/validate-event.ts';

const queued = (ts: string) => ({ id: 'e1', type: 'call.queued', ts, callId: 'c1', queueId: 'q1' });
const refusal = (ts: string, offset: string) => `ts: ${JSON.stringify(ts)} has the UTC offset ${offset}: an offset is from -14:00 to +14:00`;

describe("an event's ts must carry a real UTC offset (-14:00..+14:00, minutes under 60), as REST times must", () => {
  it.each([
    ['2026-11-20T09:00:00+15:00', '+15:00'],
    ['2026-11-20T09:00:00-14:01', '-14:01'],
    ['2026-11-20T09:00:00.250+1401', '+1401'],
    ['2026-11-20T09:00+08:60', '+08:60'],
    ['2026-11-20T09:00:00+25:00', '+25:00'],
  ])('%s is refused by the fast path and by zod, naming the field and the offset', (ts, offset) => {
    expect(fastValidate(queued(ts))).toBeNull();
    expect(validateWithSchema(queued(ts))).toEqual({ ok: false, error: refusal(ts, offset) });
    expect(validateEvent(queued(ts))).toEqual({ ok: false, error: refusal(ts, offset) });
  });

  it.each([
    // 09:00 at +14:00 is 19:00 UTC the day before: 2026-11-19T19:00Z.
    ['2026-11-20T09:00:00+14:00', Date.UTC(2026, 10, 19, 19)],
    ['2026-11-20T09:00:00-1400', Date.UTC(2026, 10, 20, 23)],
    ['2026-11-20T09:00:00+05:45', Date.UTC(2026, 10, 20, 3, 15)],
    ['2026-11-20T09:00:00Z', Date.UTC(2026, 10, 20, 9)],
  ])('%s (an offset in range) still takes the fast path to the same time zod gives', (ts, ms) => {
    expect(fastValidate(queued(ts))).toMatchObject({ ts: ms });
    expect(validateWithSchema(queued(ts))).toEqual({ ok: true, event: fastValidate(queued(ts)) });
  });
});
