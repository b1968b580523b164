/**
 * Jade Bank's customer-satisfaction survey: an outbound campaign worked by its own agents
 * through a predictive dialler. Each number on the list has a hidden reachability (does a
 * person pick up) and receptiveness (will they take the survey); most people who answer
 * refuse, as in real survey work (over 90% of contacts when nothing is filtered). The
 * pre-dial filter drops numbers a scoring model predicts will not answer or will refuse, so
 * the agents' hours go to people more likely to complete the survey.
 *
 * It shares the Simulation's clock and event heap but draws from its own random stream, so
 * turning it on or off leaves every other simulated event as it was.
 */
import { DateTime } from 'luxon';
import { surveyDisposition } from './dispositions.ts';
import { Random } from './random.ts';

export interface SurveyOptions {
  /** The pre-dial filter: skip numbers predicted to be non-answers or refusers. Default on. */
  filter?: boolean;
}

export const SURVEY = {
  tenant: 'jade-bank',
  campaignId: 'jade-survey',
  /** The name of the campaign's queue (the agents' skill) on the wallboard. */
  name: 'Jade Survey (outbound)',
  team: 'jade-survey-team',
  teamName: 'Team Tainan (survey)',
  agents: 6,
  /** Local hours the campaign dials: 09:00 to 18:00. */
  open: [9, 18] as const,
  /** Most dials in flight per agent logged in (the trunk lines the campaign may hold). */
  linesPerAgent: 3,
  /** Connects the dialler aims for per free agent (below 1: fewer dropped calls, more waiting). */
  pacing: 0.6,
  /** Share of the list that picks up often (the rest rarely does), and how often each answers. */
  reachableShare: 0.3,
  answerReachable: 0.6,
  answerHard: 0.1,
  /** Share of people receptive to a survey, and the chance each kind completes it when reached. */
  receptiveShare: 0.2,
  successReceptive: 0.2,
  successUnreceptive: 0.015,
  /** Chance a contact who does not complete asks to be called back. */
  callbackShare: 0.03,
  /** How often the filter's model is right about reachability and about receptiveness. */
  filterReachAccuracy: 0.8,
  filterReceptiveAccuracy: 0.75,
  /** Seconds: talk of a completed survey, a refusal, a callback request; after-call work. */
  talkSuccess: 360,
  talkRefusal: 25,
  talkCallback: 40,
  acw: 10,
  /** Seconds a dial rings before the dialler gives up (no answer); a connect comes after `ringConnect`. */
  ringNoAnswer: 25,
  ringConnect: 8,
} as const;

/** What the dialler needs of the Simulation: its clock, its event heap and its event sink. */
export interface SurveyHost {
  now(): number;
  at(t: number, run: () => void): void;
  emit(key: string, tenant: string, type: string, fields: Record<string, unknown>): void;
}

interface SurveyAgent {
  id: string;
  name: string;
  mode: 'offline' | 'available' | 'busy' | 'aux';
  availableSince: number;
  /** Leave (lunch or the day's end) once the current contact is wrapped up. */
  after: 'lunch' | 'logout' | null;
}

const NAMES = ['Tseng Yu-han', 'Lo Mei-hua', 'Pan Chun-yi', 'Fang Tzu-yu', 'Su Wen-chieh', 'Tu Hsin-yi'];

/** The survey campaign's dialler and agents. */
export class SurveyDialler {
  readonly filter: boolean;
  private readonly rng: Random;
  private readonly agents: SurveyAgent[];
  private inFlight = 0;
  private seq = 0;
  /** The dialler's running estimate of the share of dials a person answers (its pacing). */
  private answerRate: number;
  private dialling = false;
  private dayOpen = 0;
  private dayEnd = 0;

  constructor(
    seed: number,
    private readonly timezone: string,
    start: number,
    options: SurveyOptions,
    private readonly host: SurveyHost,
  ) {
    this.filter = options.filter ?? true;
    this.rng = new Random(seed).fork('jade-survey');
    this.agents = NAMES.slice(0, SURVEY.agents).map((name, i) => ({ id: `jade-s${String(i + 1).padStart(2, '0')}`, name, mode: 'offline', availableSince: 0, after: null }));
    this.answerRate = this.filter ? 0.4 : 0.25;
    this.planDay(DateTime.fromMillis(start, { zone: timezone }).startOf('day'));
  }

