/**
 * Subscriptions with agents waiting for a build (the probe's herd): 300 screens of one sign-in,
 * each its own queue of a 6,000-agent floor (an agent serves 10 of the 300 queues, so a queue's
 * answer holds 200 agents), subscribing at once. At most two builds run for a sign-in; the rest
 * wait in line. Prints how often a subscription was asked again through the admission line (every
 * build end woke every waiter before), the time until all are answered, and health while it runs.
 * Not a load test: one process. Run: node --import tsx bench/subscribe-line.ts [reps]
 */
import type { Socket } from 'socket.io-client';
import type { Ack, ClientToServer, ServerToClient, VersionedSnapshot } from '../server/protocol/socket.ts';
import { AdmissionQueue } from '../server/realtime/admission-queue.ts';
import { healthLatencies } from './abuse-inputs.ts';
import { ev } from '../test/helpers/events.ts';
import { ndjson, startServer } from '../test/helpers/server.ts';

const QUEUES = Array.from({ length: 300 }, (_, i) => `q${String(i).padStart(3, '0')}`);
const AGENTS = 6_000;
const reps = Number(process.argv[2] ?? 1);

const server = await startServer();
server.floor.hub.stop();
const logins = Array.from({ length: AGENTS }, (_, i) =>
  ev('agent.login', '09:00:00', { tenant: 'acme', agentId: `a-${i}`, name: `Agent ${i}`, queues: Array.from({ length: 10 }, (_, k) => QUEUES[(i + k * 30) % QUEUES.length]), state: 'available' }),
);
await server.post('/api/v1/events', ndjson(logins));
server.floor.hub.flush();

// Counts every offer to the admission line: a screen's first ask and each ask again.
let offers = 0;
const offer = AdmissionQueue.prototype.offer;
AdmissionQueue.prototype.offer = function (this: AdmissionQueue, ...args: Parameters<AdmissionQueue['offer']>) {
  offers++;
  return offer.apply(this, args);
};

for (let rep = 0; rep < reps; rep++) {
  // A change and a push: nothing kept from the last repetition.
  await server.post('/api/v1/events', ndjson([ev('agent.state', `09:0${rep + 1}:00`, { tenant: 'acme', agentId: 'a-0', state: rep % 2 ? 'available' : 'aux', ...(rep % 2 ? {} : { reason: 'break' }) })]));
  server.floor.hub.flush();
  const screens = await Promise.all(
    QUEUES.map(async () => {
      const s: Socket<ServerToClient, ClientToServer> = server.socket();
      await new Promise<void>((r) => s.once('connect', () => r()));
      return s;
    }),
  );
  offers = 0;
  const t0 = performance.now();
  const all = Promise.all(screens.map((s, i) => new Promise<Ack<VersionedSnapshot>>((r) => s.emit('subscribe', { queues: [QUEUES[i]] }, r))));
  const health = await healthLatencies(server.base, all);
  const answers = await all;
  const ms = performance.now() - t0;
  const ok = answers.filter((a) => a.ok).length;
  health.sort((a, b) => a - b);
  const at = (q: number) => Math.round(health[Math.min(health.length - 1, Math.floor(q * health.length))]);
  console.log(`300 screens, own queue each: ${ok} answered in ${Math.round(ms)} ms, ${offers} asks (${offers - 300} again); health median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${Math.round(health[health.length - 1])} ms over ${health.length}`);
  for (const s of screens) s.disconnect();
}
await server.stop();
