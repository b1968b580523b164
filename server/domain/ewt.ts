/**
 * Estimated wait time (EWT) of a caller from a queue's live state: pure, no engine, no clock
 * (time is `input.now`). The method was chosen by measurement on simulated days (docs/ewt.md,
 * `npm run ewt-accuracy`); the other candidates stay selectable so the measurement can be rerun.
 */

/** A caller waiting now. */
export interface WaitingCall {
  callId: string;
  /** Epoch ms. */
  queuedAt: number;
  /** Higher is served first; 0 when the event gave none. */
  priority: number;
}

/** An agent who serves the queue and is at work (available or on a contact); aux and offline agents are left out. */
export interface ServingAgent {
  agentId: string;
  state: 'available' | 'busy';
  /** How many of the agent's other queues have callers waiting now: the agent's time is shared with them. */
  otherQueuesWaiting: number;
}

/** Everything the estimator reads; `server/views/ewt-input.ts` builds it from the engine. */
export interface EwtInput {
  tenant: string;
  queueId: string;
  /** Epoch ms. */
  now: number;
  waiting: WaitingCall[];
  agents: ServingAgent[];
  /** Latest handle times (talk + hold + after-call work), seconds, oldest first. */
  recentHandleSeconds: number[];
  /**
   * Latest answered calls, oldest first: how many service completions each waited for when it
   * arrived (`completionsNeeded` then; 0 or less: an agent was free; NaN when unknown) and its wait, seconds.
   */
  recentAnswered: { behind: number; waitSeconds: number }[];
  /** The latest departures (any outcome), the abandons among them and the waiting time they all spent (seconds). */
  abandonment: { departures: number; abandoned: number; exposureSeconds: number };
  /** AHT (seconds) from the interval statistics, used when no handle times are kept yet. */
  fallbackAhtSeconds: number | null;
}

export const EWT_METHODS = ['position-abandon', 'position', 'similar-position', 'recent-mean'] as const;
export type EwtMethod = (typeof EWT_METHODS)[number];

export interface EwtOptions {
  /** Which estimator to use; the default is the one that measured best (docs/ewt.md). */
  method: EwtMethod;
  /** How many of the latest handle times make the mean handle time. */
  handleSamples: number;
  /** Fewer departures than this give no abandonment hazard (the estimate ignores abandons). */
  minDepartures: number;
  /**
   * Seconds between an agent being picked and the answer (ringing), added to every estimate;
   * null learns it as the median wait of recent calls answered that found an agent free.
   */
  answerDelaySeconds: number | null;
  /**
   * Answer the median wait (which minimises the absolute error) rather than the mean: the m
   * completions a caller waits for add up to a gamma-like time whose median is below its mean.
   */
  median: boolean;
  /** Start from the agents' residual handle time (a renewal's (1 + cv^2) / 2 of the mean) rather than a whole one. */
  residual: boolean;
  /**
   * Count an agent whose other queues also have callers waiting as a share of one (see
   * `effectiveAgents`). Off by default: on the simulated days it made every setting worse (docs/ewt.md).
   */
  shareAgents: boolean;
  /** How far (in completions needed) `similar-position` looks around the caller's. */
  positionTolerance: number;
}

export const EWT_DEFAULTS: EwtOptions = {
  method: 'position-abandon',
  handleSamples: 50,
  minDepartures: 20,
  answerDelaySeconds: null,
  median: true,
  residual: true,
  shareAgents: false,
  positionTolerance: 1,
};

export interface EwtEstimate {
  /** Seconds; null when nothing at all is known (no agent serving and no history). */
  estimatedWaitSeconds: number | null;
  /** The method that produced the figure (a fallback names itself). */
  method: EwtMethod | 'none';
  /** 1-based place in the service order the estimate is for. */
  position: number;
  waiting: number;
  agentsServing: number;
}

/** The waiting calls in service order: higher priority first, then first come first served. */
export function serviceOrder(waiting: readonly WaitingCall[]): WaitingCall[] {
  return [...waiting].sort((a, b) => b.priority - a.priority || a.queuedAt - b.queuedAt || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));
}

/** The 1-based position a caller of `priority` arriving now would take: behind everyone of equal or higher priority. */
export function arrivalPosition(waiting: readonly WaitingCall[], priority = 0): number {
  let ahead = 0;
  for (const w of waiting) if (w.priority >= priority) ahead++;
  return ahead + 1;
}

/** The 1-based service-order position of a waiting call, or null when it is not waiting. */
export function positionOf(waiting: readonly WaitingCall[], callId: string): number | null {
  const i = serviceOrder(waiting).findIndex((w) => w.callId === callId);
  return i < 0 ? null : i + 1;
}

/**
 * How many service completions the caller at `position` waits for: its position less the
 * agents free now (who take the first callers at once). 0 or less: an agent is free for it.
 */
export function completionsNeeded(input: EwtInput, position: number): number {
  let free = 0;
  for (const a of input.agents) if (a.state === 'available') free++;
  return position - free;
}

/**
 * Estimated wait (seconds) of the caller at `position` (1-based, service order); by default a
 * caller of priority 0 arriving now.
 */
