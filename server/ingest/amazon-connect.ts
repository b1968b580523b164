/**
 * Amazon Connect to canonical events (../shared/formats/amazon-connect.md): agent event stream
 * records (LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT) and contact events (QUEUED,
 * CONNECTED_TO_AGENT, DISCONNECTED; bare or in an EventBridge envelope). Keys are matched
 * without regard to case. Each record carries the agent's previous and current snapshot, so a
 * record is translated on its own: ids are derived from the contact and the step
 * (`ac:<contactId>:answered`), so the same step seen in both feeds counts once.
 */
import type { CanonicalInput } from './queue-log.ts';
import { isoTimeProblem } from '../validation/iso-time.ts';
import { clip, quote } from '../validation/quote.ts';
import { ownString } from './own-string.ts';

export interface ConnectResult {
  events: CanonicalInput[];
  error?: string;
  ignored?: string;
}

type Json = Record<string, unknown>;

/** Real records nest a few levels; anything deeper is refused before it can exhaust the stack. */
const MAX_DEPTH = 32;
class TooDeep extends Error {}
/**
 * A field the record has but of the wrong kind (a timestamp that is not one, a list that is not
 * a list, a contact that is not an object): the whole record is refused, naming the field.
 */
class BadField extends Error {}

/** The record with every key lower-cased, recursively (at most MAX_DEPTH levels). */
function lowerKeys(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(v)) return v.map((x) => lowerKeys(x, depth + 1));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x, depth + 1)]));
  return v;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * The object at `path`; {} when the record has none there (missing or null). Anything else
 * (a number, a string, a list) throws BadField: read as {} it made a record mean something else.
 */
function objectAt(v: unknown, path: string): Json {
  if (v === undefined || v === null) return {};
  if (isObject(v)) return v;
  throw new BadField(`${path}: must be an object, got ${quote(v)}`);
}
/**
 * The entries of the list of `what` at `path`, each an object; [] when the record has none
 * there (missing or null). A list that is not one, or an entry that is not an object (null
 * too), throws BadField naming it: `.map` of a number or a string threw a TypeError.
 */
function objectsAt(v: unknown, path: string, what: string): Json[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new BadField(`${path}: must be a list of ${what}, got ${quote(v)}`);
  return v.map((x, i) => {
    if (!isObject(x)) throw new BadField(`${path}[${i}]: must be an object, got ${quote(x)}`);
    return x;
  });
}
/**
 * The text at `path`; '' when the record has none there (missing or null); anything else throws
 * BadField saying it must be `what` (a string, or a kind of string such as a timestamp).
 */
function textAt(v: unknown, path: string, what = 'a string'): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  throw new BadField(`${path}: must be ${what}, got ${quote(v)}`);
}
/** The last path segment of an ARN: the agent, queue or contact id (a copy: the engine keeps it, not the ARN). */
const arnId = (arn: unknown): string | null => {
  const s = str(arn);
  return s ? ownString(s.slice(s.lastIndexOf('/') + 1)) : null;
};
/**
 * Epoch ms of the timestamp in `field`; null when the record has none there (missing, null or
 * empty). One that is there must be a string (a number, true or an object was read as no time,
 * so the step was silently dropped) and pass the canonical events' rule (isoTimeProblem: ISO-8601
 * with an offset from -14:00 to +14:00): Date.parse alone took "+15:00", and read "+99:00" as no
 * time. Throws BadField naming `field`.
 */
const time = (v: unknown, field: string): number | null => {
  const s = textAt(v, field, 'an ISO-8601 time as a string');
  if (!s) return null;
  const problem = isoTimeProblem(s);
  if (problem) throw new BadField(`${field}: ${problem}`);
  return Date.parse(s);
};

/**
 * The contacts of an agent snapshot that have an id, each with where it is in the record
 * (`name.Contacts[i]`, for errors); throws BadField for a contact list, contact or field of the
 * wrong kind.
 */
