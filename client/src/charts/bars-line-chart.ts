import { line, scaleBand, scaleLinear } from 'd3';
import { intervalBand, plotArea, type ChartBox } from './interval-chart.ts';

/** One interval of a bars-and-line chart: side-by-side bars on the left axis, one value on the right axis. */
export interface BarsLineRow {
  /** Local start "HH:MM", the x label. */
  label: string;
  bars: number[];
  /** The right-axis value at the interval (null: no point). */
  line: number | null;
}

export interface BarsLineLayout {
  bars: { x: number; y: number; width: number; height: number; series: number; row: number }[];
  linePath: string;
  linePoints: { x: number; y: number; row: number }[];
  xTicks: { x: number; label: string }[];
  leftTicks: { y: number; label: string }[];
  rightTicks: { y: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

/**
 * Scales and shapes of a per-interval chart with grouped bars (left axis, e.g. items arrived
 * and handled, or agents required) and a line on its own right axis (e.g. the backlog). Both
 * axes start at 0. Pure: no DOM.
 */
export function barsLineLayout(rows: readonly BarsLineRow[], box: ChartBox, seriesCount: number): BarsLineLayout {
  const plot = plotArea(box);
  const x = intervalBand(rows.length, plot);
  const inner = scaleBand<number>()
    .domain(Array.from({ length: seriesCount }, (_, k) => k))
    .range([0, x.bandwidth()])
    .paddingInner(0.1);
  const maxBar = Math.max(1, ...rows.flatMap((r) => r.bars));
  const maxLine = Math.max(1, ...rows.map((r) => r.line ?? 0));
  const yLeft = scaleLinear().domain([0, maxBar]).nice().range([plot.bottom, plot.top]);
  const yRight = scaleLinear().domain([0, maxLine]).nice().range([plot.bottom, plot.top]);
  const centre = (i: number) => x(i)! + x.bandwidth() / 2;
  const bars = rows.flatMap((r, i) =>
    r.bars.slice(0, seriesCount).map((v, k) => ({ x: x(i)! + inner(k)!, y: yLeft(v), width: inner.bandwidth(), height: plot.bottom - yLeft(v), series: k, row: i })),
  );
  const path = line<BarsLineRow>()
    .defined((r) => r.line !== null)
    .x((_, i) => centre(i))
    .y((r) => yRight(r.line ?? 0));
  const linePoints = rows.flatMap((r, i) => (r.line === null ? [] : [{ x: centre(i), y: yRight(r.line), row: i }]));
  // Label every n-th interval so labels never collide (about 44 px each), hourly on a full day.
  const every = Math.max(1, Math.ceil((rows.length * 44) / Math.max(1, plot.right - plot.left)));
  const step = rows.length > 24 ? Math.max(every, Math.round(rows.length / 24)) : every;
  const whole = (v: number) => Number.isInteger(v);
  return {
    bars,
    linePath: path(rows as BarsLineRow[]) ?? '',
    linePoints,
    xTicks: rows.flatMap((r, i) => (i % step === 0 ? [{ x: centre(i), label: r.label }] : [])),
    // Counts are whole: fractional ticks only when the axis is small (agents).
    leftTicks: yLeft.ticks(5).filter((v) => maxBar < 5 || whole(v)).map((v) => ({ y: yLeft(v), label: String(v) })),
    rightTicks: yRight.ticks(5).filter(whole).map((v) => ({ y: yRight(v), label: String(v) })),
    plot,
  };
}
