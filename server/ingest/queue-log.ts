/**
 * Asterisk queue_log (`epoch|callid|queue|agent|VERB|data...`, ../shared/formats/asterisk-queue-log.md)
 * to canonical events. One translator per source: it remembers each member's queues and pause
 * state across lines. Event ids are a hash of the line, so replaying a file twice changes
 * nothing (the engine ignores repeated ids).
 */
import { MAX_AGENTS_PER_TENANT } from '../domain/engine.ts';
import { quote } from '../validation/quote.ts';
import { ownString } from './own-string.ts';
import { MAX_ID_CHARS, MAX_LOGIN_QUEUES } from './validate-event.ts';

/** A canonical event as the validator takes it (epoch-ms timestamps). */
export type CanonicalInput = Record<string, unknown> & { id: string; type: string; ts: number; tenant: string };

export interface LineResult {
  events: CanonicalInput[];
  /** Why the line could not be read (it is skipped). */
  error?: string;
  /** The verb, when it produced no event on purpose (ring attempts, system lines, unknown verbs). */
  ignored?: string;
}

/** Verbs that are understood but carry nothing for the floor. */
/** What a feed's answer counts (under `ignored`) for ADDMEMBER and REMOVEMEMBER lines that change no membership. */
export const REPEATED_MEMBER = 'membership unchanged';
const NO_EVENT = new Set(['RINGNOANSWER', 'RINGCANCELED', 'QUEUESTART', 'CONFIGRELOAD', 'AGENTDUMP', 'SYSCOMPAT', 'PENALTY', 'RINGINUSE', 'OUTCALL']);

const DEQUEUE_REASON: Record<string, string> = {
  EXITWITHTIMEOUT: 'timeout',
  EXITEMPTY: 'overflow',
  EXITWITHKEY: 'transfer',
  WITHDRAW: 'callback',
};

/**
 * What one translator remembers is bounded whatever the feed sends: members as many as a tenant
 * may have agents, each in at most as many queues as a login may name (every ADDMEMBER announces
 * all of them: 20,000 for one member were 20,000^2 / 2 names copied and validated, and one
 * 0.9 MB post held the server 39 s), and at most MAX_UNKNOWN_VERBS verbs counted by name.
 */
const MAX_MEMBERS = MAX_AGENTS_PER_TENANT;
const MAX_UNKNOWN_VERBS = 100;
/** Longest verb read: Asterisk's longest, AGENTCALLBACKLOGIN, has 18 letters. */
const MAX_VERB = 32;

interface Member {
  queues: Set<string>;
  /** Paused with this reason, or null when ready. */
  paused: string | null;
  loggedIn: boolean;
}

export interface TranslatorStats {
  lines: number;
  events: number;
  errors: number;
  /** Lines of known verbs that produce no event, by verb. */
  ignored: Record<string, number>;
  /** Lines of verbs not in Asterisk's or the known vendors' lists, by verb. */
  unknown: Record<string, number>;
}

export class QueueLogTranslator {
  readonly stats: TranslatorStats = { lines: 0, events: 0, errors: 0, ignored: Object.create(null), unknown: Object.create(null) };
  private members = new Map<string, Member>();
  /** Verbs counted by name in `stats.unknown`. */
  private unknownKinds = 0;

  constructor(
    readonly tenant: string,
    /** Names the source in event ids, so two PBXs with equal lines do not collide. */
    readonly source = 'queue_log',
  ) {}

  /** Translates one line; `lineNo` (1-based) only words errors. */
  line(raw: string, lineNo: number): LineResult {
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '') return { events: [] };
    this.stats.lines++;
    const f = text.split('|');
    if (f.length < 5) return this.fail(`line ${lineNo}: expected epoch|callid|queue|agent|VERB|data, got ${f.length} field(s)`);
    const [epochText, callText, queueText, agentField, verbRaw] = f;
    // Copies, not views of the line: the translator keeps members' queues and the engine keeps the ids.
    const callId = ownString(callText);
    const queue = ownString(queueText);
    const data = f.slice(5);
    if (!/^\d{9,11}$/.test(epochText)) return this.fail(`line ${lineNo}: "${epochText.slice(0, 20)}" is not an epoch in seconds`);
    const verb = verbRaw.trim().toUpperCase();
    if (verb.length > MAX_VERB || !/^[A-Z_]+$/.test(verb)) return this.fail(`line ${lineNo}: "${verbRaw.slice(0, 30)}" is not a verb`);
    const ts = Number(epochText) * 1000;
    const member = memberId(agentField);
    const agentId = member === null ? null : ownString(member);
    const hash = lineHash(`${this.source}|${text}`);
    const events: CanonicalInput[] = [];
    const emit = (type: string, fields: Record<string, unknown>) => events.push({ id: `ql-${hash}-${events.length}`, type, ts, tenant: this.tenant, ...fields });
    const needCall = () => callId && callId !== 'NONE' && queue && queue !== 'NONE';

