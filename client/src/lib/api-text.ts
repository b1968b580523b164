import { ERROR_CODES, OPEN_MODE_NAME, type AuditInfo, type ErrorBody, type ErrorCode, type PrincipalKind } from '../../../server/protocol/people.ts';
import type { TeamName } from '../../../server/protocol/metrics.ts';
import { clientIds, clientList } from './client-list.ts';
import { dateLabel, signed } from './format.ts';
import { isPlainKey, locale, t, type MessageKey } from './i18n/index.ts';
import { ownedRefusalText } from './owned-text.ts';
import { pastDayRefusalText } from './past-day-text.ts';
import { planChangeText, type Say } from './plan-change-text.ts';
import { principalName } from './principal-name.ts';
import { personTeams } from './team-names.ts';

/** An error answer of /api/v1: the English `message` for logs, and the code a screen words itself. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }

  /** From an error body (missing fields leave the English text alone). */
  static of(body: Partial<ErrorBody>, fallback: string): ApiError {
    return new ApiError(body.error ?? fallback, body.code, body.params ?? {});
  }
}

const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));

/** A server error in the page's language: by its code when it has one, else its own text. */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError) || !e.code) return e instanceof Error ? e.message : String(e);
  const p = e.params;
  switch (e.code) {
    case 'auth.missing':
      return t('apiError.authMissing');
    case 'auth.forbidden':
      return t('apiError.authForbidden');
    case 'auth.tooManyConnections':
      return t('apiError.authTooManyConnections', { limit: Number(p.limit) });
    case 'request.invalid':
      return t('apiError.invalid', { detail: str(p.detail) });
    case 'signin.wrong':
      return t('apiError.signinWrong');
    case 'signin.tooMany':
      return t('apiError.signinTooMany', { seconds: Number(p.seconds) });
    case 'user.exists':
      return t('apiError.userExists', { name: str(p.name) });
    case 'user.notFound':
      return t('apiError.userNotFound', { name: str(p.name) });
    case 'user.mayNotManage':
      return t('apiError.userMayNotManage', { role: roleLabel(str(p.role)), tenants: str(p.tenants) });
    case 'user.disableSelf':
      return t('apiError.userDisableSelf');
    case 'tenant.unknown':
      return t('apiError.tenantUnknown', { tenant: str(p.tenant) });
    case 'tenant.notFound':
      return t('apiError.tenantNotFound', { tenant: str(p.tenant) });
    case 'owned.notFound':
    case 'owned.inSeveralTenants':
      return ownedRefusalText(e.code, p, say);
    case 'display.notFound':
      return t('apiError.displayNotFound', { id: str(p.id) });
    case 'token.notFound':
      return t('apiError.tokenNotFound', { id: str(p.id) });
    case 'plan.noForecast':
      return t('apiError.planNoForecast', { queue: str(p.queue), date: str(p.date) });
    case 'plan.queuesFull':
      return t('apiError.planQueuesFull', { queue: str(p.queue), limit: Number(p.limit) });
    case 'plan.agentsFull':
      return t('apiError.planAgentsFull', { limit: Number(p.limit) });
    case 'plan.dayForgotten':
      return t('apiError.planDayForgotten', { date: dateLabel(str(p.date)), oldest: dateLabel(str(p.oldest)), count: Number(p.retentionDays) });
    case 'plan.whatIfsFull':
      return t('apiError.planWhatIfsFull', { limit: Number(p.limit) });
    case 'plan.whatIfAgents':
      return t('apiError.planWhatIfAgents', { agents: signed(Number(p.agents)), limit: Number(p.limit) });
    case 'plan.rowsFull':
      return t('apiError.planRowsFull', { rows: Number(p.rows), limit: Number(p.limit) });
    case 'plan.tooFarAhead':
      return t('apiError.planTooFarAhead', { date: dateLabel(str(p.date)), days: Number(p.days), today: dateLabel(str(p.today)), limit: Number(p.limit) });
    case 'replay.planReadOnly':
      return t('apiError.replayPlanReadOnly');
    case 'replay.noAlerts':
      return t('apiError.replayNoAlerts');
    case 'replay.allTenants':
      return t('apiError.replayAllTenants');
    case 'replay.journalingOff':
      return t('apiError.replayJournalingOff');
    case 'replay.noJournal':
      return t('apiError.replayNoJournal', { date: dateLabel(str(p.date)) });
    case 'pastDay.notPast':
    case 'pastDay.toBeforeFrom':
    case 'pastDay.journalingOff':
    case 'pastDay.noJournal':
    case 'pastDay.tooManyCalls':
    case 'pastDay.tooManyAgents':
      return pastDayRefusalText(e.code, p, say, dateLabel);
  }
}

/** A refused socket handshake as an ApiError: its code and figures ride in `data`; none when the server did not refuse it (the link failed). */
export function refusal(err: Error & { data?: unknown }): ApiError | null {
  const data = err.data;
  if (typeof data !== 'object' || data === null || !('code' in data) || !(ERROR_CODES as readonly unknown[]).includes(data.code)) return null;
  const params = 'params' in data && typeof data.params === 'object' && data.params !== null ? (data.params as Record<string, string | number>) : {};
  return new ApiError(err.message, data.code as ErrorCode, params);
}

