import { curveStepAfter, line, scaleBand, scaleLinear } from 'd3';
import type { IntradayRow } from '../../../server/protocol/intraday.ts';
import type { ChartBox } from './interval-chart.ts';

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function plotOf(box: ChartBox): Plot {
  return { left: box.margin.left, right: box.width - box.margin.right, top: box.margin.top, bottom: box.height - box.margin.bottom };
}

function xScale(rows: IntradayRow[], plot: Plot) {
  return scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([plot.left, plot.right])
    .paddingInner(0.15)
    .paddingOuter(0.05);
}

/** Least room a time label gets (px): "00:00" at the axis's 12 px font is about 32 px wide. */
const HOUR_LABEL_PX = 48;
/** Hours between labels, fewest first; each divides a day, so labels fall on the same clock hours every day. */
const HOUR_STEPS = [1, 2, 3, 4, 6, 12];

/**
 * Time-axis ticks on whole local hours only ("08:00", never "08:15"): of the intervals starting
 * at minute 00, every hour, or every 2, 3, 4, 6 or 12 hours (hour divisible by it) when the plot
 * is too narrow for one label per hour. `starts` are the intervals' local ISO starts
 * ("2026-11-20T08:00:00+08:00"), `width` the plot's width in px, `at(i)` the x of interval i's start.
 */
export function hourTicks(starts: readonly string[], width: number, at: (i: number) => number): { x: number; label: string }[] {
  const hours = starts.flatMap((s, i) => (s.slice(14, 16) === '00' ? [{ i, hour: Number(s.slice(11, 13)), label: s.slice(11, 16) }] : []));
  if (hours.length === 0) return [];
  const perHour = width / hours.length;
  const step = HOUR_STEPS.find((k) => k * perHour >= HOUR_LABEL_PX) ?? 24;
  return hours.filter((h) => h.hour % step === 0).map((h) => ({ x: at(h.i), label: h.label }));
}

export interface VolumeLayout {
  plot: Plot;
  actual: { x: number; y: number; width: number; height: number; row: IntradayRow; partial: boolean }[];
  forecast: { x: number; y: number; width: number; height: number }[];
  reforecast: { x: number; y: number; width: number; height: number }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  nowX: number | null;
}

/** Volume chart: actual calls as bars, the forecast as an outline, the reforecast for the rest of the day. */
export function volumeLayout(rows: IntradayRow[], box: ChartBox): VolumeLayout {
  const plot = plotOf(box);
  const x = xScale(rows, plot);
  const max = Math.max(4, ...rows.map((r) => Math.max(r.actualCalls, r.forecastCalls ?? 0, r.reforecastCalls ?? 0)));
  const y = scaleLinear().domain([0, max]).nice().range([plot.bottom, plot.top]);
  const bar = (i: number, v: number) => ({ x: x(i)!, y: y(v), width: x.bandwidth(), height: plot.bottom - y(v) });
  const currentIndex = rows.findIndex((r) => r.current);
  return {
    plot,
    actual: rows.flatMap((r, i) => (r.closed || r.current ? [{ ...bar(i, r.actualCalls), row: r, partial: r.current }] : [])),
    forecast: rows.flatMap((r, i) => (r.forecastCalls === null ? [] : [bar(i, r.forecastCalls)])),
    reforecast: rows.flatMap((r, i) => (r.reforecastCalls === null || r.closed ? [] : [bar(i, r.reforecastCalls)])),
    // An hour's tick sits where its interval starts: halfway into the gap before its bar.
    xTicks: hourTicks(rows.map((r) => r.start), plot.right - plot.left, (i) => x(i)! - (x.step() - x.bandwidth()) / 2),
    yTicks: y.ticks(5).map((v) => ({ y: y(v), label: String(v) })),
    nowX: currentIndex >= 0 ? x(currentIndex)! : null,
  };
}

