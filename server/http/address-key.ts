import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is counted and limited under: an IPv4 address as it is, an IPv6
 * address by its /64 (`2001:db8:0:0::/64`). One host is routinely given a whole /64 (SLAAC,
 * privacy addresses, a VPS's block), so counted whole, one IPv6 host would be 2^64 clients to
 * every per-address bound. An IPv4-mapped address (`::ffff:198.51.100.7`, as a dual-stack
 * socket names an IPv4 peer) is its IPv4 address, and a zone id (`fe80::1%eth0`) or brackets
 * (`[2001:db8::1]`) are dropped, and so is a port a proxy wrote after an address. Anything that is no IP address ('unknown') is its own key.
 */
export function addressKey(address: string): string {
  let a = address.trim();
  // Some proxies write the peer's port into X-Forwarded-For ('198.51.100.7:50412', '[2001:db8::1]:443'):
  // kept, every connection of one client would be a client of its own to the per-address bounds.
  const portOf = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$|^\[([^\]]+)\]:\d{1,5}$/.exec(a);
  if (portOf) a = portOf[1] ?? `[${portOf[2]!}]`;
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  if (isIPv4(a)) return a;
  if (!isIPv6(a)) return address;
  const groups = hextets(a.toLowerCase());
  // ::ffff:0:0/96 is IPv4 (the hex form ::ffff:c633:6407 too).
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (lower case, no zone), `::` and a trailing dotted IPv4 part expanded. */
function hextets(a: string): number[] {
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const parts = (s: string | undefined): number[] =>
    (s ? s.split(':') : []).flatMap((p) => {
      if (!p.includes('.')) return [parseInt(p, 16)];
      const [b0, b1, b2, b3] = p.split('.').map(Number);
      return [(b0! << 8) | b1!, (b2! << 8) | b3!];
    });
  const left = parts(head);
  const right = parts(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
