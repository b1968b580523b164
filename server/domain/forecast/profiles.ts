import type { SpecialCalendar, SpecialKind } from './calendar.ts';
import type { DayActuals } from './daily-history.ts';

/** How the intraday shape and AHT are drawn from recent days. */
export interface ProfileOptions {
  /** Same-weekday days used, newest first, with these weights (newest weighs most). */
  weekdayWeights: number[];
  /** Days of any weekday pooled into the shared shape and AHT. */
  poolDays: number;
  /** Weight of the weekday's own shape against the pooled one (0..1). */
  weekdayShare: number;
  /** Pseudo-calls of the prior in each AHT estimate: a slot with few handled calls leans on it. */
  ahtPriorCalls: number;
  /**
   * A slot the weekday's own days had no call in, where the pooled shape expected at least this
   * many over those days, is closed that weekday (none would come by chance under e^-5 < 1% of
   * the time) and gets no share of the day.
   */
  closedSlotCalls: number;
}

export const PROFILE_DEFAULTS: ProfileOptions = { weekdayWeights: [4, 3, 2, 1], poolDays: 28, weekdayShare: 0.5, ahtPriorCalls: 20, closedSlotCalls: 5 };

/** Weighted sums of some days, slot by slot. */
interface Pool {
  calls: number[];
  total: number;
  handled: number[];
  handleSeconds: number[];
}

function pool(days: readonly DayActuals[], weights: readonly number[], slots: number): Pool {
  const p: Pool = { calls: new Array(slots).fill(0), total: 0, handled: new Array(slots).fill(0), handleSeconds: new Array(slots).fill(0) };
  days.forEach((d, i) => {
    const w = weights[i] ?? 1;
    for (let k = 0; k < slots; k++) {
      p.calls[k] += w * d.calls[k];
      p.handled[k] += w * d.handled[k];
      p.handleSeconds[k] += w * d.handleSeconds[k];
    }
    p.total += w * d.total;
  });
  return p;
}

function shares(p: Pool): number[] | null {
  return p.total > 0 ? p.calls.map((c) => c / p.total) : null;
}

/**
 * The blended shape without the slots the weekday's own days show closed, scaled back to 1.
 * The pooled shape steadies slots where the weekday has few calls, but where the weekday had
 * none at all though the pool expected many (a Saturday closing at 13:00 on a floor open to
 * 20:00 on weekdays), blending would forecast calls, and staff, for a closed queue, and take
 * them from the hours it is open.
 */
function openShares(blend: number[], pooled: readonly number[], own: readonly DayActuals[], evidence: number): number[] {
  const ownTotal = own.reduce((n, d) => n + d.total, 0);
  const open = blend.map((b, k) => (pooled[k] * ownTotal >= evidence && own.every((d) => d.calls[k] === 0) ? 0 : b));
  const sum = open.reduce((a, b) => a + b, 0);
  return sum > 0 ? open.map((b) => b / sum) : blend;
}

/** The shape of a day (shares of its calls per slot, summing to 1) and AHT per slot (seconds). */
export interface DayProfile {
  shares: number[];
  ahtSeconds: number[];
}

/**
 * The intraday profile for a day of `weekday` (ISO) or of a special kind, from `history`
 * (oldest first, all before the target day). The shape is the recent same-weekday shape
 * (past special days of the same kind, for a special day) blended with the shape of all
 * recent ordinary days, which steadies it where a weekday alone has few calls a slot.
 * AHT per slot is the weighted recent same-weekday handle time, shrunk towards the pooled
 * slot AHT, itself shrunk towards the pooled day AHT.
 */
export function dayProfile(history: readonly DayActuals[], weekday: number, special: SpecialKind | null, calendar: SpecialCalendar, slots: number, o: ProfileOptions = PROFILE_DEFAULTS): DayProfile | null {
  const ordinary = history.filter((d) => calendar.on(d.date) === null);
  const recent = ordinary.slice(-o.poolDays);
  const own = special === null ? ordinary.filter((d) => d.weekday === weekday) : history.filter((d) => calendar.on(d.date)?.kind === special);
  const mine = own.slice(-o.weekdayWeights.length).reverse();
  const all = pool(recent, [], slots);
  // Weights rescaled to sum to the number of days, so the AHT shrinkage sees real call counts.
  const raw = o.weekdayWeights.slice(0, mine.length);
  const sum = raw.reduce((a, b) => a + b, 0);
  const kin = pool(mine, raw.map((w) => (w * mine.length) / sum), slots);
  const allShares = shares(all);
  if (!allShares) return null;
  const kinShares = shares(kin);
  const blend = kinShares ? openShares(allShares.map((s, k) => o.weekdayShare * kinShares[k] + (1 - o.weekdayShare) * s), allShares, mine, o.closedSlotCalls) : allShares;

  const handledAll = all.handled.reduce((a, b) => a + b, 0);
  const dayAht = handledAll > 0 ? all.handleSeconds.reduce((a, b) => a + b, 0) / handledAll : 0;
  const m = o.ahtPriorCalls;
  const aht = all.handled.map((h, k) => {
    const pooled = (all.handleSeconds[k] + m * dayAht) / (h + m);
    return (kin.handleSeconds[k] + m * pooled) / (kin.handled[k] + m);
  });
  return { shares: blend, ahtSeconds: aht };
}
