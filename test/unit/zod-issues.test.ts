import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueText } from '../../server/validation/zod-issues.ts';

const signIn = z.object({ name: z.string(), password: z.string(), remember: z.boolean().optional() }).strict();

describe('validation messages', () => {
  it('say a missing field is missing, not that it was "received undefined"', () => {
    const r = signIn.safeParse({ name: 'ann' });
    expect(r.success).toBe(false);
    expect(issueText(r.error!, 'body')).toBe('password: missing (expected string)');
  });

  it('still name a field of the wrong type by what came', () => {
    const r = signIn.safeParse({ name: 'ann', password: 7 });
    expect(issueText(r.error!, 'body')).toBe('password: Invalid input: expected string, received number');
  });

  it('name the whole when it is missing', () => {
    expect(issueText(z.string().safeParse(undefined).error!, 'body')).toBe('body: missing (expected string)');
  });
});
