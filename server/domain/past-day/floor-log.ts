/**
 * What a re-run of a past day needs of its canonical events, without an engine: every call's
 * arrival, outcome, wait and handle time, and every agent's skills and the stretches it was
 * on the floor (logged in and not in aux). Built one event at a time, in time order.
 */

/** One call as it happened. Times are epoch ms. */
export interface PastCall {
  callId: string;
  queueId: string;
  arrival: number;
  outcome: 'answered' | 'abandoned' | 'flowedOut' | 'open';
  /** Milliseconds from arrival to answer, abandon or flow-out (0 while open). */
  waitMs: number;
  /** Milliseconds the agent spent on it, answer to wrap (talk + hold + after-call work); 0 unless answered and wrapped. */
  handleMs: number;
  /** A chat (one of an agent's chat slots) or an email (deferred: after every live contact); absent for a phone call. */
  channel?: 'chat' | 'email';
}

/** An agent's skills and the half-open stretches [from, to) it was on the floor. */
export interface PastAgent {
  agentId: string;
  queues: string[];
  windows: [number, number][];
  /** Chats the agent serves at once (its login's `capacity.chat`); 1 when not given. */
  chatCapacity?: number;
}

export interface FloorLog {
  calls: PastCall[];
  agents: PastAgent[];
}

/** A canonical event as read from a journal line or the simulator (ts: ISO string or epoch ms). */
export type LoggedEvent = { type: string; ts: string | number; [field: string]: unknown };

/** States that keep an agent off the phones. */
const AWAY = new Set(['aux', 'offline']);

/**
 * Collects a floor log from canonical events of one tenant from `from` (epoch ms) on. An agent
 * first seen by something other than a login (it logged in before `from`) counts as on the
 * floor since `from`; its skills are its login's queues, else the queues it answered.
 */
export class FloorLogBuilder {
  private readonly calls = new Map<string, PastCall & { answeredAt: number }>();
  private readonly agents = new Map<string, { agentId: string; queues: Set<string>; windows: [number, number][]; since: number | null; chatCapacity?: number }>();

  constructor(private readonly from: number) {}

  /** Adds one event; events of other kinds are ignored. */
  add(e: LoggedEvent): void {
    const ts = typeof e.ts === 'number' ? e.ts : Date.parse(e.ts);
    if (!Number.isFinite(ts)) return;
    const callId = typeof e.callId === 'string' ? e.callId : null;
    const agentId = typeof e.agentId === 'string' ? e.agentId : null;
    switch (e.type) {
      case 'call.queued':
        if (callId && typeof e.queueId === 'string' && !this.calls.has(callId)) {
          const channel = e.channel === 'chat' ? { channel: 'chat' as const } : e.channel === 'email' ? { channel: 'email' as const } : {};
          this.calls.set(callId, { callId, queueId: e.queueId, arrival: ts, outcome: 'open', waitMs: 0, handleMs: 0, answeredAt: NaN, ...channel });
        }
        return;
      case 'call.answered':
      case 'call.abandoned':
      case 'call.dequeued': {
        const c = callId ? this.calls.get(callId) : undefined;
        if (!c || c.outcome !== 'open') return;
        c.outcome = e.type === 'call.answered' ? 'answered' : e.type === 'call.abandoned' ? 'abandoned' : 'flowedOut';
        c.waitMs = Math.max(0, ts - c.arrival);
        if (e.type === 'call.answered') {
          c.answeredAt = ts;
          if (agentId) this.agent(agentId, ts).queues.add(c.queueId);
        }
        return;
      }
      case 'call.wrapped': {
        const c = callId ? this.calls.get(callId) : undefined;
        if (c && c.outcome === 'answered') c.handleMs = Math.max(0, ts - c.answeredAt);
        return;
      }
      case 'agent.login': {
        if (!agentId) return;
        const a = this.agent(agentId, ts, true);
        if (Array.isArray(e.queues)) for (const q of e.queues) if (typeof q === 'string') a.queues.add(q);
        const chat = (e.capacity as { chat?: unknown } | undefined)?.chat;
        if (typeof chat === 'number' && Number.isInteger(chat) && chat >= 1) a.chatCapacity = chat;
        // A login is in aux until ready, unless it says otherwise (docs/events.md).
        if (e.state === 'available' && a.since === null) a.since = ts;
        return;
      }
      case 'agent.state': {
        if (!agentId) return;
        const a = this.agent(agentId, ts);
        if (AWAY.has(String(e.state))) this.close(a, ts);
        else if (a.since === null) a.since = ts;
        return;
      }
      case 'agent.logout': {
        if (agentId) this.close(this.agent(agentId, ts), ts);
        return;
      }
    }
  }

  /** The log so far; stretches still open end at `until` (epoch ms). */
  build(until: number): FloorLog {
    const calls = [...this.calls.values()].map(({ answeredAt: _a, ...c }) => c).sort((a, b) => a.arrival - b.arrival || (a.callId < b.callId ? -1 : 1));
    const agents = [...this.agents.values()]
      .map((a) => ({ agentId: a.agentId, queues: [...a.queues].sort(), windows: a.since !== null && a.since < until ? [...a.windows, [a.since, until] as [number, number]] : [...a.windows], ...(a.chatCapacity ? { chatCapacity: a.chatCapacity } : {}) }))
      .sort((a, b) => (a.agentId < b.agentId ? -1 : 1));
    return { calls, agents };
  }

  private agent(agentId: string, _ts: number, login = false) {
    let a = this.agents.get(agentId);
    if (!a) {
      // Seen first by anything but a login: it was on the floor before the log began.
      a = { agentId, queues: new Set(), windows: [], since: login ? null : this.from };
      this.agents.set(agentId, a);
    }
    return a;
  }

  private close(a: { windows: [number, number][]; since: number | null }, ts: number): void {
    if (a.since !== null && ts > a.since) a.windows.push([a.since, ts]);
    a.since = null;
  }
}
