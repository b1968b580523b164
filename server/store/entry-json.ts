/** The JSON text of log entry `i`; an entry JSON cannot carry (undefined, a function) is refused. */
export function entryJson(entry: unknown, i: number): string {
  const json = JSON.stringify(entry);
  if (typeof json !== 'string') throw new TypeError(`log entry ${i} is not JSON (${typeof entry})`);
  return json;
}
