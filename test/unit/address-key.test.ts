/**
 * Per-address bounds count an IPv6 client by its /64 (one host routinely holds the whole /64),
 * an IPv4-mapped address as the IPv4 address it is, and ignore how an address is written.
 */
import { describe, expect, it } from 'vitest';
import { addressKey } from '../../server/http/address-key.ts';

describe('addressKey', () => {
  it('keeps an IPv4 address, and takes an IPv4-mapped IPv6 address, dotted or in hex, for it', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::FFFF:198.51.100.7')).toBe('198.51.100.7');
    // 0xc6 0x33 0x64 0x07 = 198.51.100.7
    expect(addressKey('::ffff:c633:6407')).toBe('198.51.100.7');
    expect(addressKey('0:0:0:0:0:ffff:c633:6407')).toBe('198.51.100.7');
  });

  it('puts every way of writing addresses of one /64 under one key, and the next /64 under another', () => {
    const key = '2001:db8:0:0::/64';
    for (const a of ['2001:db8::1', '2001:0db8:0:0::2', '2001:DB8:0000:0000:ffff:ffff:ffff:ffff', '2001:db8::', '[2001:db8::5]', '2001:db8:0:0:1::1']) expect(addressKey(a), a).toBe(key);
    expect(addressKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8:1::1')).toBe('2001:db8:1:0::/64');
    // The last 64 bits written as IPv4 are still the interface part.
    expect(addressKey('2001:db8::198.51.100.7')).toBe(key);
    expect(addressKey('64:ff9b::198.51.100.7')).toBe('64:ff9b:0:0::/64');
  });

  it('drops a zone id', () => {
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('fe80::2%3')).toBe('fe80:0:0:0::/64');
  });

  it('drops a port a proxy wrote after the address, so one client\'s connections are one client', () => {
    expect(addressKey('198.51.100.7:50412')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7:1')).toBe('198.51.100.7');
    expect(addressKey('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
    expect(addressKey('[::ffff:198.51.100.7]:8080')).toBe('198.51.100.7');
    // An IPv6 address's last group is no port, and what is no address with a port stays what it is.
    expect(addressKey('2001:db8::1:443')).toBe('2001:db8:0:0::/64');
    expect(addressKey('unknown:443')).toBe('unknown:443');
  });

  it('leaves what is no IP address as it is', () => {
    expect(addressKey('unknown')).toBe('unknown');
    expect(addressKey('')).toBe('');
    expect(addressKey('2001:db8::g')).toBe('2001:db8::g');
  });
});
