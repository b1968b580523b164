import { describe, expect, it } from 'vitest';
import { offsetAfterPage } from '../../client/src/lib/page-offset.ts';

describe('the offset of the adherence page once a page came back', () => {
  it('stays while it starts a page with agents', () => {
    expect(offsetAfterPage(0, 103, 50)).toBe(0);
    expect(offsetAfterPage(100, 103, 50)).toBe(100);
  });

  it('moves to the last page when the list shrank under it, so "previous" steps back from what is shown', () => {
    // 103 agents shown from 150 (the server clamps to an empty page at 103): the last page is 100-102.
    expect(offsetAfterPage(150, 103, 50)).toBe(100);
    // 90 left of a page at 100: pages 0-49 and 50-89.
    expect(offsetAfterPage(100, 90, 50)).toBe(50);
    // Exactly at the end of 100: pages 0-49 and 50-99.
    expect(offsetAfterPage(100, 100, 50)).toBe(50);
    // 40 left: one page, and the pager hides, so only this brings the agents back.
    expect(offsetAfterPage(50, 40, 50)).toBe(0);
    expect(offsetAfterPage(50, 0, 50)).toBe(0);
  });
});
