import { describe, expect, it } from 'vitest';
import { BodyError, parseEventBody } from '../../server/ingest/parse-body.ts';

describe('event body parsing', () => {
  it('reads a JSON array', () => {
    expect(parseEventBody('[{"a":1},{"b":2}]')).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, value: { b: 2 } },
    ]);
  });

  it('reads NDJSON, skipping blank lines and keeping line numbers', () => {
    expect(parseEventBody('{"a":1}\n\n{"b":2}\n')).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 3, value: { b: 2 } },
    ]);
  });

  it('keeps good NDJSON lines around a broken one', () => {
    const items = parseEventBody('{"a":1}\n{"b":\n{"c":3}');
    expect(items[1]).toMatchObject({ index: 1, line: 2 });
    expect('error' in items[1] && items[1].error).toMatch(/^line 2: not valid JSON/);
    expect(items[2]).toEqual({ index: 2, line: 3, value: { c: 3 } });
  });

  it('refuses a body that is neither JSON nor NDJSON', () => {
    expect(() => parseEventBody('hello world')).toThrow(BodyError);
    expect(() => parseEventBody('[{"a":1},')).toThrow(/body is not valid JSON/);
    expect(() => parseEventBody('   ')).toThrow(/body is empty/);
  });
});
