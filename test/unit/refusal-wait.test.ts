import { describe, expect, it } from 'vitest';
import { refusalWaitMs } from '../../client/src/lib/refusal-wait.ts';

describe('the wait a refusal asks for', () => {
  it('reads the seconds of a rate-limit refusal as ms, at least a quarter second', () => {
    expect(refusalWaitMs('too many subscriptions: try again in 1 s')).toBe(1000);
    expect(refusalWaitMs('too many subscriptions: try again in 3 s')).toBe(3000);
    expect(refusalWaitMs('too many subscriptions: try again in 0 s')).toBe(250);
  });
  it('waits a second when told "shortly" (a sign-in with too many pages waiting)', () => {
    expect(refusalWaitMs('too many board pages waiting for this sign-in (limit 50): try again shortly')).toBe(1000);
  });
  it('is null for any other error', () => {
    expect(refusalWaitMs('unknown queue "q9"')).toBeNull();
    expect(refusalWaitMs('agents:page: limit: too big')).toBeNull();
    expect(refusalWaitMs('offline')).toBeNull();
  });
});
