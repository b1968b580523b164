import { readFileSync } from 'node:fs';
import { Engine } from '../../server/domain/engine.ts';
import { QueueLogTranslator } from '../../server/ingest/queue-log.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';

/** Runs queue_log text through the translator and a UTC engine that keeps a month of detail. */
export function replayQueueLog(text: string, engine = new Engine({ timezone: 'UTC', retentionDays: 31 }), translator = new QueueLogTranslator('default', 'test')) {
  const errors: string[] = [];
  let events = 0;
  text.split('\n').forEach((line, i) => {
    const r = translator.line(line, i + 1);
    if (r.error) errors.push(r.error);
    for (const e of r.events) {
      const v = validateEvent(e);
      if (!v.ok) throw new Error(`translator produced an invalid event: ${v.error}`);
      engine.apply(v.event);
      events++;
    }
  });
  return { engine, translator, errors, events };
}

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/queue-log/${name}`, import.meta.url), 'utf8');
