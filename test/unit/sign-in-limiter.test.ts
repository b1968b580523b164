/** Sign-in attempts are limited per client address, an IPv6 client's by its /64 (http/address-key.ts). */
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
