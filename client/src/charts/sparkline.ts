import { area, line, scaleLinear } from 'd3';
import type { TvPoint } from '../../../server/protocol/tv.ts';

export interface SparklineLayout {
  /** Service level per interval; gaps where an interval had no calls. */
  slPath: string;
  /** Calls offered per interval, as a filled silhouette under everything. */
  volumePath: string;
  targetY: number;
  /** The last point with a service level, to mark where the day is now. */
  last: { x: number; y: number; off: boolean } | null;
}

/**
 * Shapes of the TV's small interval chart (from the first interval with calls to now) in a `width` x `height` box (px): service level
 * 0-100% against the target line, over the calls offered. Pure: no DOM.
 */
export function sparklineLayout(all: TvPoint[], target: number, width: number, height: number): SparklineLayout {
  // The quiet night before the first call would only squeeze the day into a corner.
  const first = all.findIndex((p) => p.offered > 0);
  const points = first < 0 ? all : all.slice(first);
  const pad = Math.max(2, height * 0.06);
  const x = scaleLinear()
    .domain([0, Math.max(1, points.length - 1)])
    .range([pad, width - pad]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - pad, pad]);
  const maxOffered = Math.max(1, ...points.map((p) => p.offered));
  const v = scaleLinear()
    .domain([0, maxOffered])
    .range([height - pad, height * 0.45]);
  const sl = line<TvPoint>()
    .defined((p) => p.serviceLevel !== null)
    .x((_, i) => x(i))
    .y((p) => y(p.serviceLevel ?? 0));
  const vol = area<TvPoint>()
    .x((_, i) => x(i))
    .y0(height - pad)
    .y1((p) => v(p.offered));
  let last: SparklineLayout['last'] = null;
  for (let i = points.length - 1; i >= 0; i--) {
    const s = points[i].serviceLevel;
    if (s !== null) {
      last = { x: x(i), y: y(s), off: s < target };
      break;
    }
  }
  return { slPath: sl(points) ?? '', volumePath: vol(points) ?? '', targetY: y(target), last };
}
