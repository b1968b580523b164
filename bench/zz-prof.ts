import { Engine } from '../server/domain/engine.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import { simulatedDay } from './day-events.ts';
const lines = [...simulatedDay(40)].flat().map((e) => JSON.stringify(e));
const events = lines.map((l) => { const v = validateEvent(JSON.parse(l)); if (!v.ok) throw new Error(v.error); return v.event; });
for (let r = 0; r < 4; r++) {
  const t0 = performance.now();
  const engine = new Engine({ timezone: 'Asia/Taipei', intervalMinutes: 30 });
  for (let i = 0; i < events.length; i++) engine.apply(events[i]);
  console.log(events.length, Math.round(events.length / ((performance.now() - t0) / 1000)));
}
