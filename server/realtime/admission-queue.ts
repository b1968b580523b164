/**
 * Admits costly requests (subscriptions) at a bounded global rate, first come first served.
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

export class AdmissionQueue {
  /** Jobs in arrival order; served ones (before `head`) are cleared, so what they hold can go. */
  private readonly waiting: (Job | undefined)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly opts: AdmissionOptions) {}

  /** Jobs waiting now. */
  get length(): number {
    return this.waiting.length - this.head;
  }

  /** Seconds a new job would wait at the current length (for a "try again" answer). */
  waitSeconds(): number {
    return Math.ceil(((this.length / this.opts.perSlot) * this.opts.slotMs) / 1000);
  }

  /** Queues a job; false when the line is full. Jobs run in the order offered. */
  offer(run: () => void, wanted: () => boolean = () => true): boolean {
    if (this.length >= this.opts.maxWaiting) return false;
    this.waiting.push({ run, wanted });
    if (!this.scheduled) {
      this.scheduled = true;
      this.opts.schedule(() => this.drain(), 0);
    }
    return true;
  }

  /** Runs up to one slot of jobs, then schedules the next slot while any remain. */
  private drain(): void {
    const { budgetMs = Infinity, clock = () => 0 } = this.opts;
    const start = clock();
    let ran = 0;
    let spent = false;
    while (ran < this.opts.perSlot && this.head < this.waiting.length) {
      if (ran > 0 && clock() - start >= budgetMs) {
        spent = true;
        break;
      }
      const job = this.waiting[this.head]!;
      // A served upgrade's job holds its request, TCP socket and first bytes: let them go now, not at the next trim.
      this.waiting[this.head++] = undefined;
      if (!job.wanted()) continue;
      ran++;
      job.run();
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      // Drop the served prefix now and then, so the array does not grow without bound.
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    // A slot cut short by the budget is not a full slot of the rate: the next one follows at once.
    if (this.head < this.waiting.length) this.opts.schedule(() => this.drain(), spent ? 0 : this.opts.slotMs);
    else this.scheduled = false;
  }
}

/** A line on the event loop: slots scheduled with setTimeout, budgets measured with performance.now (ms). */
export function loopAdmissionQueue(limits: Pick<AdmissionOptions, 'perSlot' | 'slotMs' | 'maxWaiting' | 'budgetMs'>): AdmissionQueue {
  return new AdmissionQueue({ ...limits, clock: () => performance.now(), schedule: (fn, ms) => void setTimeout(fn, ms) });
}
