import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, appendFileSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { openFileStore } from '../../server/store/file-store.ts';
import { comparePositions, openStore, StoreUnavailable, type LogRecord, type Position, type Store } from '../../server/store/store.ts';
import { redisAvailableOrSkip, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

const CHILD = new URL('../helpers/store-child.ts', import.meta.url).pathname;
const withRedis = redisAvailableOrSkip('the Redis runs of the store suite');

/** How each backend gives a fresh store, and a second handle on the same log. */
interface Backend {
  kind: 'file' | 'redis';
  /** A store on a log of its own. */
  fresh(): Promise<Store>;
  /**
   * Another process's view of the same log: a second openStore with the same Redis and prefix.
   * A file store's directory has one owner, so there the "other process" is the owner itself.
   */
  peer(of: Store): Promise<Store>;
}

const dirs: string[] = [];
const opened: Store[] = [];
const track = (s: Store) => (opened.push(s), s);
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'floorboard-store-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

let redis: RedisServer | null = null;
let prefixes = 0;
const prefixOf = new Map<Store, string>();
beforeAll(async () => {
  if (withRedis) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

const fileBackend: Backend = {
  kind: 'file',
  // Small segments, so trimming has whole segments to drop.
  fresh: async () => track(await openFileStore({ dataDir: tempDir(), segmentBytes: 256, fsyncIntervalMs: 5 })),
  peer: async (of) => of,
};
const redisBackend: Backend = {
  kind: 'redis',
  async fresh() {
    const keyPrefix = `test${process.pid}-${++prefixes}:`;
    const s = track(await openStore({ dataDir: '/nonexistent', redisUrl: redis!.url, keyPrefix }));
    prefixOf.set(s, keyPrefix);
    return s;
  },
  async peer(of) {
    const keyPrefix = prefixOf.get(of)!;
    const s = track(await openStore({ dataDir: '/nonexistent', redisUrl: redis!.url, keyPrefix }));
    prefixOf.set(s, keyPrefix);
    return s;
  },
};

/** Follows `store` from `after` until `count` records came (or fails after `ms`). */
async function collect(store: Store, after: Position | null, count: number, ms = 10_000): Promise<LogRecord[]> {
  const got: LogRecord[] = [];
  let done!: () => void;
  const enough = new Promise<void>((r) => (done = r));
  const f = store.follow(after, (records) => {
    got.push(...records);
    if (got.length >= count) done();
  });
  try {
    await Promise.race([enough, sleep(ms).then(() => Promise.reject(new Error(`only ${got.length} of ${count} records within ${ms} ms`)))]);
  } finally {
    await f.stop();
  }
  return got;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it returns true; fails after `ms`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(50);
  }
}

const increasing = (ps: Position[]) => ps.every((p, i) => i === 0 || comparePositions(ps[i - 1], p) < 0);

describe('comparePositions', () => {
  it('orders by milliseconds, then sequence, numerically', () => {
    expect(comparePositions('0-9', '0-10')).toBeLessThan(0); // 9 < 10, not "9" > "10"
    expect(comparePositions('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
    expect(comparePositions('5-3', '5-3')).toBe(0);
    expect(() => comparePositions('abc', '0-1')).toThrow(/not a log position: "abc"/);
  });
});

const backends = withRedis ? [fileBackend, redisBackend] : [fileBackend];

describe.each(backends)('$kind store', (backend) => {
  it('keeps each append contiguous and in order under concurrent appenders, positions strictly increasing', async () => {
    const a = await backend.fresh();
    const b = await backend.peer(a);
    // 30 appends, 10 from each of three callers (two on one instance, one on the peer), of 1 to 4 entries.
    const calls = Array.from({ length: 30 }, (_, k) => ({ caller: k % 3, size: (k % 4) + 1, k }));
    const results = await Promise.all(
      calls.map(({ caller, size, k }) => (caller === 2 ? b : a).append(Array.from({ length: size }, (_, i) => ({ k, i })))),
    );
    // sizes cycle 1,2,3,4: 7 full cycles (70) plus 1 + 2 = 73 entries.
    const total = calls.reduce((n, c) => n + c.size, 0);
    expect(total).toBe(73);
    const log = await collect(a, null, total);
    expect(log).toHaveLength(total);
    expect(increasing(log.map((r) => r.position))).toBe(true);
    for (const [k, positions] of results.entries()) {
      expect(positions).toHaveLength(calls[k].size);
      const at = log.findIndex((r) => r.position === positions[0]);
      // The batch sits in consecutive records, in the order given.
      expect(log.slice(at, at + positions.length).map((r) => r.entry)).toEqual(positions.map((_, i) => ({ k, i })));
      expect(log.slice(at, at + positions.length).map((r) => r.position)).toEqual(positions);
    }
  });

  it('follows from the oldest, from a position (strictly after it), and live', async () => {
    const s = await backend.fresh();
    const first = await s.append([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(increasing(first)).toBe(true);
    expect((await collect(s, null, 5)).map((r) => r.entry)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    const live = collect(s, first[2], 4); // after n=2: n=3, n=4, then two appended later
    await sleep(100);
    const later = await s.append([{ n: 5 }, { n: 6 }]);
    const got = await live;
    expect(got.map((r) => r.entry)).toEqual([3, 4, 5, 6].map((n) => ({ n })));
    expect(got.map((r) => r.position)).toEqual([first[3], first[4], ...later]);
  });

  it('delivers what another instance appends to a live follower, and never overlaps onRecords calls', async () => {
    const reader = await backend.fresh();
    const writer = await backend.peer(reader);
    let running = 0;
    let overlapped = false;
    const got: unknown[] = [];
    const f = reader.follow(null, async (records) => {
      overlapped ||= running > 0;
      running++;
      await sleep(5); // slow consumer: appends pile up meanwhile
      got.push(...records.map((r) => r.entry));
      running--;
    });
    for (let n = 0; n < 40; n++) await writer.append([{ n }]);
    await eventually('40 records reach the follower', () => got.length >= 40);
    await f.stop();
    expect(got).toEqual(Array.from({ length: 40 }, (_, n) => ({ n })));
    expect(overlapped).toBe(false);
  });

  it('hands a follower at most 4 MiB of entries a call, parsed, a larger one alone, in order', async () => {
    const s = await backend.fresh();
    // Ten entries of 1.5 MB (1.5 MB of padding plus their JSON's 25 bytes or so), then one of 5 MB.
    const pad = (n: number, bytes: number) => ({ n, pad: 'x'.repeat(bytes) });
    await s.append(Array.from({ length: 10 }, (_, n) => pad(n, 1_500_000)));
    await s.append([pad(10, 5_000_000)]);
    const calls: number[][] = [];
    let done!: () => void;
    const all = new Promise<void>((r) => (done = r));
    const f = s.follow(null, (records) => {
      calls.push(records.map((r) => (r.entry as { n: number }).n));
      if (calls.flat().length === 11) done();
    });
    await Promise.race([all, sleep(20_000).then(() => Promise.reject(new Error(`only ${calls.flat().length} of 11 records`)))]);
    await f.stop();
    // 4 MiB is 4,194,304 bytes: two 1.5 MB entries fit, a third would not.
    expect(calls).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [10]]);
  });

  it('round-trips and overwrites the snapshot', async () => {
    const s = await backend.fresh();
    expect(await s.readSnapshot()).toBeNull();
    // Newlines, quotes and non-ASCII must come back byte for byte; 1 MB so it is not a toy.
    const data = `{"a":"line\\nbreak","zh":"服務水準"}\n` + 'x'.repeat(1_000_000);
    await s.writeSnapshot({ position: '0-7', version: 3, data });
    expect(await s.readSnapshot()).toEqual({ position: '0-7', version: 3, data });
    await s.writeSnapshot({ position: '0-9', version: 4, data: 'second' });
    const peer = await backend.peer(s);
    expect(await peer.readSnapshot()).toEqual({ position: '0-9', version: 4, data: 'second' });
  });

  it('trimBefore keeps every record at and after the position', async () => {
    const s = await backend.fresh();
    const positions: Position[] = [];
    // One entry per commit, ~110 bytes a line: a 256-byte file segment holds lines 1-3, 4-6, 7-9, 10.
    for (let n = 0; n < 10; n++) positions.push(...(await s.append([{ n, pad: 'p'.repeat(80) }])));
    await s.trimBefore(positions[4]); // keep n >= 4
    const retained = (await collectAll(s)).map((r) => (r.entry as { n: number }).n);
    expect(retained.slice(-6)).toEqual([4, 5, 6, 7, 8, 9]);
    // Redis trims exactly; the file store drops whole segments: the one with n = 0..2 goes, the one
    // holding n = 3..5 (seq 4-6) stays, so n = 3 may remain.
    expect(retained[0]).toBe(backend.kind === 'redis' ? 4 : 3);
  });

  it('gives a lease to one holder at a time; released, another takes it', async () => {
    const a = await backend.fresh();
    const b = await backend.peer(a);
    const lease = await a.acquireLease('simulator', 5_000);
    expect(lease?.held).toBe(true);
    expect(await b.acquireLease('simulator', 5_000)).toBeNull();
    expect(await a.acquireLease('simulator', 5_000)).toBeNull();
    const other = await b.acquireLease('tail:/var/log/asterisk/queue_log', 5_000);
    expect(other?.held).toBe(true);
    await lease!.release();
    expect(lease!.held).toBe(false);
    const taken = await b.acquireLease('simulator', 5_000);
    expect(taken?.held).toBe(true);
  });

  it('reports health ok while the backend answers', async () => {
    const s = await backend.fresh();
    expect(s.health()).toBe('ok');
  });
});

/** Every record currently in the log (follows until nothing new comes for 300 ms). */
async function collectAll(store: Store): Promise<LogRecord[]> {
  const got: LogRecord[] = [];
  const f = store.follow(null, (records) => void got.push(...records));
  let seen = -1;
  while (seen !== got.length) {
    seen = got.length;
    await sleep(300);
  }
  await f.stop();
  return got;
}

/** Spawns a store-child.ts process; `lines` collects its whole stdout lines. */
function child(args: string[]): { proc: ChildProcess; lines: string[]; exited: Promise<unknown> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let partial = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!; // a line cut by the kill is not an acknowledgement
    lines.push(...parts);
  });
  return { proc, lines, exited: new Promise((r) => proc.once('exit', r)) };
}

describe('file store on disk', () => {
  it('hands an events entry to the first follower as appended, parses it for the next, and parses every other entry', async () => {
    const s = await fileBackend.fresh();
    const events = { k: 'events', events: [{ id: 'e1', ts: 1_700_000_000_000, tenant: 'default', type: 'agent.logout', agentId: 'a1' }] };
    const plan = { k: 'schedule', tenant: 'default', dayStart: 0, dayEnd: 86_400_000, segments: [{ agentId: 'a1', start: 0, end: 3_600_000, activity: 'phone' }] };
    const live = collect(s, null, 2);
    await s.append([events, plan]);
    // The caller changes its plan object after the append: the log keeps what was appended.
    plan.segments[0].activity = 'changed';
    const [first, second] = (await live).map((r) => r.entry);
    expect(first).toBe(events);
    expect(second).toEqual({ ...plan, segments: [{ agentId: 'a1', start: 0, end: 3_600_000, activity: 'phone' }] });
    // A second reader of the same records parses the text: equal, not the same object.
    const again = (await collect(s, null, 2)).map((r) => r.entry);
    expect(again[0]).not.toBe(events);
    expect(again[0]).toEqual(events);
  });

  it('after kill -9 of an appending process, every acknowledged entry is there exactly once and the log goes on', async () => {
    const dir = tempDir();
    const c = child(['append-loop', dir]);
    try {
      await eventually('the child acknowledges 300 entries', () => c.lines.filter((l) => l.startsWith('ack ')).flatMap((l) => l.split(' ').slice(1)).length >= 300, 20_000);
      // While it runs, the directory is its own.
      await expect(openFileStore({ dataDir: dir })).rejects.toThrow(new RegExp(`in use by process ${c.proc.pid}`));
    } finally {
      c.proc.kill('SIGKILL');
      await c.exited;
    }
    const acked = new Map(c.lines.filter((l) => l.startsWith('ack ')).flatMap((l) => l.split(' ').slice(1)).map((pair) => {
      const [n, position] = pair.split(':');
      return [Number(n), position] as const;
    }));
    const s = track(await openFileStore({ dataDir: dir })); // the dead child's lock is stale
    const log = await collectAll(s);
    const ns = log.map((r) => (r.entry as { n: number }).n);
    // The child numbered entries 0, 1, 2, ... in append order: the log is exactly 0..N-1, so each
    // entry is there once; N may exceed what was acknowledged (durable, but killed before the print).
    expect(ns).toEqual(Array.from({ length: ns.length }, (_, i) => i));
    expect(ns.length).toBeGreaterThanOrEqual(acked.size);
    for (const [n, position] of acked) expect(log[n].position).toBe(position);
    expect(increasing(log.map((r) => r.position))).toBe(true);
    expect(await s.append([{ n: ns.length }])).toEqual([`0-${ns.length + 1}`]); // positions go on from 0-N
  }, 40_000);

  it('cuts a torn last line on open and goes on after the last whole entry', async () => {
    const dir = tempDir();
    const s = await openFileStore({ dataDir: dir });
    await s.append([{ n: 0 }, { n: 1 }, { n: 2 }]);
    await s.close();
    const [segment] = readdirSync(join(dir, 'log'));
    appendFileSync(join(dir, 'log', segment), '{"p":4,"e":{"n":'); // a write cut short by a crash
    const again = track(await openFileStore({ dataDir: dir }));
    expect((await collectAll(again)).map((r) => r.entry)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(await again.append([{ n: 3 }])).toEqual(['0-4']);
    const lines = readFileSync(join(dir, 'log', segment), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([0, 1, 2, 3].map((n) => ({ p: n + 1, e: { n } })));
  });

  it('refuses a second opener of the same directory with a message that says what to do', async () => {
    const dir = tempDir();
    track(await openFileStore({ dataDir: dir }));
    await expect(openFileStore({ dataDir: dir })).rejects.toThrow(/DATA_DIR .* is in use by this process \(opened twice\).*Only one Floorboard process may own a data directory/);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = tempDir();
    const c = child(['no-such-mode']);
    await c.exited; // its pid now names no process
    writeFileSync(join(dir, 'LOCK'), `${c.proc.pid}\n`);
    const s = track(await openFileStore({ dataDir: dir }));
    expect(readFileSync(join(dir, 'LOCK'), 'utf8')).toBe(`${process.pid}\n`);
    expect(s.health()).toBe('ok');
  });

  it('writes one commit of entries with multi-byte text as exact UTF-8 lines, numbered across 9 -> 10, and reads them back after reopen', async () => {
    const dir = tempDir();
    const s = await openFileStore({ dataDir: dir, fsyncIntervalMs: 5 });
    await s.append(Array.from({ length: 8 }, (_, n) => ({ n })));
    // One append: one commit carrying seqs 9 to 12, 1-, 2-, 3- and 4-byte characters and a lone surrogate.
    const texts = ['café', 'Taipei 台北', '🙂 ok', 'lone \ud800 half'];
    const positions = await s.append(texts.map((t) => ({ t })));
    expect(positions).toEqual(['0-9', '0-10', '0-11', '0-12']);
    await s.close();
    const [segment] = readdirSync(join(dir, 'log'));
    const lines = readFileSync(join(dir, 'log', segment), 'utf8').split('\n').slice(8);
    // JSON.stringify escapes the lone surrogate, so every line is valid UTF-8.
    expect(lines).toEqual(['{"p":9,"e":{"t":"café"}}', '{"p":10,"e":{"t":"Taipei 台北"}}', '{"p":11,"e":{"t":"🙂 ok"}}', '{"p":12,"e":{"t":"lone \\ud800 half"}}', '']);
    const again = track(await openFileStore({ dataDir: dir }));
    expect((await collect(again, '0-8', 4)).map((r) => (r.entry as { t: string }).t)).toEqual(texts);
  });

  it('writes commits larger than its encoding buffer (1 MiB, kept up to 16 MiB) whole, and small ones after them', async () => {
    const dir = tempDir();
    const s = await openFileStore({ dataDir: dir, fsyncIntervalMs: 5 });
    // 600,000 two-byte characters (1.2 MB) grow the buffer; 6,000,000 one-byte ones need 18 MB
    // of room at 3 bytes a unit, more than is kept; the small entries go after each.
    const entries = [{ t: 'é'.repeat(600_000) }, { t: 'small 1' }, { t: 'x'.repeat(6_000_000) }, { t: 'small 2' }];
    for (const e of entries) await s.append([e]);
    await s.close();
    const again = track(await openFileStore({ dataDir: dir }));
    const back = (await collect(again, null, 4)).map((r) => (r.entry as { t: string }).t);
    expect(back.map((t) => t.length)).toEqual([600_000, 7, 6_000_000, 7]);
    expect(back).toEqual(entries.map((e) => e.t));
  });

  it('commits before the interval is up once commitBytes of JSON wait, and not for less', async () => {
    // A 60 s interval: any append answered within the test was committed by the size rule.
    const s = track(await openFileStore({ dataDir: tempDir(), fsyncIntervalMs: 60_000, commitBytes: 1000 }));
    expect(await s.append([{ n: 0 }])).toEqual(['0-1']); // the first commit starts at once
    let smallDone = false;
    const small = s.append([{ pad: 'a'.repeat(400) }]).then((p) => ((smallDone = true), p));
    await sleep(300);
    expect(smallDone).toBe(false); // about 410 bytes wait for the interval
    // 700 more bytes: 1,110 waiting, over 1,000, so the commit carrying both starts now.
    const big = s.append([{ pad: 'b'.repeat(700) }]);
    const within = (p: Promise<Position[]>) => Promise.race([p, sleep(10_000).then(() => 'not committed within 10 s')]);
    expect(await within(small)).toEqual(['0-2']);
    expect(await within(big)).toEqual(['0-3']);
    expect((await collect(s, '0-1', 2)).map((r) => Object.keys(r.entry as object))).toEqual([['pad'], ['pad']]);
  });

  it('keeps the log (every segment) and the snapshot across close and reopen', async () => {
    const dir = tempDir();
    const s = await openFileStore({ dataDir: dir, segmentBytes: 64 });
    // Each line is {"p":N,"e":{"n":N,"pad":"<40 p>"}} + newline, about 70 bytes: over 64, so
    // every commit after the first starts a new segment: five entries, five files.
    const positions: Position[] = [];
    for (let n = 0; n < 5; n++) positions.push(...(await s.append([{ n, pad: 'p'.repeat(40) }])));
    await s.writeSnapshot({ position: positions[1], version: 1, data: 'state after n=1' });
    await s.close();
    expect(readdirSync(join(dir, 'log'))).toHaveLength(5);
    const again = track(await openFileStore({ dataDir: dir, segmentBytes: 64 }));
    const snap = await again.readSnapshot();
    expect(snap).toEqual({ position: '0-2', version: 1, data: 'state after n=1' });
    const after = (await collect(again, snap!.position, 3)).map((r) => (r.entry as { n: number }).n);
    expect(after).toEqual([2, 3, 4]);
    expect((await collectAll(again)).map((r) => (r.entry as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
  });
  it('numbers new entries after a snapshot that is newer than the log (a backup copied log first, snapshot second)', async () => {
    const dir = tempDir();
    const s = await openFileStore({ dataDir: dir });
    await s.append([{ n: 0 }, { n: 1 }]);
    await s.close();
    // The snapshot of a later state: it covers positions up to 0-7, which this log never reached.
    writeFileSync(join(dir, 'snapshot.dat'), '{"position":"0-7","version":1,"bytes":5}\nstate');
    const again = track(await openFileStore({ dataDir: dir }));
    expect(await again.readSnapshot()).toEqual({ position: '0-7', version: 1, data: 'state' });
    expect(await again.append([{ n: 8 }])).toEqual(['0-8']);
    expect((await collect(again, '0-7', 1)).map((r) => r.entry)).toEqual([{ n: 8 }]);
  });
});

describe.runIf(withRedis)('redis store across processes and outages', () => {
  it('frees a lease whose holder was killed once its ttl runs out, and not at once', async () => {
    const s = await redisBackend.fresh();
    const c = child(['hold-lease', redis!.url, prefixOf.get(s)!, 'simulator', '1500']);
    try {
      await eventually('the child holds the lease', () => c.lines.includes('held'), 15_000);
      expect(await s.acquireLease('simulator', 1_500)).toBeNull();
    } finally {
      c.proc.kill('SIGKILL');
      await c.exited;
    }
    // Renewed every 500 ms with a 1500 ms ttl: about a second of it remains at the kill.
    let lease = await s.acquireLease('simulator', 1_500);
    expect(lease).toBeNull();
    await eventually('the lease expires', async () => (lease = await s.acquireLease('simulator', 1_500)) !== null, 10_000);
    expect(lease!.held).toBe(true);
  });

  it('refuses an append Redis does not answer within 1 s (frozen, connection open), says degraded until it answers', async () => {
    const s = await redisBackend.fresh();
    redis!.pause();
    try {
      const t0 = performance.now();
      await expect(s.append([{ n: 0 }])).rejects.toThrow(/did not answer the append within 1000 ms/);
      expect(performance.now() - t0).toBeLessThan(3_000);
      expect(s.health()).toBe('degraded');
    } finally {
      redis!.resume();
    }
    await eventually('health turns ok once Redis answers', () => s.health() === 'ok', 10_000);
    // Refused is not "not logged": the frozen Redis ran the append once thawed. Hence callers
    // dedupe a resent batch by its event ids.
    expect((await collect(s, null, 1)).map((r) => r.entry)).toEqual([{ n: 0 }]);
  });

  it('refuses appends at once while Redis is down, says degraded, loses leases; back up, it appends and followers resume', async () => {
    const writer = await redisBackend.fresh();
    const reader = await redisBackend.peer(writer);
    const got: unknown[] = [];
    const f = reader.follow(null, (records) => void got.push(...records.map((r) => r.entry)));
    await writer.append([{ n: 0 }]);
    await eventually('the follower sees n=0', () => got.length === 1);
    const lease = (await writer.acquireLease('simulator', 1_000))!;
    let lost = false;
    lease.onLost(() => (lost = true));

    await redis!.stop();
    const t0 = performance.now();
    await expect(writer.append([{ n: 1 }])).rejects.toBeInstanceOf(StoreUnavailable);
    expect(performance.now() - t0).toBeLessThan(1_500);
    await eventually('health turns degraded', () => writer.health() === 'degraded' && reader.health() === 'degraded', 3_000);
    await expect(writer.append([{ n: 1 }])).rejects.toThrow(/Redis is unreachable/);
    await eventually('the lease is lost once its ttl passed unrenewed', () => lost, 5_000);
    expect(lease.held).toBe(false);

    await redis!.start();
    await eventually('appends work again', async () => {
      try {
        await writer.append([{ n: 2 }]);
        return true;
      } catch (err) {
        if (!(err instanceof StoreUnavailable)) throw err;
        return false;
      }
    }, 15_000);
    await eventually('the follower resumes and sees n=2', () => got.length === 2, 15_000);
    expect(got).toEqual([{ n: 0 }, { n: 2 }]); // n=1 was refused, so it is nowhere
    expect(writer.health()).toBe('ok');
    await f.stop();
  }, 40_000);
});
