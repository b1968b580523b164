/**
 * Random floors for property tests of views: logins, state changes, voice and chat contacts
 * with holds, each event arriving up to 3 minutes after its time, over 40 minutes across a
 * local (Taipei) midnight.
 */
import { rng } from './rng.ts';

const QUEUES = ['q1', 'q2', 'chat1'];
/** 23:40 local (Taipei): the floor runs 40 minutes, across midnight. */
export const FLOOR_START = Date.parse('2026-11-20T23:40:00+08:00');
const SPAN_S = 40 * 60;

/** `count` random events over `agents` (a1..aN) of `tenants`, in arrival order. */
export function randomFloor(seed: number, count: number, { agents = 6, tenants = ['acme'] }: { agents?: number; tenants?: readonly string[] } = {}): Record<string, unknown>[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const at = () => FLOOR_START + Math.floor(r() * SPAN_S) * 1000;
  const agentIds = Array.from({ length: agents }, (_, i) => `a${i + 1}`);
  const out: Record<string, unknown>[] = [];
  let n = 0;
  while (out.length < count) {
    const tenant = pick(tenants);
    const base = () => ({ id: `e${seed}-${++n}`, tenant });
    const agentId = pick(agentIds);
    const k = r();
    if (k < 0.12) {
      out.push({ ...base(), type: 'agent.login', ts: at(), agentId, name: `Agent ${agentId}`, queues: QUEUES.filter(() => r() < 0.6), state: r() < 0.7 ? 'available' : 'aux', capacity: { chat: 2 } });
    } else if (k < 0.35) {
      const aux = r() < 0.4;
      out.push({ ...base(), type: 'agent.state', ts: at(), agentId, state: aux ? 'aux' : 'available', ...(aux ? { reason: pick(['break', 'lunch']) } : {}) });
    } else if (k < 0.4) {
      out.push({ ...base(), type: 'agent.logout', ts: at(), agentId });
    } else {
      const callId = `c${seed}-${++n}`;
      const queueId = pick(QUEUES);
      const t0 = at();
      out.push({ ...base(), type: 'call.queued', ts: t0, callId, queueId, channel: queueId === 'chat1' ? 'chat' : 'voice' });
      if (r() < 0.15) {
        out.push({ ...base(), type: 'call.abandoned', ts: t0 + 4000, callId, queueId });
        continue;
      }
      const t1 = t0 + Math.floor(r() * 20) * 1000;
      out.push({ ...base(), type: 'call.answered', ts: t1, callId, queueId, agentId });
      if (r() < 0.2) {
        out.push({ ...base(), type: 'call.held', ts: t1 + 10_000, callId, agentId });
        out.push({ ...base(), type: 'call.retrieved', ts: t1 + 25_000, callId, agentId });
      }
      out.push({ ...base(), type: 'call.ended', ts: t1 + 30_000 + Math.floor(r() * 120) * 1000, callId, agentId });
      if (r() < 0.8) out.push({ ...base(), type: 'call.wrapped', ts: t1 + 200_000, callId, agentId });
    }
  }
  const arrival = new Map(out.map((e) => [e, (e.ts as number) + r() * 180_000]));
  return out.sort((x, y) => arrival.get(x)! - arrival.get(y)!);
}
