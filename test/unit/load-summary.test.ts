import { describe, expect, it } from 'vitest';
import { durationMs, figuresOf, minMedianMax, spreadTable } from '../../loadtest/summary.ts';

// The shape of k6 1.x's end-of-test summary and of the lines loadtest/run.ts prints after it.
const SCREENS = `
    CUSTOM
    event_to_client_ms.............: min=3ms      med=125.2ms  p(95)=353ms    p(99)=4.35s    max=1m2.5s  count=9000
    event_to_client_steady_ms......: min=3ms      med=101ms    p(95)=250ms    p(99)=480.5ms  max=1.2s    count=8000
    health_ms......................: min=812µs    med=2ms      p(95)=40ms     p(99)=171ms    max=300ms   count=250
    health_storm_ms................: min=751.28µs med=9.46ms   p(95)=127.76ms p(99)=189.02ms max=217.07ms count=48
    ready_after_start_ms...........: min=400ms    med=1.27s    p(95)=4s       p(99)=4.7s     max=4.83s   count=1000
    socket_updates.................: 812345  20308.62/s
    version_gaps...................: 37      0.92/s

== server (big-floor, 2026-11-30T05:58:00.000Z) ==
CPU 35% of one core over 40.0 s (14.0 CPU s)
k6 used 18.4 CPU s (46% of one core)
RSS per client (peak − before, floor included) 158.2 KB
heapUsed after full GCs 60.0 MB after setup, 72.6 MB with 1000 more sockets open: 12.60 KB per socket (external 1.00 KB, of which array buffers 0.50 KB)
`;

describe('load figures of a run', () => {
  it('reads k6 durations in their units', () => {
    expect(durationMs('812µs')).toBeCloseTo(0.812, 9);
    expect(durationMs('125.2ms')).toBe(125.2);
    expect(durationMs('4.35s')).toBe(4350);
    expect(durationMs('1m2.5s')).toBe(62_500);
  });

  it('takes the trend statistics, the ready count and the server lines of a screens run', () => {
    expect(figuresOf(SCREENS)).toEqual({
      'event_to_client_ms med': 125.2,
      'event_to_client_ms p(95)': 353,
      'event_to_client_ms p(99)': 4350,
      'event_to_client_steady_ms p(99)': 480.5,
      'ready_after_start_ms max': 4830,
      'ready screens': 1000,
      'updates received': 812345,
      'version gaps': 37,
      'health_ms p(99)': 171,
      'health_storm_ms p(99)': 189.02,
      'server CPU %': 35,
      'k6 CPU %': 46,
      'RSS KB per client': 158.2,
      'heap KB per socket': 12.6,
    });
  });

  it('takes the accepted events per second of an ingest run', () => {
    const out = '    events_accepted................: 420000 83224.048912/s\n    http_req_duration..............: avg=40.48ms min=8.4ms   med=33.3ms  max=150.01ms p(90)=64.87ms p(95)=81.49ms\nCPU 84% of one core over 5.2 s (4.4 CPU s)\n';
    expect(figuresOf(out)).toEqual({ 'events/s': 83224.048912, 'http_req_duration p(95)': 81.49, 'server CPU %': 84 });
  });

  it('gives min / median / max over runs, a figure missing from a run shown as a dash', () => {
    expect(minMedianMax([3, 1, 2])).toEqual([1, 2, 3]);
    expect(minMedianMax([4, 1, 3, 2])).toEqual([1, 2.5, 4]);
    const rows = spreadTable([{ 'health_ms p(99)': 90, 'events/s': 1 }, { 'health_ms p(99)': 1500 }, { 'health_ms p(99)': 120 }]);
    expect(rows[2]).toBe('| health_ms p(99) | 90 ms | 1.50 s | 120 ms | 90 ms / 120 ms / 1.50 s |');
    expect(rows[3]).toBe('| events/s | 1 | – | – | 1 / 1 / 1 |');
  });
});
