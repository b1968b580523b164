import { z } from 'zod';
import { CHANNELS, DEFAULT_TENANT, DEQUEUE_REASONS, DIAL_OUTCOMES, DIAL_RESULTS, EVENT_TYPES, MAX_CHANNEL_CAPACITY, type Channel, type FloorEvent } from '../protocol/events.ts';
import { fastValidate, MAX_TS, MIN_TS } from './fast-validate.ts';
import { ISO_WITH_OFFSET, offsetProblem } from '../validation/iso-time.ts';
import { clip, quote } from '../validation/quote.ts';


/** Longest id (and reason, name, disposition) an event may carry, in characters. */
export const MAX_ID_CHARS = 200;
/** Most queues one agent.login may name. */
export const MAX_LOGIN_QUEUES = 500;

const id = z.string().trim().min(1, 'must not be empty').max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`);

/** ISO-8601 with an offset, or epoch milliseconds; becomes epoch ms. */
const timestamp = z.union([z.string(), z.number()], { error: 'must be an ISO-8601 string with offset or epoch milliseconds' }).transform((v, ctx) => {
  let ms: number;
  if (typeof v === 'number') {
    ms = v;
  } else {
    if (!ISO_WITH_OFFSET.test(v)) {
      ctx.addIssue({ code: 'custom', message: `${quote(v)} is not ISO-8601 with an offset (like 2026-11-20T09:00:00+08:00) nor epoch ms` });
      return z.NEVER;
    }
    const offset = offsetProblem(v);
    if (offset) {
      ctx.addIssue({ code: 'custom', message: offset });
      return z.NEVER;
    }
    ms = Date.parse(v);
  }
  if (!Number.isFinite(ms) || ms < MIN_TS || ms > MAX_TS) {
    ctx.addIssue({ code: 'custom', message: `${quote(v)} is not a time between 2000 and 2100` });
    return z.NEVER;
  }
  return ms;
});

const base = {
  id,
  ts: timestamp,
  tenant: id.optional().default(DEFAULT_TENANT),
};

/** Contacts of one channel at once: a whole number 0..MAX_CHANNEL_CAPACITY; absent channels stay as configured. */
const slots = z.number().int().min(0).max(MAX_CHANNEL_CAPACITY).optional();

const callQueue = { ...base, callId: id, queueId: id };
const callAgent = { ...base, callId: id, agentId: id };

const schemas = {
  'call.queued': z.object({
    ...callQueue,
    type: z.literal('call.queued'),
    channel: z.enum(CHANNELS).optional().default('voice'),
    priority: z.number().int().optional(),
  }),
  'call.answered': z.object({ ...callQueue, type: z.literal('call.answered'), agentId: id, direction: z.enum(['inbound', 'outbound']).optional() }),
  'call.abandoned': z.object({ ...callQueue, type: z.literal('call.abandoned') }),
  'call.dequeued': z.object({ ...callQueue, type: z.literal('call.dequeued'), reason: z.enum(DEQUEUE_REASONS) }),
  'call.held': z.object({ ...callAgent, type: z.literal('call.held') }),
  'call.retrieved': z.object({ ...callAgent, type: z.literal('call.retrieved') }),
  'call.ended': z.object({ ...callAgent, type: z.literal('call.ended') }),
  'call.wrapped': z.object({ ...callAgent, type: z.literal('call.wrapped'), disposition: id.optional() }),
  'agent.login': z.object({
    ...base,
    type: z.literal('agent.login'),
    agentId: id,
    name: id.optional(),
    teamId: id.optional(),
    queues: z.array(id).max(MAX_LOGIN_QUEUES).optional(),
    state: z.enum(['available', 'aux']).optional(),
    reason: id.optional(),
    capacity: z.strictObject(Object.fromEntries(CHANNELS.map((c) => [c, slots])) as Record<Channel, typeof slots>).optional(),
  }),
  'agent.state': z.object({
    ...base,
    type: z.literal('agent.state'),
    agentId: id,
    state: z.enum(['available', 'aux']),
    reason: id.optional(),
  }),
  'agent.logout': z.object({ ...base, type: z.literal('agent.logout'), agentId: id }),
  'dial.attempt': z.object({ ...base, type: z.literal('dial.attempt'), attemptId: id, campaignId: id, result: z.enum(DIAL_RESULTS), callId: id.optional(), agentId: id.optional() }),
  'dial.outcome': z.object({ ...base, type: z.literal('dial.outcome'), attemptId: id, campaignId: id, outcome: z.enum(DIAL_OUTCOMES), agentId: id.optional() }),
} satisfies Record<FloorEvent['type'], z.ZodType>;

// The schemas must produce exactly the engine's event types.
type Parsed = { [K in keyof typeof schemas]: z.output<(typeof schemas)[K]> }[keyof typeof schemas];
const _sameShape: [Parsed] extends [FloorEvent] ? ([FloorEvent] extends [Parsed] ? true : false) : false = true;
void _sameShape;

export type Validated = { ok: true; event: FloorEvent } | { ok: false; error: string };

/** Checks one canonical event; the error names each bad field and why. */
export function validateEvent(input: unknown): Validated {
  const fast = fastValidate(input);
  if (fast) return { ok: true, event: fast };
  return validateWithSchema(input);
}

/** The full check by the zod schemas: the definition of a valid event, and its error messages. */
export function validateWithSchema(input: unknown): Validated {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: `event must be a JSON object, got ${describe(input)}` };
  }
  const type = (input as { type?: unknown }).type;
  if (type === undefined) return { ok: false, error: 'type: required' };
  // Own keys only: `in` is true for "constructor", "toString" and every other inherited name.
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) {
    return { ok: false, error: `type: unknown event type ${quote(type)} (expected one of ${EVENT_TYPES.join(', ')})` };
  }
  const result = schemas[type as FloorEvent['type']].safeParse(input);
  if (result.success) return { ok: true, event: result.data as FloorEvent };
  return { ok: false, error: result.error.issues.map((issue) => formatIssue(issue, input)).join('; ') };
}

function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.length ? issue.path.map((k) => clip(String(k))).join('.') : '(event)';
  // A missing field is "required", whatever shape it would have had to take.
  let value: unknown = input;
  for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  if (issue.path.length && value === undefined) return `${path}: required`;
  return `${path}: ${issue.message}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}
