const KEY = 'floorboard.token';

/**
 * The viewer's token: taken once from `?token=` (so a TV can be set up from a link), then kept
 * in localStorage and removed from the address bar so it does not linger in screenshots.
 */
export function viewerToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
  }
  return localStorage.getItem(KEY) ?? undefined;
}

/** Headers for REST calls. */
export function authHeaders(): Record<string, string> {
  const t = viewerToken();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

/** Forgets the stored token (a revoked display must not come back as anyone else). */
export function forgetToken(): void {
  localStorage.removeItem(KEY);
}
