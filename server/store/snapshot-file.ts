import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, fsyncDir, writeAll } from './fs-durable.ts';
import type { Snapshot } from './store.ts';

/**
 * The file store's snapshot: `<dir>/snapshot.dat`, one JSON header line
 * `{"position":"0-42","version":3,"bytes":N}` (padded with spaces to a fixed width; files from
 * before the slices have none) followed by the N bytes of data as they are (no
 * JSON escaping of a large string, which would cost several times the write). Replaced
 * atomically: written to a temporary file, fsynced, renamed over the old one, directory fsynced.
 */
export const SNAPSHOT_FILE = 'snapshot.dat';

/** Reads the snapshot in `dir`, or null when there is none. */
export async function readSnapshotFile(dir: string): Promise<Snapshot | null> {
  let buf: Buffer;
  try {
    buf = await readFile(join(dir, SNAPSHOT_FILE));
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
  const nl = buf.indexOf(10);
  const header: unknown = JSON.parse(buf.subarray(0, nl).toString('utf8'));
  if (!isHeader(header) || buf.length - nl - 1 !== header.bytes) {
    throw new Error(`${join(dir, SNAPSHOT_FILE)} is damaged (header or length wrong); move it away to start from the log alone`);
  }
  return { position: header.position, version: header.version, data: buf.subarray(nl + 1).toString('utf8') };
}

/**
 * Characters of snapshot text encoded to UTF-8 per write (about 4 MB): the event loop runs
 * between writes. One `Buffer.from` of a 300 MB snapshot held it for 0.3 s on a quiet machine and
 * 1.2 s under the ingest load (docs/performance.md).
 */
const SLICE_CHARS = 4 * 1024 * 1024;

/**
 * Replaces the snapshot in `dir` atomically and durably. The header's byte count is known only
 * once every slice is encoded, so a blank header of its widest length goes first and is filled
 * in at the end (JSON.parse ignores the spaces that pad it). `sliceChars` is for tests.
 */
export async function writeSnapshotFile(dir: string, s: Snapshot, sliceChars = SLICE_CHARS): Promise<void> {
  if (sliceChars < 2) throw new RangeError('writeSnapshotFile: a slice must hold a surrogate pair (2 characters)');
  const width = Buffer.byteLength(headerText(s, Number.MAX_SAFE_INTEGER));
  const tmp = join(dir, `${SNAPSHOT_FILE}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await writeAll(fh, Buffer.from(`${' '.repeat(width)}\n`));
    let bytes = 0;
    for (let at = 0; at < s.data.length; ) {
      let end = Math.min(s.data.length, at + sliceChars);
      // Both halves of a surrogate pair go in one slice: split, each would be encoded as U+FFFD.
      if (end < s.data.length && isHighSurrogate(s.data.charCodeAt(end - 1))) end--;
      const piece = Buffer.from(s.data.slice(at, end), 'utf8');
      await writeAll(fh, piece);
      bytes += piece.length;
      at = end;
    }
    const header = Buffer.alloc(width, ' ');
    header.write(headerText(s, bytes));
    const { bytesWritten } = await fh.write(header, 0, width, 0);
    if (bytesWritten !== width) throw new Error(`${tmp}: the header was cut short (${bytesWritten} of ${width} bytes written)`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, SNAPSHOT_FILE));
  await fsyncDir(dir);
}

function headerText(s: Snapshot, bytes: number): string {
  return JSON.stringify({ position: s.position, version: s.version, bytes });
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Removes a temporary snapshot left by a crash mid-write. */
export async function removeSnapshotLeftovers(dir: string): Promise<void> {
  await unlink(join(dir, `${SNAPSHOT_FILE}.tmp`)).catch(() => undefined);
}

function isHeader(h: unknown): h is { position: string; version: number; bytes: number } {
  return typeof h === 'object' && h !== null && 'position' in h && typeof h.position === 'string' && 'version' in h && typeof h.version === 'number' && 'bytes' in h && typeof h.bytes === 'number';
}
