import { fastDial } from './fast-validate-dial.ts';
import { ISO_WITH_OFFSET, offsetProblem } from '../validation/iso-time.ts';
import { CHANNELS, DEFAULT_TENANT, DEQUEUE_REASONS, MAX_CHANNEL_CAPACITY, type AgentLogin, type CallQueued, type Channel, type ChannelCapacity, type DequeueReason, type FloorEvent } from '../protocol/events.ts';

/**
 * The hot path of event validation. It accepts only events the zod schemas in
 * validate-event.ts accept, and builds the same output; anything unusual (whitespace to trim,
 * non-ASCII ids, any error) returns null so zod decides and words the error. A property test
 * (test/unit/fast-validate.test.ts) holds the two to the same answers.
 */
export function fastValidate(o: unknown): FloorEvent | null {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const e = o as Record<string, unknown>;
  const id = e.id;
  const ts = time(e.ts);
  const tenantRaw = e.tenant;
  if (!plainId(id) || ts === null) return null;
  let tenant = DEFAULT_TENANT;
  if (tenantRaw !== undefined) {
    if (!plainId(tenantRaw)) return null;
    tenant = tenantRaw;
  }
  switch (e.type) {
    case 'call.queued': {
      const { callId, queueId, channel, priority } = e;
      if (!plainId(callId) || !plainId(queueId)) return null;
      if (channel !== undefined && !(CHANNELS as readonly unknown[]).includes(channel)) return null;
      if (priority !== undefined && !Number.isSafeInteger(priority)) return null;
      const out: CallQueued = { id, ts, tenant, callId, queueId, type: 'call.queued', channel: (channel ?? 'voice') as Channel };
      if (priority !== undefined) out.priority = priority as number;
      return out;
    }
    case 'call.answered': {
      const { callId, queueId, agentId, direction } = e;
      if (!plainId(callId) || !plainId(queueId) || !plainId(agentId)) return null;
      if (direction === undefined) return { id, ts, tenant, callId, queueId, type: 'call.answered', agentId };
      if (direction !== 'inbound' && direction !== 'outbound') return null;
      return { id, ts, tenant, callId, queueId, type: 'call.answered', agentId, direction };
    }
    case 'call.abandoned': {
      const { callId, queueId } = e;
      if (!plainId(callId) || !plainId(queueId)) return null;
      return { id, ts, tenant, callId, queueId, type: 'call.abandoned' };
    }
    case 'call.dequeued': {
      const { callId, queueId, reason } = e;
      if (!plainId(callId) || !plainId(queueId) || !(DEQUEUE_REASONS as readonly unknown[]).includes(reason)) return null;
      return { id, ts, tenant, callId, queueId, type: 'call.dequeued', reason: reason as DequeueReason };
    }
    case 'call.held':
    case 'call.retrieved':
    case 'call.ended': {
      const { callId, agentId } = e;
      if (!plainId(callId) || !plainId(agentId)) return null;
      return { id, ts, tenant, callId, agentId, type: e.type };
    }
    case 'call.wrapped': {
      const { callId, agentId, disposition } = e;
      if (!plainId(callId) || !plainId(agentId)) return null;
      if (disposition === undefined) return { id, ts, tenant, callId, agentId, type: 'call.wrapped' };
      if (!plainId(disposition)) return null;
      return { id, ts, tenant, callId, agentId, type: 'call.wrapped', disposition };
    }
    case 'agent.login': {
      const { agentId, name, teamId, queues, state, reason, capacity } = e;
      if (!plainId(agentId)) return null;
      const out: AgentLogin = { id, ts, tenant, type: 'agent.login', agentId };
      if (name !== undefined) {
        if (!plainId(name)) return null;
        out.name = name;
      }
      if (teamId !== undefined) {
        if (!plainId(teamId)) return null;
        out.teamId = teamId;
      }
      if (queues !== undefined) {
        if (!Array.isArray(queues) || queues.length > 500 || !queues.every(plainId)) return null;
        out.queues = queues.slice();
      }
      if (state !== undefined) {
        if (state !== 'available' && state !== 'aux') return null;
        out.state = state;
      }
      if (reason !== undefined) {
        if (!plainId(reason)) return null;
        out.reason = reason;
      }
      if (capacity !== undefined) {
        const c = channelCapacity(capacity);
        if (!c) return null;
        out.capacity = c;
      }
      return out;
    }
    case 'agent.state': {
      const { agentId, state, reason } = e;
      if (!plainId(agentId) || (state !== 'available' && state !== 'aux')) return null;
      if (reason === undefined) return { id, ts, tenant, type: 'agent.state', agentId, state };
      if (!plainId(reason)) return null;
      return { id, ts, tenant, type: 'agent.state', agentId, state, reason };
    }
    case 'agent.logout': {
      const { agentId } = e;
      if (!plainId(agentId)) return null;
      return { id, ts, tenant, type: 'agent.logout', agentId };
    }
    case 'dial.attempt':
    case 'dial.outcome':
      return fastDial(e, id, ts, tenant);
    default:
      return null;
  }
}

/** A plain object of channel -> whole number 0..MAX_CHANNEL_CAPACITY with no other key, copied; else null. */
function channelCapacity(v: unknown): ChannelCapacity | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const out: ChannelCapacity = {};
  for (const [k, n] of Object.entries(v)) {
    if (!(CHANNELS as readonly string[]).includes(k)) return null;
    if (n === undefined) continue;
    if (!Number.isSafeInteger(n) || (n as number) < 0 || (n as number) > MAX_CHANNEL_CAPACITY) return null;
    out[k as Channel] = n as number;
  }
  return out;
}

export const MIN_TS = Date.UTC(2000, 0, 1);
export const MAX_TS = Date.UTC(2100, 0, 1);

/** Epoch ms of a valid timestamp, or null. */
function time(v: unknown): number | null {
  let ms: number;
  if (typeof v === 'number') ms = v;
  else if (typeof v !== 'string') return null;
  else {
    // The common form is read without the regex and the general date parser.
    ms = plainUtcMillis(v);
    if (Number.isNaN(ms)) {
      if (!ISO_WITH_OFFSET.test(v) || offsetProblem(v) !== null) return null;
      ms = Date.parse(v);
    }
  }
  return Number.isFinite(ms) && ms >= MIN_TS && ms <= MAX_TS ? ms : null;
}

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SS.mmmZ` whose fields are plainly valid (year 1000 on, day 1-28,
 * hour 0-23), the form every feed of ours writes: what `Date.parse` gives it. NaN for anything
 * else, which then takes the regex and `Date.parse` (month ends, leap days, offsets).
 */
export function plainUtcMillis(v: string): number {
  if (v.length !== 24 || v.charCodeAt(23) !== 90 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84) return NaN;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || v.charCodeAt(19) !== 46) return NaN;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  const milli = digits(v, 20, 3);
  // A non-digit makes its field negative.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The decimal number of `n` characters of `s` from `at`, or a negative number if one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

/** A 1-200 character string of printable ASCII with no space at either end (nothing to trim). */
export function plainId(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) return false;
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