  private planDay(day: DateTime): void {
    const now = this.host.now();
    const open = day.plus({ hours: SURVEY.open[0] }).toMillis();
    const close = day.plus({ hours: SURVEY.open[1] }).toMillis();
    if (close > now) {
      this.dayOpen = open;
      this.dayEnd = close;
      this.agents.forEach((a, i) => {
        this.host.at(Math.max(now, open - 30_000), () => this.login(a));
        // Half an hour's lunch, staggered so the campaign never stops.
        const lunch = day.plus({ hours: 12, minutes: i * 15 }).toMillis();
        if (lunch > now) this.host.at(lunch, () => this.leave(a, 'lunch'));
        this.host.at(Math.max(now, close), () => this.leave(a, 'logout'));
      });
      this.host.at(Math.max(now, open), () => this.pace());
    }
    const next = day.plus({ days: 1 });
    this.host.at(Math.max(now, next.toMillis()), () => this.planDay(next));
  }

  private login(a: SurveyAgent): void {
    if (a.mode !== 'offline') return;
    a.mode = 'available';
    a.availableSince = this.host.now();
    this.host.emit(`${a.id}:login:${this.host.now()}`, SURVEY.tenant, 'agent.login', { agentId: a.id, name: a.name, teamId: SURVEY.team, queues: [SURVEY.campaignId], state: 'available' });
    this.pace();
  }

  private leave(a: SurveyAgent, why: 'lunch' | 'logout'): void {
    if (a.mode === 'offline') return;
    if (a.mode === 'busy') {
      a.after = why;
      return;
    }
    this.goAway(a, why);
  }

  private goAway(a: SurveyAgent, why: 'lunch' | 'logout'): void {
    const now = this.host.now();
    if (why === 'logout') {
      a.mode = 'offline';
      this.host.emit(`${a.id}:logout:${now}`, SURVEY.tenant, 'agent.logout', { agentId: a.id });
      return;
    }
    a.mode = 'aux';
    this.host.emit(`${a.id}:aux:${now}`, SURVEY.tenant, 'agent.state', { agentId: a.id, state: 'aux', reason: 'lunch' });
    this.host.at(now + 30 * 60_000, () => {
      if (a.mode !== 'aux') return;
      if (this.host.now() >= this.dayEnd) return this.goAway(a, 'logout');
      a.mode = 'available';
      a.availableSince = this.host.now();
      this.host.emit(`${a.id}:ready:${this.host.now()}`, SURVEY.tenant, 'agent.state', { agentId: a.id, state: 'available' });
      this.pace();
    });
  }

  /**
   * Predictive pacing: keeps enough dials in flight that the expected connects match the
   * agents free now (free agents / estimated answer rate), within the lines the campaign holds.
   */
  private pace(): void {
    if (this.dialling) return;
    this.dialling = true;
    const now = this.host.now();
    const free = this.agents.filter((a) => a.mode === 'available').length;
    const loggedIn = this.agents.filter((a) => a.mode !== 'offline').length;
    // Aiming at fewer connects than free agents keeps dropped calls near the 3% regulators allow.
    const want = free === 0 ? 0 : Math.min(SURVEY.linesPerAgent * loggedIn, Math.max(1, Math.floor((free * SURVEY.pacing) / this.answerRate)));
    // Agents log in half a minute early; the dialler starts at the opening hour.
    while (now >= this.dayOpen && now < this.dayEnd && this.inFlight < want) this.dial();
    this.dialling = false;
  }

