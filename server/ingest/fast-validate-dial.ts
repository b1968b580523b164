import { DIAL_OUTCOMES, DIAL_RESULTS, type DialAttempt, type DialOutcome, type DialOutcomeEvent, type DialResult } from '../protocol/events.ts';
import { plainId } from './fast-validate.ts';

/**
 * The fast path for the outbound events (`dial.attempt`, `dial.outcome`), in the manner of
 * fast-validate.ts: the same output as the zod schemas, or null to let zod decide and word the
 * error. `id`, `ts` (epoch ms) and `tenant` are already checked.
 */
export function fastDial(e: Record<string, unknown>, id: string, ts: number, tenant: string): DialAttempt | DialOutcomeEvent | null {
  const { attemptId, campaignId, agentId } = e;
  if (!plainId(attemptId) || !plainId(campaignId)) return null;
  if (agentId !== undefined && !plainId(agentId)) return null;
  if (e.type === 'dial.attempt') {
    const { result, callId } = e;
    if (!(DIAL_RESULTS as readonly unknown[]).includes(result)) return null;
    if (callId !== undefined && !plainId(callId)) return null;
    const out: DialAttempt = { id, ts, tenant, type: 'dial.attempt', attemptId, campaignId, result: result as DialResult };
    if (callId !== undefined) out.callId = callId;
    if (agentId !== undefined) out.agentId = agentId;
    return out;
  }
  const { outcome } = e;
  if (!(DIAL_OUTCOMES as readonly unknown[]).includes(outcome)) return null;
  const out: DialOutcomeEvent = { id, ts, tenant, type: 'dial.outcome', attemptId, campaignId, outcome: outcome as DialOutcome };
  if (agentId !== undefined) out.agentId = agentId;
  return out;
}
