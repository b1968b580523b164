import { describe, expect, it } from 'vitest';
import { hashParams, withHashParams } from '../../client/src/lib/hash-params.ts';

describe('hash route parameters', () => {
  it('reads the query after the route', () => {
    expect(hashParams('#/intraday?queue=q1&date=2026-11-20').get('queue')).toBe('q1');
    expect([...hashParams('#/')].length).toBe(0);
    expect([...hashParams('')].length).toBe(0);
  });

  it('sets and removes parameters, keeping the route and the others (a language), encoding keys with slashes and colons', () => {
    expect(withHashParams('#/?lang=zh-TW', { client: 'acme', queue: '4:acme/q1', team: '' })).toBe('#/?lang=zh-TW&client=acme&queue=4%3Aacme%2Fq1');
    expect(hashParams(withHashParams('#/', { team: '4:acme/t 1' })).get('team')).toBe('4:acme/t 1');
    expect(withHashParams('#/?client=acme&queue=x', { client: '', queue: '' })).toBe('#/');
    expect(withHashParams('', { client: 'jade' })).toBe('#/?client=jade');
    expect(withHashParams('#/tv?lang=en', { client: 'acme' })).toBe('#/tv?lang=en&client=acme');
  });
});
