import { describe, expect, it } from 'vitest';
import { barsLineLayout } from '../../client/src/charts/bars-line-chart.ts';

const box = { width: 500, height: 300, margin: { top: 20, right: 50, bottom: 40, left: 50 } };

describe('bars-and-line chart layout', () => {
  const rows = [
    { label: '09:00', bars: [10, 5], line: 40 },
    { label: '09:30', bars: [0, 8], line: null },
    { label: '10:00', bars: [4, 2], line: 20 },
  ];
  const l = barsLineLayout(rows, box, 2);

  it('draws each series side by side on the left axis, scaled from 0 at the plot bottom', () => {
    // Plot 20..260 high; left axis 0..10: a bar of 10 reaches the top, 5 reaches half way (140).
    expect(l.plot).toEqual({ left: 50, right: 450, top: 20, bottom: 260 });
    expect(l.bars).toHaveLength(6);
    const first = l.bars.filter((b) => b.row === 0);
    expect(first.map((b) => b.y)).toEqual([20, 140]);
    expect(first[1].x).toBeGreaterThan(first[0].x);
    expect(l.bars.find((b) => b.row === 1 && b.series === 0)!.height).toBe(0);
  });

  it('puts the line on its own right axis and leaves a gap where there is no value', () => {
    // Right axis 0..40: 40 at the top (20), 20 half way (140); the 09:30 point is missing.
    expect(l.linePoints.map((p) => [p.row, p.y])).toEqual([[0, 20], [2, 140]]);
    expect(l.linePath.match(/M/g)).toHaveLength(2);
    expect(l.rightTicks.at(-1)).toEqual({ y: 20, label: '40' });
  });

  it('labels every interval when they fit and keeps whole counts on the axes', () => {
    expect(l.xTicks.map((t) => t.label)).toEqual(['09:00', '09:30', '10:00']);
    expect(l.leftTicks.every((t) => Number.isInteger(Number(t.label)))).toBe(true);
  });
});
