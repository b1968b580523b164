import { authHeaders } from './token.ts';

/** GET a JSON endpoint of /api/v1; throws with the server's error message. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`/api/v1${path}`, { headers: authHeaders() });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error((body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body as T;
}
