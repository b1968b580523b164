// k6: HTTP ingest of canonical NDJSON batches against a local server (SIMULATOR=off).
//   ~/go/bin/k6 run -e BASE=http://127.0.0.1:3000 loadtest/ingest.js
import http from 'k6/http';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import exec from 'k6/execution';

const BASE = __ENV.BASE || 'http://127.0.0.1:3000';
const BATCH = Number(__ENV.BATCH || 1000);
const TOKEN = __ENV.TOKEN;
const eventsAccepted = new Counter('events_accepted');

export const options = {
  scenarios: {
    ingest: { executor: 'constant-vus', vus: Number(__ENV.VUS || 4), duration: __ENV.DURATION || '20s' },
  },
  thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<500'] },
};

/** Offsets (ms) of a call's four events from its queueing. */
const STEPS = [0, 5000, 20000, 25000];
const SECOND_SLOTS = Math.ceil((BATCH / 4) * 10 / 1000) + Math.ceil(STEPS[3] / 1000) + 1;

/**
 * The body as literal pieces and slots, built once per VU (goja's JSON.stringify of 1,000
 * objects per iteration cost k6 more CPU than the server spent on them): slot 0 is the
 * iteration number, slot 1 + k the epoch second base + k. Each event's `ts` is written as that
 * second followed by three millisecond digits, so the body is byte for byte what stringifying
 * each event with ts = base second * 1000 + offset gives.
 */
let template = null;

function buildTemplate(vu) {
  const parts = [];
  let text = '';
  const slot = (n) => {
    parts.push(text, n);
    text = '';
  };
  const ts = (offset) => {
    slot(1 + Math.floor(offset / 1000));
    text += String(offset % 1000).padStart(3, '0');
  };
  for (let i = 0, n = 0; n < BATCH; i++) {
    const call = () => {
      text += `k6-${vu}-`;
      slot(0);
      text += `-${i}`;
    };
    const queue = `k6-q${i % 8}`;
    const agent = `k6-a${vu}-${i % 50}`;
    const t = i * 10;
    const kinds = [
      ['q', 'call.queued', `"queueId":"${queue}"`],
      ['a', 'call.answered', `"queueId":"${queue}","agentId":"${agent}"`],
      ['e', 'call.ended', `"agentId":"${agent}"`],
      ['w', 'call.wrapped', `"agentId":"${agent}"`],
    ];
    for (let k = 0; k < 4 && n < BATCH; k++, n++) {
      if (n > 0) text += '\n';
      text += '{"id":"';
      call();
      text += `:${kinds[k][0]}","type":"${kinds[k][1]}","ts":`;
      ts(t + STEPS[k]);
      text += ',"tenant":"k6","callId":"';
      call();
      text += `",${kinds[k][2]}}`;
    }
  }
  parts.push(text);
  return parts;
}

// Each iteration posts one batch of a complete call lifecycle per call, unique per VU and iteration.
export default function () {
  const vu = exec.vu.idInTest;
  const it = exec.scenario.iterationInTest;
  if (template === null) template = buildTemplate(vu);
  const baseSecond = Math.floor((Date.now() - 60_000) / 1000);
  const values = [String(it)];
  for (let k = 0; k < SECOND_SLOTS; k++) values.push(String(baseSecond + k));
  const out = new Array(template.length);
  for (let p = 0; p < template.length; p++) out[p] = p % 2 === 0 ? template[p] : values[template[p]];
  const headers = { 'content-type': 'application/x-ndjson' };
  if (TOKEN) headers.authorization = `Bearer ${TOKEN}`;
  const res = http.post(`${BASE}/api/v1/events`, out.join(''), { headers });
  const ok = check(res, { 'status 200': (r) => r.status === 200, 'nothing rejected': (r) => r.json('rejected').length === 0 });
  if (ok) eventsAccepted.add(res.json('accepted'));
}
