import type { AgentRecord, TenantFloor } from './tenant-floor.ts';

/** What a capacity check is told of the answer it judges. */
export type SlotCheckJudge = (t: TenantFloor, agent: AgentRecord, callId: string, ts: number, eventId: string) => void;

/**
 * Answers whose fit within capacity is judged once the reorder window has passed (see
 * agent-slots.ts): (floor, agent, call id, answer time, answer event id) as five aligned arrays
 * in answer order, so an answer allocates nothing. The first `count` entries are pending; the
 * arrays keep their length past it (cleared), as shortening them gave back their room, which
 * the next answers grew again (20 B per event of the simulated day's allocations).
 */
export class PendingSlotChecks {
  private tenants: (TenantFloor | null)[] = [];
  private agents: (AgentRecord | null)[] = [];
  private calls: string[] = [];
  private times: number[] = [];
  private ids: string[] = [];
  private count = 0;
  /** The earliest answer time pending (Infinity when none): a check with nothing due costs nothing. */
  private earliest = Infinity;

  get length(): number {
    return this.count;
  }

  /** Records that `agent` answered `callId` at `ts` (epoch ms) with event `eventId`. */
  push(t: TenantFloor, agent: AgentRecord, callId: string, ts: number, eventId: string): void {
    const i = this.count++;
    if (i === this.times.length) {
      this.tenants.push(t);
      this.agents.push(agent);
      this.calls.push(callId);
      this.times.push(ts);
      this.ids.push(eventId);
    } else {
      this.tenants[i] = t;
      this.agents[i] = agent;
      this.calls[i] = callId;
      this.times[i] = ts;
      this.ids[i] = eventId;
    }
    if (ts < this.earliest) this.earliest = ts;
  }

  /** Hands each answer before `cut` (epoch ms) to `judge`, in answer order, and keeps the rest. */
  takeBefore(cut: number, judge: SlotCheckJudge): void {
    if (cut <= this.earliest) return;
    // Compacted in place: this runs up to ten times a second of event time, an array each time added up.
    const { tenants, agents, calls, times, ids } = this;
    const n = this.count;
    let kept = 0;
    let earliest = Infinity;
    for (let i = 0; i < n; i++) {
      if (times[i] >= cut) {
        if (times[i] < earliest) earliest = times[i];
        tenants[kept] = tenants[i];
        agents[kept] = agents[i];
        calls[kept] = calls[i];
        times[kept] = times[i];
        ids[kept++] = ids[i];
        continue;
      }
      judge(tenants[i]!, agents[i]!, calls[i], times[i], ids[i]);
    }
    // What was judged is let go of; the room stays for the next answers.
    for (let i = kept; i < n; i++) {
      tenants[i] = null;
      agents[i] = null;
      calls[i] = ids[i] = '';
    }
    this.count = kept;
    this.earliest = earliest;
  }

  /** The pending checks as (tenant id, agent id, call id, ts, event id) for a snapshot. */
  toData(): [tenant: string, agentId: string, callId: string, ts: number, eventId: string][] {
    const out: [string, string, string, number, string][] = [];
    for (let i = 0; i < this.count; i++) out.push([this.tenants[i]!.id, this.agents[i]!.id, this.calls[i], this.times[i], this.ids[i]]);
    return out;
  }

  clear(): void {
    this.tenants = [];
    this.agents = [];
    this.calls = [];
    this.times = [];
    this.ids = [];
    this.count = 0;
    this.earliest = Infinity;
  }
}
