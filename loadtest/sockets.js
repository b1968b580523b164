// k6: many wallboards at once. Each VU opens a Socket.IO connection (engine.io v4 over a raw
// WebSocket), subscribes, and counts the coalesced updates it receives.
//   ~/go/bin/k6 run -e BASE=ws://127.0.0.1:3000 loadtest/sockets.js
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';

const BASE = __ENV.BASE || 'ws://127.0.0.1:3000';
const TOKEN = __ENV.TOKEN;
const HOLD_MS = Number(__ENV.HOLD_MS || 15000);
const updates = new Counter('socket_updates');
const snapshotMs = new Trend('snapshot_ms', true);

export const options = {
  scenarios: {
    wallboards: { executor: 'per-vu-iterations', vus: Number(__ENV.VUS || 200), iterations: 1, maxDuration: '60s' },
  },
  thresholds: { snapshot_ms: ['p(95)<1000'], socket_updates: ['count>0'] },
};

export default function () {
  const url = `${BASE}/socket.io/?EIO=4&transport=websocket`;
  const res = ws.connect(url, {}, (socket) => {
    let asked = 0;
    socket.on('message', (msg) => {
      if (msg === '2') return socket.send('3'); // engine.io ping / pong
      if (msg.startsWith('0')) return socket.send(TOKEN ? `40${JSON.stringify({ token: TOKEN })}` : '40');
      if (msg.startsWith('40')) {
        asked = Date.now();
        return socket.send('420["subscribe",{}]');
      }
      if (msg.startsWith('430')) {
        snapshotMs.add(Date.now() - asked);
        check(msg, { 'snapshot ok': (m) => m.includes('"ok":true') });
        return;
      }
      if (msg.startsWith('42["update"')) updates.add(1);
    });
    socket.setTimeout(() => socket.close(), HOLD_MS);
  });
  check(res, { 'upgraded to websocket': (r) => r && r.status === 101 });
}
