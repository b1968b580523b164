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

// Each iteration posts one batch of a complete call lifecycle per call, unique per VU and iteration.
export default function () {
  const vu = exec.vu.idInTest;
  const it = exec.scenario.iterationInTest;
  const base = Date.now() - 60_000;
  const lines = [];
  for (let i = 0; lines.length < BATCH; i++) {
    const call = `k6-${vu}-${it}-${i}`;
    const queue = `k6-q${i % 8}`;
    const agent = `k6-a${vu}-${i % 50}`;
    const t = base + i * 10;
    lines.push(JSON.stringify({ id: `${call}:q`, type: 'call.queued', ts: t, tenant: 'k6', callId: call, queueId: queue }));
    lines.push(JSON.stringify({ id: `${call}:a`, type: 'call.answered', ts: t + 5000, tenant: 'k6', callId: call, queueId: queue, agentId: agent }));
    lines.push(JSON.stringify({ id: `${call}:e`, type: 'call.ended', ts: t + 20000, tenant: 'k6', callId: call, agentId: agent }));
    lines.push(JSON.stringify({ id: `${call}:w`, type: 'call.wrapped', ts: t + 25000, tenant: 'k6', callId: call, agentId: agent }));
  }
  const headers = { 'content-type': 'application/x-ndjson' };
  if (TOKEN) headers.authorization = `Bearer ${TOKEN}`;
  const res = http.post(`${BASE}/api/v1/events`, lines.join('\n'), { headers });
  const ok = check(res, { 'status 200': (r) => r.status === 200, 'nothing rejected': (r) => r.json('rejected').length === 0 });
  if (ok) eventsAccepted.add(res.json('accepted'));
}
