import { line, scaleBand, scaleLinear } from 'd3';
import type { QueueStatsRow, SlFormula } from '../../../server/protocol/metrics.ts';
import { slJudged } from '../../../server/protocol/sl-sample.ts';

export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface IntervalChartLayout {
  bars: { x: number; y: number; width: number; height: number; row: QueueStatsRow }[];
  /** SVG path of service level per interval; gaps where an interval has none or too few calls to judge (sl-sample.ts). */
  slPath: string;
  /** Every interval's service level; `few`: over fewer than MIN_SL_CALLS calls, drawn apart from the line. */
  slPoints: { x: number; y: number; value: number; few: boolean }[];
  targetY: number;
  xTicks: { x: number; label: string }[];
  countTicks: { y: number; label: string }[];
  slTicks: { y: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
  /** Offered calls of the same weekday last week and the four-week mean, as lines on the count axis ('' when absent). */
  lastWeekPath: string;
  meanPath: string;
}

/** Past days to draw over the bars: offered calls per wall-clock slot (slot k = local time k x intervalMinutes). */
export interface ChartOverlay {
  intervalMinutes: number;
  lastWeek: number[] | null;
  fourWeekMean: number[] | null;
}

/** The plot rectangle inside a chart box's margins (px). */
export function plotArea(box: ChartBox): { left: number; right: number; top: number; bottom: number } {
  const { width, height, margin } = box;
  return { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
}

/** One band per interval across the plot, as every per-interval chart spaces them. */
export function intervalBand(count: number, plot: { left: number; right: number }) {
  return scaleBand<number>()
    .domain(Array.from({ length: count }, (_, i) => i))
    .range([plot.left, plot.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
}

/** The wall-clock slot of a row from its local start time ("2026-11-20T09:30:00+08:00" -> 19 for half-hours). */
function slotOf(row: QueueStatsRow, intervalMinutes: number): number {
  return Math.floor((Number(row.start.slice(11, 13)) * 60 + Number(row.start.slice(14, 16))) / intervalMinutes);
}

/**
 * Scales and shapes of the intraday chart: offered calls as bars on the left axis, service
 * level as a line on the right axis (0-100%) against the target line, by the queue's `formula`. Pure: no DOM.
 */
export function intervalChartLayout(rows: QueueStatsRow[], slTarget: number, box: ChartBox, overlay: ChartOverlay | null = null, formula: SlFormula = 'excludeShortAbandons'): IntervalChartLayout {
  const plot = plotArea(box);
  const x = intervalBand(rows.length, plot);
  const past = (series: number[] | null | undefined) => (series && overlay ? rows.map((r) => series[slotOf(r, overlay.intervalMinutes)] ?? null) : null);
  const lastWeek = past(overlay?.lastWeek);
  const mean = past(overlay?.fourWeekMean);
  const maxOffered = Math.max(4, ...rows.map((r) => r.offered), ...(lastWeek ?? []).map((v) => v ?? 0), ...(mean ?? []).map((v) => v ?? 0));
  const yCount = scaleLinear().domain([0, maxOffered]).nice().range([plot.bottom, plot.top]);
  const ySl = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  const centre = (i: number) => x(i)! + x.bandwidth() / 2;

  const bars = rows.map((row, i) => ({ x: x(i)!, y: yCount(row.offered), width: x.bandwidth(), height: plot.bottom - yCount(row.offered), row }));
  // A new interval's one slow call of one drew the line down to 0%: the line joins only figures worth judging.
  const slLine = line<QueueStatsRow>()
    .defined((r) => r.serviceLevel !== null && slJudged(r, formula))
    .x((_, i) => centre(i))
    .y((r) => ySl(r.serviceLevel ?? 0));
  const slPoints = rows.flatMap((r, i) => (r.serviceLevel === null ? [] : [{ x: centre(i), y: ySl(r.serviceLevel), value: r.serviceLevel, few: !slJudged(r, formula) }]));

  // Label every n-th interval so labels never collide (about 44 px each).
  const every = Math.max(1, Math.ceil((rows.length * 44) / Math.max(1, plot.right - plot.left)));
  const hourly = rows.length > 24 ? Math.max(every, Math.round(rows.length / 24)) : every;
  const xTicks = rows.flatMap((r, i) => (i % hourly === 0 ? [{ x: centre(i), label: r.start.slice(11, 16) }] : []));

  const pastLine = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => centre(i))
    .y((v) => yCount(v ?? 0));

  return {
    lastWeekPath: lastWeek ? (pastLine(lastWeek) ?? '') : '',
    meanPath: mean ? (pastLine(mean) ?? '') : '',
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
