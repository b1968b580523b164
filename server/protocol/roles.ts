/** The roles a principal can hold. People sign in with the first six; tokens may also carry `viewer`. */
export const PERSON_ROLES = ['agent', 'teamLead', 'manager', 'analyst', 'clientViewer', 'admin'] as const;
/** Roles a machine token may carry (FLOORBOARD_TOKENS keeps its four; `viewer` reads like a team lead of every team). */
export const TOKEN_ROLES = ['viewer', 'analyst', 'ingest', 'admin'] as const;
export const ROLES = ['agent', 'teamLead', 'manager', 'analyst', 'clientViewer', 'admin', 'viewer', 'ingest', 'display'] as const;

/** Roles that may change the plan (forecasts, schedules, what-ifs, the past-day re-run): the server's `can.plan`, and what a page offers to change. */
export const PLAN_ROLES = ['analyst', 'manager', 'admin'] as const;

export type PersonRole = (typeof PERSON_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Whether a string names a role a person may sign in with. */
export function isPersonRole(s: string): s is PersonRole {
  return (PERSON_ROLES as readonly string[]).includes(s);
}
