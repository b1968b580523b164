import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Engine } from '../domain/engine.ts';
import type { Plan } from '../domain/plan.ts';
import type { ApplyCounts, ApplyHooks } from '../ingest/ingest-batch.ts';
import type { FloorEvent } from '../protocol/events.ts';
import type { Command } from '../protocol/commands.ts';
import type { LogEntry } from '../protocol/log.ts';
import { StoreUnavailable, type Follower, type LogRecord, type Position, type Store } from '../store/store.ts';
import { engineCaptureSteps, engineFromData, type EngineData } from '../domain/engine-snapshot.ts';
import type { PlanData } from '../domain/plan.ts';
import type { AlertLedgerData } from '../domain/alert-ledger.ts';
import { comparePositions } from '../store/store.ts';
import { Fold, type EntryResult, type SimulatorMark } from './fold.ts';
import { runInTurns } from './in-turns.ts';
import { stringifySliced } from './stringify-sliced.ts';

/** The snapshot format; a snapshot of another version is ignored and the log replayed instead. */
export const SNAPSHOT_VERSION = 1;

/** What the floor needs of the directory: apply a command (with side effects), save and load it. */
export interface FloorDirectory {
  apply(cmd: Command): void;
  toJSON(): Command[];
  load(commands: Command[]): void;
}

interface SnapshotData {
  engine: EngineData;
  directory?: Command[];
  plan: PlanData;
  sim: SimulatorMark | null;
  /** Logged alerts (absent in snapshots taken before alerts were logged). */
  alerts?: AlertLedgerData;
  /** Positions of earlier snapshots and when they were taken (epoch ms), newest last: the trim points. */
  marks: { position: Position; at: number }[];
}

/** Thrown to a writer when the log cannot take the entry now (answer 503 with Retry-After). */
export { StoreUnavailable };

type Waiter = { resolve: (r: EntryResult) => void; reject: (e: Error) => void };

/**
 * The floor: engine and plan as a fold of the durable log. Writers `submit` entries, which are
 * appended (durably) and answered once this process has applied them in log order, so every
 * process that follows the same log applies the same entries in the same order.
 */
export class Floor {
  readonly fold: Fold;
  private readonly proc = randomUUID();
  private n = 0;
  private waiters = new Map<number, Waiter>();
  private follower: Follower | null = null;
  /** The position of the last entry applied here. */
  position: Position | null = null;
  /** Records that arrived while a snapshot was being serialised, applied once it is; null when none is. */
  private held: LogRecord[] | null = null;
  /** The snapshot under way (or the last one), and the one waiting for it, if any. */
  private snapshotting: Promise<boolean> = Promise.resolve(false);
  private nextSnapshot: Promise<boolean> | null = null;
  /** How long (ms) one turn of serialising a snapshot, or of applying what waited for it, may hold the loop; settable for tests (0: one piece a turn). */
  snapshotBudgetMs = 8;
  /** How long (ms) one turn of applying records from the log may hold the loop; settable for tests (0: one record a turn). */
  applyBudgetMs = 8;
  /** Awaited between a snapshot's capture and its serialisation: lets a test post while the fold holds. */
  snapshotGate: (() => Promise<void>) | null = null;
  /** The end of the record being applied in steps, if one is part-way. */
  private midRecord: Promise<void> | null = null;
  /** Records that waited for a snapshot to be serialised, since start. */
  heldRecords = 0;
  private started = false;

  constructor(
    readonly engine: Engine,
    readonly plan: Plan,
    readonly store: Store,
    private readonly logger: Logger,
    hooks: ApplyHooks = {},
    /** Users, displays and tokens: folded from `command` entries and kept in snapshots. */
    private readonly directory: FloorDirectory | null = null,
  ) {
    this.fold = new Fold(engine, plan, hooks, directory ? (cmd) => directory.apply(cmd) : undefined);
  }

  /** Snapshot positions and times, newest last (see SnapshotData.marks). */
  private marks: { position: Position; at: number }[] = [];

  /**
   * Loads the newest snapshot (if it is of this version), replays the log after it and follows
   * it; resolves once every entry logged before the call is applied.
   */
  async start(wallNow: number): Promise<void> {
    if (this.started) return;
    this.started = true;
    const snap = await this.store.readSnapshot();
    if (snap && snap.version === SNAPSHOT_VERSION) {
      const d = JSON.parse(snap.data) as SnapshotData;
      engineFromData(this.engine, d.engine);
      this.plan.load(d.plan);
      this.fold.forgetPlanDays();
      if (d.directory) this.directory?.load(d.directory);
      this.fold.sim = d.sim;
      if (d.alerts) this.fold.alerts.load(d.alerts);
      this.marks = d.marks;
      this.position = snap.position;
    } else if (snap) {
      this.logger.warn({ version: snap.version, expected: SNAPSHOT_VERSION }, 'snapshot of another format ignored: replaying the log from its start');
    }
    this.follower = this.store.follow(this.position, (records) => this.onRecords(records));
    await this.submit({ k: 'start', at: wallNow });
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
    this.follower = null;
    for (const w of this.waiters.values()) w.reject(new StoreUnavailable('the floor is stopping'));
    this.waiters.clear();
  }

  /** Appends an entry and resolves with what applying it gave, once it is applied here. */
  async submit(entry: LogEntry): Promise<EntryResult> {
    const n = ++this.n;
    const result = new Promise<EntryResult>((resolve, reject) => this.waiters.set(n, { resolve, reject }));
    // Seen by the caller when it awaits; a floor stopping meanwhile must not make it an unhandled rejection.
    result.catch(() => {});
    try {
      await this.store.append([{ ...entry, origin: { proc: this.proc, n } }]);
    } catch (e) {
      this.waiters.delete(n);
      throw e instanceof StoreUnavailable ? e : new StoreUnavailable((e as Error).message);
    }
    return result;
  }

