/**
 * Preloaded into a server under load (`node --expose-gc --import ./bench/server-probe.ts
 * server/index.ts`) with PROBE_PORT set: watches the event loop and the GC without touching the
 * server's code, and answers on 127.0.0.1:PROBE_PORT (loopback only, a separate listener the
 * app never sees):
 *   GET /heap    two full GCs, then process.memoryUsage() (bytes) as JSON; with ?mark=<name>
 *                also kept under that name
 *   GET /marks   the marked readings, by name
 *   GET /heap-snapshot?file=<path>   a V8 heap snapshot (after a full GC) written there
 *   GET /stalls  event-loop stalls of STALL_MS or more ({ at: epoch ms when the loop woke, ms,
 *                cpuMs: CPU the process used meanwhile, all threads })
 *                and GC pauses of 10 ms or more ({ at, ms, kind }) since the last GET /stalls
 *   GET /profile/start, GET /profile/stop?file=<path>   a CPU profile of just that window
 * A stall is measured as the lateness of a 10 ms timer, so it is the longest time the loop ran
 * something else without a break (a health request waiting behind it waits as long).
 */
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

const port = Number(process.env.PROBE_PORT ?? 0);
const STALL_MS = Number(process.env.STALL_MS ?? 50);
const TICK_MS = 10;

if (port > 0) {
  let stalls: { at: number; ms: number; cpuMs: number }[] = [];
  let gcs: { at: number; ms: number; kind: string }[] = [];
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    // On a shared machine a late timer may only mean the process waited for a core: the CPU it
    // used in the gap says how much of the stall was work on this loop.
    const cpu = process.cpuUsage();
    if (late >= STALL_MS) stalls.push({ at: Date.now(), ms: Math.round(late), cpuMs: Math.round((cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000) });
    last = now;
    lastCpu = cpu;
  }, TICK_MS).unref();
  const kinds: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration < 10) continue;
      const kind = kinds[(e as unknown as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';
      gcs.push({ at: Math.round(performance.timeOrigin + e.startTime + e.duration), ms: Math.round(e.duration), kind });
    }
  }).observe({ entryTypes: ['gc'] });
  const gc = (globalThis as { gc?: () => void }).gc;
  let session: Session | null = null;
  const marks: Record<string, NodeJS.MemoryUsage> = {};
  createServer(async (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/profile/start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      res.end('{}');
    } else if (req.url?.startsWith('/profile/stop') && session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(new URL(req.url, 'http://x').searchParams.get('file') ?? 'server.cpuprofile', JSON.stringify(profile));
      session.disconnect();
      session = null;
      res.end('{}');
    } else if (req.url?.startsWith('/heap-snapshot')) {
      gc?.();
      writeHeapSnapshot(new URL(req.url, 'http://x').searchParams.get('file') ?? undefined);
      res.end('{}');
    } else if (req.url?.startsWith('/heap')) {
      if (gc) {
        gc();
        gc();
      }
      // Open TCP sockets: the screens (and a few HTTP keep-alive connections), to divide by.
      const sockets = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
      const reading = { ...process.memoryUsage(), gc: Boolean(gc), at: Date.now(), sockets };
      const mark = new URL(req.url, 'http://x').searchParams.get('mark');
      if (mark) marks[mark] = reading;
      res.end(JSON.stringify(reading));
    } else if (req.url === '/marks') {
      res.end(JSON.stringify(marks));
    } else if (req.url === '/stalls') {
      res.end(JSON.stringify({ stalls, gcs }));
      stalls = [];
      gcs = [];
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  })
    .listen(port, '127.0.0.1')
    .unref();
}
