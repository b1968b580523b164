/**
 * Entries of the durable log, the one truth every process folds (DESIGN.md section 2): the
 * engine and the plan are a pure function of these entries in log order. Everything an entry
 * needs to apply deterministically (ids, times, validated rows) is decided before it is
 * appended. Entries are added to, never changed: old logs must replay.
 */
import type { Command } from './commands.ts';
import type { AlertView } from './alerts.ts';
import type { FloorEvent } from './events.ts';
import type { PrincipalKind } from './people.ts';

/** Who appended an entry and its number there, so that process can answer its caller. */
export interface Origin {
  /** A random id of the appending process (new at every start). */
  proc: string;
  n: number;
}

export type LogEntry =
  /** Validated events; `simTo` (epoch ms) when the simulator made them: how far it has run. */
  | { k: 'events'; events: FloorEvent[]; simTo?: number; origin?: Origin }
  /** `gapsOnly` (the simulator's plan): applied only when the queue has no forecast that day yet, so an import always wins. */
  | { k: 'forecast'; tenant: string; queueId: string; dayStart: number; dayEnd: number; rows: [start: number, calls: number, ahtSeconds: number][]; gapsOnly?: true; origin?: Origin }
  /** A schedule import as written before `schedule.packed`: still applied, never written. */
  | { k: 'schedule'; tenant: string; dayStart: number; dayEnd: number; segments: { agentId: string; start: number; end: number; activity: string }[]; origin?: Origin }
  /**
   * A schedule import: replaces the segments of the agents it names on the local day
   * [dayStart, dayEnd) (epoch ms). Agent ids and activity names once each, segments packed in
   * one string (packed-schedule.ts). `gapsOnly` (the simulator's rota): only for agents with no
   * segment that day but ones it holds itself (its night shift from the evening before).
   */
  | { k: 'schedule.packed'; tenant: string; dayStart: number; dayEnd: number; activities: string[]; agents: string[]; segments: string; gapsOnly?: true; origin?: Origin }
  | { k: 'whatif.add'; tenant: string; queueId: string; date: string; from: number; to: number; agents: number; label: string; createdBy: string; createdByKind?: PrincipalKind; origin?: Origin }
  | { k: 'whatif.remove'; tenant: string; id: string; origin?: Origin }
  /** Queues a history import names, registered before their first call (all or none, up to the tenant's cap). */
  | { k: 'queues'; tenant: string; queueIds: string[]; origin?: Origin }
  /**
   * The simulated floor's clock: from real time `wallAt` (epoch ms) its time runs from `simAt`
   * at `speed`; `start` and `seed` name the simulation, so a restart can continue it.
   */
  /** A change of users, sessions, displays or tokens (server/protocol/commands.ts). */
  | { k: 'command'; cmd: Command; origin?: Origin }
  /** A process started following the log at real time `at` (epoch ms); applying it changes nothing. */
  | { k: 'start'; at: number; origin?: Origin }
  /** An alert fired (decided by the one alert evaluator, on the engine clock). */
  | { k: 'alert.fired'; alert: AlertView; origin?: Origin }
  /** An open alert closed at `closedAt` (epoch ms) with the values seen last. */
  | { k: 'alert.closed'; tenant: string; id: string; closedAt: number; latestValue: number | null; peakValue: number; origin?: Origin }
  /** A supervisor (`by`, the token's name) acknowledged an alert at `at` (epoch ms, engine clock). */
  | { k: 'alert.ack'; tenant: string; id: string; by: string; at: number; origin?: Origin }
  | { k: 'sim.clock'; seed: number; start: number; simAt: number; wallAt: number; speed: number; origin?: Origin };

export type LogEntryKind = LogEntry['k'];
