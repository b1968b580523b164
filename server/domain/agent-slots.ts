import { CHANNELS, type Channel, type ChannelCapacity } from '../protocol/events.ts';
import { compareOrder } from './event-rank.ts';
import { ascending, insertSorted, lowerBound, removeAt, removeSorted, upperBound } from './sorted.ts';
import { queueCapacity, queueChannel, type QueueConfig } from './queue-config.ts';

/**
 * One contact an agent took: it holds one slot of its channel from its answer until it is
 * released (wrapped, or ended when its queue has no after-call work).
 */
export interface SlotSpan {
  callId: string;
  /** The contact's channel from its call.queued; null until that arrives (counted as voice meanwhile). */
  channel: Channel | null;
  /** Epoch ms of the answer. */
  start: number;
  /** Epoch ms the slot was released; NaN while the contact still holds it. */
  end: number;
  /** Id of the answer event (an over-capacity anomaly names it). */
  answerId: string;
  /**
   * The queue whose contact it is (its call.answered's), so a board and a tile can tell whose
   * contacts fill an agent's shared slots; null in snapshots from before it was kept, until the
   * restore looks it up.
   */
  queueId: string | null;
  /**
   * Changes (ts ms, event id) this contact made to the agent's voice timeline while its channel
   * was unknown; undone if the channel turns out not to be voice. null when none.
   */
  provisional: [number, string][] | null;
}

/** The capacity an agent.login set, in the canonical event order. */
interface CapacityChange {
  ts: number;
  rank: number;
  id: string;
  /** What the login gave ({} when it gave none: the session uses the configured capacity). */
  capacity: ChannelCapacity;
  /**
   * The queue ids the login named as skills; absent when it named none (or in a snapshot from
   * before skills were kept here). Capacity without a login's or configured figure falls back on
   * the skills, so an answer is judged by the skills of its own time, not by a later login's.
   */
  queues?: readonly string[];
}

/** An agent's slots as plain data (snapshots); unknown release times are null. */
export interface AgentSlotsData {
  spans: (Omit<SlotSpan, 'end' | 'queueId'> & { end: number | null; queueId?: string | null })[];
  logins: CapacityChange[];
  configured: ChannelCapacity | null;
}

/** A stretch [start, end) (epoch ms) with a constant number of slots in use. */
export interface UsePiece {
  start: number;
  end: number;
  inUse: number;
}

/** The queues an agent is skilled for (its `queues`): capacity falls back on their channels. */
export type Skills = readonly { readonly config: QueueConfig }[];

/** Channel of a span for counting: voice until its call.queued says otherwise. */
export const spanChannel = (s: SlotSpan): Channel => s.channel ?? 'voice';

/**
 * One channel's span times, each list ascending, so the slots in use at an instant are two
 * binary searches: the spans taken at or before t less those released by t.
 */
interface ChannelTimes {
  /** `start` of every span of the channel. */
  starts: number[];
  /**
   * max(start, end) of every released span of the channel: a span released at or before its
   * start never holds a slot, and it leaves the count as soon as it enters it.
   */
  ends: number[];
}

/**
 * An agent's contacts per channel and the capacity each session offered. Slots in use are a
 * step function of the spans (a set keyed by call id), so events applied in any order give the
 * same function; each channel's span times are kept sorted beside the set (ChannelTimes), so a
 * count at any instant costs two binary searches however many contacts the agent took. Spans
 * are half-open: a slot released and taken again in the same millisecond is never counted
 * twice, as the voice timeline keeps only the last change of a millisecond.
 */
export class AgentSlots {
  readonly spans = new Map<string, SlotSpan>();
  /** Sorted times of the spans of each channel that has any (see ChannelTimes). */
  private times = new Map<Channel, ChannelTimes>();
  /**
   * The spans not released yet (a handful, at most the agent's capacities), so what is open now
   * and from which queue is read without walking the day's spans; views read it on every push.
   */
  private open: SlotSpan[] = [];
  /** Logins in the canonical order (ts, rank, id). */
  logins: CapacityChange[] = [];
  /** The agent's configured capacity (EngineConfig.agents), or null. */
  configured: ChannelCapacity | null = null;

