import type { ErrorCode } from '../../../server/protocol/people.ts';
import type { MessageKey } from './i18n/en.ts';
import type { Say } from './plan-change-text.ts';

/** The refusals of an id looked up within the caller's clients (server/http/owned.ts). */
export type OwnedCode = Extract<ErrorCode, `owned.${string}`>;

/** What such an id names, each with its word (a Record, so a new kind does not compile until it is worded). */
const KINDS: Record<string, MessageKey> = {
  queue: 'ownedKind.queue',
  agent: 'ownedKind.agent',
  alert: 'ownedKind.alert',
  campaign: 'ownedKind.campaign',
};

/** An unknown or ambiguous id's refusal in the page's language; a kind the page does not know is named as sent. */
export function ownedRefusalText(code: OwnedCode, p: Readonly<Record<string, string | number>>, say: Say): string {
  const kind = String(p.kind ?? '');
  const what = Object.hasOwn(KINDS, kind) ? say(KINDS[kind]) : kind;
  const id = String(p.id ?? '');
  if (code === 'owned.notFound') return say('apiError.ownedNotFound', { what, id });
  return say('apiError.ownedInSeveralTenants', { what, id, count: Number(p.count), tenants: String(p.tenants ?? '') });
}