function located(snapshot: Json, name: string): { c: ContactSnapshot; where: string }[] {
  const list = `${name}.Contacts`;
  return objectsAt(snapshot.contacts, list, 'contacts')
    .map((raw, i) => {
      const where = `${list}[${i}]`;
      return { c: contactOf(raw, where), where };
    })
    .filter(({ c }) => c.contactid);
}

/** A contact of a snapshot with the fields the steps read, each of its kind checked. */
interface ContactSnapshot {
  /** '' when the contact has none: such a contact is skipped. */
  contactid: string;
  /** Upper-cased, '' when none. */
  state: string;
  /** Upper-cased, '' when none. */
  initiationmethod: string;
  queue: Json;
  statestarttimestamp: unknown;
  connectedtoagenttimestamp: unknown;
  queuetimestamp: unknown;
  channel: unknown;
}

/** The contact at `where` with its fields checked; throws BadField naming one of the wrong kind. */
function contactOf(c: Json, where: string): ContactSnapshot {
  return {
    contactid: textAt(c.contactid, `${where}.ContactId`),
    state: textAt(c.state, `${where}.State`).toUpperCase(),
    initiationmethod: textAt(c.initiationmethod, `${where}.InitiationMethod`).toUpperCase(),
    queue: objectAt(c.queue, `${where}.Queue`),
    statestarttimestamp: c.statestarttimestamp,
    connectedtoagenttimestamp: c.connectedtoagenttimestamp,
    queuetimestamp: c.queuetimestamp,
    channel: c.channel,
  };
}

export class AmazonConnectTranslator {
  constructor(readonly tenant: string) {}

  /** Translates one record (a parsed JSON object); `lineNo` only words errors. */
  record(raw: unknown, lineNo: number): ConnectResult {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { events: [], error: `line ${lineNo}: a record must be a JSON object` };
    let r: Json;
    try {
      r = lowerKeys(raw) as Json;
    } catch (e) {
      if (e instanceof TooDeep) return { events: [], error: `line ${lineNo}: a record nested deeper than ${MAX_DEPTH} levels` };
      throw e;
    }
    try {
      if (r['detail-type'] !== undefined && r.detail !== undefined && r.detail !== null) r = objectAt(r.detail, 'detail');
      return this.translate(r, lineNo);
    } catch (e) {
      // Nothing of a record with a bad field is kept: its events so far are dropped with it.
      if (e instanceof BadField) return { events: [], error: `line ${lineNo}: ${e.message}` };
      throw e;
    }
  }

  /** The events of one record with its keys lower-cased and out of any envelope; throws BadField. */
  private translate(r: Json, lineNo: number): ConnectResult {
    const events: CanonicalInput[] = [];
    const emit = (id: string, type: string, ts: number, fields: Json) => events.push({ id, type, ts, tenant: this.tenant, ...fields });

    // Read by kind: an EventType, AgentARN or ContactId of another kind was read as none, and the
    // line blamed a missing EventType or AgentARN instead of the field that was wrong.
    const eventType = textAt(r.eventtype, 'EventType');
    if (eventType && r.currentagentsnapshot !== undefined) {
      const agentId = arnId(textAt(r.agentarn, 'AgentARN'));
      const at = time(r.eventtimestamp, 'EventTimestamp');
      if (!agentId || at === null) return { events, error: `line ${lineNo}: agent event needs AgentARN and EventTimestamp` };
      this.agentRecord(r, agentId, at, emit);
      return events.length ? { events } : { events, ignored: typeName(r.eventtype) };
    }
    if (eventType && textAt(r.contactid, 'ContactId')) {
      this.contactEvent(r, emit);
      return events.length ? { events } : { events, ignored: typeName(r.eventtype) };
    }
    if (eventType) return { events, error: `line ${lineNo}: an EventType ${quote(eventType)} record with neither CurrentAgentSnapshot (an agent event) nor ContactId (a contact event)` };
    return { events, error: `line ${lineNo}: neither an agent event stream record nor a contact event (no EventType)` };
  }