    switch (verb) {
      case 'ENTERQUEUE':
        if (!needCall()) return this.fail(`line ${lineNo}: ENTERQUEUE needs a callid and a queue`);
        emit('call.queued', { callId, queueId: queue });
        break;
      case 'CONNECT':
        if (!needCall() || !agentId) return this.fail(`line ${lineNo}: CONNECT needs a callid, a queue and a member`);
        emit('call.answered', { callId, queueId: queue, agentId });
        break;
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT':
      case 'BLINDTRANSFER':
      case 'ATTENDEDTRANSFER':
      case 'TRANSFER':
        if (!needCall() || !agentId) return this.fail(`line ${lineNo}: ${verb} needs a callid, a queue and a member`);
        // Asterisk logs no wrap-up: the conversation's end is also the end of handling.
        emit('call.ended', { callId, agentId });
        emit('call.wrapped', { callId, agentId, ...(verb.includes('TRANSFER') ? { disposition: 'transferred' } : {}) });
        break;
      case 'ABANDON':
        if (!needCall()) return this.fail(`line ${lineNo}: ABANDON needs a callid and a queue`);
        emit('call.abandoned', { callId, queueId: queue });
        break;
      case 'EXITWITHTIMEOUT':
      case 'EXITEMPTY':
      case 'EXITWITHKEY':
      case 'WITHDRAW':
        if (!needCall()) return this.fail(`line ${lineNo}: ${verb} needs a callid and a queue`);
        emit('call.dequeued', { callId, queueId: queue, reason: DEQUEUE_REASON[verb] });
        break;
      case 'ADDMEMBER': {
        if (!agentId || !queue || queue === 'NONE') return this.fail(`line ${lineNo}: ADDMEMBER needs a queue and a member`);
        const m = this.member(agentId, lineNo);
        if (typeof m === 'string') return this.fail(m);
        const member = m.queues.has(queue);
        const refused = addQueue(m, agentId, queue, lineNo);
        if (refused) return this.fail(refused);
        const paused = m.paused;
        if ((data[0] ?? '').toUpperCase() === 'PAUSED') m.paused = m.paused ?? 'paused';
        // A repeat that changes nothing announces nothing: each login names all the member's
        // queues, so repeated lines (another epoch each, so no duplicate ids) multiplied the log
        // by hundreds (0.6 MB of queue_log made 219 MB of events).
        if (member && m.loggedIn && m.paused === paused) return this.skip(REPEATED_MEMBER);
        this.login(m, agentId, emit);
        break;
      }
      case 'REMOVEMEMBER': {
        if (!agentId) return this.fail(`line ${lineNo}: REMOVEMEMBER needs a member`);
        const m = this.member(agentId, lineNo);
        if (typeof m === 'string') return this.fail(m);
        if (!m.queues.delete(queue) && m.queues.size > 0) return this.skip(REPEATED_MEMBER);
        if (m.queues.size === 0) {
          m.loggedIn = false;
          emit('agent.logout', { agentId });
        } else this.login(m, agentId, emit);
        break;
      }
      case 'PAUSE':
      case 'PAUSEALL':
      case 'UNPAUSE':
      case 'UNPAUSEALL': {
        if (!agentId) return this.fail(`line ${lineNo}: ${verb} needs a member`);
        const reason = ownString((data[0] ?? '').trim());
        // Kept as the member's state, a reason no event may carry would make every later login of theirs refused.
        if (reason.length > MAX_ID_CHARS) return this.fail(`line ${lineNo}: reason ${quote(reason)} is longer than ${MAX_ID_CHARS} characters`);
        const m = this.member(agentId, lineNo);
        if (typeof m === 'string') return this.fail(m);
        // Our agents have one state: a pause in any queue makes the member unavailable.
        if (verb.startsWith('PAUSE')) {
          m.paused = reason || 'paused';
          emit('agent.state', { agentId, state: 'aux', reason: m.paused });
        } else {
          m.paused = null;
          emit('agent.state', { agentId, state: 'available' });
        }
        break;
      }
      case 'AGENTLOGIN':
      case 'AGENTCALLBACKLOGIN': {
        if (!agentId) return this.fail(`line ${lineNo}: ${verb} needs an agent`);
        const m = this.member(agentId, lineNo);
        if (typeof m === 'string') return this.fail(m);
        const refused = queue && queue !== 'NONE' ? addQueue(m, agentId, queue, lineNo) : null;
        if (refused) return this.fail(refused);
        this.login(m, agentId, emit);
        break;
      }
      case 'AGENTLOGOFF':
      case 'AGENTCALLBACKLOGOFF': {
        if (!agentId) return this.fail(`line ${lineNo}: ${verb} needs an agent`);
        const m = this.members.get(agentId);
        if (m) m.loggedIn = false;
        emit('agent.logout', { agentId });
        break;
      }
      default:
        if (NO_EVENT.has(verb)) return this.skip(verb);
        this.countUnknown(verb);
        return { events, ignored: verb };
    }
    this.stats.events += events.length;
    return { events };
  }

  /** The member `id`, remembered from its first line on; or the line's error when it would be one too many. */
  private member(id: string, lineNo: number): Member | string {
    let m = this.members.get(id);
    if (m) return m;
    if (id.length > MAX_ID_CHARS) return `line ${lineNo}: member ${quote(id)} is longer than ${MAX_ID_CHARS} characters`;
    if (this.members.size >= MAX_MEMBERS) return `line ${lineNo}: member ${id} would be more than ${MAX_MEMBERS} members of this source`;
    this.members.set(id, (m = { queues: new Set(), paused: null, loggedIn: false }));
    return m;
  }

  /** Counts an unknown verb by name, or as '(other)' once MAX_UNKNOWN_VERBS have names. */
  private countUnknown(verb: string): void {
    const unknown = this.stats.unknown;
    let key = verb;
    if (unknown[verb] === undefined) {
      if (this.unknownKinds < MAX_UNKNOWN_VERBS) this.unknownKinds++;
      else key = '(other)';
    }
    unknown[key] = (unknown[key] ?? 0) + 1;
  }

  /** (Re)announces a member with all its queues and its pause state. */
  private login(m: Member, agentId: string, emit: (type: string, f: Record<string, unknown>) => void): void {
    m.loggedIn = true;
    emit('agent.login', { agentId, queues: [...m.queues], ...(m.paused ? { state: 'aux', reason: m.paused } : { state: 'available' }) });
  }

  /** A line that changes nothing, counted under `why` (a verb, or REPEATED_MEMBER). */
  private skip(why: string): LineResult {
    this.stats.ignored[why] = (this.stats.ignored[why] ?? 0) + 1;
    return { events: [], ignored: why };
  }

  private fail(error: string): LineResult {
    this.stats.errors++;
    return { events: [], error };
  }
}

