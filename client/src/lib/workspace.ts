/** Which workspace this page shows: the live floor, or the replay of a past day (`?workspace=replay`). */
export const workspace: 'live' | 'replay' = new URLSearchParams(window.location.search).get('workspace') === 'replay' ? 'replay' : 'live';

/** A /api/v1 path with the workspace added on a replay page (reads ask the replay; plan writes are refused there). */
export function withWorkspace(path: string): string {
  if (workspace === 'live') return path;
  return path + (path.includes('?') ? '&' : '?') + 'workspace=replay';
}
