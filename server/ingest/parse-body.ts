import { nestsTooDeep, TOO_DEEP } from './json-depth.ts';

/** One item of a batch body: a parsed value, or why its line could not be parsed. */
export type BodyItem = { index: number; line?: number; value: unknown } | { index: number; line?: number; error: string };

export class BodyError extends Error {}

/**
 * Splits a request body into events: a JSON array, or NDJSON (one JSON value a line, blank
 * lines skipped). A bad NDJSON line becomes an item with an error so the good lines still
 * count; a body in which no line parses is neither JSON nor NDJSON and throws BodyError.
 */
export function parseEventBody(text: string): BodyItem[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new BodyError('body is empty: send a JSON array of events or NDJSON');
  if (trimmed.startsWith('[')) {
    if (nestsTooDeep(trimmed)) throw new BodyError(`body is ${TOO_DEEP}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      throw new BodyError(`body is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new BodyError('body is not a JSON array');
    return parsed.map((value, index) => ({ index, value }));
  }
  const items: BodyItem[] = [];
  let parsedAny = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const index = items.length;
    if (nestsTooDeep(line)) {
      items.push({ index, line: i + 1, error: `line ${i + 1}: ${TOO_DEEP}` });
      continue;
    }
    try {
      items.push({ index, line: i + 1, value: JSON.parse(line) });
      parsedAny = true;
    } catch (e) {
      items.push({ index, line: i + 1, error: `line ${i + 1}: not valid JSON (${(e as Error).message})` });
    }
  }
  if (!parsedAny) throw new BodyError('body is neither a JSON array nor NDJSON: no line is valid JSON');
  return items;
}
