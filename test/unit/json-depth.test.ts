import { describe, expect, it, vi } from 'vitest';
import { MAX_JSON_DEPTH, nestsTooDeep } from '../../server/ingest/json-depth.ts';
import { DepthCheckedDecoder } from '../../server/realtime/socket-parser.ts';

/** A JSON string value of n characters: padding that nests nothing. */
const pad = (n: number) => `"${'x'.repeat(n)}"`;
/** `levels` nested arrays around a 5,000-character string: long enough to be scanned. */
const nested = (levels: number) => `${'['.repeat(levels)}${pad(5000)}${']'.repeat(levels)}`;

describe('nestsTooDeep', () => {
  it('lets 64 levels through and stops 65', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(nestsTooDeep(nested(64))).toBe(false);
    expect(nestsTooDeep(nested(65))).toBe(true);
    // Objects count as arrays do: {"a": twice (2 levels) inside 63 arrays is 65.
    expect(nestsTooDeep(`${'['.repeat(63)}{"a":{"b":${pad(5000)}}}${']'.repeat(63)}`)).toBe(true);
  });

  it('counts depth, not containers: 3,000 sibling arrays are 2 levels', () => {
    expect(nestsTooDeep(`[${'[],'.repeat(3000)}[]]`)).toBe(false);
  });

  it('does not count brackets within strings, escaped quotes and backslashes included', () => {
    expect(nestsTooDeep(`{"a":"${'['.repeat(5000)}"}`)).toBe(false);
    // "\"[[[..." : the escaped quote does not end the string, so the brackets are still in it.
    expect(nestsTooDeep(`{"a":"\\"${'['.repeat(5000)}"}`)).toBe(false);
    // "\\" ends after the escaped backslash: the 100 brackets after it are outside the string.
    expect(nestsTooDeep(`["\\\\",${'['.repeat(100)}${pad(5000)}${']'.repeat(100)}]`)).toBe(true);
  });

  it('never judges text under 4,096 characters too deep: 2,047 levels parse in under a millisecond', () => {
    const short = `${'['.repeat(2047)}${']'.repeat(2047)}`;
    expect(short.length).toBe(4094);
    expect(nestsTooDeep(short)).toBe(false);
    expect(nestsTooDeep(`${'['.repeat(2048)}${']'.repeat(2048)}`)).toBe(true);
  });
});

describe('the socket decoder', () => {
  it('refuses a 0.9 MB packet of nested arrays without parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const decoder = new DepthCheckedDecoder();
      expect(() => decoder.add(`40${'['.repeat(450_000)}${']'.repeat(450_000)}`)).toThrow('socket packet nested deeper than 64 levels');
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('decodes an event as Socket.IO does, long and shallow or short and deep', () => {
    const decoded: unknown[] = [];
    const decoder = new DepthCheckedDecoder();
    decoder.on('decoded', (p: unknown) => decoded.push(p));
    const batch = 'x'.repeat(10_000);
    decoder.add(`2/ingest,7["events",${JSON.stringify(batch)}]`);
    decoder.add(`2["deep",${'['.repeat(100)}${']'.repeat(100)}]`);
    let deep: unknown = [];
    for (let i = 1; i < 100; i++) deep = [deep];
    expect(decoded).toEqual([
      { type: 2, nsp: '/ingest', id: 7, data: ['events', batch] },
      { type: 2, nsp: '/', data: ['deep', deep] },
    ]);
  });
});
