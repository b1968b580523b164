import type { z } from 'zod';

/**
 * Zod issues as "path: message" strings, so every validation error in Floorboard reads alike.
 * `whole` names the thing itself when an issue has no path; unknown keys are listed by name.
 */
export function issueList(error: z.ZodError, whole = '(value)'): string[] {
  return error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `${i.path.length ? `${i.path.join('.')}: ` : ''}unknown field(s): ${i.keys.join(', ')}`;
    return `${i.path.join('.') || whole}: ${i.message}`;
  });
}

/** The same, joined into one message. */
export function issueText(error: z.ZodError, whole?: string): string {
  return issueList(error, whole).join('; ');
}
