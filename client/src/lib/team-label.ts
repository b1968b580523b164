import { t } from './i18n/index.ts';

/**
 * A team as every page shows it: its configured `name` (config `teams`), else its id exactly as
 * configured (never re-cased, so "acme-team" reads the same on the wallboard, the adherence page
 * and the People page), or "no team" in the page's language for the group of agents without one
 * (`id` null: a team whose id or name reads "(no team)" is still a team of its own).
 * With `client` (a screen of several clients, where two may both have a "t1"), the client's name
 * comes with it.
 */
export function teamLabel(id: string | null, client: string | null = null, name: string = id ?? ''): string {
  const team = id === null ? t('common.noTeam') : name;
  return client === null ? team : t('common.clientTeam', { client, team });
}