  private agentRecord(r: Json, agentId: string, at: number, emit: (id: string, type: string, ts: number, f: Json) => void): void {
    const type = String(r.eventtype).toUpperCase();
    const cur = objectAt(r.currentagentsnapshot, 'CurrentAgentSnapshot');
    const prev = objectAt(r.previousagentsnapshot, 'PreviousAgentSnapshot');
    const status = objectAt(cur.agentstatus, 'CurrentAgentSnapshot.AgentStatus');
    const statusName = str(status.name) ?? '';
    const statusStart = time(status.starttimestamp, 'CurrentAgentSnapshot.AgentStatus.StartTimestamp') ?? at;
    const offline = String(status.type ?? '').toUpperCase() === 'OFFLINE' || statusName.toLowerCase() === 'offline';
    const config = objectAt(cur.configuration, 'CurrentAgentSnapshot.Configuration');
    const name = [str(config.firstname), str(config.lastname)].filter(Boolean).join(' ') || str(config.username) || undefined;
    const profile = 'CurrentAgentSnapshot.Configuration.RoutingProfile';
    const queues = objectsAt(objectAt(config.routingprofile, profile).inboundqueues, `${profile}.InboundQueues`, 'queues')
      .map((q) => arnId(q.arn))
      .filter((q): q is string => !!q);

    if (type === 'LOGIN') {
      emit(`ac:${agentId}:login:${at}`, 'agent.login', at, { agentId, ...(name ? { name } : {}), ...(queues?.length ? { queues } : {}), ...stateOf(statusName) });
    } else if (type === 'LOGOUT') {
      emit(`ac:${agentId}:logout:${at}`, 'agent.logout', at, { agentId });
    } else if (type === 'STATE_CHANGE') {
      const before = objectAt(prev.agentstatus, 'PreviousAgentSnapshot.AgentStatus');
      if (str(before.name) !== statusName || time(before.starttimestamp, 'PreviousAgentSnapshot.AgentStatus.StartTimestamp') !== statusStart) {
        const id = `ac:${agentId}:status:${statusStart}`;
        if (offline) emit(id, 'agent.logout', statusStart, { agentId });
        else emit(id, 'agent.state', statusStart, { agentId, ...stateOf(statusName) });
      }
    }
    // Contacts: what the snapshots show, step by step; HEART_BEAT repeats them harmlessly.
    const curContacts = located(cur, 'CurrentAgentSnapshot');
    const prevContacts = located(prev, 'PreviousAgentSnapshot');
    const prevById = new Map(prevContacts.map(({ c }) => [c.contactid, c]));
    for (const { c, where } of [...prevContacts, ...curContacts]) this.contactSteps(c, where, agentId, emit);
    for (const { c, where } of curContacts) {
      const p = prevById.get(c.contactid);
      const was = p?.state ?? '';
      const ts = time(c.statestarttimestamp, `${where}.StateStartTimestamp`) ?? at;
      if (c.state === 'CONNECTED_ONHOLD' && was !== 'CONNECTED_ONHOLD') emit(`ac:${c.contactid}:held:${ts}`, 'call.held', ts, { callId: c.contactid, agentId });
      if (c.state === 'CONNECTED' && was === 'CONNECTED_ONHOLD') emit(`ac:${c.contactid}:retrieved:${ts}`, 'call.retrieved', ts, { callId: c.contactid, agentId });
    }
    // After-call work is not an event: an ENDED contact that is gone from the next snapshot has been wrapped.
    const curIds = new Set(curContacts.map(({ c }) => c.contactid));
    if (type === 'STATE_CHANGE') {
      for (const { c: p } of prevContacts) {
        if (p.state === 'ENDED' && !curIds.has(p.contactid)) emit(`ac:${p.contactid}:wrapped`, 'call.wrapped', at, { callId: p.contactid, agentId });
      }
    }
  }

