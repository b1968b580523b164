import { PLAN_ROLES } from '../../../server/protocol/roles.ts';
import type { ErrorBody, SessionInfo } from '../../../server/protocol/people.ts';
import { ApiError, errorText } from './api-text.ts';
import { setLocale } from './i18n/index.ts';
import { authHeaders } from './token.ts';

/**
 * Who is using this page: a signed-in person, a token, open mode, or nobody (`info` null once
 * loaded). The session itself is an httpOnly cookie the page never sees.
 */
class Session {
  info = $state.raw<SessionInfo | null>(null);
  loaded = $state(false);

  /** Asks the server who we are. */
  async load(): Promise<void> {
    const res = await fetch('/api/v1/session', { headers: authHeaders() });
    this.info = res.ok ? await res.json() : null;
    this.loaded = true;
    if (this.info?.lang) setLocale(this.info.lang, { remember: false });
  }

  /** Signs in; resolves to null on success, else why not, in the page's language. */
  async signIn(name: string, password: string): Promise<string | null> {
    const res = await fetch('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) return errorText(ApiError.of(body as Partial<ErrorBody>, String(res.status)));
    this.info = body as SessionInfo;
    return null;
  }

  async signOut(): Promise<void> {
    await fetch('/api/v1/session', { method: 'DELETE' });
    this.info = null;
  }

  /** Whether the admin page has something for this person. */
  get mayAdminister(): boolean {
    return this.info?.role === 'admin' || this.info?.role === 'manager';
  }

  /** Whether this person may change the plan (what-ifs, the past-day re-run): the server refuses anyone else with 403, so a page offers them no form to fill in vain. */
  get mayPlan(): boolean {
    return this.info !== null && (PLAN_ROLES as readonly string[]).includes(this.info.role);
  }
}

export const session = new Session();
