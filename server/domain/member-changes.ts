import { AVAILABLE } from './agent-timeline.ts';
import type { AgentRecord } from './tenant-floor.ts';

/**
 * When agents joined or left a queue within about one reorder window (an overflow answer, a
 * login's new skills, the day turning): the queue's available count follows its members as
 * they are now, over all recent time, so a caller's place counted after the window
 * (pending-places.ts) uses these to count the agents that were members at its own time.
 */
export class MemberChanges {
  private ts: number[] = [];
  private agents: AgentRecord[] = [];
  /** 1: joined, -1: left. */
  private joined: number[] = [];

  get size(): number {
    return this.ts.length;
  }

  /** Records that `agent` joined (1) or left (-1) the queue at `ts` (epoch ms). */
  push(ts: number, agent: AgentRecord, joined: 1 | -1): void {
    this.ts.push(ts);
    this.agents.push(agent);
    this.joined.push(joined);
  }

  /**
   * What to add to the available count of the members now to get that of the members at `ts`
   * (epoch ms): each agent whose membership changed after `ts` was a member then if its first
   * change after `ts` was leaving; `isMember` tells whether it is one now.
   */
  availableCorrection(ts: number, isMember: (a: AgentRecord) => boolean): number {
    let first: Map<AgentRecord, number> | null = null;
    for (let i = 0; i < this.ts.length; i++) {
      if (this.ts[i] <= ts) continue;
      first ??= new Map();
      const a = this.agents[i];
      const seen = first.get(a);
      if (seen === undefined || this.ts[i] < this.ts[seen]) first.set(a, i);
    }
    if (!first) return 0;
    let d = 0;
    for (const [a, i] of first) {
      if (a.timeline.stateBefore(ts + 1) !== AVAILABLE) continue;
      d += (this.joined[i] < 0 ? 1 : 0) - (isMember(a) ? 1 : 0);
    }
    return d;
  }

  /** Forgets changes at or before `cut` (epoch ms): no call still to be counted was queued before it. */
  forgetUpTo(cut: number): void {
    let kept = 0;
    for (let i = 0; i < this.ts.length; i++) {
      if (this.ts[i] <= cut) continue;
      this.ts[kept] = this.ts[i];
      this.agents[kept] = this.agents[i];
      this.joined[kept++] = this.joined[i];
    }
    this.ts.length = this.agents.length = this.joined.length = kept;
  }

  /** As (ts, agent id, 1 joined or -1 left) for a snapshot. */
  toData(): [ts: number, agentId: string, joined: number][] {
    return this.ts.map((ts, i) => [ts, this.agents[i].id, this.joined[i]]);
  }
}