export function estimateWait(input: EwtInput, at: { position?: number; priority?: number } = {}, options: Partial<EwtOptions> = {}): EwtEstimate {
  const o = { ...EWT_DEFAULTS, ...options };
  const position = at.position ?? arrivalPosition(input.waiting, at.priority ?? 0);
  const base = { position, waiting: input.waiting.length, agentsServing: input.agents.length };
  const tryOrder: EwtMethod[] = [o.method, ...FALLBACKS[o.method]];
  for (const method of tryOrder) {
    const s = ESTIMATORS[method](input, position, o);
    if (s !== null) return { ...base, estimatedWaitSeconds: s, method };
  }
  return { ...base, estimatedWaitSeconds: null, method: 'none' };
}

const FALLBACKS: Record<EwtMethod, EwtMethod[]> = {
  'position-abandon': ['recent-mean'],
  position: ['recent-mean'],
  'similar-position': ['position-abandon', 'recent-mean'],
  'recent-mean': [],
};

type Estimator = (input: EwtInput, position: number, o: EwtOptions) => number | null;

const ESTIMATORS: Record<EwtMethod, Estimator> = {
  'position-abandon': (input, position, o) => positionWait(input, position, o, abandonHazard(input, o)),
  position: (input, position, o) => positionWait(input, position, o, 0),
  'similar-position': similarPositionWait,
  'recent-mean': (input) => mean(input.recentAnswered.map((a) => a.waitSeconds)),
};

/**
 * Mean handle time (seconds) and its coefficient of variation from the latest handle times;
 * the interval statistics' AHT (cv unknown) when none are kept; null when neither is known.
 */
export function handleStats(input: EwtInput, samples = EWT_DEFAULTS.handleSamples): { mean: number; cv?: number } | null {
  const xs = input.recentHandleSeconds.slice(-samples);
  const m = mean(xs);
  if (m === null || m <= 0) return input.fallbackAhtSeconds ? { mean: input.fallbackAhtSeconds } : null;
  if (xs.length < 2) return { mean: m };
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return { mean: m, cv: Math.sqrt(ss / (xs.length - 1)) / m };
}

/** Abandons per second of waiting (exponential patience), or 0 with too few departures to tell. */
export function abandonHazard(input: EwtInput, o: Pick<EwtOptions, 'minDepartures'> = EWT_DEFAULTS): number {
  const { departures, abandoned, exposureSeconds } = input.abandonment;
  if (departures < o.minDepartures || exposureSeconds <= 0) return 0;
  return abandoned / exposureSeconds;
}

/**
 * Agents' capacity for this queue: every agent at work counts one, or with `share` an agent
 * whose other queues also have callers waiting counts 1 / (number of queues with callers it
 * serves), since it takes the longest-waiting caller among them.
 */
export function effectiveAgents(agents: readonly ServingAgent[], share = EWT_DEFAULTS.shareAgents): number {
  if (!share) return agents.length;
  let n = 0;
  for (const a of agents) n += 1 / (1 + a.otherQueuesWaiting);
  return n;
}

/**
 * Position-based wait: free agents take the first callers at once; the caller at position k
 * then waits for m = k - free service completions at rate mu = agents / AHT. Callers ahead
 * who abandon (hazard h per waiting second) shorten it: in the fluid model the m - 1 callers
 * ahead shrink at mu + h x, so they are gone after ln(1 + h (m - 1) / mu) / h, and one more
 * completion (1 / mu) serves the caller. With h = 0 this is m / mu.
 */
function positionWait(input: EwtInput, position: number, o: EwtOptions, hazard: number): number | null {
  const handle = handleStats(input, o.handleSamples);
  const aht = handle?.mean ?? null;
  const n = effectiveAgents(input.agents, o.shareAgents);
  if (aht === null || n <= 0) return null;
  const delay = answerDelay(input, o);
  const m = completionsNeeded(input, position);
  if (m <= 0) return delay;
  const mu = n / aht;
  const ahead = m - 1;
  const clearAhead = hazard > 0 ? Math.log1p((hazard * ahead) / mu) / hazard : ahead / mu;
  // The first completion comes from calls already under way: in a renewal process the time
  // left of a call in progress averages (1 + cv^2) / 2 of a whole one.
  const first = o.residual && handle?.cv !== undefined ? (1 + handle.cv ** 2) / 2 : 1;
  // Median of a gamma of shape m over its mean (Wilson-Hilferty; ln 2 at m = 1).
  const toMedian = o.median ? (m - 1 / 3 + 8 / (405 * m)) / m : 1;
  return toMedian * (clearAhead + first / mu) + delay;
}

/** Seconds from an agent being picked to the answer: as configured, else learned (see EwtOptions). */
export function answerDelay(input: EwtInput, o: Pick<EwtOptions, 'answerDelaySeconds'> = EWT_DEFAULTS): number {
  if (o.answerDelaySeconds !== null) return o.answerDelaySeconds;
  const immediate = input.recentAnswered.filter((a) => a.behind <= 0).map((a) => a.waitSeconds);
  return immediate.length >= MIN_SAMPLES ? (quantile(immediate, 0.5) ?? 0) : 0;
}

/** Fewer recent calls than this say nothing. */
const MIN_SAMPLES = 3;

/** Median wait of recent answered calls that waited for about as many completions as this caller will. */
function similarPositionWait(input: EwtInput, position: number, o: EwtOptions): number | null {
  const m = completionsNeeded(input, position);
  const near = input.recentAnswered.filter((a) => (m <= 0 ? a.behind <= 0 : Math.abs(a.behind - m) <= o.positionTolerance));
  return near.length >= MIN_SAMPLES ? quantile(near.map((a) => a.waitSeconds), 0.5) : null;
}

/** The q-quantile (0..1) of `xs` by the nearest-rank rule, or null when empty. */
function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
