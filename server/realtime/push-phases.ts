import type { AgentRecord, QueueState } from '../domain/engine.ts';
import { EpochCache } from './epoch-cache.ts';
import { PublishedQueues } from './published-queues.ts';

/**
 * Most phases a floor's screens are split into. The hub beats every push interval / PUSH_PHASES
 * and pushes one phase a beat, so each screen still hears at most one message per interval.
 */
export const PUSH_PHASES = 5;
/**
 * Screens a phase takes before the next one opens. Writing one update to a socket costs about
 * 13-33 us here, so a phase of 2,000 is written within a beat of 50 ms (250 ms / 5), where
 * 10,000 screens in one phase took 130-330 ms: the last screen's wait added to the interval's.
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

interface Phase<S> {
  screens: number;
  readonly published: PublishedQueues;
  readonly queues: Set<QueueState>;
  readonly agents: Set<AgentRecord>;
  allQueues: boolean;
  /** Subscribe answers built from `published`, by scope, until `version` changes. */
  readonly snapshots: EpochCache<S>;
  /**
   * The hub's version when the phase last changed what it published (a push with changes, a
   * reset): its snapshots carry it and its new rooms start at it, so no room's next update
   * builds on a version above a snapshot the phase hands out.
   */
  version: number;
}

/**
 * The floor's screens in phases pushed in turn, so a push interval's socket writes are spread
 * over the interval instead of all landing at its start (where the last of 10,000 screens
 * waited the whole write after the interval). Each phase keeps what its screens last got and
 * what changed since, as if it were a hub of its own offset by a beat.
 */
export class PushPhases<S> {
  private readonly phases: Phase<S>[];
  /** SCREENS_PER_PHASE, settable for tests. */
  screensPerPhase = SCREENS_PER_PHASE;

  /** `cacheEntries`: distinct snapshots kept per phase between its pushes with changes; `cacheLimit`: what they may weigh in all per phase. */
  constructor(cacheEntries: number, cacheLimit: ConstructorParameters<typeof EpochCache<S>>[1] = null) {
    this.phases = Array.from({ length: PUSH_PHASES }, () => ({ screens: 0, published: new PublishedQueues(), queues: new Set(), agents: new Set(), allQueues: false, snapshots: new EpochCache<S>(cacheEntries, cacheLimit), version: 0 }));
  }

  /** The phase a new screen joins: the emptiest of those open, one more opening per `screensPerPhase` screens. */
  choose(): number {
    const screens = this.phases.reduce((n, p) => n + p.screens, 0);
    const open = Math.min(PUSH_PHASES, 1 + Math.floor(screens / this.screensPerPhase));
    let best = 0;
    for (let p = 1; p < open; p++) if (this.phases[p].screens < this.phases[best].screens) best = p;
    return best;
  }

  /** A screen joined `phase`. */
  joined(phase: number): void {
    this.phases[phase].screens++;
  }

  /** A screen of `phase` left (disconnected). */
  left(phase: number): void {
    this.phases[phase].screens--;
  }

  /** Screens in each phase (for tests and figures). */
  get sizes(): number[] {
    return this.phases.map((p) => p.screens);
  }

  /** Whether `phase` has screens. */
  has(phase: number): boolean {
    return this.phases[phase].screens > 0;
  }

  /** Snapshots built since start, over all phases (for tests and figures). */
  get snapshotBuilds(): number {
    return this.phases.reduce((n, p) => n + p.snapshots.builds, 0);
  }

  /** The subscribe answer of `key` for a screen of `phase`, built with `build` once per key until the phase's version changes. */
  snapshot(phase: number, key: string, build: () => S): S {
    return this.phases[phase].snapshots.get(key, build);
  }

  /** The subscribe answer of `key` already built for `phase` since its version last changed, if any. */
  keptSnapshot(phase: number, key: string): S | undefined {
    return this.phases[phase].snapshots.peek(key);
  }

  /** The version `phase`'s snapshots carry and its new rooms start at. */
  version(phase: number): number {
    return this.phases[phase].version;
  }

  /** `phase` changed what it published (pushed changes): its snapshots are rebuilt at `version`. */
  renew(phase: number, version: number): void {
    const p = this.phases[phase];
    p.snapshots.advance();
    p.version = version;
  }

  /** Every phase's snapshots are rebuilt at `version` (names redacted anew, another engine). */
  renewAll(version: number): void {
    for (let i = 0; i < PUSH_PHASES; i++) this.renew(i, version);
  }

  /**
   * Adds what changed since the last beat to every phase with screens. A phase with none
   * forgets what it published and its snapshots, renewed at `version`: a screen that joins it
   * reads the floor live in its snapshot, and the phase's first push sends each changed queue whole.
   */
  collect(queues: readonly QueueState[], agents: readonly AgentRecord[], newInterval: boolean, version: number): void {
    for (let i = 0; i < PUSH_PHASES; i++) {
      const p = this.phases[i];
      if (p.screens === 0) {
        reset(p);
        this.renew(i, version);
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

  /** Every phase forgets what it published and collected, its snapshots renewed at `version` (the hub serves another engine). */
  clear(version: number): void {
    for (const p of this.phases) reset(p);
    this.renewAll(version);
  }
}

function reset<S>(p: Phase<S>): void {
  p.published.clear();
  p.queues.clear();
  p.agents.clear();
  p.allQueues = false;
}