  /** Appends validated events; resolves with what applying them did. */
  async submitEvents(events: FloorEvent[], simTo?: number): Promise<ApplyCounts> {
    return (await this.submit(simTo === undefined ? { k: 'events', events } : { k: 'events', events, simTo })) as ApplyCounts;
  }

  /**
   * Saves the floor as it is (engine, plan, simulator mark) with the log position it covers,
   * then trims the log behind the newest earlier snapshot older than `keepMs` (the retention
   * window), so the log always reaches back past one full window.
   */
  saveSnapshot(wallNow: number, keepMs: number): Promise<boolean> {
    // One at a time, and at most one waiting: ticks that come while a snapshot is written
    // share the waiting one instead of piling up behind it.
    if (this.nextSnapshot) return this.nextSnapshot;
    const run = this.snapshotting.then(() => {
      this.nextSnapshot = null;
      return this.writeSnapshot(wallNow, keepMs);
    });
    this.nextSnapshot = run;
    this.snapshotting = run.catch(() => false);
    return run;
  }

  private async writeSnapshot(wallNow: number, keepMs: number): Promise<boolean> {
    // The state is captured and serialised over many turns of the loop (pushes and health checks go on), so
    // the fold holds still until it is: entries arriving meanwhile wait in `held`, in order, and
    // a record applied in steps (a schedule) is let finish first.
    let text: string;
    let position: Position | null = null;
    let mark = { position: '', at: wallNow };
    this.held = [];
    try {
      while (this.midRecord) await this.midRecord;
      position = this.position;
      if (position === null || this.marks.at(-1)?.position === position) return false;
      mark = { position, at: wallNow };
      const engine = await runInTurns(engineCaptureSteps(this.engine), this.snapshotBudgetMs);
      const plan = await runInTurns(this.plan.captureSteps(), this.snapshotBudgetMs);
      const data: SnapshotData = { engine, plan, directory: this.directory?.toJSON(), sim: this.fold.sim, alerts: this.fold.alerts.toData(), marks: [...this.marks, mark] };
      await this.snapshotGate?.();
      text = await stringifySliced(data, this.snapshotBudgetMs);
    } finally {
      await this.releaseHeld();
    }
    await this.store.writeSnapshot({ position, version: SNAPSHOT_VERSION, data: text });
    // A trim point only once its snapshot is written: a failed one must not be trimmed to.
    this.marks.push(mark);
    const old = this.marks.filter((m) => wallNow - m.at >= keepMs);
    const cut = old.at(-1);
    if (cut && comparePositions(cut.position, position) < 0) {
      await this.store.trimBefore(cut.position);
      this.marks = this.marks.filter((m) => comparePositions(m.position, cut.position) >= 0);
    }
    return true;
  }

  /**
   * Applies the records held during a snapshot, in order, over turns of about
   * `snapshotBudgetMs`, so catching up does not hold the loop as long as the snapshot did;
   * records arriving meanwhile queue behind them.
   */
  private async releaseHeld(): Promise<void> {
    await runInTurns(this.applySteps(this.held ?? [], false), this.snapshotBudgetMs);
    this.held = null;
  }

  health(): 'ok' | 'degraded' {
    return this.store.health();
  }

  /**
   * Applies a batch from the log over turns of about `applyBudgetMs`: a 4 MB batch under the
   * ingest load held the loop 100-200 ms in one go. Records that meet a snapshot being
   * serialised (begun before them or during a pause) wait for it, in order.
   */
  private async onRecords(records: LogRecord[]): Promise<void> {
    await runInTurns(this.applySteps(records, true), this.applyBudgetMs);
  }

  /**
   * Applies `list` in order (it may grow meanwhile) as steps of one record, for `runInTurns`
   * (no pause after the last). With `holdForSnapshot`, what is left when a snapshot is being
   * serialised goes to `held` instead.
   */
  private *applySteps(list: LogRecord[], holdForSnapshot: boolean): Generator<void, void> {
    for (let i = 0; i < list.length; i++) {
      if (holdForSnapshot && this.held) {
        this.heldRecords += list.length - i;
        for (; i < list.length; i++) this.held.push(list[i]);
        return;
      }
      yield* this.applyRecord(list[i]);
      if (i + 1 < list.length) yield;
    }
  }

  /**
   * Folds one log record (a schedule in several steps, fold.ts) and answers its waiter, if this
   * process wrote it. While a record is part-way, `midRecord` is the promise of its end.
   */
  private *applyRecord(r: LogRecord): Generator<void, void> {
    const entry = r.entry as LogEntry;
    let result: EntryResult = null;
    let failure: Error | null = null;
    let ended: (() => void) | null = null;
    try {
      const steps = this.fold.applySteps(entry);
      for (let s = steps.next(); ; s = steps.next()) {
        if (s.done) {
          result = s.value;
          break;
        }
        if (!ended) this.midRecord = new Promise<void>((resolve) => (ended = resolve));
        yield;
      }
    } catch (e) {
      // A bad entry must not stop the floor: it is skipped here, as in every process.
      failure = e as Error;
      this.logger.error({ err: e, position: r.position, kind: entry?.k }, 'log entry could not be applied');
    }
    this.position = r.position;
    if (ended) {
      this.midRecord = null;
      (ended as () => void)();
    }
    const o = entry?.origin;
    if (o && o.proc === this.proc) {
      const w = this.waiters.get(o.n);
      if (w) {
        this.waiters.delete(o.n);
        if (failure) w.reject(failure);
        else w.resolve(result);
      }
    }
  }
}