  /** Records that the agent answered `callId` of queue `queueId` at `ts` (epoch ms); its channel may still be unknown. */
  answer(callId: string, channel: Channel | null, ts: number, answerId: string, queueId: string | null = null): SlotSpan {
    const span: SlotSpan = { callId, channel, start: ts, end: NaN, answerId, queueId, provisional: null };
    const before = this.spans.size;
    this.spans.set(callId, span);
    // The size tells a replaced span (rare) from a new one without a second lookup.
    if (this.spans.size === before) this.reindex();
    else {
      insertSorted(this.timesOf(spanChannel(span)).starts, ts);
      this.open.push(span);
    }
    return span;
  }

  /** Sets when `span` (one of this agent's) released its slot (epoch ms; NaN: not yet). */
  release(span: SlotSpan, end: number): void {
    const was = span.end;
    if (was === end || (Number.isNaN(was) && Number.isNaN(end))) return;
    const ends = this.timesOf(spanChannel(span)).ends;
    if (!Number.isNaN(was)) removeSorted(ends, Math.max(span.start, was));
    span.end = end;
    if (!Number.isNaN(end)) insertSorted(ends, Math.max(span.start, end));
    if (Number.isNaN(end)) this.open.push(span);
    else if (Number.isNaN(was)) {
      const i = this.open.indexOf(span);
      if (i >= 0) removeAt(this.open, i);
    }
  }

  /** Sets the channel of `span` (one of this agent's) once its call.queued told it (null: unknown, counted as voice). */
  setChannel(span: SlotSpan, channel: Channel | null): void {
    if ((channel ?? 'voice') === spanChannel(span)) {
      span.channel = channel;
      return;
    }
    this.unindex(span);
    span.channel = channel;
    this.index(span);
  }

  private timesOf(ch: Channel): ChannelTimes {
    let c = this.times.get(ch);
    if (!c) this.times.set(ch, (c = { starts: [], ends: [] }));
    return c;
  }

  private index(span: SlotSpan): void {
    const c = this.timesOf(spanChannel(span));
    insertSorted(c.starts, span.start);
    if (!Number.isNaN(span.end)) insertSorted(c.ends, Math.max(span.start, span.end));
  }

  private unindex(span: SlotSpan): void {
    const c = this.timesOf(spanChannel(span));
    removeSorted(c.starts, span.start);
    if (!Number.isNaN(span.end)) removeSorted(c.ends, Math.max(span.start, span.end));
  }

  /** Rebuilds the sorted times and the open spans from the spans after many were removed or loaded at once. */
  private reindex(): void {
    this.times.clear();
    this.open = [];
    for (const s of this.spans.values()) {
      const c = this.timesOf(spanChannel(s));
      c.starts.push(s.start);
      if (!Number.isNaN(s.end)) c.ends.push(Math.max(s.start, s.end));
      else this.open.push(s);
    }
    for (const c of this.times.values()) {
      c.starts.sort(ascending);
      c.ends.sort(ascending);
    }
  }

  /** Records a login's capacity (an empty object when it gave none) and the skills it named, kept in the canonical order. */
  login(ts: number, rank: number, id: string, capacity: ChannelCapacity, queues?: readonly string[]): void {
    const list = this.logins;
    let i = list.length;
    while (i > 0 && compareOrder(ts, rank, id, list[i - 1].ts, list[i - 1].rank, list[i - 1].id) < 0) i--;
    if (i > 0 && list[i - 1].ts === ts && list[i - 1].id === id) return;
    list.splice(i, 0, queues ? { ts, rank, id, capacity, queues } : { ts, rank, id, capacity });
  }

  /** The queue ids named by the latest login at or before `t` (epoch ms) that named any; undefined when none is kept. */
  skillsAt(t: number): readonly string[] | undefined {
    for (let i = this.logins.length - 1; i >= 0; i--) {
      const l = this.logins[i];
      if (l.ts <= t && l.queues) return l.queues;
    }
    return undefined;
  }

