import type { AgentRecord, TenantFloor } from './tenant-floor.ts';

/** What a capacity check is told of the answer it judges. */
export type SlotCheckJudge = (t: TenantFloor, agent: AgentRecord, callId: string, ts: number, eventId: string) => void;

/**
 * Answers whose fit within capacity is judged once the reorder window has passed (see
 * agent-slots.ts): (floor, agent, call id, answer time, answer event id) as five aligned arrays
 * in answer order, so an answer allocates nothing.
 */
export class PendingSlotChecks {
  private tenants: TenantFloor[] = [];
  private agents: AgentRecord[] = [];
  private calls: string[] = [];
  private times: number[] = [];
  private ids: string[] = [];
  /** The earliest answer time pending (Infinity when none): a check with nothing due costs nothing. */
  private earliest = Infinity;

  get length(): number {
    return this.times.length;
  }

  /** Records that `agent` answered `callId` at `ts` (epoch ms) with event `eventId`. */
  push(t: TenantFloor, agent: AgentRecord, callId: string, ts: number, eventId: string): void {
    this.tenants.push(t);
    this.agents.push(agent);
    this.calls.push(callId);
    this.times.push(ts);
    this.ids.push(eventId);
    if (ts < this.earliest) this.earliest = ts;
  }

  /** Hands each answer before `cut` (epoch ms) to `judge`, in answer order, and keeps the rest. */
  takeBefore(cut: number, judge: SlotCheckJudge): void {
    if (cut <= this.earliest) return;
    // Compacted in place: this runs up to ten times a second of event time, an array each time added up.
    const { tenants, agents, calls, times, ids } = this;
    let kept = 0;
    let earliest = Infinity;
    for (let i = 0; i < times.length; i++) {
      if (times[i] >= cut) {
        if (times[i] < earliest) earliest = times[i];
        tenants[kept] = tenants[i];
        agents[kept] = agents[i];
        calls[kept] = calls[i];
        times[kept] = times[i];
        ids[kept++] = ids[i];
        continue;
      }
      judge(tenants[i], agents[i], calls[i], times[i], ids[i]);
    }
    tenants.length = agents.length = calls.length = times.length = ids.length = kept;
    this.earliest = earliest;
  }

  /** The pending checks as (tenant id, agent id, call id, ts, event id) for a snapshot. */
  toData(): [tenant: string, agentId: string, callId: string, ts: number, eventId: string][] {
    return this.times.map((ts, i) => [this.tenants[i].id, this.agents[i].id, this.calls[i], ts, this.ids[i]]);
  }

  clear(): void {
    this.tenants = [];
    this.agents = [];
    this.calls = [];
    this.times = [];
    this.ids = [];
    this.earliest = Infinity;
  }
}
