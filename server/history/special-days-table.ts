import { z } from 'zod';
import type { SpecialDay } from '../domain/forecast/calendar.ts';

/** One row per tenant: its calendar as JSON text (the list is small and always read whole). */
export const CALENDAR_TABLE_SQL = 'CREATE TABLE IF NOT EXISTS special_days (tenant TEXT PRIMARY KEY, days TEXT NOT NULL)';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A special day as the analyst sends it (PUT /api/v1/calendar) and as the store keeps it. */
export const specialDaySchema = z
  .object({
    date: z.string().regex(DATE, 'must be a date of the form YYYY-MM-DD'),
    kind: z.enum(['holiday', 'campaign']),
    name: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    factor: z.number().positive().max(100).optional(),
    queueIds: z.array(z.string().min(1)).min(1).max(1000).optional(),
  })
  .strict();

/** At most this many days in one tenant's calendar (two years of holidays and campaigns fit easily). */
export const MAX_SPECIAL_DAYS = 2000;

export const specialDaysSchema = z.array(specialDaySchema).max(MAX_SPECIAL_DAYS, `at most ${MAX_SPECIAL_DAYS} days`);

/** The stored JSON back as special days; a damaged row reads as an empty calendar rather than failing every forecast. */
export function parseSpecialDays(json: string): SpecialDay[] {
  try {
    const parsed = specialDaysSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