  /**
   * Slots on `ch` at `t` (epoch ms): the latest login's at or before `t`, else the agent's
   * configured capacity, else the largest of its skilled queues of that channel, else one voice
   * slot (unless every skill is of another channel) and none on other channels. `skills` may be
   * the skills at a time, called with `t` only when neither a login nor the configuration says.
   */
  capacityAt(ch: Channel, t: number, skills: Skills | ((t: number) => Skills)): number {
    let i = this.logins.length - 1;
    while (i >= 0 && this.logins[i].ts > t) i--;
    const fromLogin = i >= 0 ? this.logins[i].capacity[ch] : undefined;
    if (fromLogin !== undefined) return fromLogin;
    const configured = this.configured?.[ch];
    if (configured !== undefined) return configured;
    let best = -1;
    let otherChannel = false;
    // Skills given as a function are looked up only here, when neither a login nor the configuration says.
    for (const { config: q } of typeof skills === 'function' ? skills(t) : skills) {
      if (queueChannel(q) === ch) best = Math.max(best, queueCapacity(q));
      else if (queueChannel(q) !== 'voice') otherChannel = true;
    }
    if (best >= 0) return best;
    // An agent with no skill says nothing about channels: one voice slot, as before channels.
    return ch === 'voice' && !otherChannel ? 1 : 0;
  }

  /** Calls `visit` for each stretch of constant capacity on `ch` within [from, to) (epoch ms). */
  forEachCapacity(ch: Channel, from: number, to: number, skills: Skills, visit: (start: number, end: number, capacity: number) => void): void {
    let start = from;
    for (const l of this.logins) {
      if (l.ts <= start) continue;
      if (l.ts >= to) break;
      visit(start, l.ts, this.capacityAt(ch, start, skills));
      start = l.ts;
    }
    if (to > start) visit(start, to, this.capacityAt(ch, start, skills));
  }

  /** Slots of `ch` in use at `t` (epoch ms), open contacts counted as held. */
  inUseAt(ch: Channel, t: number): number {
    const c = this.times.get(ch);
    return c ? upperBound(c.starts, t) - upperBound(c.ends, t) : 0;
  }

  /** Whether a contact of a channel other than voice is open at `t` (epoch ms): a chat or an email holds its agent. */
  otherThanVoiceOpenAt(t: number): boolean {
    for (const [ch, c] of this.times) if (ch !== 'voice' && upperBound(c.starts, t) > upperBound(c.ends, t)) return true;
    return false;
  }

