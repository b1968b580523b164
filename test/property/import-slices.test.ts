/**
 * An import body is read a slice at a time (32 KB of CSV, or of a JSON array between two of its
 * elements), so that a 10 MiB body does not hold the event loop. Read so, it gives exactly what
 * reading it in one go gives, wherever a quoted field, a line break inside quotes, a character of
 * two or four bytes, or a string holding brackets, commas and escaped quotes falls against a
 * slice's end: the bodies here are several slices long, shifted a character at a time.
 */
import { parse as parseCsvAtOnce } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { rowsOf, SLICE } from '../../server/ingest/plan-import.ts';
import { rng } from '../helpers/rng.ts';

/** Field values that are hard for a reader cut in pieces. */
const NASTY = ['plain', 'with, comma', 'line\nbreak', 'say "hi"', 'q" , ] [ {', '午餐', '😀', '', '  padded  ', 'back\\slash', '\\', '[{"x":1}]', '\r\nwindows'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const csvField = (v: string): string => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV body of about `bytes` bytes: a header and rows of four columns, `shift` characters of padding first. */
function csvBody(seed: number, bytes: number, shift: number): string {
  const random = rng(seed);
  const lines = ['agent_id,start,end,activity', `${'p'.repeat(shift)},a,b,c`];
  let size = lines.join('\n').length;
  while (size < bytes) {
    const line = [0, 1, 2, 3].map(() => csvField(pick(random, NASTY))).join(',');
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** A JSON array body of about `bytes` characters: objects, arrays and strings of the nasty values, `shift` characters of padding first. */
function jsonBody(seed: number, bytes: number, shift: number): string {
  const random = rng(seed);
  const rows: unknown[] = [{ pad: 'p'.repeat(shift) }];
  let size = 0;
  while (size < bytes) {
    const v = pick(random, NASTY);
    const row = pick(random, [{ agentId: v, nested: [v, { deeper: [v] }] }, [v, v], v, 17.5, null, { '': { '[': ']' } }]);
    rows.push(row);
    size += JSON.stringify(row).length + 1;
  }
  // Pretty-printed every other time: whitespace between elements and inside them.
  return seed % 2 ? JSON.stringify(rows) : JSON.stringify(rows, null, 2);
}

describe('an import read a slice at a time', () => {
  // Each hard value is put at every place from 6 characters before a slice's end to 6 after.
  const around = (prefix: number) => Array.from({ length: 13 }, (_, k) => SLICE - prefix - 6 + k);

  it('reads a CSV value across the end of a slice as csv-parse does in one go', () => {
    const head = 'agent_id,start,end,activity\n';
    for (const v of NASTY) {
      for (const at of around(head.length)) {
        // A first row padded so that the second row's first field starts `at` characters into it.
        const body = `${head}${'p'.repeat(at - 7)},b,c,d\n${csvField(v)},x,${csvField(v)},y\nlast,1,2,3\n`;
        expect(rowsOf(body, 'text/csv', {}).rows).toEqual(parseCsvAtOnce(body, { columns: true, skip_empty_lines: true, trim: true, bom: true }));
      }
    }
  });

  it('reads a JSON value across the end of a slice as JSON.parse does in one go', () => {
    for (const v of NASTY) {
      for (const at of around(0)) {
        // Rows of 3,000 characters up to the slice's end (a row may have 4,096), then the value.
        const fill = Array.from({ length: Math.floor(at / 3000) }, () => 'p'.repeat(2990));
        const head = JSON.stringify(fill).slice(0, -1);
        const pad = 'q'.repeat(Math.max(0, at - head.length - 4));
        const body = `${head}${fill.length ? ',' : ''}"${pad}",${JSON.stringify({ v, w: [v, { v }] })},${JSON.stringify(v)}]`;
        expect(rowsOf(body, 'application/json', {}).rows).toEqual(JSON.parse(body));
      }
    }
  });

  it('reads CSV records as csv-parse does in one go', () => {
    for (let shift = 0; shift < 24; shift++) {
      const body = csvBody(shift, 100_000, shift);
      const atOnce = parseCsvAtOnce(body, { columns: true, skip_empty_lines: true, trim: true, bom: true });
      expect(rowsOf(body, 'text/csv', {}).rows).toEqual(atOnce);
    }
  });

  it('reads JSON rows as JSON.parse does in one go', () => {
    for (let shift = 0; shift < 24; shift++) {
      const body = jsonBody(shift, 100_000, shift);
      expect(rowsOf(body, 'application/json', {}).rows).toEqual(JSON.parse(body));
    }
  });
});