export interface StaffLayout {
  plot: Plot;
  required: string;
  scheduled: string;
  loggedIn: string;
  /** Per open interval, the outlook's 10th-90th percentile of required agents (top at the plot's top when beyond any count). */
  requiredBand: { x: number; y: number; width: number; height: number }[];
  /** Per interval, the band between scheduled (with what-ifs) and required: short (red) or over (green). */
  gaps: { x: number; y: number; width: number; height: number; short: boolean }[];
  slActual: { x: number; y: number }[];
  slProjected: string;
  slTargetY: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  slTicks: { y: number; label: string }[];
  nowX: number | null;
}

/**
 * Staff chart: required, scheduled (+ what-ifs) and logged-in agents as steps on the left axis,
 * the gap shaded; service level per interval (actual dots, projected dashes) on the right axis.
 */
export function staffLayout(rows: IntradayRow[], slTarget: number, box: ChartBox): StaffLayout {
  const plot = plotOf(box);
  const n = rows.length;
  const x = scaleLinear().domain([0, Math.max(1, n)]).range([plot.left, plot.right]);
  const planned = (r: IntradayRow) => r.scheduledAgents + r.whatIfAgents;
  const max = Math.max(4, ...rows.map((r) => Math.max(r.requiredAgents ?? 0, r.requiredHigh ?? 0, planned(r), r.loggedInAgents)));
  const y = scaleLinear().domain([0, max]).nice().range([plot.bottom, plot.top]);
  const ySl = scaleLinear().domain([0, 1]).range([plot.bottom, plot.top]);
  // Step series: each value spans its interval [i, i + 1].
  const steps = (value: (r: IntradayRow) => number | null) => [...rows.map((r, i) => ({ i, v: value(r) })), { i: n, v: rows.length ? value(rows[n - 1]) : null }];
  const stepLine = (value: (r: IntradayRow) => number | null) =>
    line<{ i: number; v: number | null }>()
      .defined((d) => d.v !== null)
      .curve(curveStepAfter)
      .x((d) => x(d.i))
      .y((d) => y(d.v ?? 0))(steps(value)) ?? '';
  const centre = (i: number) => x(i + 0.5);
  const currentIndex = rows.findIndex((r) => r.current);
  return {
    plot,
    required: stepLine((r) => r.requiredAgents),
    scheduled: stepLine(planned),
    loggedIn: stepLine((r) => (r.closed || r.current ? r.loggedInAgents : null)),
    requiredBand: rows.flatMap((r, i) => {
      if (r.requiredLow === undefined || r.requiredLow === null) return [];
      const top = r.requiredHigh === null || r.requiredHigh === undefined ? plot.top : y(r.requiredHigh);
      // A band of one count (low = high) still shows, as a thin bar at that count.
      return [{ x: x(i), y: top - 1.5, width: x(i + 1) - x(i), height: Math.max(3, y(r.requiredLow) - top + 3) }];
    }),
    gaps: rows.flatMap((r, i) => {
      if (r.requiredAgents === null) return [];
      const top = y(Math.max(r.requiredAgents, planned(r)));
      const bottom = y(Math.min(r.requiredAgents, planned(r)));
      return [{ x: x(i), y: top, width: x(i + 1) - x(i), height: bottom - top, short: planned(r) < r.requiredAgents }];
    }),
    slActual: rows.flatMap((r, i) => (r.closed && r.actualServiceLevel !== null ? [{ x: centre(i), y: ySl(r.actualServiceLevel) }] : [])),
    slProjected:
      line<IntradayRow>()
        .defined((r) => r.projectedServiceLevel !== null)
        .x((_, i) => centre(i))
        .y((r) => ySl(r.projectedServiceLevel ?? 0))(rows) ?? '',
    slTargetY: ySl(slTarget),
    xTicks: hourTicks(rows.map((r) => r.start), plot.right - plot.left, (i) => x(i)),
    yTicks: y.ticks(5).map((v) => ({ y: y(v), label: String(v) })),
    slTicks: [0, 0.5, 1].map((v) => ({ y: ySl(v), label: `${v * 100}%` })),
    nowX: currentIndex >= 0 ? x(currentIndex) : null,
  };
}
