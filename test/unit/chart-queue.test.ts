/**
 * Which queue the wallboard's interval chart shows when none is chosen: it opens on the first
 * with calls today and stays there while that queue has calls, however the others fill up.
 */
import { describe, expect, it } from 'vitest';
import { chartQueueKey } from '../../client/src/lib/chart-queue.ts';

/** Queues A, B, C in board order with calls offered today. */
const board = (a: number, b: number, c: number) => [
  { key: 'A', today: { offered: a } },
  { key: 'B', today: { offered: b } },
  { key: 'C', today: { offered: c } },
];

describe('the interval chart queue', () => {
  it('opens on the first queue when none has calls, and on the first with calls once one has', () => {
    expect(chartQueueKey(board(0, 0, 0), '', '')).toBe('A');
    expect(chartQueueKey(board(0, 0, 5), '', 'A')).toBe('C');
  });

  it('stays on the queue it shows while that has calls: A getting its first call does not pull it away from C', () => {
    expect(chartQueueKey(board(3, 0, 5), '', 'C')).toBe('C');
  });

  it('shows the queue chosen, quiet or not, and leaves a shown queue gone from the board', () => {
    expect(chartQueueKey(board(3, 0, 5), 'B', 'C')).toBe('B');
    expect(chartQueueKey(board(3, 0, 5), '', 'D')).toBe('A');
    expect(chartQueueKey([], '', 'C')).toBe('');
  });

  it('goes back to the first queue when a new day leaves none with calls', () => {
    expect(chartQueueKey(board(0, 0, 0), '', 'C')).toBe('A');
  });
});