  /**
   * Contacts of `ch` open at the engine's `now` (epoch ms) by queue id ('' for a contact whose
   * queue is unknown), in the order they were answered. Reads the unreleased spans only, so `now`
   * must be no earlier than any release applied (the engine's clock never is); inUseAt(ch, now)
   * is their sum.
   */
  openByQueue(ch: Channel, now: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of this.open) {
      if (s.start > now || spanChannel(s) !== ch) continue;
      const q = s.queueId ?? '';
      out.set(q, (out.get(q) ?? 0) + 1);
    }
    return out;
  }

  /** Contacts of `ch` from queue `queueId` open at the engine's `now` (epoch ms; see openByQueue). */
  openOfQueue(ch: Channel, queueId: string, now: number): number {
    let n = 0;
    for (const s of this.open) if (s.queueId === queueId && s.start <= now && spanChannel(s) === ch) n++;
    return n;
  }

  /** Gives the open spans whose queue a snapshot did not keep the queue `queueOf` finds for their call. */
  fillQueues(queueOf: (callId: string) => string | null): void {
    for (const s of this.open) s.queueId ??= queueOf(s.callId);
  }

  /**
   * The latest time (epoch ms) before `t` (at or before it when `inclusive`) at which a contact of
   * a channel other than voice was taken or released, as the counts see it; -Infinity when none.
   * Two binary searches a channel, so a walk back over a busy chat day stays cheap.
   */
  otherThanVoiceChangeBefore(t: number, inclusive: boolean): number {
    let best = -Infinity;
    const latest = (a: number[]) => {
      const i = (inclusive ? upperBound(a, t) : lowerBound(a, t)) - 1;
      if (i >= 0 && a[i] > best) best = a[i];
    };
    for (const [ch, c] of this.times) {
      if (ch === 'voice') continue;
      latest(c.starts);
      latest(c.ends);
    }
    return best;
  }

  /**
   * The step function of slots of `ch` in use within [from, min(to, now)) (epoch ms), as
   * consecutive pieces covering it, zero-use pieces included; open contacts hold until `now`.
   */
  use(ch: Channel, from: number, to: number, now: number): UsePiece[] {
    const end = Math.min(to, now);
    if (end <= from) return [];
    const deltas: [number, number][] = [];
    for (const s of this.spans.values()) {
      if (spanChannel(s) !== ch) continue;
      const a = Math.max(s.start, from);
      const b = Math.min(Number.isNaN(s.end) ? now : s.end, end);
      if (b <= a) continue;
      deltas.push([a, 1], [b, -1]);
    }
    deltas.sort((x, y) => x[0] - y[0]);
    const out: UsePiece[] = [];
    let t = from;
    let inUse = 0;
    for (const [at, d] of deltas) {
      if (at > t) {
        out.push({ start: t, end: at, inUse });
        t = at;
      }
      inUse += d;
    }
    if (end > t) out.push({ start: t, end, inUse });
    return out;
  }

  /**
   * The latest time (epoch ms) before `t` (at or before it when `inclusive`) at which a contact of
   * `ch` was taken or released or a login set capacity; -Infinity when none.
   */
  changeBefore(ch: Channel, t: number, inclusive: boolean): number {
    let best = -Infinity;
    const before = (x: number) => (inclusive ? x <= t : x < t) && x > best;
    for (const s of this.spans.values()) {
      if (spanChannel(s) !== ch) continue;
      if (before(s.start)) best = s.start;
      if (before(s.end)) best = s.end;
    }
    for (const l of this.logins) if (before(l.ts)) best = l.ts;
    return best;
  }

  /** Channels the agent offers now (capacity above 0) or has contacts on, in CHANNELS order. */
  channels(now: number, skills: Skills): Channel[] {
    const used = new Set<Channel>();
    for (const s of this.spans.values()) used.add(spanChannel(s));
    return CHANNELS.filter((ch) => used.has(ch) || this.capacityAt(ch, now, skills) > 0);
  }

  /** Forgets contacts released before `cut` and logins superseded before it (epoch ms). */
  trimBefore(cut: number): void {
    let removed = false;
    for (const [id, s] of this.spans) {
      if (s.end < cut) {
        this.spans.delete(id);
        removed = true;
      }
    }
    if (removed) this.reindex();
    let keep = 0;
    while (keep + 1 < this.logins.length && this.logins[keep + 1].ts <= cut) keep++;
    // The skills in force at the cut may come from an earlier login than its capacity: keep that one too.
    let named = keep;
    while (named > 0 && !this.logins[named].queues) named--;
    if (this.logins[named]?.queues) keep = named;
    if (keep > 0) this.logins.splice(0, keep);
  }

  toData(): AgentSlotsData {
    return { spans: [...this.spans.values()].map((s) => ({ ...s, end: Number.isNaN(s.end) ? null : s.end })), logins: this.logins, configured: this.configured };
  }

  load(d: AgentSlotsData): void {
    this.spans.clear();
    for (const s of d.spans) this.spans.set(s.callId, { ...s, end: s.end === null ? NaN : s.end, queueId: s.queueId ?? null });
    this.reindex();
    this.logins = d.logins;
    this.configured = d.configured;
  }
}

/**
 * Whether the contact `callId` was answered beyond capacity: the slots of its channel in use
 * at its answer (itself included, after every change of that millisecond) exceed the capacity
 * then. Returns a detail for the anomaly, or null when it fitted.
 */
export function overCapacity(slots: AgentSlots, agentId: string, callId: string, skillsAt: (t: number) => Skills): string | null {
  const span = slots.spans.get(callId);
  if (!span) return null;
  const ch = spanChannel(span);
  const inUse = slots.inUseAt(ch, span.start);
  const capacity = slots.capacityAt(ch, span.start, skillsAt);
  return inUse > capacity ? `agent ${agentId} took ${ch} contact ${callId} with ${inUse} ${ch} contacts open and ${capacity} slots` : null;
}
