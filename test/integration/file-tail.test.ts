import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTail } from '../../server/ingest/file-tail.ts';
import type { NumberedLine } from '../../server/ingest/read-lines.ts';

describe('following a growing file', () => {
  it('reads appended whole lines, waits for a half-written one, and resumes after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tail-'));
    const file = join(dir, 'queue_log');
    const state = join(dir, 'state.json');
    const got: NumberedLine[] = [];
    const tail = () => new FileTail(file, { stateFile: state, onLines: (l) => void got.push(...l) });
    writeFileSync(file, 'a\nb\nc\n');
    const first = tail();
    await first.poll();
    expect(got.map((l) => [l.lineNo, l.line])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    appendFileSync(file, 'd-half');
    await first.poll();
    expect(got).toHaveLength(3);
    appendFileSync(file, '-done\n');
    await first.poll();
    expect(got[3]).toEqual({ lineNo: 4, line: 'd-half-done' });
    first.stop();
    // Lines written while the tail was down are read once by the next one, nothing before them.
    appendFileSync(file, 'e\nf\n');
    const second = tail();
    await second.poll();
    expect(got.slice(4).map((l) => [l.lineNo, l.line])).toEqual([[5, 'e'], [6, 'f']]);
    await second.poll();
    expect(got).toHaveLength(6);
    second.stop();
  });

  it('finishes the old file after a rotation, then starts the new one, and restarts after truncation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tail-'));
    const file = join(dir, 'queue_log');
    const got: NumberedLine[] = [];
    const t = new FileTail(file, { onLines: (l) => void got.push(...l) });
    writeFileSync(file, 'old1\n');
    await t.poll();
    appendFileSync(file, 'old2\n');
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'new1\nnew2\n');
    await t.poll();
    expect(got.map((l) => [l.lineNo, l.line])).toEqual([[1, 'old1'], [2, 'old2'], [1, 'new1'], [2, 'new2']]);
    writeFileSync(file, 'cut\n'); // copytruncate: same file, shorter
    await t.poll();
    expect(got.at(-1)).toEqual({ lineNo: 1, line: 'cut' });
    t.stop();
  });
});
