/**
 * Configuration of what the server tells the outside: wait-time notifications (estimates for
 * waiting callers posted to an IVR or messaging webhook) and alerts (threshold rules and the
 * chat webhooks they post to). Validated with zod; every problem names its field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { alertRulesSchema, type AlertRule } from '../domain/alert-rules.ts';
import { WAIT_NOTIFICATION_DEFAULTS, waitNotificationPolicySchema, type WaitNotificationPolicy } from '../domain/wait-notifications.ts';
import { issueList } from '../validation/zod-issues.ts';

const httpUrl = z.string().url().refine((s) => /^https?:\/\//.test(s), { message: 'must be an http or https URL' });

/** One wait-time notification webhook: a tenant's queue (or all its queues) posting to `url`. */
export const waitNotificationSchema = z
  .object({
    tenant: z.string().min(1),
    /** One queue; omitted: every queue of the tenant. */
    queueId: z.string().min(1).optional(),
    url: httpUrl,
    intervalSeconds: z.number().int().min(10, 'must be at least 10 seconds').max(3600).optional(),
    changeSeconds: z.number().min(1).max(3600).optional(),
    minGapSeconds: z.number().min(0).max(3600).optional(),
    onArrival: z.boolean().optional(),
  })
  .strict();

/** Alert settings of the config file; ALERT_RULES_FILE and ALERT_WEBHOOK_URL in the environment win. */
export const alertsFileSchema = z
  .object({
    /** Rules inline (see docs/alerts.md). */
    rules: z.array(z.unknown()).optional(),
    /** A JSON file of { "rules": [...] }, used instead of `rules`. */
    rulesFile: z.string().min(1).optional(),
    /** Chat webhooks for fired and closed alerts; tenant "*" gets every tenant's alerts. */
    webhooks: z.array(z.object({ tenant: z.string().min(1), url: httpUrl }).strict()).optional(),
  })
  .strict();

export interface WaitNotificationTarget {
  tenant: string;
  queueId: string | undefined;
  url: string;
  policy: WaitNotificationPolicy;
}

export interface AlertsConfig {
  rules: AlertRule[];
  webhooks: { tenant: string; url: string }[];
}

/** Wait-time notification targets with their policy filled from the defaults. */
export function waitNotificationTargets(entries: z.infer<typeof waitNotificationSchema>[]): WaitNotificationTarget[] {
  return entries.map(({ tenant, queueId, url, ...p }) => ({ tenant, queueId, url, policy: waitNotificationPolicySchema.parse({ ...WAIT_NOTIFICATION_DEFAULTS, ...stripUndefined(p) }) }));
}

/**
 * Alert rules and webhooks from the config file section and the environment (ALERT_RULES_FILE:
 * a JSON file of { rules }, ALERT_WEBHOOK_URL: one chat webhook for every tenant); problems are
 * pushed onto `problems`, each naming where it came from.
 */
export function alertsConfig(file: z.infer<typeof alertsFileSchema> | undefined, env: { ALERT_RULES_FILE?: string; ALERT_WEBHOOK_URL?: string }, problems: string[]): AlertsConfig {
  const rulesPath = env.ALERT_RULES_FILE ?? file?.rulesFile;
  let raw: unknown = { rules: file?.rules ?? [] };
  let where = 'config file alerts';
  if (rulesPath) {
    where = `alert rules file ${rulesPath}`;
    if (!existsSync(rulesPath)) {
      problems.push(`${where}: no such file`);
      raw = { rules: [] };
    } else {
      try {
        raw = JSON.parse(readFileSync(rulesPath, 'utf8'));
      } catch (e) {
        problems.push(`${where}: not JSON (${(e as Error).message.slice(0, 120)})`);
        raw = { rules: [] };
      }
    }
  }
  const parsed = alertRulesSchema.safeParse(raw);
  if (!parsed.success) problems.push(...issueList(parsed.error, '(top level)').map((m) => `${where}: ${m}`));
  const webhooks = [...(file?.webhooks ?? [])];
  if (env.ALERT_WEBHOOK_URL) {
    const u = httpUrl.safeParse(env.ALERT_WEBHOOK_URL);
    if (u.success) webhooks.push({ tenant: '*', url: u.data });
    else problems.push(`environment ALERT_WEBHOOK_URL: must be an http or https URL, got ${JSON.stringify(env.ALERT_WEBHOOK_URL.slice(0, 40))}`);
  }
  return { rules: parsed.success ? parsed.data.rules : [], webhooks };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
