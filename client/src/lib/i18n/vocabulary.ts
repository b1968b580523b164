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
