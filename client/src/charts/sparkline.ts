import { area, curveStepAfter, line, scaleLinear } from 'd3';
import type { Status } from '../../../server/protocol/metrics.ts';
import type { TvPoint, TvTrendAxis } from '../../../server/protocol/tv.ts';

export interface SparklineLayout {
  /** Service level per interval, through each interval's middle; gaps where an interval had no calls. */
  slPath: string;
  /** Calls offered per interval, as a stepped silhouette under everything. */
  volumePath: string;
  /** Each interval's own target, as a stepped line (flat when the queues share one target). */
  targetPath: string;
  /**
   * Intervals with a service level between two without (or at an edge): a line through one point
   * draws nothing, so each is a dot. The last point with a service level is left out: `last` marks it.
   */
  dots: { x: number; y: number }[];
  /** The last point with a service level, to mark where the day is now. */
  last: { x: number; y: number; status: Status } | null;
  /** The axis's hour ticks: their instant (epoch ms) and x (px). */
  ticks: { at: number; x: number }[];
  /** The service-level scale's marks, 0, 50 and 100%: their value (0..1) and y (px). */
  levels: { value: number; y: number }[];
  /** Where to label the target line: the latest interval's target (0..1) and its y (px); null with no intervals. */
  targetMark: { value: number; y: number } | null;
}

/** The service levels the TV's chart labels, so a viewer across the room can tell 50% from 90%. */
export const SL_LEVELS = [0, 0.5, 1] as const;

/**
 * Shapes of the TV's small interval chart in a `width` x `height` box (px): service level 0-100%
 * against the target, over the calls offered, on the frame's time axis (`axis`, shared by every
 * client, so an hour is the same width on every page). `intervalMs` is the interval length. Pure: no DOM.
 */
export function sparklineLayout(points: TvPoint[], axis: TvTrendAxis, intervalMs: number, width: number, height: number): SparklineLayout {
  const pad = Math.max(2, height * 0.06);
  const x = scaleLinear().domain([axis.start, axis.end]).range([pad, width - pad]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - pad, pad]);
  const maxOffered = Math.max(1, ...points.map((p) => p.offered));
  const v = scaleLinear()
    .domain([0, maxOffered])
    .range([height - pad, height * 0.45]);
  const mid = (p: TvPoint) => x(p.start + intervalMs / 2);
  // Steps need the last interval's end as one more point to draw its width.
  const tail = points.length ? [...points, { ...points[points.length - 1], start: points[points.length - 1].start + intervalMs }] : [];
  const sl = line<TvPoint>()
    .defined((p) => p.serviceLevel !== null)
    .x(mid)
    .y((p) => y(p.serviceLevel ?? 0));
  const vol = area<TvPoint>()
    .curve(curveStepAfter)
    .x((p) => x(p.start))
    .y0(height - pad)
    .y1((p) => v(p.offered));
  const target = line<TvPoint>()
    .curve(curveStepAfter)
    .x((p) => x(p.start))
    .y((p) => y(p.target));
  const has = (i: number) => i >= 0 && i < points.length && points[i].serviceLevel !== null;
  const lastIndex = points.findLastIndex((p) => p.serviceLevel !== null);
  const last = lastIndex < 0 ? null : { x: mid(points[lastIndex]), y: y(points[lastIndex].serviceLevel ?? 0), status: points[lastIndex].status };
  const dots = points.flatMap((p, i) => (i !== lastIndex && has(i) && !has(i - 1) && !has(i + 1) ? [{ x: mid(p), y: y(p.serviceLevel ?? 0) }] : []));
  const latest = points.at(-1);
  const targetMark = latest ? { value: latest.target, y: y(latest.target) } : null;
  return {
    slPath: sl(points) ?? '',
    volumePath: vol(tail) ?? '',
    targetPath: target(tail) ?? '',
    dots,
    last,
    ticks: axis.ticks.map((at) => ({ at, x: x(at) })),
    levels: SL_LEVELS.map((value) => ({ value, y: y(value) })),
    targetMark,
  };
}
