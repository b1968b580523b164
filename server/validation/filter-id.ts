import { z } from 'zod';
import { MAX_ID_CHARS } from '../ingest/validate-event.ts';

/**
 * An id a read asks for (a tenant, a queue, a team, an agent): trimmed, as ingest trims event ids,
 * so " acme" names the tenant stored as "acme"; one empty after trimming is refused (a filter of
 * nobody is a mistake, not "everyone"). 1 to MAX_ID_CHARS characters.
 * Shared by the socket's schemas (board, TV) and the REST query reader, so every read names an id alike.
 */
export const filterId = z.string().trim().min(1, 'empty; give an id or leave the parameter out').max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`);
