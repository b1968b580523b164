import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotFile, writeSnapshotFile } from '../../server/store/snapshot-file.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fb-snapfile-'));
  dirs.push(d);
  return d;
};

describe('the snapshot file, written in slices', () => {
  it('reads back the same text when slices end inside a surrogate pair, a CJK character or nowhere special', async () => {
    // 🙂 is a surrogate pair (4 UTF-8 bytes), 客 three bytes, é two: with 3-character slices every
    // pair falls across a slice edge somewhere.
    const data = JSON.stringify({ names: ['客服一組', 'Zoé', '🙂🙂', 'x'.repeat(7), '𠀀a🙂'] });
    for (const slice of [2, 3, 4, 5, 1024]) {
      const dir = tempDir();
      await writeSnapshotFile(dir, { position: '0-42', version: 3, data }, slice);
      expect(await readSnapshotFile(dir)).toEqual({ position: '0-42', version: 3, data });
      // The header counts the file's bytes after it.
      const raw = readFileSync(join(dir, 'snapshot.dat'));
      const nl = raw.indexOf(10);
      expect(JSON.parse(raw.subarray(0, nl).toString())).toEqual({ position: '0-42', version: 3, bytes: Buffer.byteLength(data) });
      expect(raw.length - nl - 1).toBe(Buffer.byteLength(data));
    }
  });

  it('counts UTF-8 bytes, not characters, in the header', async () => {
    const dir = tempDir();
    // 客 3 bytes, 🙂 4 (two UTF-16 units), é 2: 9 bytes from 4 units.
    await writeSnapshotFile(dir, { position: '0-9', version: 3, data: '客🙂é' }, 2);
    const raw = readFileSync(join(dir, 'snapshot.dat'));
    expect(JSON.parse(raw.subarray(0, raw.indexOf(10)).toString()).bytes).toBe(9);
    expect((await readSnapshotFile(dir))?.data).toBe('客🙂é');
  });

  it('writes an empty snapshot, and replaces a longer one', async () => {
    const dir = tempDir();
    await writeSnapshotFile(dir, { position: '0-123456789', version: 3, data: 'a much longer state than the next' }, 4);
    await writeSnapshotFile(dir, { position: '0-1', version: 3, data: '' }, 4);
    expect(await readSnapshotFile(dir)).toEqual({ position: '0-1', version: 3, data: '' });
  });
});
