import type { Command } from '../protocol/commands.ts';
import type { AuditParams, PlanChange } from '../protocol/people.ts';

export type { AuditParams };

/**
 * A command's audited facts as fields (never hashes or passwords), so each screen can word the
 * entry in its person's language; `describe` in directory.ts words the same facts in English.
 */
export function auditParams(cmd: Command): AuditParams {
  switch (cmd.kind) {
    case 'display.create':
      return { id: cmd.id, name: cmd.name, tenants: cmd.tenants, rotationSeconds: cmd.rotationSeconds };
    case 'display.revoke':
    case 'token.revoke':
      return { id: cmd.id };
    case 'user.upsert':
      return { name: cmd.name, role: cmd.role, tenants: cmd.tenants, teams: cmd.teams, passwordSet: cmd.password !== null };
    case 'user.disable':
      return { name: cmd.name, disabled: cmd.disabled };
    case 'token.create':
      return { id: cmd.id, name: cmd.name, role: cmd.role, tenants: cmd.tenants };
    case 'audit.note':
      return cmd.action === 'plan' ? { detail: cmd.detail, ...planChangeParams(cmd.detail) } : { detail: cmd.detail };
    case 'tenant.settings':
      return { tenant: cmd.tenant, clientViewerAgentNames: cmd.clientViewerAgentNames };
    case 'session.open':
    case 'session.close':
      return {};
  }
}

/** The path segments of each plan change: a literal, or `:name` for a field of the entry. */
const PLAN_ROUTES: readonly { method: string; path: readonly string[]; change: PlanChange }[] = [
  { method: 'PUT', path: ['forecasts', ':queue', ':date'], change: 'forecast.import' },
  { method: 'DELETE', path: ['forecasts', ':queue', ':date'], change: 'forecast.delete' },
  { method: 'PUT', path: ['schedules', ':date'], change: 'schedule.import' },
  { method: 'POST', path: ['queues', ':queue', 'whatifs'], change: 'whatif.add' },
  { method: 'DELETE', path: ['queues', ':queue', 'whatifs', ':id'], change: 'whatif.remove' },
  { method: 'POST', path: ['history'], change: 'history.import' },
  { method: 'PUT', path: ['calendar'], change: 'calendar.update' },
];

/**
 * A plan note's change as fields, from its detail (`METHOD /path`, as http/audit-plan.ts writes
 * it, so notes logged before these fields existed get them too): `change` and the queue, date or
 * what-if id the path names, decoded; nothing for a request of no known change.
 */
export function planChangeParams(detail: string): AuditParams {
  const space = detail.indexOf(' ');
  if (space < 0) return {};
  const method = detail.slice(0, space);
  // Express routes '/schedules/d/' as '/schedules/d': a trailing slash names nothing.
  const raw = detail.slice(space + 1).replace(/\/$/, '').split('/').slice(1);
  let segments: string[];
  try {
    segments = raw.map((s) => decodeURIComponent(s));
  } catch {
    return {}; // not a path the plan routes answered
  }
  for (const r of PLAN_ROUTES) {
    if (r.method !== method || r.path.length !== segments.length) continue;
    const fields: Record<string, string> = { change: r.change };
    const fits = r.path.every((part, i) => {
      // The router matches fixed segments in any case (`/QUEUES/q1/WHATIFS`); ids keep theirs.
      if (!part.startsWith(':')) return part === segments[i].toLowerCase();
      fields[part.slice(1)] = segments[i];
      return segments[i] !== '';
    });
    if (fits) return fields;
  }
  return {};
}
