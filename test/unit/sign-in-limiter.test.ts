/** Sign-in attempts are limited per name from an address, per name and per client address, an IPv6 client's by its /64 (http/address-key.ts). */
import { describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../server/auth/sign-in-limiter.ts';

describe('sign-in attempts per address', () => {
  it('counts the addresses of one IPv6 /64 as one: 30 at once across them, then one every 2 s', () => {
    const clock = { now: 0 };
    const limiter = new SignInLimiter(() => clock.now);
    // Thirty names (each bucket of 5 untouched) from thirty addresses of 2001:db8:0:0::/64.
    for (let i = 1; i <= 30; i++) expect(limiter.attempt(`spray-${i}`, `2001:db8::${i.toString(16)}`)).toBeNull();
    expect(limiter.attempt('spray-31', '2001:db8:0:0:ffff::1')).toBe(2);
    expect(limiter.attempt('spray-31', '::ffff:198.51.100.7')).toBeNull();
    expect(limiter.attempt('spray-32', '2001:db8:0:1::1')).toBeNull();
    clock.now += 2000;
    expect(limiter.attempt('spray-33', '2001:db8::abcd')).toBeNull();
    expect(limiter.attempt('spray-34', '2001:db8::abce')).toBe(2);
  });
});

describe('sign-in attempts per name', () => {
  it('from one address: 5 at once, then one every 12 s; another address still gets in (one address could lock anyone out)', () => {
    const clock = { now: 0 };
    const limiter = new SignInLimiter(() => clock.now);
    for (let i = 0; i < 5; i++) expect(limiter.attempt('Root-Admin', '198.51.100.7')).toBeNull();
    // Names are counted without case.
    expect(limiter.attempt('root-admin', '198.51.100.7')).toBe(12);
    // The person, from the office: not refused because someone else guessed.
    expect(limiter.attempt('root-admin', '203.0.113.9')).toBeNull();
    clock.now += 12_000;
    expect(limiter.attempt('root-admin', '198.51.100.7')).toBeNull();
    expect(limiter.attempt('root-admin', '198.51.100.7')).toBe(12);
  });

  it('over every address: 30 at once, then one every 4 s, so guesses spread over addresses stay slow', () => {
    const clock = { now: 0 };
    const limiter = new SignInLimiter(() => clock.now);
    // One attempt from each of 30 addresses (each far within its own 5 and its address's 30).
    for (let i = 1; i <= 30; i++) expect(limiter.attempt('root-admin', `192.0.2.${i}`)).toBeNull();
    expect(limiter.attempt('root-admin', '192.0.2.31')).toBe(4);
    // Another name is not held back by it.
    expect(limiter.attempt('acme-analyst', '192.0.2.31')).toBeNull();
    clock.now += 4000;
    expect(limiter.attempt('root-admin', '192.0.2.32')).toBeNull();
    expect(limiter.attempt('root-admin', '192.0.2.33')).toBe(4);
  });
});
