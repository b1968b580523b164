import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { errorCode } from './fs-durable.ts';

/** A lock file this young without a pid may be a concurrent opener still writing it, in ms. */
const FRESH_EMPTY_LOCK_MS = 10_000;

/**
 * Takes `<dir>/LOCK` (created exclusively, holding our pid) so that one process at a time owns a
 * data directory: two writers would interleave the log. A lock left by a dead process (kill -9)
 * is stale and taken over. Resolves with the function that releases it.
 */
export async function lockDataDir(dir: string, logger?: Logger): Promise<() => Promise<void>> {
  const path = join(dir, 'LOCK');
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(`${process.pid}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      return () => unlink(path).catch(() => undefined);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST' || attempt > 2) throw err;
    }
    const holder = await lockHolder(path);
    if (holder === 'gone') continue;
    if (holder === 'starting' || (holder !== null && isAlive(holder))) {
      const who = holder === 'starting' ? 'another process that is starting' : holder === process.pid ? 'this process (opened twice)' : `process ${holder}`;
      throw new Error(
        `DATA_DIR ${dir} is in use by ${who}: its lock file ${path} exists. Only one Floorboard process may own a data directory; ` +
          `stop the other one, or give this one another DATA_DIR (or REDIS_URL for several replicas). If no such process runs Floorboard, delete ${path}.`,
      );
    }
    logger?.warn({ path, pid: holder }, 'taking over a stale data directory lock (its process is gone)');
    await unlink(path).catch(() => undefined);
  }
}

/** The pid in a lock file, 'starting' for a fresh empty one, null for an old empty one, 'gone' if deleted meanwhile. */
async function lockHolder(path: string): Promise<number | 'starting' | 'gone' | null> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    if (Number.isSafeInteger(pid) && pid > 0) return pid;
    return Date.now() - (await stat(path)).mtimeMs < FRESH_EMPTY_LOCK_MS ? 'starting' : null;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return 'gone';
    throw err;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}
