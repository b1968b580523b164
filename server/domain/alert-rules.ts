/**
 * Alert rule configuration: which metric of which tenant's queues, compared with what, held for
 * how long before an alert fires and clear for how long before it closes. Validated with zod so
 * a bad rule file names the rule and field at fault.
 */
import { z } from 'zod';
import { issueText } from '../validation/zod-issues.ts';

/**
 * Metrics a rule may watch. Fractions are 0..1, durations seconds.
 * - serviceLevel: the queue's service level now (the current interval's, as the wallboard shows)
 * - waitingCalls: callers waiting now
 * - longestWaitSeconds: wait of the longest-waiting caller now
 * - abandonRate: the queue's abandon rate today
 * - backlogAgeSeconds: age of the oldest deferred item (email) in the backlog
 * - adherenceExceptions: agents out of adherence now (a tenant-wide figure: queueId null)
 */
export const ALERT_METRICS = ['serviceLevel', 'waitingCalls', 'longestWaitSeconds', 'abandonRate', 'backlogAgeSeconds', 'adherenceExceptions'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const COMPARATORS = ['<', '<=', '>', '>='] as const;
export type Comparator = (typeof COMPARATORS)[number];

const FRACTIONS: readonly AlertMetric[] = ['serviceLevel', 'abandonRate'];
const DAY = 86_400;

export const alertRuleSchema = z
  .object({
    /** Unique within its tenant; letters, digits and . _ : - */
    id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits and . _ : - only'),
    tenant: z.string().min(1).max(64),
    /** One queue; omitted: every queue of the tenant, each alerting on its own (and tenant-wide metrics). */
    queueId: z.string().min(1).max(128).optional(),
    name: z.string().min(1).max(120).optional(),
    metric: z.enum(ALERT_METRICS),
    comparator: z.enum(COMPARATORS),
    threshold: z.number().finite(),
    /** The condition must hold this long (seconds) before the alert fires. */
    forSeconds: z.number().int().min(0).max(DAY),
    /** The condition must stay clear this long (seconds) before the alert closes. */
    clearSeconds: z.number().int().min(0).max(DAY),
    severity: z.enum(['warning', 'critical']).default('warning'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (FRACTIONS.includes(r.metric) && (r.threshold < 0 || r.threshold > 1)) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${r.metric} is a fraction: the threshold must be from 0 to 1 (0.8 for 80%), got ${r.threshold}` });
    } else if (r.threshold < 0) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${r.metric} is never negative: got ${r.threshold}` });
    }
    if (r.metric === 'adherenceExceptions' && r.queueId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['queueId'], message: 'adherenceExceptions is counted per tenant, not per queue: leave queueId out' });
    }
  });

export type AlertRule = z.output<typeof alertRuleSchema>;

export const alertRulesSchema = z
  .object({ rules: z.array(alertRuleSchema).max(1000) })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.rules.forEach((r, i) => {
      const key = `${r.tenant}\u0000${r.id}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${r.id}" is used twice in tenant ${r.tenant}` });
      seen.add(key);
    });
  });

/** Parses a rule file's content ({ rules: [...] }); the error names each field at fault. */
export function parseAlertRules(input: unknown): { ok: true; rules: AlertRule[] } | { ok: false; error: string } {
  const r = alertRulesSchema.safeParse(input);
  return r.success ? { ok: true, rules: r.data.rules } : { ok: false, error: issueText(r.error, 'alert rules') };
}

/** Whether `value` breaches `threshold` under `comparator`. */
export function breaches(comparator: Comparator, value: number, threshold: number): boolean {
  switch (comparator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/** Whether `a` is worse than `b` for a rule (lower is worse for < and <=, higher for > and >=). */
export function worse(comparator: Comparator, a: number, b: number): boolean {
  return comparator === '<' || comparator === '<=' ? a < b : a > b;
}
