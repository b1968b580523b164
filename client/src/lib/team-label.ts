import { NO_TEAM } from '../../../server/protocol/adherence.ts';
import { t } from './i18n/index.ts';

/**
 * A team as every page shows it: its id exactly as configured (never re-cased, so "acme-team"
 * reads the same on the wallboard, the adherence page and the People page), or "no team" in
 * the page's language for the group of agents without one.
 */
export function teamLabel(id: string): string {
  return id === NO_TEAM ? t('common.noTeam') : id;
}
