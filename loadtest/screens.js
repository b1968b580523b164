// k6: many wallboard screens on a generated floor, with no dependence on the time of day.
// setup() logs in TENANTS × AGENTS_PER_TENANT agents skilled on QUEUES_PER_TENANT queues
// (timestamps: now). Then:
//   screens  CLIENTS Socket.IO connections (PER_VU per VU, k6/websockets), each subscribed to
//            one tenant (agents: false, the board is paged), held HOLD_MS; with STORM_AT_MS
//            every screen drops its connection at that moment and comes straight back (no
//            jitter: the worst case for the server).
//   driver   every 250 ms puts PROBES agents of each tenant on aux with reason `lt<post time ms>`;
//            a screen that sees that reason in an update records now − post time.
//   health   GET /api/v1/health every 100 ms (with STORM_AT_MS, those sent from the drop to
//            STORM_WINDOW_MS after it are also in health_storm_ms).
// The driver and health start LEAD_MS (default 2 s) before the screens, as a floor's ACD feed
// and monitor are running before its screens come: their keep-alive connections are open when
// the screens' thousand handshakes arrive. A connection opened inside that surge waits in the
// kernel's accept queue behind them (Node 20's libuv accepts one connection per poll of a busy
// loop: up to about a second here), which LEAD_MS=0 shows (docs/performance.md).
//   heap     with PROBE (bench/server-probe.ts's port, set by run.ts): heapUsed after full GCs is
//            marked at the end of setup and 1 s before the screens close (the driver stops 2 s
//            before, so no probe waits behind those GCs).
// event_to_client_ms is also split by post time: before WARM_MS after the start (default 5 s,
// the "all subscribed within 5 s": screens are still connecting) and after.
// Run through loadtest/run.ts (npm run load:big-floor, load:small-floor, load:storm).
import http from 'k6/http';
import { WebSocket } from 'k6/websockets';
import { setTimeout, setInterval, clearInterval } from 'k6/timers';
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';

const HTTP = __ENV.BASE || 'http://127.0.0.1:3000';
const WS = HTTP.replace(/^http/, 'ws');
const TENANTS = Number(__ENV.TENANTS || 20);
const QUEUES = Number(__ENV.QUEUES_PER_TENANT || 40);
const AGENTS = Number(__ENV.AGENTS_PER_TENANT || 1000);
const CLIENTS = Number(__ENV.CLIENTS || 1000);
const PER_VU = Number(__ENV.PER_VU || 50);
const HOLD_MS = Number(__ENV.HOLD_MS || 20000);
const STORM_AT_MS = Number(__ENV.STORM_AT_MS || 0);
const PROBES = Number(__ENV.PROBES || 5);
const DRIVE_MS = Number(__ENV.DRIVE_MS || 250);
const WARM_MS = Number(__ENV.WARM_MS || 5000);
const PROBE_BASE = __ENV.PROBE || '';
const LEAD_MS = Number(__ENV.LEAD_MS ?? 2000);
// PAGE_MS: each subscribed screen also asks for its board's window (agents:page, 40 rows of its
// tenant) every PAGE_MS, as the wallboard does every 2 s while the floor changes (0: never).
const PAGE_MS = Number(__ENV.PAGE_MS || 0);
// OLD=1: subscribe as servers before paging did (no `agents` flag), for "before" figures.
const SUBSCRIBE_EXTRA = __ENV.OLD ? '' : ',"agents":false';

const latency = new Trend('event_to_client_ms', true);
const latencyWarm = new Trend('event_to_client_subscribing_ms', true);
const latencySteady = new Trend('event_to_client_steady_ms', true);
const connectMs = new Trend('connect_ms', true);
const pageMs = new Trend('page_ms', true);
const pageFailures = new Counter('page_failures');
const subscribeMs = new Trend('subscribe_ms', true);
const readyMs = new Trend('ready_after_start_ms', true);
const stormBackMs = new Trend('storm_back_fresh_ms', true);
const updates = new Counter('socket_updates');
const arrivals = new Counter('probe_arrivals');
const failures = new Counter('subscribe_failures');
// Updates that built on a version the screen never got (the server left it out while it lagged,
// server/realtime/slow-readers.ts): the screen subscribes again, as the wallboard does.
const gaps = new Counter('version_gaps');
const healthMs = new Trend('health_ms', true);
// With STORM_AT_MS: health answers timed from the drop to STORM_WINDOW_MS after it (the "during it").
const healthStormMs = new Trend('health_storm_ms', true);
const STORM_WINDOW_MS = Number(__ENV.STORM_WINDOW_MS || 5000);

