/** The executive TV's wire shapes (namespace /tv). */
import type { Ratio } from './metrics.ts';

/** One point of the interval sparkline. */
export interface TvPoint {
  /** Interval start, epoch ms. */
  start: number;
  offered: number;
  serviceLevel: Ratio;
}

/** The huge numbers of one client (tenant), or of the floor across the display's clients. */
export interface TvTile {
  /** Tenant id, or '*' for the floor summary. */
  tenant: string;
  name: string;
  serviceLevelToday: Ratio;
  serviceLevelInterval: Ratio;
  /** Target service level, 0..1 (weighted by each queue's calls today). */
  slTarget: number;
  waiting: number;
  /** Epoch ms of the oldest call waiting, so the screen can tick the wait itself. */
  oldestWaitingSince: number | null;
  handledToday: number;
  offeredToday: number;
  abandonRate: Ratio;
  abandonTarget: number;
  /** Agents logged in and working (available, talking, hold, after-call work), less those skilled only for outbound campaigns. */
  onPhones: number;
  /** Agents needed this interval by the intraday view (sum over queues); null without a forecast. */
  requiredNow: number | null;
  sparkline: TvPoint[];
  /** Which figures are off target: only these are coloured. */
  off: { serviceLevelToday: boolean; serviceLevelInterval: boolean; abandonRate: boolean; staffing: boolean; longestWait: boolean };
}

export interface TvFrame {
  /** Engine clock, epoch ms. */
  now: number;
  timezone: string;
  intervalMinutes: number;
  tiles: TvTile[];
  /** Across every client of the frame. */
  floor: TvTile;
}

export interface TvHello {
  /** The display this socket is, or null for a signed-in reader looking at the TV view. */
  display: { id: string; name: string; rotationSeconds: number; lang: 'en' | 'zh-TW' | null } | null;
  frame: TvFrame;
}
