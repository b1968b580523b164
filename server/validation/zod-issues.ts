import type { z } from 'zod';
import { clip } from './quote.ts';

/**
 * Zod issues as "path: message" strings, so every validation error in Floorboard reads alike.
 * `whole` names the thing itself when an issue has no path; unknown keys are listed by name.
 */
export function issueList(error: z.ZodError, whole = '(value)'): string[] {
  return error.issues.map((i) => {
    const path = i.path.map((k) => clip(String(k))).join('.');
    // Zod says a missing field is of the wrong type, "received undefined": say it is missing.
    if (i.code === 'invalid_type' && i.message.endsWith('received undefined')) return `${path || whole}: missing (expected ${i.expected})`;
    if (i.code === 'unrecognized_keys') return `${path ? `${path}: ` : ''}unknown field(s): ${clip(i.keys.slice(0, 5).map((k) => clip(k)).join(', '), 200)}${i.keys.length > 5 ? ` and ${i.keys.length - 5} more` : ''}`;
    return `${path || whole}: ${clip(i.message, 200)}`;
  });
}

/** The same, joined into one message. */
export function issueText(error: z.ZodError, whole?: string): string {
  return issueList(error, whole).join('; ');
}

/** A `.superRefine` check of a string by `problem` (what is wrong with it, or null when nothing is). */
export function checkedBy(problem: (s: string) => string | null): (s: string, ctx: z.RefinementCtx) => void {
  return (s, ctx) => {
    const p = problem(s);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  };
}
