import type { AgentRecord, Engine } from '../domain/engine.ts';
import { agentInScope, agentQueueKeys, type Scope } from '../views/snapshot.ts';

/**
 * The agents changed in one push cycle, indexed for the hub's per-room question "which of
 * them does this room see?": by tenant (a tenant's room looks only at its own tenant's
 * agents, not at every changed agent of the floor) and, for queue-scoped rooms, each agent's
 * queue keys found once (not one scan of its tenant's queues per room). On the big floor
 * (800 queue rooms, 100 changed agents) that is the difference bench/scope-check.ts shows.
 * Lives for one cycle, so it never holds skills older than the state it was built from.
 */
export class ChangedAgents {
  private readonly byTenant = new Map<string, AgentRecord[]>();
  private readonly keysOf = new Map<AgentRecord, string[]>();

  constructor(
    private readonly engine: Engine,
    private readonly all: readonly AgentRecord[],
  ) {
    for (const a of all) {
      const list = this.byTenant.get(a.tenant);
      if (list) list.push(a);
      else this.byTenant.set(a.tenant, [a]);
    }
  }

  /** The changed agents the scope sees, in change order within each tenant. */
  inScope(scope: Scope): AgentRecord[] {
    const out: AgentRecord[] = [];
    if (!scope.tenants) this.pick(scope, this.all, out);
    else for (const t of scope.tenants) this.pick(scope, this.byTenant.get(t), out);
    return out;
  }

  private pick(scope: Scope, candidates: readonly AgentRecord[] | undefined, out: AgentRecord[]): void {
    if (candidates) for (const a of candidates) if (agentInScope(scope, this.engine, a, scope.queues ? this.keys(a) : undefined)) out.push(a);
  }

  private keys(a: AgentRecord): string[] {
    let k = this.keysOf.get(a);
    if (!k) this.keysOf.set(a, (k = agentQueueKeys(this.engine, a)));
    return k;
  }
}
