/**
 * Where the engine allocates: V8's sampling heap profiler over `engine.apply` of the simulated
 * day (already parsed and validated, so only the engine's own allocations are sampled), printed
 * as bytes allocated per event by allocating function, largest first. Collected objects count
 * too: this is allocation pressure (what the collector must deal with), not what stays live.
 * MIX=ingest samples loadtest/ingest.js's events instead (bench/ingest-events.ts, 10 s of posts;
 * the tenants argument is then ignored).
 *   node --import tsx bench/engine-allocations.ts [tenants=20] [top=30]
 */
import { Session } from 'node:inspector/promises';
import { Engine } from '../server/domain/engine.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import type { FloorEvent } from '../server/protocol/events.ts';
import { simulatedDay } from './day-events.ts';
import { ingestLines } from './ingest-events.ts';

interface SampledNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: SampledNode[];
}

const tenants = Number(process.argv[2] ?? 20);
const top = Number(process.argv[3] ?? 30);

const lines = process.env.MIX === 'ingest' ? ingestLines({ seconds: 10 }) : [...simulatedDay(tenants)].flat().map((raw) => JSON.stringify(raw));
const events: FloorEvent[] = lines.map((line) => {
  const v = validateEvent(JSON.parse(line));
  if (!v.ok) throw new Error(v.error);
  return v.event;
});

const session = new Session();
session.connect();
// One sample per 4 KB allocated on average; minor and major collections' victims are kept.
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
// An index loop: top-level code is not optimised, and an iterator would add its own allocations to the profile.
for (let i = 0; i < events.length; i++) engine.apply(events[i]);
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

const bySite = new Map<string, number>();
let total = 0;
// A builtin (Map.set, an iterator's next) has no url: name the function that called it, which is what one would change.
const walk = (node: SampledNode, caller = ''): void => {
  const f = node.callFrame;
  // No line number: under tsx the profiler reports positions in the transformed code.
  const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
  const site = f.url === '' && caller !== '' ? `${f.functionName || '(builtin)'} in ${caller}` : name;
  total += node.selfSize;
  bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child, f.url === '' ? caller : name);
};
walk(profile.head as SampledNode);

console.log(`${events.length} events, ${Math.round(total / events.length)} bytes allocated per event`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * bytes) / total).toFixed(1).padStart(5)}% ${String(Math.round(bytes / events.length)).padStart(4)} B/event  ${site}`);
}
