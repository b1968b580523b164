/** Outbound campaign boards on the wire: GET /api/v1/campaigns and /api/v1/campaigns/:campaignId. */

/** The abandon rate diallers are held to: 3% of live answers (Ofcom; the US TSR counts alike). */
export const DIALLER_ABANDON_LIMIT = 0.03;

/**
 * One local hour of a campaign (or the day's total), by the hour its attempts were placed in.
 * Rates are fractions 0..1, null when their denominator is 0; times are seconds. Definitions:
 * docs/metrics.md, "Outbound campaigns".
 */
export interface CampaignHourRow {
  /** ISO-8601 with the centre's offset: the hour's start and end. */
  start: string;
  end: string;
  attempts: number;
  /** Attempts a person answered and an agent took (result `connected`). */
  contacts: number;
  /** contacts / attempts. */
  contactRate: number | null;
  noAnswer: number;
  busy: number;
  refused: number;
  failed: number;
  successes: number;
  refusals: number;
  callbacks: number;
  /** successes / contacts. */
  successPerContact: number | null;
  /** Hours agents of the campaign were logged in (any state but offline) within this hour. */
  agentHours: number;
  /** successes / agentHours. */
  successPerAgentHour: number | null;
  /** Live answers the dialler dropped because no agent was free (result `abandoned`). */
  abandoned: number;
  /** abandoned / (contacts + abandoned): abandoned calls as a share of live answers (Ofcom's measure). */
  abandonRate: number | null;
  /** Agent talk time of the hour's contacts (call.answered to call.ended), seconds. */
  talkSeconds: number;
  /** talkSeconds / successes. */
  talkSecondsPerSuccess: number | null;
}

export interface CampaignBoard {
  tenant: string;
  campaignId: string;
  /** The name configured for the campaign's queue (the queue of its id), else the id. */
  name: string;
  /** Local date (YYYY-MM-DD) of the board and the centre's time zone. */
  date: string;
  timezone: string;
  /** Every local hour of the day (23, 24 or 25 on a daylight-saving day). */
  hours: CampaignHourRow[];
  total: CampaignHourRow;
}

export interface CampaignSummary {
  tenant: string;
  tenantName: string;
  campaignId: string;
  /** As CampaignBoard.name. */
  name: string;
  /** The local day so far. */
  today: CampaignHourRow;
}

export interface CampaignList {
  date: string;
  campaigns: CampaignSummary[];
}
