import { en } from './en.ts';
import { isPlainKey, t } from './locale.svelte.ts';

/**
 * Words for the codes the server sends as data: agent states, scheduled activities and aux
 * reasons. A code with no message (a reason an ACD made up) is shown as it came.
 */

/** An aux reason code in words ("break" -> "Break", "休息"); null or empty -> "no reason". */
export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return t('reason.none');
  const asReason = `reason.${reason}`;
  if (isPlainKey(asReason)) return t(asReason);
  const asActivity = `activity.${reason}`;
  return isPlainKey(asActivity) ? t(asActivity) : reason;
}

/** The reason codes that have words of their own (`reason.*` but "no reason", and the activities). */
const WORDED_REASONS = Object.keys(en).flatMap((k) => (k.startsWith('reason.') && k !== 'reason.none' ? [k.slice(7)] : k.startsWith('activity.') ? [k.slice(9)] : []));

/**
 * The aux reason codes whose words in the current language contain `search` (case-insensitive,
 * trimmed): the board shows "Lunch" or "午餐" for `lunch`, so its search sends these codes
 * along (the server knows only codes). None for an empty search.
 */
export function reasonCodesMatching(search: string): string[] {
  const s = search.trim().toLowerCase();
  return s ? WORDED_REASONS.filter((code) => reasonLabel(code).toLowerCase().includes(s)) : [];
}

/** An agent state with its reason ("aux", "lunch" -> "Aux: Lunch"). */
export function stateLabel(state: string, reason?: string | null): string {
  if (state === 'aux' && reason) return t('state.auxWithReason', { reason: reasonLabel(reason) });
  const key = `state.${state}`;
  return isPlainKey(key) ? t(key) : state;
}

/** A scheduled activity ("lunch" -> "Lunch"). */
export function activityLabel(activity: string): string {
  const key = `activity.${activity}`;
  return isPlainKey(key) ? t(key) : activity;
}

/** The adherence engine's run of activities ("break → phone"), each in words, arrows kept. */
export function activitiesLabel(run: string): string {
  return run.split(' → ').map(activityLabel).join(' → ');
}

/** The adherence engine's run of state keys ("aux:break → talking"), each in words, arrows kept. */
export function stateKeysLabel(run: string): string {
  return run
    .split(' → ')
    .map((k) => (k.startsWith('aux:') ? stateLabel('aux', k.slice(4) || null) : stateLabel(k)))
    .join(' → ');
}

/** An alert rule's metric in words ("waitingCalls" -> "Calls waiting"); an unknown code as it came. */
export function alertMetricLabel(metric: string): string {
  const key = `alertMetric.${metric}`;
  return isPlainKey(key) ? t(key) : metric;
}

/** A call reason (disposition) code in words ("refund" -> "Refund", "退款"); a code with no message as it came. */
export function dispositionLabel(code: string): string {
  const key = `disposition.${code}`;
  return isPlainKey(key) ? t(key) : code;
}
