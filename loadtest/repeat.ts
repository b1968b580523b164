/**
 * A load scenario run N times back to back (a fresh server each time, as `run.ts` does), with
 * the minimum, median and maximum of each figure over the runs: the form the published load
 * figures take (loadtest/README.md), since one run on a shared 2-core machine says little.
 *   node --import tsx loadtest/repeat.ts <big-floor|small-floor|storm|ingest> [runs, default 3]
 * Each run's full output is kept in $TMPDIR/floorboard-load-<scenario>-<n>.log.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { figuresOf, spreadTable } from './summary.ts';

const scenario = process.argv[2] ?? '';
const runs = Number(process.argv[3] ?? '3');
if (!scenario || !(Number.isInteger(runs) && runs >= 1 && runs <= 10)) {
  console.error('usage: repeat.ts <big-floor|small-floor|storm|ingest> [runs 1..10]');
  process.exit(2);
}

/** One run of run.ts: its whole output and exit code. */
function runOnce(): Promise<{ out: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'loadtest/run.ts', scenario], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      process.stdout.write(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
      process.stderr.write(b);
    });
    child.on('exit', (code) => resolve({ out, code: code ?? 1 }));
  });
}

const all: Record<string, number>[] = [];
const codes: number[] = [];
for (let i = 1; i <= runs; i++) {
  console.log(`\n######## ${scenario}: run ${i} of ${runs} ########`);
  const { out, code } = await runOnce();
  writeFileSync(join(tmpdir(), `floorboard-load-${scenario}-${i}.log`), out);
  all.push(figuresOf(out));
  codes.push(code);
  // The machine settles between runs (sockets in TIME_WAIT, the last server's memory).
  if (i < runs) await new Promise((r) => setTimeout(r, 5000));
}
console.log(`\n== ${scenario}: ${runs} runs, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node.js ${process.version}; k6 exit codes ${codes.join(', ')} ==`);
for (const line of spreadTable(all)) console.log(line);
process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