  /** Places one dial to the next number the filter lets through. */
  private dial(): void {
    const rng = this.rng;
    let reachable: boolean;
    let receptive: boolean;
    for (;;) {
      reachable = rng.chance(SURVEY.reachableShare);
      receptive = rng.chance(SURVEY.receptiveShare);
      if (!this.filter) break;
      // The model's guesses: right with its accuracy, wrong otherwise.
      const seemsReachable = rng.chance(SURVEY.filterReachAccuracy) ? reachable : !reachable;
      const seemsReceptive = rng.chance(SURVEY.filterReceptiveAccuracy) ? receptive : !receptive;
      if (seemsReachable && seemsReceptive) break;
      // Filtered: also keep a number that only one guess doubts, now and then, so the list lasts the day.
      if ((seemsReachable || seemsReceptive) && rng.chance(0.25)) break;
    }
    this.inFlight++;
    const attemptId = `${SURVEY.campaignId}-${this.localDate()}-${++this.seq}`;
    const answers = rng.chance(reachable ? SURVEY.answerReachable : SURVEY.answerHard);
    let result: 'connected' | 'no-answer' | 'busy' | 'refused' | 'failed';
    let ring: number;
    if (answers) [result, ring] = ['connected', SURVEY.ringConnect * (0.5 + rng.next())];
    else {
      const r = rng.next();
      if (r < 0.1) [result, ring] = ['busy', 3 + rng.next() * 4];
      else if (r < 0.14) [result, ring] = ['refused', 2 + rng.next() * 3];
      else if (r < 0.17) [result, ring] = ['failed', 1 + rng.next() * 2];
      else [result, ring] = ['no-answer', SURVEY.ringNoAnswer];
    }
    const success = receptive ? SURVEY.successReceptive : SURVEY.successUnreceptive;
    const outcome = rng.chance(success) ? 'success' : rng.chance(SURVEY.callbackShare) ? 'callback' : 'refusal';
    this.host.at(this.host.now() + ring * 1000, () => this.resolve(attemptId, result, outcome));
  }

  private resolve(attemptId: string, result: 'connected' | 'no-answer' | 'busy' | 'refused' | 'failed', outcome: 'success' | 'callback' | 'refusal'): void {
    this.inFlight--;
    // The pacing estimate learns from each result (an exponentially weighted share over ~200 dials).
    this.answerRate += ((result === 'connected' ? 1 : 0) - this.answerRate) / 200;
    this.answerRate = Math.max(0.05, this.answerRate);
    const base = { attemptId, campaignId: SURVEY.campaignId };
    if (result !== 'connected') {
      this.host.emit(`${attemptId}:attempt`, SURVEY.tenant, 'dial.attempt', { ...base, result });
      return this.pace();
    }
    const agent = this.longestIdle();
    if (!agent) {
      // A person answered and no agent was free: the dialler drops the call (an abandoned call).
      this.host.emit(`${attemptId}:attempt`, SURVEY.tenant, 'dial.attempt', { ...base, result: 'abandoned' });
      return this.pace();
    }
    agent.mode = 'busy';
    const now = this.host.now();
    const mean = outcome === 'success' ? SURVEY.talkSuccess : outcome === 'callback' ? SURVEY.talkCallback : SURVEY.talkRefusal;
    const talk = this.rng.lognormal(mean, 0.4) * 1000;
    const acw = this.rng.lognormal(SURVEY.acw, 0.4) * 1000;
    const call = { callId: attemptId, agentId: agent.id };
    this.host.emit(`${attemptId}:attempt`, SURVEY.tenant, 'dial.attempt', { ...base, result, callId: attemptId, agentId: agent.id });
    this.host.emit(`${attemptId}:answered`, SURVEY.tenant, 'call.answered', { ...call, queueId: SURVEY.campaignId, direction: 'outbound' });
    this.host.at(now + talk, () => this.host.emit(`${attemptId}:ended`, SURVEY.tenant, 'call.ended', call));
    this.host.at(now + talk + acw, () => {
      this.host.emit(`${attemptId}:outcome`, SURVEY.tenant, 'dial.outcome', { ...base, outcome, agentId: agent.id });
      this.host.emit(`${attemptId}:wrapped`, SURVEY.tenant, 'call.wrapped', { ...call, disposition: surveyDisposition(outcome) });
      const after = agent.after;
      agent.after = null;
      if (after) this.goAway(agent, after);
      else {
        agent.mode = 'available';
        agent.availableSince = this.host.now();
      }
      this.pace();
    });
    this.pace();
  }

  private longestIdle(): SurveyAgent | null {
    let best: SurveyAgent | null = null;
    for (const a of this.agents) if (a.mode === 'available' && (!best || a.availableSince < best.availableSince)) best = a;
    return best;
  }

  private localDate(): string {
    return DateTime.fromMillis(this.host.now(), { zone: this.timezone }).toFormat('yyyyLLdd');
  }
}
