import { io as connect } from 'socket.io-client';
import WebSocket from 'ws';

/** One hostile or careless request from the trust review, sent to a running server. */
export interface Abuse {
  name: string;
  send(base: string, token: string): Promise<void>;
}

const T = '2026-11-20T09:00:00+08:00';

/** A body of `bytes` bytes with no newline, streamed in 64 KB chunks. */
function noNewline(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      c.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

async function post(base: string, token: string, path: string, body: BodyInit, type: string): Promise<void> {
  const res = await fetch(base + path, { method: 'POST', body, headers: { 'content-type': type, authorization: `Bearer ${token}` }, duplex: 'half' } as RequestInit);
  await res.arrayBuffer();
}

async function get(base: string, token: string, path: string): Promise<void> {
  await (await fetch(base + path, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
}

/** The worst inputs of the review, each bounded now; `token` must be an admin's. */
export const ABUSES: Abuse[] = [
  { name: '32 MB NDJSON body without a newline', send: (b, t) => post(b, t, '/api/v1/events', noNewline(32 * 1024 * 1024), 'application/x-ndjson') },
  { name: '8 MB queue_log body without a newline', send: (b, t) => post(b, t, '/api/v1/ingest/queue-log', noNewline(8 * 1024 * 1024), 'text/x-queue-log') },
  {
    name: 'Erlang C for 1e10 and 1e300 calls, Erlang A at its limits',
    send: async (b, t) => {
      for (const calls of ['1e10', '1e300']) await get(b, t, `/api/v1/erlang?model=C&calls=${calls}&intervalSeconds=1800&ahtSeconds=1800&targetSeconds=20&targetServiceLevel=0.8`);
      await get(b, t, '/api/v1/erlang?model=A&trafficErlangs=5000&ahtSeconds=18&patienceSeconds=3600&targetSeconds=20&targetServiceLevel=0.8');
      await get(b, t, '/api/v1/erlang?model=C&trafficErlangs=5000&ahtSeconds=300&targetSeconds=20&maxOccupancy=0.5');
    },
  },
  {
    name: 'forecast of 100,000 calls an interval, then its intraday table',
    send: async (b, t) => {
      const rows = Array.from({ length: 48 }, (_, i) => `${new Date(Date.parse('2026-11-20T00:00:00+08:00') + i * 1_800_000).toISOString()},abuse-q,100000,86400`);
      await fetch(`${b}/api/v1/forecasts/abuse-q/2026-11-20`, { method: 'PUT', body: `interval_start,queue_id,calls,aht_seconds\n${rows.join('\n')}\n`, headers: { 'content-type': 'text/csv', authorization: `Bearer ${t}` } }).then((r) => r.arrayBuffer());
      await get(b, t, '/api/v1/queues/abuse-q/intraday?date=2026-11-20');
    },
  },
  {
    name: '100 lines with a 1 MB ts each',
    send: (b, t) => post(b, t, '/api/v1/events', Array.from({ length: 100 }, (_, i) => `{"id":"big-${i}","type":"agent.state","ts":"${'9'.repeat(1_000_000)}","agentId":"a","state":"available"}`).join('\n'), 'application/x-ndjson'),
  },
  {
    name: 'a line whose type is 100,000 nested arrays',
    send: (b, t) => post(b, t, '/api/v1/events', `{"id":"deep","type":${'['.repeat(100_000)}${']'.repeat(100_000)},"ts":"${T}"}\n`, 'application/x-ndjson'),
  },
  {
    name: '1,000 adherence:subscribe from one socket',
    send: async (b, t) => {
      const s = connect(b, { auth: { token: t }, transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve, reject) => (s.on('connect', () => resolve()), s.on('connect_error', reject)));
      // The server cuts a socket that keeps asking after being refused: the rest go unanswered.
      const cut = new Promise<void>((resolve) => s.on('disconnect', () => resolve()));
      for (let i = 0; i < 1000; i++) s.emit('adherence:subscribe', {}, () => {});
      await Promise.race([cut, new Promise((r) => setTimeout(r, 5000))]);
      s.disconnect();
    },
  },
  {
    name: 'ten sockets whose first packet is 0.9 MB of nested arrays, before any sign-in',
    send: async (b) => {
      const deep = `40${'['.repeat(450_000)}${']'.repeat(450_000)}`;
      const url = `${b.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
      for (let i = 0; i < 10; i++) {
        const ws = new WebSocket(url, { headers: { origin: b } });
        // The server answers a packet its decoder refuses by closing the connection.
        await new Promise<void>((resolve) => {
          ws.on('open', () => ws.send(deep));
          ws.on('close', () => resolve());
          ws.on('error', () => resolve());
        });
      }
    },
  },
  {
    name: '100,000 new event ids in one body',
    send: (b, t) => post(b, t, '/api/v1/events', Array.from({ length: 100_000 }, (_, i) => `{"id":"flood-${i}-${(i * 2654435761) >>> 0}","type":"agent.state","ts":"${T}","agentId":"flood","state":"available"}`).join('\n'), 'application/x-ndjson'),
  },
  {
    name: 'an agent in 500 queues flapping 21,000 times (2,000 of them late), then 20 logins moving all 500 skills',
    send: async (b, t) => {
      const base = Date.parse(T);
      const skills = (k: number) => JSON.stringify(Array.from({ length: 500 }, (_, i) => `flap-q${i + k}`));
      const line = (id: string, type: 'login' | 'state', at: number, rest: string) => `{"id":"flap-${id}","type":"agent.${type}","ts":${at},"agentId":"flapper",${rest}}`;
      await post(b, t, '/api/v1/events', line('login', 'login', base, `"queues":${skills(0)},"state":"available"`), 'application/x-ndjson');
      const flaps = Array.from({ length: 19_000 }, (_, i) => line(`s${i}`, 'state', base + 1000 + i * 15, i % 2 ? '"state":"available"' : '"state":"aux","reason":"x"'));
      const late = Array.from({ length: 2000 }, (_, i) => line(`l${i}`, 'state', base + 1001 + i * 7, i % 2 ? '"state":"available"' : '"state":"aux","reason":"y"'));
      const all = [...flaps, ...late];
      for (let i = 0; i < all.length; i += 5000) await post(b, t, '/api/v1/events', all.slice(i, i + 5000).join('\n'), 'application/x-ndjson');
      const logins = Array.from({ length: 20 }, (_, k) => line(`relogin${k}`, 'login', base + 290_000 + k, `"queues":${skills(k % 2 ? 0 : 500)}`));
      await post(b, t, '/api/v1/events', logins.join('\n'), 'application/x-ndjson');
    },
  },
];

/** Polls GET /health every `everyMs` until `stop` resolves; returns each answer's latency (ms). */
export async function healthLatencies(base: string, stop: Promise<unknown>, everyMs = 20): Promise<number[]> {
  const out: number[] = [];
  let done = false;
  void stop.finally(() => (done = true));
  while (!done) {
    const t0 = performance.now();
    await (await fetch(`${base}/api/v1/health`)).arrayBuffer();
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return out;
}
