import type { AgentRecord, QueueState } from '../domain/engine.ts';
import { PublishedQueues } from './published-queues.ts';

/**
 * Most phases a floor's screens are split into. The hub beats every push interval / PUSH_PHASES
 * and pushes one phase a beat, so each screen still hears at most one message per interval.
 */
export const PUSH_PHASES = 5;
/**
 * Screens a phase takes before the next one opens. Writing one update to a socket costs about
 * 13-20 us here, so a phase of 2,000 is written within a beat of 50 ms (250 ms / 5), where
 * 10,000 screens in one phase took 130-230 ms: the last screen's wait added to the interval's.
 * Below this many screens every one is in phase 0 and pushes are one cycle per interval.
 */
export const SCREENS_PER_PHASE = 2000;

/** What changed for one phase since it was last pushed. */
export interface PhaseChanges {
  /** Every queue is to be viewed again (a new interval changed their "this interval" figures). */
  allQueues: boolean;
  queues: QueueState[];
  agents: AgentRecord[];
  /** The queue views its screens last got: a push diffs against them, a snapshot reads them. */
  published: PublishedQueues;
}

interface Phase {
  screens: number;
  readonly published: PublishedQueues;
  readonly queues: Set<QueueState>;
  readonly agents: Set<AgentRecord>;
  allQueues: boolean;
}

/**
 * The floor's screens in phases pushed in turn, so a push interval's socket writes are spread
 * over the interval instead of all landing at its start (where the last of 10,000 screens
 * waited the whole write after the interval). Each phase keeps what its screens last got and
 * what changed since, as if it were a hub of its own offset by a beat.
 */
export class PushPhases {
  private readonly phases: Phase[] = Array.from({ length: PUSH_PHASES }, () => ({ screens: 0, published: new PublishedQueues(), queues: new Set(), agents: new Set(), allQueues: false }));
  private screens = 0;
  /** SCREENS_PER_PHASE, settable for tests. */
  screensPerPhase = SCREENS_PER_PHASE;

  /** The phase a new screen joins: the emptiest of those open, one more opening per `screensPerPhase` screens. */
  choose(): number {
    const open = Math.min(PUSH_PHASES, 1 + Math.floor(this.screens / this.screensPerPhase));
    let best = 0;
    for (let p = 1; p < open; p++) if (this.phases[p].screens < this.phases[best].screens) best = p;
    return best;
  }

  joined(phase: number): void {
    this.phases[phase].screens++;
    this.screens++;
  }

  left(phase: number): void {
    this.phases[phase].screens--;
    this.screens--;
  }

  /** Screens in each phase (for tests and figures). */
  get sizes(): number[] {
    return this.phases.map((p) => p.screens);
  }

  /**
   * Adds what changed since the last beat to every phase with screens. A phase with none
   * forgets what it published: a screen that joins it reads the floor live in its snapshot,
   * and the phase's first push sends each changed queue whole.
   */
  collect(queues: readonly QueueState[], agents: readonly AgentRecord[], newInterval: boolean): void {
    for (const p of this.phases) {
      if (p.screens === 0) {
        reset(p);
        continue;
      }
      if (newInterval) p.allQueues = true;
      for (const q of queues) p.queues.add(q);
      for (const a of agents) p.agents.add(a);
    }
  }

  /** What changed for `phase` since it was last pushed; from now on it collects afresh. */
  take(phase: number): PhaseChanges {
    const p = this.phases[phase];
    const out = { allQueues: p.allQueues, queues: [...p.queues], agents: [...p.agents], published: p.published };
    p.queues.clear();
    p.agents.clear();
    p.allQueues = false;
    return out;
  }

  /** The queue views the screens of `phase` last got. */
  published(phase: number): PublishedQueues {
    return this.phases[phase].published;
  }

  /** Every phase forgets what it published and collected (the hub serves another engine). */
  clear(): void {
    for (const p of this.phases) reset(p);
  }
}

function reset(p: Phase): void {
  p.published.clear();
  p.queues.clear();
  p.agents.clear();
  p.allQueues = false;
}
