/**
 * Admits costly requests (subscriptions) at a bounded global rate, requesters in turn (below).
 * When a thousand screens reconnect at once they wait in line here instead of stalling the
 * event loop: at most `perSlot` jobs run per slot of `slotMs`, and the loop yields between
 * slots so health checks and ingest keep their turn. A slot also ends once it has run for
 * `budgetMs`: one job can cost a snapshot build (tens of ms on a big floor), so a count alone
 * does not bound how long the loop is held; the rest of the line then goes on at the next turn.
 */
export interface AdmissionOptions {
  /** Jobs run per slot. */
  perSlot: number;
  /** Length of a slot, ms. */
  slotMs: number;
  /** Jobs that may wait; beyond that `offer` refuses. */
  maxWaiting: number;
  /** Runs `fn` after `ms` (setTimeout in the server, a fake in tests). */
  schedule: (fn: () => void, ms: number) => void;
  /** Longest a slot keeps running jobs, ms of `clock` (default: no limit). */
  budgetMs?: number;
  /** A monotonic clock in ms for the budget (performance.now in the server, a fake in tests). */
  clock?: () => number;
}

interface Job {
  run: () => void;
  /** False once the requester went away (the job is skipped, not run). */
  wanted: () => boolean;
}

/** Items in arrival order; taken ones are cleared (so what they hold can go), the taken prefix dropped now and then. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, taken out (there must be one). */
  take(): T {
    const item = this.items[this.head]!;
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      // Drop the taken prefix now and then, so the array does not grow without bound.
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * Jobs are kept per requester (`key`: the hub gives each principal its own) and served one
 * requester at a time in turn, each requester's own in order: one viewer's thousand screens
 * asking ten subscriptions each filled the line, and another tenant's wallboard waited 41-98 s
 * behind them and was then told the server was busy. Jobs offered with no key share one lane,
 * which is the first come, first served line. A full line still takes a requester holding less
 * than an equal share of it (so the line holds at most twice `maxWaiting`).
 */
export class AdmissionQueue {
  /** Each requester's jobs waiting, by key. */
  private readonly lanes = new Map<string, Fifo<Job>>();
  /** Keys whose lane has jobs, in serving order (each served key goes to the back while it has more). */
  private readonly turn = new Fifo<string>();
  private waiting = 0;
  private scheduled = false;

  constructor(private readonly opts: AdmissionOptions) {}

  /** Jobs waiting now. */
  get length(): number {
    return this.waiting;
  }

  /** Seconds a new job would wait at the current length (for a "try again" answer). */
  waitSeconds(): number {
    return Math.ceil(((this.length / this.opts.perSlot) * this.opts.slotMs) / 1000);
  }

  /** Queues a job of requester `key`; false when the line is full for it. Each key's jobs run in the order offered. */
  offer(run: () => void, wanted: () => boolean = () => true, key = ''): boolean {
    let lane = this.lanes.get(key);
    if (this.waiting >= this.opts.maxWaiting) {
      const share = this.opts.maxWaiting / (this.lanes.size + (lane ? 0 : 1));
      if ((lane?.length ?? 0) >= share) return false;
    }
    if (!lane) {
      this.lanes.set(key, (lane = new Fifo<Job>()));
      this.turn.push(key);
    }
    lane.push({ run, wanted });
    this.waiting++;
    if (!this.scheduled) {
      this.scheduled = true;
      this.opts.schedule(() => this.drain(), 0);
    }
    return true;
  }

  /** The next job in turn, taken out of the line (its lane goes to the back, or away when empty). */
  private next(): Job {
    const key = this.turn.take();
    const lane = this.lanes.get(key)!;
    const job = lane.take();
    this.waiting--;
    if (lane.length > 0) this.turn.push(key);
    else this.lanes.delete(key);
    return job;
  }

  /** Runs up to one slot of jobs, then schedules the next slot while any remain. */
  private drain(): void {
    const { budgetMs = Infinity, clock = () => 0 } = this.opts;
    const start = clock();
    let ran = 0;
    let spent = false;
    while (ran < this.opts.perSlot && this.waiting > 0) {
      if (ran > 0 && clock() - start >= budgetMs) {
        spent = true;
        break;
      }
      // A served upgrade's job holds its request, TCP socket and first bytes: the line lets go of it now.
      const job = this.next();
      if (!job.wanted()) continue;
      ran++;
      job.run();
    }
    // A slot cut short by the budget is not a full slot of the rate: the next one follows at once.
    if (this.waiting > 0) this.opts.schedule(() => this.drain(), spent ? 0 : this.opts.slotMs);
    else this.scheduled = false;
  }
}

/** A line on the event loop: slots scheduled with setTimeout, budgets measured with performance.now (ms). */
export function loopAdmissionQueue(limits: Pick<AdmissionOptions, 'perSlot' | 'slotMs' | 'maxWaiting' | 'budgetMs'>): AdmissionQueue {
  return new AdmissionQueue({ ...limits, clock: () => performance.now(), schedule: (fn, ms) => void setTimeout(fn, ms) });
}
