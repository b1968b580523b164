/**
 * Keyed jobs run a slice at a time: each turn of the event loop runs jobs for at most
 * `budgetMs`, the rest at the next turn, so a thousand rooms to refresh never hold the loop
 * (one intraday view is a day of intervals to compute). A key already waiting is not added
 * again: a refresh asked while the last one is still going out merges into it, and each job
 * reads the state when it runs, so it sends the newest figures either way.
 */
export interface SlicedOptions {
  /** Longest (ms of `clock`) one turn keeps running jobs; at least one job runs per turn. */
  budgetMs: number;
  /** A monotonic clock in ms (performance.now in the server, a fake in tests). */
  clock: () => number;
  /** Runs `fn` at a later turn (setImmediate in the server, a fake in tests). */
  schedule: (fn: () => void) => void;
  /** Told of a job that threw; the others still run. */
  onError: (err: unknown) => void;
}

export class SlicedWork {
  /** Jobs waiting, in the order first added (a Map keeps insertion order). */
  private readonly waiting = new Map<string, () => void>();
  private scheduled = false;

  constructor(private readonly opts: SlicedOptions) {}

  /** Jobs waiting now. */
  get length(): number {
    return this.waiting.size;
  }

  /** Adds the job of `key` unless one for that key is already waiting. */
  add(key: string, job: () => void): void {
    if (this.waiting.has(key)) return;
    this.waiting.set(key, job);
    if (!this.scheduled) {
      this.scheduled = true;
      this.opts.schedule(() => this.drain());
    }
  }

  private drain(): void {
    const start = this.opts.clock();
    let ran = 0;
    for (const [key, job] of this.waiting) {
      if (ran > 0 && this.opts.clock() - start >= this.opts.budgetMs) break;
      // Out of the line before it runs: a job that asks for its own key again is a new job.
      this.waiting.delete(key);
      ran++;
      try {
        job();
      } catch (err) {
        this.opts.onError(err);
      }
    }
    if (this.waiting.size) this.opts.schedule(() => this.drain());
    else this.scheduled = false;
  }
}

/** Sliced work on the event loop: turns by setImmediate, budgets by performance.now (ms). */
export function loopSlicedWork(budgetMs: number, onError: (err: unknown) => void): SlicedWork {
  return new SlicedWork({ budgetMs, onError, clock: () => performance.now(), schedule: (fn) => void setImmediate(fn) });
}

/** Runs started in this process: each run's key is its label and its number. */
let runs = 0;

/**
 * Runs `steps` to its end as jobs of `work`, one step a job, under a key of its own (`label`
 * and a number unique in the process: the live and replay hubs, each counting its runs from 1,
 * shared one `work`, and a job whose key was already waiting was never run, so a build never
 * ended). Every run on one `work` shares its budget a turn, taking steps in turn: runs that each
 * waited for turns of their own all ran in the same turn (sixteen client reports asked at once
 * held health 1.5 s, history/client-report.ts). Resolves with what the generator returns,
 * rejects with what it throws.
 */
export function runSliced<T>(work: SlicedWork, label: string, steps: Generator<void, T>): Promise<T> {
  const key = `${label}#${++runs}`;
  return new Promise((resolve, reject) => {
    const step = (): void => {
      let r: IteratorResult<void, T>;
      try {
        r = steps.next();
      } catch (e) {
        reject(e);
        return;
      }
      if (r.done) resolve(r.value);
      else work.add(key, step);
    };
    work.add(key, step);
  });
}

/**
 * Starts `start` as a job of `work` under `key`, so its synchronous part (an SQLite write) runs
 * within a turn's shared budget, and resolves or rejects as the promise it returns does.
 */
export function startSliced<T>(work: SlicedWork, key: string, start: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    work.add(key, () => {
      try {
        start().then(resolve, reject);
      } catch (e) {
        reject(e);
      }
    });
  });
}
