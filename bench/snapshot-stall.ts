/**
 * How long saving a snapshot holds the event loop: `engineToData` (capturing the engine as
 * plain data) and `JSON.stringify` of it both run at once in `Floor.saveSnapshot`, every
 * SNAPSHOT_INTERVAL_SECONDS (300 by default). Two engines: the simulated day x COPIES (40:
 * 2,360 agents, about 486,000 events) and loadtest/ingest.js's mix over SECS seconds of posts
 * (40: 2.4 million events, each agent on thousands of contacts).
 *   node --max-semi-space-size=32 --import tsx bench/snapshot-stall.ts
 */
import { Engine } from '../server/domain/engine.ts';
import { engineToData } from '../server/domain/engine-snapshot.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import { simulatedDay } from './day-events.ts';
import { ingestLines } from './ingest-events.ts';

/** Capture and stringify times (ms) of an engine fed `lines`, three times. */
function measure(title: string, lines: readonly string[]): void {
  const e = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
  for (const l of lines) {
    const v = validateEvent(JSON.parse(l));
    if (v.ok) e.apply(v.event);
  }
  const { agents } = e.size();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const d = engineToData(e);
    const t1 = performance.now();
    const s = JSON.stringify(d);
    const t2 = performance.now();
    console.log(`${title} (${lines.length.toLocaleString('en-US')} events, ${agents.toLocaleString('en-US')} agents): capture ${Math.round(t1 - t0)} ms, stringify ${Math.round(t2 - t1)} ms, ${(s.length / 1e6).toFixed(1)} MB`);
  }
}

measure('simulated day', [...simulatedDay(Number(process.env.COPIES ?? 40))].flat().map((ev) => JSON.stringify(ev)));
measure('ingest mix', ingestLines({ seconds: Number(process.env.SECS ?? 40) }));
