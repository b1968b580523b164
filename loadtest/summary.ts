/**
 * Reads the figures of one `run.ts` output (k6's end-of-test summary and the server lines run.ts
 * prints after it) and lays several runs side by side as min / median / max.
 */

/** A k6 duration ("812µs", "125.3ms", "4.35s", "1m2.5s") in milliseconds. */
export function durationMs(text: string): number {
  let ms = 0;
  let matched = false;
  for (const m of text.matchAll(/([\d.]+)(µs|us|ms|h|m|s)/g)) {
    matched = true;
    const v = Number(m[1]);
    ms += m[2] === 'µs' || m[2] === 'us' ? v / 1000 : m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : m[2] === 'm' ? v * 60_000 : v * 3_600_000;
  }
  return matched ? ms : Number.NaN;
}

/** Trend statistics run.ts's k6 scripts print, in the order the table shows them. */
const TRENDS: Record<string, string[]> = {
  event_to_client_ms: ['med', 'p(95)', 'p(99)'],
  event_to_client_steady_ms: ['p(99)'],
  ready_after_start_ms: ['max'],
  subscribe_ms: ['p(99)'],
  page_ms: ['med', 'p(99)'],
  storm_back_fresh_ms: ['med', 'max'],
  health_ms: ['p(99)'],
  health_storm_ms: ['p(99)'],
  http_req_duration: ['p(95)'],
};

/**
 * The figures of one run, named "metric stat" (milliseconds), plus counts and rates:
 * "ready screens", "updates received", "version gaps" (updates that built on a version the
 * screen never got: it lagged and was left out), "page failures" (board pages refused), "events/s", "server CPU %", "k6 CPU %",
 * "heap KB per socket", "RSS KB per client". A figure the run did not print is absent.
 */
export function figuresOf(out: string): Record<string, number> {
  const f: Record<string, number> = {};
  for (const [metric, stats] of Object.entries(TRENDS)) {
    const line = new RegExp(`^\\s*${metric.replace(/[()]/g, '\\$&')}\\.*:(.*)$`, 'm').exec(out)?.[1];
    if (!line) continue;
    for (const stat of stats) {
      const m = new RegExp(`${stat.replace(/[()]/g, '\\$&')}=([\\dµa-z.]+)`).exec(line);
      if (m) f[`${metric} ${stat}`] = durationMs(m[1]);
    }
    if (metric === 'ready_after_start_ms') {
      const count = /count=(\d+)/.exec(line);
      if (count) f['ready screens'] = Number(count[1]);
    }
  }
  for (const [metric, label] of [['socket_updates', 'updates received'], ['version_gaps', 'version gaps'], ['page_failures', 'page failures']]) {
    const count = new RegExp(`^\\s*${metric}\\.*:\\s*(\\d+)`, 'm').exec(out);
    if (count) f[label] = Number(count[1]);
  }
  const accepted = /^\s*events_accepted\.*:\s*\d+\s+([\d.]+)\/s/m.exec(out);
  if (accepted) f['events/s'] = Number(accepted[1]);
  const cpu = /^CPU (\d+)% of one core/m.exec(out);
  if (cpu) f['server CPU %'] = Number(cpu[1]);
  const k6 = /^k6 used [\d.]+ CPU s \((\d+)% of one core\)/m.exec(out);
  if (k6) f['k6 CPU %'] = Number(k6[1]);
  const heap = /: ([\d.]+) KB per socket/.exec(out);
  if (heap) f['heap KB per socket'] = Number(heap[1]);
  const rss = /^RSS per client \(peak − before, floor included\) ([\d.]+) KB/m.exec(out);
  if (rss) f['RSS KB per client'] = Number(rss[1]);
  return f;
}

/** min, median, max of numbers (median of an even count: the mean of the middle two). */
export function minMedianMax(xs: readonly number[]): [number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return [s[0], s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, s[s.length - 1]];
}

/** A figure for the table: milliseconds as ms or s, other figures as they are. */
function show(name: string, v: number): string {
  if (Number.isNaN(v)) return '–';
  if (name.includes('_ms') || name.startsWith('http_req')) return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Markdown rows: each figure any run printed, its value in every run, and min / median / max. */
export function spreadTable(runs: readonly Record<string, number>[]): string[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const lines = [`| figure | ${runs.map((_, i) => `run ${i + 1}`).join(' | ')} | min / median / max |`, `|---|${runs.map(() => '---:').join('|')}|---:|`];
  for (const n of names) {
    const vals = runs.map((r) => r[n] ?? Number.NaN);
    const known = vals.filter((v) => !Number.isNaN(v));
    const spread = known.length ? minMedianMax(known).map((v) => show(n, v)).join(' / ') : '–';
    lines.push(`| ${n} | ${vals.map((v) => show(n, v)).join(' | ')} | ${spread} |`);
  }
  return lines;
}
