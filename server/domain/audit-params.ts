import type { Command } from '../protocol/commands.ts';
import type { AuditParams } from '../protocol/people.ts';

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
      return { detail: cmd.detail };
    case 'tenant.settings':
      return { tenant: cmd.tenant, clientViewerAgentNames: cmd.clientViewerAgentNames };
    case 'session.open':
    case 'session.close':
      return {};
  }
}
