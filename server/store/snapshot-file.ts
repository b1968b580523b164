import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, fsyncDir, writeAll } from './fs-durable.ts';
import type { Snapshot } from './store.ts';

/**
 * The file store's snapshot: `<dir>/snapshot.dat`, one JSON header line
 * `{"position":"0-42","version":3,"bytes":N}` followed by the N bytes of data as they are (no
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

/** Replaces the snapshot in `dir` atomically and durably. */
export async function writeSnapshotFile(dir: string, s: Snapshot): Promise<void> {
  const data = Buffer.from(s.data, 'utf8');
  const header = Buffer.from(JSON.stringify({ position: s.position, version: s.version, bytes: data.length }) + '\n');
  const tmp = join(dir, `${SNAPSHOT_FILE}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await writeAll(fh, header);
    await writeAll(fh, data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, SNAPSHOT_FILE));
  await fsyncDir(dir);
}

/** Removes a temporary snapshot left by a crash mid-write. */
export async function removeSnapshotLeftovers(dir: string): Promise<void> {
  await unlink(join(dir, `${SNAPSHOT_FILE}.tmp`)).catch(() => undefined);
}

function isHeader(h: unknown): h is { position: string; version: number; bytes: number } {
  return typeof h === 'object' && h !== null && 'position' in h && typeof h.position === 'string' && 'version' in h && typeof h.version === 'number' && 'bytes' in h && typeof h.bytes === 'number';
}
