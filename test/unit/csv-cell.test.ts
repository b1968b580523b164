/**
 * Text a tenant's feed chose (queue ids, call reasons) goes into the client report's CSV, which
 * the client opens in a spreadsheet: a cell starting with = + - @ (or a tab or carriage return)
 * would run there as a formula, so it is written as text behind an apostrophe.
 */
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../server/history/csv-cell.ts';

describe('a CSV text cell', () => {
  it('keeps plain text as it is', () => {
    expect(csvCell('sales')).toBe('sales');
    expect(csvCell('Billing - cards')).toBe('Billing - cards');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes what a spreadsheet would run as a formula as quoted text behind an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x.example","open")')).toBe(`"'=HYPERLINK(""http://x.example"",""open"")"`);
    expect(csvCell('+1-555')).toBe(`"'+1-555"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('quotes commas, quotes and line breaks of either kind, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo')).toBe('"one\ntwo"');
    expect(csvCell('one\rtwo')).toBe('"one\rtwo"');
  });
});
