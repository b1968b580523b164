import { describe, expect, it } from 'vitest';
import { formatTarget } from '../../client/src/lib/i18n/formatters.ts';

describe('response target format', () => {
  it('says whole hours in hours and anything else as a span', () => {
    expect(formatTarget('en', 86_400)).toBe('24 hr');
    expect(formatTarget('zh-TW', 86_400)).toBe('24 小時');
    expect(formatTarget('en', 3_600)).toBe('1 hr');
    expect(formatTarget('en', 5_400)).toBe('90 min');
    expect(formatTarget('zh-TW', 45)).toBe('45 秒');
  });
});
