/**
 * Erlang B, C and A, exact for 1 to 20,000 agents: recurrences and log-space sums only, never a
 * factorial or a power that could overflow. Times are seconds; traffic is in Erlangs.
 * Values below about 1e-300 flush to 0.
 */
import type { ErlangResult } from '../protocol/erlang.ts';
import { digammaDifference, logNegativeBinomial, logPoisson, regularizedBeta } from './special-functions.ts';

export type { ErlangResult };

/** Erlang B blocking probability for `agents` servers offered `traffic` Erlangs. */
export function erlangB(traffic: number, agents: number): number {
  if (traffic <= 0) return 0;
  let b = 1;
  // Once b underflows to 0 every later step gives 0: stopping there is exact, and keeps a count of
  // millions of agents (stacked what-ifs) from costing millions of steps for a few Erlangs.
  for (let n = 1; n <= agents && b > 0; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Erlang C probability of waiting from Erlang B; 1 when traffic >= agents. */
export function erlangCFromB(traffic: number, agents: number, b: number): number {
  if (traffic <= 0) return 0;
  if (traffic >= agents) return 1;
  return (agents * b) / (agents - traffic * (1 - b));
}

export interface CInput {
  trafficErlangs: number;
  agents: number;
  ahtSeconds: number;
  targetSeconds: number;
}

/** Erlang B metrics: blocking and carried-traffic occupancy. */
export function erlangBMetrics(trafficErlangs: number, agents: number): ErlangResult {
  const blocking = erlangB(trafficErlangs, agents);
  return {
    model: 'B',
    trafficErlangs,
    agents,
    unstable: false,
    blocking,
    pWait: null,
    serviceLevel: null,
    asaSeconds: null,
    meanWaitSeconds: null,
    pAbandon: null,
    occupancy: agents > 0 ? (trafficErlangs * (1 - blocking)) / agents : null,
  };
}

/** Erlang C metrics; with traffic >= agents: unstable, P(wait) 1, service level 0, ASA null. */
export function erlangC({ trafficErlangs: a, agents: n, ahtSeconds, targetSeconds }: CInput, b = erlangB(a, n)): ErlangResult {
  const result = (unstable: boolean, pWait: number, serviceLevel: number, asaSeconds: number | null, occupancy: number | null): ErlangResult => ({
    model: 'C',
    trafficErlangs: a,
    agents: n,
    unstable,
    blocking: null,
    pWait,
    serviceLevel,
    asaSeconds,
    meanWaitSeconds: asaSeconds,
    pAbandon: null,
    occupancy,
  });
  if (a <= 0) return result(false, 0, 1, 0, n > 0 ? 0 : null);
  if (a >= n) return result(true, 1, 0, null, n > 0 ? 1 : null);
  const c = erlangCFromB(a, n, b);
  return result(false, c, Math.max(0, 1 - c * Math.exp((-(n - a) * targetSeconds) / ahtSeconds)), (c * ahtSeconds) / (n - a), a / n);
}

export interface AInput extends CInput {
  patienceSeconds: number;
}

/**
 * Erlang A (M/M/N+M): exponential patience with mean `patienceSeconds`. An arrival finding k
 * callers waiting ahead reaches an agent after V = -ln(B)/theta with B ~ Beta(x, k + 1),
 * x = N mu / theta; so P(served) = x / (x + k + 1) and P(served within T) = x / (x + k + 1) *
 * (1 - I_z(x + 1, k + 1)), z = e^(-theta T), with I a negative binomial sum for integer k.
 * The waiting states' weights are summed with rescaling from near their peak, some 30 sqrt(y)
 * of them, under 30,000 within ERLANG_LIMITS however many callers could wait (docs/metrics.md).
 */
export function erlangA({ trafficErlangs: a, agents: n, ahtSeconds, targetSeconds, patienceSeconds }: AInput, b = erlangB(a, n)): ErlangResult {
  const result = (pWait: number, serviceLevel: number, asaSeconds: number | null, meanWaitSeconds: number, pAbandon: number, occupancy: number | null): ErlangResult => ({
    model: 'A',
    trafficErlangs: a,
    agents: n,
    unstable: false,
    blocking: null,
    pWait,
    serviceLevel,
    asaSeconds,
    meanWaitSeconds,
    pAbandon,
    occupancy,
  });
  if (a <= 0) return result(0, 1, 0, 0, 0, 0);
  if (n === 0) return result(1, 0, null, patienceSeconds, 1, null);
  const theta = 1 / patienceSeconds;
  const mu = 1 / ahtSeconds;
  const lambda = a * mu;
  const x = (n * mu) / theta;
  const y = lambda / theta;
  const lnZ = -theta * targetSeconds;
  const oneMinusZ = -Math.expm1(lnZ);

  // Sums over k of w_k * (term), w_k = y^k / ((x+1)...(x+k)). Values are stored divided by
  // e^logScale, rescaled before they overflow, so only multiplications run in the loop.
  // The weights rise to a peak near k = y - x, about sqrt(y) wide, and fall after it: the sums
  // start where the states below weigh nothing together (erlangAStart) and stop where they
  // fall below 1e-17 of the sum, some 30 sqrt(y) states however large y is (up to a million).
  const start = erlangAStart(x, y);
  const kStart = start?.k ?? 0;
  let logScale = start?.logW ?? 0;
  let w = 1;
  let sumW = 0;
  let sumAb = 0;
  let sumServed = 0; // sum_{j<k} w_j x / (x + j + 1) before state k's term, the whole sum after
  let sumWithin = 0;
  let sumWaitServed = 0;
  // Answered within T: sum_k w_k served_k (1 - I_z(x + 1, k + 1)) with 1 - I = sum_{j>k} p_j,
  // the negative binomial masses p_j, is summed as sum_j p_j sum_{k<j} w_k served_k: positive
  // terms only (1 - I by subtraction loses all its digits once I is near 1), and the masses
  // past the last state in one regularised incomplete beta at the end. p_j runs in log space
  // while it would underflow, from ln p_kStart computed directly.
  let logP = kStart === 0 ? (x + 1) * lnZ : logNegativeBinomial(kStart, x + 1, lnZ);
  let inLog = logP < -700;
  let p = inLog ? 0 : Math.exp(logP);
  let harmonic = start?.harmonic ?? 1 / (x + 1); // sum_{j=0..k} 1 / (x + 1 + j)
  const kPeak = Math.max(0, Math.ceil(y - x));
  let k = kStart;
  for (; ; k++) {
    if (k > kStart) {
      w *= y / (x + k);
      const ratio = ((x + k) / k) * oneMinusZ;
      if (!inLog) p *= ratio;
      else if (ratio > 1) {
        // (The ratio falls with k: once at most 1, p only shrinks and stays out of reach.)
        logP += Math.log(ratio);
        // Anew rather than from the running sum of logs, whose rounding grows with |ln p|.
        if (logP >= -700) {
          p = Math.exp(logNegativeBinomial(k, x + 1, lnZ));
          inLog = false;
        }
      }
      harmonic += 1 / (x + 1 + k);
    }
    if (w > 1e200) {
      w *= 1e-200;
      sumW *= 1e-200;
      sumAb *= 1e-200;
      sumServed *= 1e-200;
      sumWithin *= 1e-200;
      sumWaitServed *= 1e-200;
      logScale += 200 * Math.LN10;
    }
    const served = x / (x + k + 1);
    sumWithin += p * sumServed;
    sumW += w;
    sumAb += w * (1 - served);
    sumServed += w * served;
    sumWaitServed += w * served * harmonic;
    if (k > kPeak && w < 1e-17 * sumW) break;
    if (k > 10_000_000) break;
  }
  termsSummed += k - kStart + 1 + (start?.steps ?? 0);
  // Callers k ahead of whom all wait longer than T: 1 - I_z(x + 1, k + 1) = I_(1-z)(k + 1, x + 1).
  const sumSl = sumWithin + sumServed * regularizedBeta(k + 1, x + 1, oneMinusZ, Math.exp(lnZ));
  // pi_N * W = P(all agents busy on arrival); pi_N = 1 / (1/B - 1 + W), W = sumW e^logScale.
  const logInvB = b > 0 ? -Math.log(b) : Infinity;
  const pWait = logInvB === Infinity ? 0 : 1 / (1 + (Math.exp(logInvB - logScale) - Math.exp(-logScale)) / sumW);
  const share = pWait / sumW; // pi_N in the scaled units of the sums
  const pAbandon = share * sumAb;
  const servedWithin = 1 - pWait + share * sumSl;
  const pServed = 1 - pAbandon;
  const waitServed = (share * sumWaitServed) / theta; // E[wait; served]
  return result(pWait, Math.min(1, Math.max(0, servedWithin)), pServed > 0 ? waitServed / pServed : null, pAbandon / theta, pAbandon, (a * pServed) / n);
}

/** Below this many negligible states Erlang A's sums start at 0, as they always did. */
const ERLANG_A_MIN_SKIP = 1_000;

/** States Erlang A has summed since the process started, and steps spent finding where to start: its cost, for tests. */
let termsSummed = 0;

/** The number of Erlang A terms summed so far in this process (tests watch its growth). */
export function erlangATermsSummed(): number {
  return termsSummed;
}

interface ErlangAStart {
  /** The first state summed. */
  k: number;
  /** ln w_k. */
  logW: number;
  /** sum_{j=0..k} 1 / (x + 1 + j) = psi(x + k + 2) - psi(x + 1). */
  harmonic: number;
  /** Steps taken to find k. */
  steps: number;
}

/**
 * Where Erlang A's sums start when the weights w_k = y^k / ((x+1)...(x+k)) below some state k
 * weigh nothing (under 1e-20 of the sum between k and the peak, all together): that k and the
 * running quantities there, from a log-gamma ratio and a digamma difference (O(1) each), after
 * about 10 sqrt(y) steps down from the peak; null to start at 0 (fewer than
 * ERLANG_A_MIN_SKIP states to skip, where summing them costs no more than finding k).
 */
function erlangAStart(x: number, y: number): ErlangAStart | null {
  // The weights rise while w_k / w_(k-1) = y / (x + k) >= 1, up to `top`.
  const top = Math.floor(y - x);
  if (top <= ERLANG_A_MIN_SKIP) return null;
  // Walking down from the top with v = w_k / w_top: all states below k weigh at most k v.
  let v = 1;
  let sum = 1;
  let k = top;
  while (k > ERLANG_A_MIN_SKIP && k * v >= 1e-20 * sum) {
    v *= (x + k) / y;
    sum += v;
    k--;
  }
  if (k <= ERLANG_A_MIN_SKIP) return null;
  return { k, logW: logPoisson(x + k, y) - logPoisson(x, y), harmonic: digammaDifference(x + 1, x + k + 2), steps: top - k };
}

export interface Targets {
  /** Share answered within `targetSeconds`, 0..1. */
  serviceLevel?: number;
  maxAsaSeconds?: number;
  maxOccupancy?: number;
  /** Erlang B. */
  maxBlocking?: number;
  /** Erlang A. */
  maxAbandon?: number;
}

export interface RequiredInput {
  model: 'B' | 'C' | 'A';
  trafficErlangs: number;
  ahtSeconds: number;
  targetSeconds: number;
  patienceSeconds?: number;
  targets: Targets;
}

/** Metrics of a model at `agents`; B is built incrementally by callers that search. */
export function evaluate(input: RequiredInput, agents: number, b = erlangB(input.trafficErlangs, agents)): ErlangResult {
  const { trafficErlangs, ahtSeconds, targetSeconds } = input;
  if (input.model === 'B') return { ...erlangBMetrics(trafficErlangs, agents), blocking: b, occupancy: agents > 0 ? (trafficErlangs * (1 - b)) / agents : null };
  if (input.model === 'C') return erlangC({ trafficErlangs, agents, ahtSeconds, targetSeconds }, b);
  return erlangA({ trafficErlangs, agents, ahtSeconds, targetSeconds, patienceSeconds: input.patienceSeconds! }, b);
}

/** Whether a result meets every target given. */
export function meets(r: ErlangResult, t: Targets): boolean {
  if (r.unstable) return false;
  if (t.serviceLevel !== undefined && (r.serviceLevel ?? 0) < t.serviceLevel) return false;
  if (t.maxAsaSeconds !== undefined && (r.asaSeconds === null || r.asaSeconds > t.maxAsaSeconds)) return false;
  if (t.maxOccupancy !== undefined && (r.occupancy ?? 1) > t.maxOccupancy) return false;
  if (t.maxBlocking !== undefined && (r.blocking ?? 1) > t.maxBlocking) return false;
  if (t.maxAbandon !== undefined && (r.pAbandon ?? 1) > t.maxAbandon) return false;
  return true;
}

/**
 * The smallest whole number of agents meeting every target, with the metrics there; null when
 * more than `maxAgents` would be needed. Every metric improves with more agents. Erlang B and C
 * step up one agent at a time with Erlang B carried along (O(1) a step, no allocation); Erlang
 * A, whose evaluation is dearer, starts from the Erlang C answer and steps down, or strides up
 * and bisects. Erlang A may need fewer agents than the traffic.
 */
export function requiredAgents(input: RequiredInput, maxAgents: number = ERLANG_LIMITS.agents): { agents: number; result: ErlangResult } | null {
  const n = requiredAgentCount(input, maxAgents);
  return n === null ? null : { agents: n, result: evaluate(input, n) };
}

/**
 * Bounds on the questions the calculators answer, so each answer costs at most a few
 * milliseconds whatever it is asked (the largest real queues run a few thousand Erlangs).
 * Erlang A's cost grows with traffic x patience / AHT, the number of callers that could be
 * waiting, so that product is bounded too.
 */
export const ERLANG_LIMITS = { trafficErlangs: 5_000, agents: 10_000, patienceSeconds: 3_600, erlangAWaitingScale: 1_000_000 } as const;

/** Why a question is beyond ERLANG_LIMITS, or null when it is within them. */
export function erlangLimitProblem(input: Pick<RequiredInput, 'model' | 'trafficErlangs' | 'ahtSeconds' | 'patienceSeconds'>): string | null {
  const L = ERLANG_LIMITS;
  if (input.trafficErlangs > L.trafficErlangs) return `traffic: ${round(input.trafficErlangs)} Erlangs is more than the limit of ${L.trafficErlangs}`;
  if (input.model === 'A' && input.patienceSeconds !== undefined) {
    if (input.patienceSeconds > L.patienceSeconds) return `patienceSeconds: more than the limit of ${L.patienceSeconds}`;
    const scale = (input.trafficErlangs * input.patienceSeconds) / input.ahtSeconds;
    if (scale > L.erlangAWaitingScale) return `traffic x patienceSeconds / ahtSeconds is ${round(scale)}, more than the limit of ${L.erlangAWaitingScale} for Erlang A`;
  }
  return null;
}

const round = (x: number) => (x < 1e9 ? String(Math.round(x * 100) / 100) : x.toExponential(2));

/**
 * The metrics `agents` servers give on `input` (a projection of staff on the plan), or null when
 * the question is beyond ERLANG_LIMITS: Erlang B's steps grow with the traffic, so a forecast of
 * 100,000 calls of 86,400 s (4.8 million Erlangs) on millions of what-if agents took millions of
 * steps an interval. Agents past ERLANG_LIMITS.agents are answered: within the traffic limit
 * Erlang B stops where it underflows (10,001 steps at 5,000 Erlangs).
 */
export function projectedMetrics(input: RequiredInput, agents: number): ErlangResult | null {
  return erlangLimitProblem(input) ? null : evaluate(input, agents);
}

/** The number `requiredAgents` finds, without the metrics (for tables of many intervals); null beyond the limits. */
export function requiredAgentCount(input: RequiredInput, maxAgents: number = ERLANG_LIMITS.agents): number | null {
  if (erlangLimitProblem(input)) return null;
  return input.model === 'A' ? requiredA(input, maxAgents) : requiredBC(input, maxAgents);
}

function requiredBC(input: RequiredInput, maxAgents: number): number | null {
  const { trafficErlangs: a, ahtSeconds, targetSeconds, targets: t } = input;
  const start = input.model === 'C' && a > 0 ? Math.floor(a) + 1 : 0;
  let b = erlangB(a, start);
  for (let n = start; n <= maxAgents; n++) {
    if (n > start) b = (a * b) / (n + a * b);
    if (a <= 0) return n;
    const occupancy = n > 0 ? (input.model === 'B' ? a * (1 - b) : a) / n : 1;
    if (t.maxOccupancy !== undefined && occupancy > t.maxOccupancy) continue;
    if (input.model === 'B') {
      if (t.maxBlocking === undefined || b <= t.maxBlocking) return n;
      continue;
    }
    const c = erlangCFromB(a, n, b);
    if (t.serviceLevel !== undefined && 1 - c * Math.exp((-(n - a) * targetSeconds) / ahtSeconds) < t.serviceLevel) continue;
    if (t.maxAsaSeconds !== undefined && (c * ahtSeconds) / (n - a) > t.maxAsaSeconds) continue;
    return n;
  }
  return null;
}

function requiredA(input: RequiredInput, maxAgents: number): number | null {
  const t = input.targets;
  const a = input.trafficErlangs;
  const ok = (n: number) => meets(evaluate(input, n), t);
  // Answered traffic (at least SL or 1 - max abandon of the offered) cannot exceed the agents.
  const floor = Math.max(0, Math.floor(a * Math.max(t.serviceLevel ?? 0, 1 - (t.maxAbandon ?? 1))) - 1);
  const { maxAbandon: _ignored, ...cTargets } = t;
  const n = Math.max(floor, Math.min(maxAgents, requiredBC({ ...input, model: 'C', targets: cTargets }, maxAgents) ?? floor));
  let lo: number;
  let hi: number;
  if (ok(n)) {
    // Usually Erlang A needs the Erlang C answer or a little less: gallop down, then bisect.
    hi = n;
    let stride = 1;
    lo = n - stride;
    while (lo > floor && ok(lo)) {
      hi = lo;
      stride *= 2;
      lo = hi - stride;
    }
    if (lo <= floor) {
      if (ok(floor)) return floor;
      lo = floor;
    }
  } else {
    lo = n;
    let stride = Math.max(1, Math.ceil(Math.sqrt(a)));
    hi = Math.min(maxAgents, lo + stride);
    while (!ok(hi)) {
      if (hi >= maxAgents) return null;
      lo = hi;
      stride *= 2;
      hi = Math.min(maxAgents, lo + stride);
    }
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Agents to schedule so that `required` are on the phones after shrinkage (0..1). */
export function scheduledAgents(required: number, shrinkage: number): number {
  return Math.ceil(required / (1 - shrinkage) - 1e-9);
}

/** Traffic in Erlangs from calls in an interval and the handle time (seconds). */
export function traffic(calls: number, intervalSeconds: number, ahtSeconds: number): number {
  return (calls * ahtSeconds) / intervalSeconds;
}
