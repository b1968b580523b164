import { z } from 'zod';
import { MAX_ID_CHARS } from '../ingest/validate-event.ts';

/**
 * An id a read filters by (a team's, and the tenant of a team on the socket): trimmed, as ingest
 * trims event ids, so " red" names the team stored as "red"; one empty after trimming is refused
 * (a filter of nobody is a mistake, not "everyone"). 1 to MAX_ID_CHARS characters.
 * Shared by the socket's schemas and the REST query reader, so both read a team id alike.
 */
export const filterId = z.string().trim().min(1, 'empty; give an id or leave the parameter out').max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`);