/** Adds `queue` to member `m`'s queues; the line's error when the name is too long or the member is in MAX_LOGIN_QUEUES already. */
function addQueue(m: Member, agentId: string, queue: string, lineNo: number): string | null {
  if (m.queues.has(queue)) return null;
  // Kept among the member's queues, a name no event may carry would make every later login of theirs refused.
  if (queue.length > MAX_ID_CHARS) return `line ${lineNo}: queue ${quote(queue)} is longer than ${MAX_ID_CHARS} characters`;
  if (m.queues.size >= MAX_LOGIN_QUEUES) return `line ${lineNo}: member ${agentId} is in ${MAX_LOGIN_QUEUES} queues already; ${queue} is not added`;
  m.queues.add(queue);
  return null;
}

/**
 * The agent behind a member interface: `Agent/1127`, `Local/1127@callback-agent/n`,
 * `SIP/1127` and `PJSIP/1127` are all agent 1127; `NONE` is no agent.
 */
export function memberId(field: string): string | null {
  const f = field.trim();
  if (!f || f === 'NONE') return null;
  const slash = f.indexOf('/');
  const rest = slash >= 0 ? f.slice(slash + 1) : f;
  const id = rest.split(/[@/]/)[0];
  return id || null;
}

/** A 64-bit FNV-1a hash of a line, as 16 hex digits. */
export function lineHash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
