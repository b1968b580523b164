import type { ErrorBody } from '../../../server/protocol/people.ts';
import { ApiError } from './api-text.ts';
import { t } from './i18n/index.ts';
import { authHeaders } from './token.ts';
import { withWorkspace } from './workspace.ts';

/** GET a JSON endpoint of /api/v1; throws an ApiError (show it with `errorText`). */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`/api/v1${withWorkspace(path)}`, { headers: authHeaders() });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw ApiError.of(body as Partial<ErrorBody>, t('error.http', { status: res.status }));
  return body as T;
}

/**
 * Sends JSON to /api/v1 with a method; returns the parsed answer (or null for 204). The workspace
 * rides along as for reads: a plan write from a replay page is then refused by the server
 * (`replay.planReadOnly`) instead of silently changing the live plan.
 */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const res = await fetch(`/api/v1${withWorkspace(path)}`, {
    method,
    headers: { ...authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const answer = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw ApiError.of(answer as Partial<ErrorBody>, t('error.http', { status: res.status }));
  return answer as T;
}

/** Downloads a file from /api/v1 with the viewer's token (a plain link cannot send it). */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(`/api/v1${withWorkspace(path)}`, { headers: authHeaders() });
  if (!res.ok) throw new Error(t('error.http', { status: res.status }));
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}
