/**
 * Feeds an Asterisk queue_log into a running Floorboard server.
 *   npm run queue-log -- replay --file queue_log --target http://127.0.0.1:3000 [--speed 60|max] [--tenant T] [--source S] [--token T]
 *   npm run queue-log -- tail   --file /var/log/asterisk/queue_log --target http://127.0.0.1:3000 [--state tail.json] ...
 * Replay posts the file as fast as the server takes it (--speed max, the default) or at N
 * times the pace of its timestamps. Tail follows the growing file across rotations; with
 * --state it resumes where it stopped after a restart. Lines are translated by the server
 * (POST /api/v1/ingest/queue-log), whose event ids make repeats harmless.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { FileTail } from '../server/ingest/file-tail.ts';
import { Pacer } from '../server/ingest/pacer.ts';
import { readLines, type NumberedLine } from '../server/ingest/read-lines.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    target: { type: 'string' },
    speed: { type: 'string', default: 'max' },
    tenant: { type: 'string' },
    source: { type: 'string', default: 'queue_log' },
    token: { type: 'string', default: process.env.FLOORBOARD_TOKEN },
    state: { type: 'string' },
  },
});

function fail(msg: string): never {
  console.error(`queue-log: ${msg}`);
  process.exit(2);
}

const mode = positionals[0];
if (mode !== 'replay' && mode !== 'tail') fail('say replay or tail, e.g. npm run queue-log -- replay --file queue_log --target http://127.0.0.1:3000');
if (!values.file) fail('--file is required');
if (!values.target) fail('--target is required, e.g. http://127.0.0.1:3000');
const speed = values.speed === 'max' ? Infinity : Number(values.speed);
if (!(speed > 0)) fail(`--speed must be a positive number or max, got "${values.speed}"`);
const url = new URL('/api/v1/ingest/queue-log', values.target);
url.searchParams.set('source', values.source!);
if (values.tenant) url.searchParams.set('tenant', values.tenant);

const totals = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 };

/** Posts lines; a rejected line is printed with its number, the rest still count. */
async function post(lines: NumberedLine[]): Promise<void> {
  if (!lines.length) return;
  for (;;) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/x-queue-log', ...(values.token ? { authorization: `Bearer ${values.token}` } : {}) },
        body: lines.map((l) => l.line).join('\n'),
      });
      const body = (await res.json()) as { accepted?: number; duplicates?: number; rejected?: { line?: number; error: string }[]; error?: string };
      if (!res.ok) fail(`${url} answered ${res.status}: ${body.error ?? ''}`);
      totals.lines += lines.length;
      totals.accepted += body.accepted ?? 0;
      totals.duplicates += body.duplicates ?? 0;
      for (const r of body.rejected ?? []) {
        totals.rejected++;
        // The server numbers lines within this batch; map back to the file.
        const fileLine = r.line ? lines[r.line - 1]?.lineNo : undefined;
        console.error(`queue-log: line ${fileLine ?? '?'}: ${r.error.replace(/^line \d+: /, '')}`);
      }
      return;
    } catch (e) {
      console.error(`queue-log: cannot reach ${url}: ${(e as Error).message}; retrying in 2 s`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

if (mode === 'replay') {
  const started = Date.now();
  const pacer = new Pacer(speed);
  let batch: NumberedLine[] = [];
  for await (const l of readLines(createReadStream(values.file!))) {
    const wait = pacer.waitFor(Number(l.line.slice(0, l.line.indexOf('|'))) * 1000);
    if (wait > 0) {
      await post(batch);
      batch = [];
      await new Promise((r) => setTimeout(r, wait));
    }
    batch.push(l);
    if (batch.length >= 5000) {
      await post(batch);
      batch = [];
    }
  }
  await post(batch);
  const seconds = (Date.now() - started) / 1000;
  console.log(`queue-log: ${totals.lines} lines in ${seconds.toFixed(2)} s (${Math.round(totals.lines / seconds)} lines/s): ${totals.accepted} events accepted, ${totals.duplicates} duplicates, ${totals.rejected} lines rejected`);
} else {
  const tail = new FileTail(values.file!, { stateFile: values.state, onLines: post, onError: (e) => console.error(`queue-log: ${e.message}`) });
  tail.start();
  console.log(`queue-log: following ${values.file} into ${url}${values.state ? ` (position kept in ${values.state})` : ''}`);
  setInterval(() => console.log(`queue-log: ${totals.lines} lines, ${totals.accepted} events accepted, ${totals.duplicates} duplicates`), 30_000);
}
