/** What the staffing calculator answers (GET /api/v1/erlang); times in seconds, traffic in Erlangs. */
export interface ErlangResult {
  model: 'B' | 'C' | 'A';
  trafficErlangs: number;
  agents: number;
  /** Erlang C only: traffic >= agents, the queue grows without bound. */
  unstable: boolean;
  /** Erlang B: share of calls blocked (lost). */
  blocking: number | null;
  /** Share of calls that must wait (C, A). */
  pWait: number | null;
  /** Share answered within the target time (C: of all calls; A: answered within T / offered). */
  serviceLevel: number | null;
  /** C: mean wait over all calls; A: mean wait of answered calls (seconds). */
  asaSeconds: number | null;
  /** Mean wait of all arrivals, abandoning ones included (seconds). */
  meanWaitSeconds: number | null;
  /** A: share of calls abandoned. */
  pAbandon: number | null;
  /** Share of agent time busy: C traffic / agents; A answered traffic / agents; B carried traffic / agents. */
  occupancy: number | null;
}
