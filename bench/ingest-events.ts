/**
 * The event mix of loadtest/ingest.js, as NDJSON lines, for benches that want the HTTP ingest
 * run's load on the engine without HTTP: one tenant `k6`, 8 queues, 50 agents per virtual user,
 * batches of `batch` events that are complete call lifecycles (queued, answered +5 s, ended
 * +20 s, wrapped +25 s) of calls 10 ms apart, each batch's times counted from the epoch second
 * its post is sent in. Batches are posted round robin by `vus` users, each `perSecond` times a
 * second of wall time (62,000 events/s over 4 users is about 15 a second each), for `seconds`:
 * so each agent takes about `perSecond * batch / 200` calls a second, overlapping for 25 s, as
 * in the k6 run. The lines are byte for byte what ingest.js posts for the same seconds.
 */
export function ingestLines(opts: { vus?: number; perSecond?: number; seconds?: number; batch?: number; start?: number } = {}): string[] {
  const { vus = 4, perSecond = 15, seconds = 10, batch = 1000, start = Date.UTC(2026, 10, 20, 2) } = opts;
  const steps = [0, 5000, 20000, 25000];
  const kinds: [string, string][] = [
    ['q', 'call.queued'],
    ['a', 'call.answered'],
    ['e', 'call.ended'],
    ['w', 'call.wrapped'],
  ];
  const out: string[] = [];
  let iteration = 0;
  for (let k = 0; k < seconds * perSecond; k++) {
    // ingest.js: the base second is a minute before the post's wall clock second.
    const base = Math.floor((start + (k * 1000) / perSecond - 60_000) / 1000) * 1000;
    for (let vu = 1; vu <= vus; vu++, iteration++) {
      for (let i = 0, n = 0; n < batch; i++) {
        const callId = `k6-${vu}-${iteration}-${i}`;
        const queue = `k6-q${i % 8}`;
        const agent = `k6-a${vu}-${i % 50}`;
        for (let s = 0; s < 4 && n < batch; s++, n++) {
          const fields = s === 0 ? `"queueId":"${queue}"` : s === 1 ? `"queueId":"${queue}","agentId":"${agent}"` : `"agentId":"${agent}"`;
          out.push(`{"id":"${callId}:${kinds[s][0]}","type":"${kinds[s][1]}","ts":${base + i * 10 + steps[s]},"tenant":"k6","callId":"${callId}",${fields}}`);
        }
      }
    }
  }
  return out;
}
