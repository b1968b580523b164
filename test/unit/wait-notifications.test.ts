import { describe, expect, it } from 'vitest';
import { WaitNotificationScheduler, waitingEstimates, waitNotificationPolicySchema, type CallerEstimate } from '../../server/domain/wait-notifications.ts';
import { issueText } from '../../server/validation/zod-issues.ts';

const T0 = Date.parse('2026-11-20T10:00:00+08:00');
const at = (s: number) => T0 + s * 1000;
const caller = (callId: string, queuedAtS: number, est: number | null, position = 1): CallerEstimate => ({
  tenant: 't1',
  queueId: 'q1',
  callId,
  queuedAt: at(queuedAtS),
  position,
  estimatedWaitSeconds: est,
});

describe('wait-time notifications', () => {
  it('announces on arrival, then at each whole minute of the wait, and not in between', () => {
    const s = new WaitNotificationScheduler({ intervalSeconds: 60, changeSeconds: 30, minGapSeconds: 15, onArrival: true });
    expect(s.due(at(0), [caller('c1', 0, 120)]).map((n) => n.reason)).toEqual(['arrival']);
    expect(s.due(at(30), [caller('c1', 0, 110)])).toEqual([]); // moved 10 s: under 30
    expect(s.due(at(59), [caller('c1', 0, 100)])).toEqual([]);
    const [n] = s.due(at(60), [caller('c1', 0, 95)]);
    expect(n).toMatchObject({ reason: 'interval', waitedSeconds: 60, estimatedWaitSeconds: 95, callId: 'c1', at: at(60) });
    expect(s.due(at(100), [caller('c1', 0, 90)])).toEqual([]);
    expect(s.due(at(120), [caller('c1', 0, 80)]).map((n) => n.reason)).toEqual(['interval']);
  });

  it('announces a change of more than changeSeconds, but not within minGapSeconds of the last', () => {
    const s = new WaitNotificationScheduler({ intervalSeconds: 60, changeSeconds: 30, minGapSeconds: 15, onArrival: true });
    s.due(at(0), [caller('c1', 0, 100)]);
    expect(s.due(at(10), [caller('c1', 0, 200)])).toEqual([]); // 10 s after the last: too soon
    expect(s.due(at(15), [caller('c1', 0, 200)]).map((n) => n.reason)).toEqual(['change']); // +100 s
    expect(s.due(at(40), [caller('c1', 0, 225)])).toEqual([]); // +25 s from 200: under 30
    expect(s.due(at(45), [caller('c1', 0, 169)]).map((n) => n.reason)).toEqual(['change']); // -31 s
  });

  it('counts minutes of the caller own wait, whenever it joined', () => {
    const s = new WaitNotificationScheduler({ intervalSeconds: 60, changeSeconds: 300, minGapSeconds: 0, onArrival: false });
    // c2 joined at 25 s: its first minute ends at 85 s, c1's at 60 s.
    expect(s.due(at(30), [caller('c1', 0, 50), caller('c2', 25, 80)])).toEqual([]);
    expect(s.due(at(60), [caller('c1', 0, 50), caller('c2', 25, 80)]).map((n) => n.callId)).toEqual(['c1']);
    expect(s.due(at(85), [caller('c1', 0, 50), caller('c2', 25, 80)]).map((n) => n.callId)).toEqual(['c2']);
  });

  it('forgets callers who left, and treats the same call id of another tenant apart', () => {
    const s = new WaitNotificationScheduler();
    s.due(at(0), [caller('c1', 0, 60), { ...caller('c1', 0, 60), tenant: 't2' }]);
    expect(s.size).toBe(2);
    s.due(at(5), [caller('c1', 0, 60)]);
    expect(s.size).toBe(1);
    // t2's c1 comes back (queued again): it is a new arrival.
    expect(s.due(at(6), [caller('c1', 0, 60), { ...caller('c1', 6, 60), tenant: 't2' }]).map((n) => `${n.tenant}:${n.reason}`)).toEqual(['t2:arrival']);
  });

  it('announces an estimate becoming known or unknown as a change', () => {
    const s = new WaitNotificationScheduler({ intervalSeconds: 60, changeSeconds: 30, minGapSeconds: 0, onArrival: true });
    s.due(at(0), [caller('c1', 0, null)]);
    expect(s.due(at(5), [caller('c1', 0, null)])).toEqual([]);
    expect(s.due(at(6), [caller('c1', 0, 40)]).map((n) => n.reason)).toEqual(['change']);
  });

  it('validates a policy with errors naming the field', () => {
    const bad = waitNotificationPolicySchema.safeParse({ intervalSeconds: 5, changeSeconds: 30, extra: 1 });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const text = issueText(bad.error);
      expect(text).toContain('intervalSeconds: must be at least 10 seconds');
      expect(text).toContain('unknown field(s): extra');
    }
    expect(waitNotificationPolicySchema.parse({ intervalSeconds: 60, changeSeconds: 30 })).toEqual({ intervalSeconds: 60, changeSeconds: 30, minGapSeconds: 15, onArrival: true });
  });
});

describe('estimates for every waiting caller', () => {
  it('lists callers in service order with the estimate of their position', () => {
    // c2 has priority 1 so is first; 1 agent busy, AHT 120 s: mu = 1/120; bare model k / mu.
    const e = waitingEstimates(
      {
        tenant: 't1',
        queueId: 'q1',
        now: at(30),
        waiting: [
          { callId: 'c1', queuedAt: at(0), priority: 0 },
          { callId: 'c2', queuedAt: at(10), priority: 1 },
          { callId: 'c3', queuedAt: at(5), priority: 0 },
        ],
        agents: [{ agentId: 'a1', state: 'busy', otherQueuesWaiting: 0 }],
        recentHandleSeconds: [120],
        recentAnswered: [],
        abandonment: { departures: 0, abandoned: 0, exposureSeconds: 0 },
        fallbackAhtSeconds: null,
      },
      { method: 'position', median: false, residual: false, answerDelaySeconds: 0 },
    );
    expect(e.map((c) => [c.callId, c.position, c.estimatedWaitSeconds])).toEqual([
      ['c2', 1, 120],
      ['c1', 2, 240],
      ['c3', 3, 360],
    ]);
    expect(e[0]).toMatchObject({ tenant: 't1', queueId: 'q1', queuedAt: at(10) });
  });
});
