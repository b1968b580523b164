import { describe, expect, it } from 'vitest';
import { visibleRows, windowToFetch } from '../../client/src/lib/board-window.ts';

describe('the virtualised agent board window', () => {
  it('finds the rows in the viewport', () => {
    // 32 px rows, 480 px viewport: at the top rows 0..14 (480 / 32 = 15 rows).
    expect(visibleRows(0, 480, 32, 20_000)).toEqual({ first: 0, end: 15 });
    // Scrolled 1000 px: row 31 starts at 992 and is partly in view; 1480 / 32 = 46.25, so up to row 46.
    expect(visibleRows(1000, 480, 32, 20_000)).toEqual({ first: 31, end: 47 });
    // A short list ends where it ends.
    expect(visibleRows(0, 480, 32, 4)).toEqual({ first: 0, end: 4 });
    expect(visibleRows(5000, 480, 32, 4)).toEqual({ first: 4, end: 4 });
  });

  it('fetches only when the loaded window does not cover the view, with a margin either side', () => {
    expect(windowToFetch({ first: 31, end: 47 }, 0, 80, 20_000, 20)).toBeNull();
    // Rows 70..86 overrun a window of 0..79: ask 50..106 (20 rows of margin each side, 16 + 40 = 56 rows).
    expect(windowToFetch({ first: 70, end: 86 }, 0, 80, 20_000, 20)).toEqual({ offset: 50, limit: 56 });
    // Nothing loaded yet: ask from 0 (no negative offset).
    expect(windowToFetch({ first: 0, end: 15 }, 0, 0, 20_000, 20)).toEqual({ offset: 0, limit: 55 });
    // The whole short list is loaded: nothing more to ask even if the view is taller.
    expect(windowToFetch({ first: 0, end: 4 }, 0, 4, 4, 20)).toBeNull();
  });
});