  /** Queued, answered and ended, from one contact snapshot (each once, by id); `where` names it in errors. */
  private contactSteps(c: ContactSnapshot, where: string, agentId: string, emit: (id: string, type: string, ts: number, f: Json) => void): void {
    const queueId = arnId(c.queue.arn) ?? str(c.queue.name);
    const outbound = c.initiationmethod === 'OUTBOUND';
    const queued = time(c.queuetimestamp, `${where}.QueueTimestamp`);
    const connected = time(c.connectedtoagenttimestamp, `${where}.ConnectedToAgentTimestamp`);
    if (!outbound && queueId && queued !== null) emit(`ac:${c.contactid}:queued`, 'call.queued', queued, { callId: c.contactid, queueId, channel: channelOf(c.channel) });
    if (connected !== null && queueId) {
      emit(`ac:${c.contactid}:answered`, 'call.answered', connected, { callId: c.contactid, queueId, agentId, ...(outbound ? { direction: 'outbound' } : {}) });
    }
    if (c.state === 'ENDED') {
      const ended = time(c.statestarttimestamp, `${where}.StateStartTimestamp`);
      if (ended !== null) emit(`ac:${c.contactid}:ended`, 'call.ended', ended, { callId: c.contactid, agentId });
    }
  }

  private contactEvent(r: Json, emit: (id: string, type: string, ts: number, f: Json) => void): void {
    const type = String(r.eventtype).toUpperCase();
    const contactId = str(r.contactid)!;
    const queueInfo = objectAt(r.queueinfo, 'queueInfo');
    const agentInfo = objectAt(r.agentinfo, 'agentInfo');
    const queueId = arnId(queueInfo.queuearn);
    const agentId = arnId(agentInfo.agentarn);
    const outbound = String(r.initiationmethod ?? '').toUpperCase() === 'OUTBOUND';
    const enqueued = time(queueInfo.enqueuetimestamp, 'queueInfo.enqueueTimestamp');
    const connected = time(agentInfo.connectedtoagenttimestamp, 'agentInfo.connectedToAgentTimestamp');
    const disconnected = time(r.disconnecttimestamp, 'disconnectTimestamp');
    if (!outbound && queueId && enqueued !== null && ['QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED'].includes(type)) {
      emit(`ac:${contactId}:queued`, 'call.queued', enqueued, { callId: contactId, queueId, channel: channelOf(r.channel) });
    }
    if (agentId && queueId && connected !== null && (type === 'CONNECTED_TO_AGENT' || type === 'DISCONNECTED')) {
      emit(`ac:${contactId}:answered`, 'call.answered', connected, { callId: contactId, queueId, agentId, ...(outbound ? { direction: 'outbound' } : {}) });
    }
    if (type === 'DISCONNECTED' && disconnected !== null) {
      if (agentId && connected !== null) emit(`ac:${contactId}:ended`, 'call.ended', disconnected, { callId: contactId, agentId });
      else if (!outbound && queueId && enqueued !== null) emit(`ac:${contactId}:abandoned`, 'call.abandoned', disconnected, { callId: contactId, queueId });
    }
  }
}

/** Available is ready; any other status (Lunch, Break, Training) is aux with its name. */
function stateOf(statusName: string): Json {
  const n = statusName.trim();
  if (n.toLowerCase() === 'available' || n === '') return { state: 'available' };
  return { state: 'aux', reason: n.toLowerCase() };
}

function channelOf(v: unknown): string {
  const c = String(v ?? 'voice').toLowerCase();
  return ['voice', 'chat', 'email', 'sms'].includes(c) ? c : c === 'task' ? 'email' : 'voice';
}

/** A record's event type as a short counter key, whatever the record holds there. */
function typeName(v: unknown): string {
  return typeof v === 'string' ? clip(v, 60) : '(not a string)';
}
