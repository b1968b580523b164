import { line, scaleBand, scaleLinear } from 'd3';
import type { QueueStatsRow } from '../../../server/protocol/metrics.ts';

export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface IntervalChartLayout {
  bars: { x: number; y: number; width: number; height: number; row: QueueStatsRow }[];
  /** SVG path of service level per interval; gaps where an interval has none. */
  slPath: string;
  slPoints: { x: number; y: number; value: number }[];
  targetY: number;
  xTicks: { x: number; label: string }[];
  countTicks: { y: number; label: string }[];
  slTicks: { y: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

/**
 * Scales and shapes of the intraday chart: offered calls as bars on the left axis, service
 * level as a line on the right axis (0-100%) against the target line. Pure: no DOM.
 */
export function intervalChartLayout(rows: QueueStatsRow[], slTarget: number, box: ChartBox): IntervalChartLayout {
  const { width, height, margin } = box;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const x = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([plot.left, plot.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const maxOffered = Math.max(4, ...rows.map((r) => r.offered));
  const yCount = scaleLinear().domain([0, maxOffered]).nice().range([plot.bottom, plot.top]);
  const ySl = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  const centre = (i: number) => x(i)! + x.bandwidth() / 2;

  const bars = rows.map((row, i) => ({ x: x(i)!, y: yCount(row.offered), width: x.bandwidth(), height: plot.bottom - yCount(row.offered), row }));
  const slLine = line<QueueStatsRow>()
    .defined((r) => r.serviceLevel !== null)
    .x((_, i) => centre(i))
    .y((r) => ySl(r.serviceLevel ?? 0));
  const slPoints = rows.flatMap((r, i) => (r.serviceLevel === null ? [] : [{ x: centre(i), y: ySl(r.serviceLevel), value: r.serviceLevel }]));

  // Label every n-th interval so labels never collide (about 44 px each).
  const every = Math.max(1, Math.ceil((rows.length * 44) / Math.max(1, plot.right - plot.left)));
  const hourly = rows.length > 24 ? Math.max(every, Math.round(rows.length / 24)) : every;
  const xTicks = rows.flatMap((r, i) => (i % hourly === 0 ? [{ x: centre(i), label: r.start.slice(11, 16) }] : []));

  return {
    bars,
    slPath: slLine(rows) ?? '',
    slPoints,
    targetY: ySl(slTarget),
    xTicks,
    countTicks: yCount.ticks(5).map((v) => ({ y: yCount(v), label: String(v) })),
    slTicks: [0, 0.25, 0.5, 0.75, 1].map((v) => ({ y: ySl(v), label: `${v * 100}%` })),
    plot,
  };
}
