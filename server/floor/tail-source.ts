import type { Logger } from 'pino';
import { FileTail } from '../ingest/file-tail.ts';
import { ingestBatch } from '../ingest/ingest-batch.ts';
import { translatedItems } from '../ingest/ingest-stream.ts';
import { QueueLogTranslator } from '../ingest/queue-log.ts';
import type { Floor } from './floor.ts';
import type { Source } from './source.ts';

/**
 * A growing Asterisk queue_log followed in the one process holding its lease. The file is
 * read from its beginning (or the saved position) on every start; repeated lines are harmless
 * because their event ids repeat and the log's dedupe drops them.
 */
export function tailSource(opts: { path: string; tenant: string; stateFile?: string }, logger: Logger): Source {
  let tail: FileTail | null = null;
  return {
    name: 'queue_log tail',
    lease: `tail:${opts.path}`,
    async start(floor: Floor) {
      const translator = new QueueLogTranslator(opts.tenant, 'tail');
      const t = new FileTail(opts.path, {
        stateFile: opts.stateFile,
        onLines: async (lines) => {
          const items = lines.flatMap((l, i) => (l.error ? [{ index: i, line: l.lineNo, error: l.error }] : translatedItems(l, i, translator.line(l.line, l.lineNo))));
          const result = await ingestBatch((events) => floor.submitEvents(events), items);
          for (const r of result.rejected) logger.warn({ path: opts.path, line: r.line }, `queue_log: ${r.error}`);
        },
        onError: (e) => logger.error({ err: e, path: opts.path }, 'queue_log tail failed'),
      });
      tail = t;
      t.start();
    },
    async stop() {
      tail?.stop();
    },
  };
}
