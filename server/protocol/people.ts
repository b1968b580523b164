/** REST shapes of people, displays, tokens and the audit log (the client imports these). */
import type { Role } from './roles.ts';

/** A person's language: null follows the browser. */
export type PersonLang = 'en' | 'zh-TW' | null;

/** What a user is allowed and prefers: the same fields in the logged command, the session and the admin list. */
export interface UserProfile {
  role: Role;
  /** ['*'] for every tenant. */
  tenants: string[];
  /** Team ids (team leads); empty for every team of the tenants. */
  teams: string[];
  /** The agent id this user is (role agent), else null. */
  agentId: string | null;
  lang: PersonLang;
}

export interface DisplayCreated {
  id: string;
  /** Shown once: only its sha256 is kept. */
  token: string;
  /** The address to open on the TV. */
  url: string;
}

export interface DisplayInfo {
  id: string;
  name: string;
  tenants: string[];
  rotationSeconds: number;
  lang: 'en' | 'zh-TW' | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/** `GET /api/v1/session`: who is asking. */
export interface SessionInfo extends UserProfile {
  /** False in open mode with nobody signed in, and for bearer tokens. */
  signedIn: boolean;
  openMode: boolean;
  name: string;
}

export interface UserInfo extends UserProfile {
  name: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An audit entry's facts by name (which ones depends on `action`; see server/domain/audit-params.ts). */
export type AuditParams = Record<string, string | number | boolean | string[]>;

/**
 * What a plan entry (action `plan`) changed, its `params.change`, beside the `queue`, `date`
 * (YYYY-MM-DD) or what-if `id` its request named; an entry of none of these has no `change`.
 */
export const PLAN_CHANGES = ['forecast.import', 'forecast.delete', 'schedule.import', 'whatif.add', 'whatif.remove', 'history.import', 'calendar.update'] as const;
export type PlanChange = (typeof PLAN_CHANGES)[number];

/**
 * The name of the one principal of open mode (no token, no user configured: everyone is an
 * anonymous admin). Reserved: no token may take it, so an entry `by` it was made in open mode.
 */
export const OPEN_MODE_NAME = 'anonymous (open mode)';

/**
 * What kind of principal a name in a record is: a signed-in person, a bearer token (configured
 * or made on the Admin page), a TV display, open mode's anonymous principal, or `npm run users`
 * on the server's machine. Names alone can look alike; the kind tells them apart.
 */
export type PrincipalKind = 'person' | 'token' | 'display' | 'openMode' | 'cli';

export interface AuditInfo {
  /**
   * The entry's number among the entries this reader may see, from 1 (oldest), with no gaps: an
   * all-tenant reader's is the entry's place in the whole log; a manager's counts only entries
   * touching its tenants, so numbers say nothing of other tenants' changes.
   */
  seq: number;
  at: string;
  /** Who made the change, by name (English `OPEN_MODE_NAME` for open mode). */
  by: string;
  /** What `by` is; null for an entry logged before kinds were recorded (one of open mode is 'openMode' all the same). */
  byKind: PrincipalKind | null;
  /** Whether `by` is open mode's anonymous principal: screens word it in their language. */
  byOpenMode: boolean;
  action: string;
  tenants: string[];
  /** English, for machines and logs; screens word `params` through their dictionary. */
  detail: string;
  params: AuditParams;
}

/** `GET/PUT /api/v1/tenants/:tenant/settings`. */
export interface TenantSettingsInfo {
  tenant: string;
  /** Whether the tenant's client viewers see agent names (default false: ids only). */
  clientViewerAgentNames: boolean;
}

/** Stable codes of errors people see (the client words each one: client/src/lib/i18n/api-text.ts). */
export const ERROR_CODES = [
  'auth.missing',
  'auth.forbidden',
  'auth.tooManyConnections',
  'request.invalid',
  'signin.wrong',
  'signin.tooMany',
  'user.exists',
  'user.notFound',
  'user.mayNotManage',
  'user.disableSelf',
  'tenant.unknown',
  'tenant.notFound',
  'display.notFound',
  'owned.notFound',
  'owned.inSeveralTenants',
  'token.notFound',
  'plan.noForecast',
  'plan.queuesFull',
  'plan.agentsFull',
  'plan.dayForgotten',
  'plan.whatIfsFull',
  'plan.whatIfAgents',
  'plan.tooFarAhead',
  'plan.rowsFull',
  'replay.planReadOnly',
  'replay.noAlerts',
  'replay.allTenants',
  'replay.journalingOff',
  'replay.noJournal',
  'pastDay.notPast',
  'pastDay.toBeforeFrom',
  'pastDay.journalingOff',
  'pastDay.noJournal',
  'pastDay.tooManyCalls',
  'pastDay.tooManyAgents',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error body people may see: `error` stays English for machines; `code` (and `params`)
 * let a screen say it in its person's language.
 */
export interface ErrorBody {
  error: string;
  code?: ErrorCode;
  params?: Record<string, string | number>;
}