const vus = Math.ceil(CLIENTS / PER_VU);
const holdS = Math.ceil(HOLD_MS / 1000);
// The driver and health run from the start through the screens' hold (less 2 s with the heap mark, so no probe waits behind its GCs).
const drivenS = Math.ceil((LEAD_MS + HOLD_MS) / 1000) - (PROBE_BASE ? 2 : 0);
export const options = {
  setupTimeout: '300s',
  summaryTrendStats: ['min', 'med', 'p(95)', 'p(99)', 'max', 'count'],
  scenarios: {
    screens: { executor: 'per-vu-iterations', exec: 'screens', vus, iterations: 1, startTime: `${LEAD_MS}ms`, maxDuration: `${holdS + 120}s` },
    driver: { executor: 'constant-arrival-rate', exec: 'drive', rate: 1000 / DRIVE_MS, timeUnit: '1s', duration: `${drivenS}s`, preAllocatedVUs: 4 },
    health: { executor: 'constant-arrival-rate', exec: 'health', rate: 10, timeUnit: '1s', duration: `${drivenS}s`, preAllocatedVUs: 2 },
    ...(PROBE_BASE ? { heap: { executor: 'per-vu-iterations', exec: 'heap', vus: 1, iterations: 1, startTime: `${LEAD_MS + Math.max(0, HOLD_MS - 1000)}ms` } } : {}),
  },
  thresholds: { subscribe_failures: ['count==0'], probe_arrivals: ['count>0'] },
};

const tenant = (i) => `t${String(i).padStart(2, '0')}`;

export function setup() {
  const at = Date.now();
  let lines = [];
  const flush = () => {
    if (!lines.length) return;
    const r = http.post(`${HTTP}/api/v1/events`, lines.join('\n'), { headers: { 'content-type': 'application/x-ndjson' }, timeout: '120s' });
    check(r, { 'seed 200': (x) => x.status === 200 });
    lines = [];
  };
  for (let t = 0; t < TENANTS; t++) {
    for (let a = 0; a < AGENTS; a++) {
      // Each agent has two skills, so every queue of the tenant has agents.
      const skills = [`q${a % QUEUES}`, `q${(a + 1) % QUEUES}`];
      lines.push(JSON.stringify({ id: `seed-${t}-${a}`, type: 'agent.login', ts: at, tenant: tenant(t), agentId: `a${a}`, name: `Agent ${a}`, teamId: `team${a % 25}`, queues: skills, state: 'available' }));
      if (lines.length >= 5000) flush();
    }
  }
  flush();
  if (PROBE_BASE) http.get(`${PROBE_BASE}/heap?mark=before`);
  // When the screens start: the scenario times (the warm window, the storm, ready_after_start_ms) count from here.
  return { start: Date.now() + LEAD_MS };
}

/** Marks the server's heap with every screen connected (run.ts prints it per client). */
export function heap() {
  http.get(`${PROBE_BASE}/heap?mark=with`);
}

let driveSeq = 0;
/** One round of probes: PROBES agents of each tenant go aux with the post time as reason. */
export function drive() {
  const now = Date.now();
  const it = exec.scenario.iterationInTest;
  const lines = [];
  for (let t = 0; t < TENANTS; t++) {
    for (let p = 0; p < PROBES; p++) {
      const agent = `a${(it * PROBES + p) % AGENTS}`;
      lines.push(JSON.stringify({ id: `probe-${exec.vu.idInTest}-${driveSeq++}-${t}`, type: 'agent.state', ts: now, tenant: tenant(t), agentId: agent, state: 'aux', reason: `lt${now}` }));
    }
  }
  const r = http.post(`${HTTP}/api/v1/events`, lines.join('\n'), { headers: { 'content-type': 'application/x-ndjson' } });
  check(r, { 'probe 200': (x) => x.status === 200 });
}

export function health(data) {
  const sent = Date.now();
  const r = http.get(`${HTTP}/api/v1/health`);
  healthMs.add(r.timings.duration);
  const sinceDrop = sent - (data.start + STORM_AT_MS);
  if (STORM_AT_MS && sinceDrop >= 0 && sinceDrop < STORM_WINDOW_MS) healthStormMs.add(r.timings.duration);
}

