/** The executive TV's wire shapes (namespace /tv). */
import type { Ratio, Status } from './metrics.ts';

/** One point of the interval sparkline. */
export interface TvPoint {
  /** Interval start, epoch ms. */
  start: number;
  offered: number;
  serviceLevel: Ratio;
  /** The interval's own target, 0..1, pooled over the queues like the tile's (`TvTarget`). */
  target: number;
  /** Colour of the point, by the wallboard's thresholds. */
  status: Status;
}

/** A target of a figure pooled over several queues (server/domain/tv-targets.ts). */
export interface TvTarget {
  /** The queues' own target when they share it, else weighted by each queue's calls in the figure (0..1). */
  value: number;
  /** False when the queues' targets differ: the screen labels the value as call-weighted. */
  shared: boolean;
}

/** A figure judged against its target. */
export interface TvVerdict {
  /** Colour, by the wallboard's thresholds (protocol/status.ts), pooled like the target. */
  status: Status;
  /** Whether the figure meets its target; null when there is nothing to judge yet. */
  met: boolean | null;
}

/** The span every sparkline of a frame shares, and its hour ticks in the centre's time zone. */
export interface TvTrendAxis {
  /** Epoch ms: the left and right edges (the right one is the end of the current interval). */
  start: number;
  end: number;
  /** Epoch ms of the local whole hours labelled on the axis. */
  ticks: number[];
}

/** The huge numbers of one client (tenant), or of the floor across the display's clients. */
export interface TvTile {
  /** Tenant id, or '*' for the floor summary. */
  tenant: string;
  name: string;
  serviceLevelToday: Ratio;
  serviceLevelInterval: Ratio;
  /** Target of today's service level. */
  slTarget: TvTarget;
  /** Target of this interval's service level (weighted by this interval's calls when the queues' targets differ). */
  slTargetInterval: TvTarget;
  waiting: number;
  /** Epoch ms of the oldest call waiting, so the screen can tick the wait itself. */
  oldestWaitingSince: number | null;
  handledToday: number;
  offeredToday: number;
  abandonRate: Ratio;
  abandonTarget: TvTarget;
  /** Agents logged in and working (available, talking, hold, after-call work), less those skilled only for outbound campaigns. */
  onPhones: number;
  /** Agents needed this interval by the intraday view (sum over queues); null without a forecast. */
  requiredNow: number | null;
  /** One point per interval of the frame's trend span (`TvFrame.trend`) up to now. */
  sparkline: TvPoint[];
  /**
   * The calls behind each service level (its formula's denominator), so a figure over fewer than
   * MIN_SL_CALLS (sl-sample.ts), shown unjudged, can say how few: "0%" over "1 call". Optional:
   * added after the first TVs, which never read it.
   */
  slCalls?: { today: number; interval: number };
  /** Each judged figure against its target. */
  verdict: { serviceLevelToday: TvVerdict; serviceLevelInterval: TvVerdict; abandonRate: TvVerdict; staffing: TvVerdict };
  /** Seconds past which the longest wait turns amber and red (the strictest of the queues); null without queues. */
  longestWaitThresholds: { amber: number; red: number } | null;
}

export interface TvFrame {
  /** Engine clock, epoch ms. */
  now: number;
  timezone: string;
  intervalMinutes: number;
  /** The one span all sparklines of the frame are drawn over, so two clients' lines read alike. */
  trend: TvTrendAxis;
  tiles: TvTile[];
  /** Across every client of the frame. */
  floor: TvTile;
}

export interface TvHello {
  /** The display this socket is, or null for a signed-in reader looking at the TV view. */
  display: { id: string; name: string; rotationSeconds: number; lang: 'en' | 'zh-TW' | null } | null;
  frame: TvFrame;
}
