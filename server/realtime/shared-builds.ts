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

/** A promise and what resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Builds that run over turns of the loop, shared by everyone who asks for the same thing while
 * one is under way (by owner, an engine, and key), and bounded per sign-in and in all: each
 * holds up to a whole floor's text until it ends.
 */
export class SharedBuilds<T> {
  private readonly building = new WeakMap<object, Map<string, Promise<T>>>();
  private readonly started: WaitingCounts;
  /** Resolved, and replaced, whenever a build ends. */
  private ended = signal();

  constructor(private readonly limits: { perSignIn: number; total: number }) {
    this.started = new WaitingCounts(limits.perSignIn, limits.total);
  }

  /** The build of `key` under way for `owner` (joined), or one `signIn` starts with `build`; throws `TooManyBuilds` past a limit. */
  get(owner: object, key: string, signIn: string, build: () => Promise<T>): Promise<T> {
    let under = this.building.get(owner);
    const joined = under?.get(key);
    if (joined) return joined;
    const refused = this.started.refusal(signIn);
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
    const done = built.finally(() => {
      running.delete(key);
      this.started.giveBack(signIn);
      const ended = this.ended;
      this.ended = signal();
      ended.resolve();
    });
    running.set(key, done);
    return done;
  }

  /** Resolves when the next build ends (its count given back), for an ask refused meanwhile to try again. */
  nextEnd(): Promise<void> {
    return this.ended.promise;
  }
}
