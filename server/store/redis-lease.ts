import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { createClient } from 'redis';
import type { Lease } from './store.ts';

type Client = ReturnType<typeof createClient>;

// Compare-and-set on the token, so a holder whose lease expired (and was taken by another
// process) can neither extend nor delete the new holder's key.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Takes the lease `key` with SET NX PX and a random token; null while another process holds it.
 * The lease renews itself every ttl/3. It is lost (onLost fires once, `held` turns false) when a
 * renewal finds another token or no key, or when no renewal succeeded for a whole ttl: past that
 * point another process may hold it, so acting on it would break the one-holder promise.
 */
export async function acquireRedisLease(client: Client, key: string, name: string, ttlMs: number, logger?: Logger): Promise<Lease | null> {
  const token = randomUUID();
  // The ttl runs from when the command was sent, not from its answer (conservative).
  let confirmedAt = performance.now();
  if ((await client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) !== 'OK') return null;
  let held = true;
  const lostCallbacks: (() => void)[] = [];
  const lose = (why: string) => {
    if (!held) return;
    held = false;
    clearInterval(timer);
    logger?.warn({ lease: name, why }, 'lease lost');
    for (const cb of lostCallbacks.splice(0)) cb();
  };
  const timer = setInterval(async () => {
    const sentAt = performance.now();
    try {
      const kept = await client.eval(RENEW, { keys: [key], arguments: [token, String(ttlMs)] });
      if (!held) return;
      if (kept === 1) confirmedAt = sentAt;
      else lose('another process holds it now, or it expired');
    } catch {
      if (performance.now() - confirmedAt >= ttlMs) lose(`not renewed for ${ttlMs} ms (Redis unreachable)`);
    }
  }, Math.max(1, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    name,
    get held() {
      return held && performance.now() - confirmedAt < ttlMs;
    },
    async release() {
      if (!held) return;
      held = false;
      clearInterval(timer);
      // Best effort: if Redis is away, the key expires by itself within the ttl.
      await client.eval(RELEASE, { keys: [key], arguments: [token] }).catch(() => undefined);
    },
    onLost(cb) {
      if (held) lostCallbacks.push(cb);
      else cb();
    },
  };
}