/** A refused socket handshake in the page's language. */
export function refusalText(err: Error & { data?: unknown }): string {
  return errorText(refusal(err) ?? new ApiError(err.message));
}

/** A role's name in the page's language (the code itself for one the dictionary lacks). */
export function roleLabel(r: string): string {
  const key = `role.${r}`;
  return isPlainKey(key) ? t(key) : r;
}

const items = (v: AuditInfo['params'][string] | undefined): string[] => (Array.isArray(v) ? v : []);

/** `t` for the pure helpers, which pick their message keys at run time (the dictionary test holds every key's parameters alike in both languages). */
const say: Say = (key, params) => (t as (key: MessageKey, params?: Record<string, string | number>) => string)(key, params);

/**
 * Clients as every list on the People page names them: by the names in `tenantNames` (the
 * floor's, the reader's own clients' only; another client by its id), "every client" for '*'.
 */
export function clientsLabel(ids: readonly string[], tenantNames: Readonly<Record<string, string>>): string {
  return clientList(ids, tenantNames, t('audit.everyClient'));
}

/** The tooltip line giving the ids behind a list of clients shown by name; undefined when it holds none ('*' alone). */
export function clientIdsTitle(ids: readonly string[]): string | undefined {
  const shown = clientIds(ids);
  return shown.length ? t('audit.clientIds', { ids: shown.join(', ') }) : undefined;
}

/** Who made an audit entry: open mode's anonymous principal in the page's language, anyone else by their name. */
export function auditBy(a: AuditInfo): string {
  return principalName(a.by, a.byOpenMode, say, a.byKind);
}

/**
 * Who did something, where the answer carries only a name (a what-if's creator, an alert's
 * acknowledger): the open-mode name, which no token may take, is open mode's anonymous principal.
 */
export function whoText(name: string, kind: PrincipalKind | null = null): string {
  return principalName(name, name === OPEN_MODE_NAME, say, kind);
}

/** The clients an audit entry names, in its order. */
function entryClients(a: AuditInfo): string[] {
  const p = a.params ?? {};
  if (a.action === 'tenant.settings') return typeof p.tenant === 'string' ? [p.tenant] : [];
  return ['user.upsert', 'display.create', 'token.create'].includes(a.action) ? items(p.tenants) : [];
}

/**
 * An audit entry in the page's language, from its fields; an entry of an action this page does
 * not know (a newer server) keeps the server's English detail. Clients are named from
 * `tenantNames` and a person's teams from `teams`: the names the viewer's floor holds, their own
 * tenants' only, so an entry that also touches another client never shows that client's names
 * (it shows its id); see `auditTitle` for the ids.
 */
export function auditText(a: AuditInfo, teams: readonly TeamName[] = [], tenantNames: Readonly<Record<string, string>> = {}): string {
  const p = a.params ?? {};
  const s = (k: string) => str(typeof p[k] === 'string' || typeof p[k] === 'number' ? (p[k] as string | number) : undefined);
  const list = (v: AuditInfo['params'][string] | undefined): string => clientsLabel(items(v), tenantNames);
  switch (a.action) {
    case 'user.upsert': {
      const named = personTeams(teams, items(p.tenants), items(p.teams), locale.current)
        .map((team) => team.name)
        .join(', ');
      const base = named ? t('audit.userUpsertTeams', { name: s('name'), role: roleLabel(s('role')), tenants: list(p.tenants), teams: named }) : t('audit.userUpsert', { name: s('name'), role: roleLabel(s('role')), tenants: list(p.tenants) });
      return p.passwordSet === true ? base + t('audit.passwordSet') : base;
    }
    case 'user.disable':
      return p.disabled === true ? t('audit.userDisabled', { name: s('name') }) : t('audit.userEnabled', { name: s('name') });
    case 'display.create':
      return t('audit.displayCreate', { id: s('id'), name: s('name'), tenants: list(p.tenants), seconds: Number(p.rotationSeconds) });
    case 'display.revoke':
      return t('audit.displayRevoke', { id: s('id') });
    case 'token.create':
      return t('audit.tokenCreate', { id: s('id'), name: s('name'), role: roleLabel(s('role')), tenants: list(p.tenants) });
    case 'token.revoke':
      return t('audit.tokenRevoke', { id: s('id') });
    case 'plan':
      return planChangeText(p, say, dateLabel);
    case 'tenant.settings':
      return t(p.clientViewerAgentNames === true ? 'audit.namesOn' : 'audit.namesOff', { tenant: clientsLabel([s('tenant')], tenantNames) });
    default:
      return a.detail;
  }
}

/**
 * The ids behind an audit entry's names, for its tooltip (names can repeat or change; ids are
 * what the API takes): its clients', then its teams', each in the order `auditText` names them,
 * a line each; undefined when it names neither.
 */
export function auditTitle(a: AuditInfo, teams: readonly TeamName[] = []): string | undefined {
  const p = a.params ?? {};
  const teamIds = a.action === 'user.upsert' ? personTeams(teams, items(p.tenants), items(p.teams), locale.current).map((team) => team.id) : [];
  const lines = [clientIdsTitle(entryClients(a)), teamIds.length ? t('audit.teamIds', { ids: teamIds.join(', ') }) : undefined].filter((line) => line !== undefined);
  return lines.length ? lines.join('\n') : undefined;
}
