import { WaitingCounts } from './rate-limit.ts';

/** Why a new build was refused: `sign-in` has `perSignIn` building already, `server` has `total`. */
export class TooManyBuilds extends Error {
  constructor(
    readonly who: 'sign-in' | 'server',
    readonly limit: number,
  ) {
    super(`${limit} snapshots are being built for this ${who === 'sign-in' ? 'sign-in' : 'server'} already`);
  }
}

/** An ask refused for a limit, waiting for its turn or for a build of its key to join. */
interface Waiter {
  owner: object;
  key: string;
  signIn: string;
  /** False once the asker went away: dropped from the line, never woken. */
  alive: () => boolean;
  /** `true`: a build may start for it (it holds the turn); `false`: a build of its key started. */
  wake: (turn: boolean) => void;
}

/**
 * Builds that run over turns of the loop, shared by everyone who asks for the same thing while
 * one is under way (by owner, an engine, and key), and bounded per sign-in and in all: each
 * holds up to a whole floor's text until it ends. Asks refused meanwhile wait in line: a build's
 * end wakes one, not all (three hundred scopes waiting re-asked 2,934 times in 44 s when every
 * end woke them all), and a build's start wakes those waiting for its key, to join it.
 */
export class SharedBuilds<T> {
  private readonly building = new WeakMap<object, Map<string, Promise<T>>>();
  private readonly started: WaitingCounts;
  /** Asks in line, counted by sign-in (bounded: each holds a socket's request until it is woken). */
  private readonly queued: WaitingCounts;
  private waiters: Waiter[] = [];
  /**
   * Turns handed to woken asks and not yet used, by sign-in: each holds its place in `started`
   * until its ask starts a build (`get`) or hands the turn on (`handOver`). A woken ask goes
   * again through the admission line, and a fresh ask that came meanwhile took the free place
   * first: another sign-in asking without pause kept a waiting screen refused at every turn.
   */
  private readonly turns = new Map<string, number>();
  private startCount = 0;

  constructor(
    private readonly limits: { perSignIn: number; total: number },
    waitLimits: { perSignIn: number; total: number } = { perSignIn: Infinity, total: Infinity },
  ) {
    this.started = new WaitingCounts(limits.perSignIn, limits.total);
    this.queued = new WaitingCounts(waitLimits.perSignIn, waitLimits.total);
  }

  /** Builds started since this was made (a turn holder compares it before and after its ask). */
  get starts(): number {
    return this.startCount;
  }

  /** Asks waiting now. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** The build of `key` under way for `owner` (joined), or one `signIn` starts with `build`; throws `TooManyBuilds` past a limit. */
  get(owner: object, key: string, signIn: string, build: () => Promise<T>): Promise<T> {
    let under = this.building.get(owner);
    const joined = under?.get(key);
    if (joined) return joined;
    // A turn of this sign-in is a place already counted; else it asks for one (and the turns held count as taken).
    const refused = this.useTurn(signIn) ? null : this.started.refusal(signIn);
    if (refused === 'key') throw new TooManyBuilds('sign-in', this.limits.perSignIn);
    if (refused === 'total') throw new TooManyBuilds('server', this.limits.total);
    if (!under) this.building.set(owner, (under = new Map()));
    const running = under;
    let built: Promise<T>;
    try {
      built = build();
    } catch (e) {
      this.started.giveBack(signIn);
      throw e;
    }
    this.startCount++;
    const done = built.finally(() => {
      running.delete(key);
      this.started.giveBack(signIn);
      this.wakeNext();
    });
    running.set(key, done);
    this.wakeJoiners(owner, key);
    return done;
  }

  /**
   * Resolves when the ask may go again: `true` once a build ended and `signIn` may start one (the
   * ask then holds the turn, a place kept for it: it starts a build or calls `handOver`), `false` once a build of
   * `key` started (to join it). `first`: a woken ask refused again keeps its place at the front.
   * Null when too many wait for `signIn` or in all, counting only asks whose `alive` still holds.
   */
  wait(owner: object, key: string, signIn: string, alive: () => boolean, first = false): Promise<boolean> | null {
    if (!this.queued.take(signIn)) {
      this.dropGone();
      if (!this.queued.take(signIn)) return null;
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { owner, key, signIn, alive, wake: resolve };
      if (first) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
    });
  }

  /** A woken ask of `signIn` that holds the turn started no build: its place goes to the next waiter that may take it. */
  handOver(signIn: string): void {
    // Its turn may have gone to a fresh ask of the same sign-in meanwhile (`get`): then nothing is held.
    if (this.useTurn(signIn)) this.started.giveBack(signIn);
    this.wakeNext();
  }

  /** Uses up a turn `signIn` holds, if any. */
  private useTurn(signIn: string): boolean {
    const n = this.turns.get(signIn) ?? 0;
    if (n === 0) return false;
    if (n > 1) this.turns.set(signIn, n - 1);
    else this.turns.delete(signIn);
    return true;
  }

  /** Wakes the first waiter whose sign-in may start a build now, if any, holding the place for it (a build ended, or a turn was handed on). */
  private wakeNext(): void {
    if (this.started.count >= this.limits.total) return;
    this.dropGone();
    const i = this.waiters.findIndex((w) => this.started.of(w.signIn) < this.limits.perSignIn);
    if (i < 0) return;
    const [w] = this.waiters.splice(i, 1);
    this.queued.giveBack(w.signIn);
    this.started.take(w.signIn);
    this.turns.set(w.signIn, (this.turns.get(w.signIn) ?? 0) + 1);
    w.wake(true);
  }

  /** Wakes the waiters for a build that just started, to join it. */
  private wakeJoiners(owner: object, key: string): void {
    if (!this.waiters.some((w) => w.owner === owner && w.key === key)) return;
    const joining = this.waiters.filter((w) => w.owner === owner && w.key === key);
    this.waiters = this.waiters.filter((w) => !(w.owner === owner && w.key === key));
    for (const w of joining) {
      this.queued.giveBack(w.signIn);
      if (w.alive()) w.wake(false);
    }
  }

  /** Lets go of the asks whose askers went away (their promises are never settled, and go with them). */
  private dropGone(): void {
    if (this.waiters.every((w) => w.alive())) return;
    this.waiters = this.waiters.filter((w) => {
      if (w.alive()) return true;
      this.queued.giveBack(w.signIn);
      return false;
    });
  }
}
