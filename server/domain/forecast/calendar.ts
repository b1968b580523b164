/**
 * Special days: public holidays and the centre's own campaign days, which the forecast treats
 * apart from ordinary weekdays. The calendar is data the analyst may edit; Taiwan's national
 * holidays for 2026-2027 come with it (days off as announced by the Directorate-General of
 * Personnel Administration, bridge days included; make-up working Saturdays are ordinary days).
 */

export type SpecialKind = 'holiday' | 'campaign';

export interface SpecialDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  kind: SpecialKind;
  name: string;
  /**
   * The analyst's expected volume against an ordinary day of the same weekday (0.5 = half),
   * when known; otherwise the forecast learns the ratio from past days of the same kind.
   */
  factor?: number;
  /** Queues the day applies to; all queues when absent (a campaign usually names its own). */
  queueIds?: string[];
}

const h = (date: string, name: string): SpecialDay => ({ date, kind: 'holiday', name });

/** Taiwan public holidays (days off) for 2026 and 2027. */
export const TAIWAN_HOLIDAYS_2026_2027: readonly SpecialDay[] = [
  h('2026-01-01', 'Founding Day'),
  h('2026-02-14', 'Lunar New Year holidays'),
  h('2026-02-15', 'Lunar New Year holidays'),
  h('2026-02-16', "Lunar New Year's Eve"),
  h('2026-02-17', 'Lunar New Year'),
  h('2026-02-18', 'Lunar New Year'),
  h('2026-02-19', 'Lunar New Year'),
  h('2026-02-20', 'Lunar New Year holidays'),
  h('2026-02-21', 'Lunar New Year holidays'),
  h('2026-02-22', 'Lunar New Year holidays'),
  h('2026-02-27', 'Peace Memorial Day (observed)'),
  h('2026-02-28', 'Peace Memorial Day'),
  h('2026-04-03', "Children's Day (observed)"),
  h('2026-04-04', "Children's Day"),
  h('2026-04-05', 'Tomb Sweeping Day'),
  h('2026-04-06', 'Tomb Sweeping Day (observed)'),
  h('2026-05-01', 'Labour Day'),
  h('2026-06-19', 'Dragon Boat Festival'),
  h('2026-09-25', 'Mid-Autumn Festival'),
  h('2026-09-28', "Teachers' Day"),
  h('2026-10-09', 'National Day (observed)'),
  h('2026-10-10', 'National Day'),
  h('2026-10-25', 'Taiwan Retrocession Day'),
  h('2026-10-26', 'Taiwan Retrocession Day (observed)'),
  h('2026-12-25', 'Constitution Day'),
  h('2027-01-01', 'Founding Day'),
  h('2027-02-04', "Day before Lunar New Year's Eve"),
  h('2027-02-05', "Lunar New Year's Eve"),
  h('2027-02-06', 'Lunar New Year'),
  h('2027-02-07', 'Lunar New Year'),
  h('2027-02-08', 'Lunar New Year'),
  h('2027-02-09', 'Lunar New Year (observed)'),
  h('2027-02-10', 'Lunar New Year (observed)'),
  h('2027-02-28', 'Peace Memorial Day'),
  h('2027-03-01', 'Peace Memorial Day (observed)'),
  h('2027-04-04', "Children's Day"),
  h('2027-04-05', 'Tomb Sweeping Day'),
  h('2027-04-06', "Children's Day (observed)"),
  h('2027-04-30', 'Labour Day (observed)'),
  h('2027-05-01', 'Labour Day'),
  h('2027-06-09', 'Dragon Boat Festival'),
  h('2027-09-15', 'Mid-Autumn Festival'),
  h('2027-09-28', "Teachers' Day"),
  h('2027-10-10', 'National Day'),
  h('2027-10-11', 'National Day (observed)'),
  h('2027-10-25', 'Taiwan Retrocession Day'),
  h('2027-12-24', 'Constitution Day (observed)'),
  h('2027-12-25', 'Constitution Day'),
];

/** A calendar indexed by date, for one queue. */
export class SpecialCalendar {
  private byDate = new Map<string, SpecialDay>();

  /** Later entries for the same date win, so the centre's own days override the public list. */
  constructor(days: readonly SpecialDay[], queueId?: string) {
    for (const d of days) if (!d.queueIds || !queueId || d.queueIds.includes(queueId)) this.byDate.set(d.date, d);
  }

  /** The special day on a local date (YYYY-MM-DD), or null for an ordinary day. */
  on(date: string): SpecialDay | null {
    return this.byDate.get(date) ?? null;
  }
}