const PROBE = '"reason":"lt';

/** The integer after the last `key` in `msg` (0 when absent): version fields come after the views. */
function numberAfter(msg, key) {
  const at = msg.lastIndexOf(key);
  return at < 0 ? 0 : parseInt(msg.slice(at + key.length, at + key.length + 16), 10);
}

/** One screen: connect, subscribe to its tenant, record probe latencies; maybe drop and come back once. */
function screen(index, start) {
  const scope = tenant(index % TENANTS);
  let ws = null;
  let stormAt = 0;
  let freshAfterStorm = false;
  let seenUpdates = 0;
  let seenProbes = 0;
  const open = () => {
    const opened = Date.now();
    let asked = 0;
    let subscribed = false;
    let have = 0;
    let resubscribing = false;
    let paging = null;
    let pageAsked = 0;
    ws = new WebSocket(`${WS}/socket.io/?EIO=4&transport=websocket`);
    ws.onmessage = (e) => {
      const msg = e.data;
      if (msg === '2') return ws.send('3'); // engine.io ping / pong
      if (msg[0] === '0') return ws.send('40');
      if (msg.startsWith('40')) {
        connectMs.add(Date.now() - opened);
        asked = Date.now();
        return ws.send(`420["subscribe",{"tenants":["${scope}"]${SUBSCRIBE_EXTRA}}]`);
      }
      if (msg.startsWith('430')) {
        const ok = msg.includes('"ok":true');
        if (!ok) failures.add(1);
        have = numberAfter(msg, '"version":');
        if (resubscribing) {
          resubscribing = false;
          return;
        }
        subscribeMs.add(Date.now() - asked);
        subscribed = true;
        if (stormAt === 0) readyMs.add(Date.now() - start);
        if (PAGE_MS && !paging) {
          // A screen's first page a random part of the period in, as screens open at different moments.
          paging = setTimeout(function page() {
            if (ws.readyState !== 1) return;
            pageAsked = Date.now();
            ws.send(`421["agents:page",{"offset":0,"limit":40,"tenant":"${scope}"}]`);
            paging = setTimeout(page, PAGE_MS);
          }, Math.floor(Math.random() * PAGE_MS));
        }
        return;
      }
      if (msg.startsWith('431')) {
        pageMs.add(Date.now() - pageAsked);
        if (!msg.includes('"ok":true')) pageFailures.add(1);
        return;
      }
      if (msg.startsWith('42["update"')) {
        seenUpdates++;
        const now = Date.now();
        if (!resubscribing) {
          if (numberAfter(msg, '"base":') > have) {
            gaps.add(1);
            resubscribing = true;
            ws.send(`420["subscribe",{"tenants":["${scope}"]${SUBSCRIBE_EXTRA}}]`);
          } else {
            have = Math.max(have, numberAfter(msg, '"version":'));
          }
        }
        // indexOf, not a regular expression: the screens share k6's CPU with the server. The
        // probes of one post share its time and arrive in one message, so each post time is one
        // latency sample per message (not PROBES equal ones), and the counts are added once per
        // screen at its close: k6's metric samples, not the messages, were what held it back.
        let lastPosted = 0;
        for (let at = msg.indexOf(PROBE); at >= 0; at = msg.indexOf(PROBE, at + 24)) {
          const posted = Number(msg.slice(at + PROBE.length, at + PROBE.length + 13));
          seenProbes++;
          if (posted === lastPosted) continue;
          lastPosted = posted;
          latency.add(now - posted);
          (posted - start < WARM_MS ? latencyWarm : latencySteady).add(now - posted);
        }
        if (stormAt && subscribed && !freshAfterStorm) {
          freshAfterStorm = true;
          stormBackMs.add(now - stormAt);
        }
      }
    };
  };
  open();
  if (STORM_AT_MS) {
    setTimeout(() => {
      stormAt = Date.now();
      ws.close();
      open();
    }, Math.max(0, start + STORM_AT_MS - Date.now()));
  }
  setTimeout(() => {
    updates.add(seenUpdates);
    arrivals.add(seenProbes);
    ws.close();
  }, Math.max(0, start + HOLD_MS - Date.now()));
}

export function screens(data) {
  const first = exec.scenario.iterationInTest * PER_VU;
  for (let i = first; i < Math.min(CLIENTS, first + PER_VU); i++) screen(i, data.start);
}
