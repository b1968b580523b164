/**
 * How long saving a snapshot holds the event loop, every SNAPSHOT_INTERVAL_SECONDS (300 by
 * default): capturing the engine as plain data, once in one turn (`engineToData`, as the floor
 * did) and once over turns (`engineCaptureSteps` run by `runInTurns`, as it does), then serialising it, once with
 * one `JSON.stringify` (as the floor did) and once with `stringifySliced` (as it does). The
 * longest turn is the longest another callback waited meanwhile. Two engines: the simulated day x COPIES (40:
 * 2,360 agents, about 486,000 events) and loadtest/ingest.js's mix over SECS seconds of posts
 * (40: 2.4 million events, each agent on thousands of contacts).
 *   node --max-semi-space-size=32 --import tsx bench/snapshot-stall.ts
 */
import { Engine } from '../server/domain/engine.ts';
import { engineCaptureSteps, engineToData } from '../server/domain/engine-snapshot.ts';
import { runInTurns } from '../server/floor/in-turns.ts';
import { stringifySliced } from '../server/floor/stringify-sliced.ts';
import { longestTurn } from './longest-turn.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import { simulatedDay } from './day-events.ts';
import { ingestLines } from './ingest-events.ts';

/** Capture and serialisation times (ms) of an engine fed `lines`, three times. */
async function measure(title: string, lines: readonly string[]): Promise<void> {
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
    const captured = await longestTurn(() => runInTurns(engineCaptureSteps(e), 8));
    const sliced = await longestTurn(() => stringifySliced(d));
    if (JSON.stringify(captured.value) !== s) throw new Error('the capture in turns gave other data than engineToData');
    if (sliced.value !== s) throw new Error('stringifySliced wrote other text than JSON.stringify');
    console.log(
      `${title} (${lines.length.toLocaleString('en-US')} events, ${agents.toLocaleString('en-US')} agents), ${(s.length / 1e6).toFixed(1)} MB: ` +
        `capture ${Math.round(t1 - t0)} ms in one turn, in turns ${Math.round(captured.ms)} ms with the longest ${Math.round(captured.longest)} ms; ` +
        `JSON.stringify ${Math.round(t2 - t1)} ms in one turn; sliced ${Math.round(sliced.ms)} ms, longest turn ${Math.round(sliced.longest)} ms`,
    );
  }
}

await measure('simulated day', [...simulatedDay(Number(process.env.COPIES ?? 40))].flat().map((ev) => JSON.stringify(ev)));
await measure('ingest mix', ingestLines({ seconds: Number(process.env.SECS ?? 40) }));
