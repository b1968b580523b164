import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { cookieValue, SESSION_COOKIE, sha256Hex, stampOf, type Authenticator, type Principal } from '../../auth/principals.ts';
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords.ts';
import { newSecret } from '../../auth/secrets.ts';
import { SignInLimiter } from '../../auth/sign-in-limiter.ts';
import type { Directory } from '../../domain/directory.ts';
import type { Submit } from '../../protocol/commands.ts';
import type { SessionInfo } from '../../protocol/people.ts';
import { issueText } from '../../validation/zod-issues.ts';
import { principalOf } from '../auth-middleware.ts';
import { HttpError, invalidRequest } from '../errors.ts';
import { knownParams } from '../query.ts';

/** How long a session lasts (ms): a working day and a half, so a shift never signs out mid-call. */
export const SESSION_MS = 12 * 3600 * 1000;

export interface SessionRouterOptions {
  auth: Authenticator;
  directory: Directory;
  submit: Submit;
  wallClock: () => number;
}

const signInBody = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) }).strict();

/** The session's facts for the client; `signedIn` false for tokens and open mode. */
export function sessionInfo(p: Principal, directory: Directory, openMode: boolean): SessionInfo {
  const u = p.user ? directory.users.get(p.user) : undefined;
  return {
    signedIn: !!u,
    openMode,
    name: p.name,
    role: p.role,
    tenants: p.tenants ? [...p.tenants].sort() : ['*'],
    teams: p.teams ? [...p.teams].sort() : [],
    agentId: p.agentId ?? null,
    lang: u?.lang ?? null,
  };
}

function setCookie(req: Request, res: Response, value: string, maxAgeMs: number): void {
  // Secure whenever the browser reached us over TLS (directly, or through a trusted proxy).
  res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

/**
 * Sign-in (POST /session), sign-out (DELETE /session) and who is asking (GET /session).
 * Attempts are rate-limited per user name and per address; a wrong name and a wrong
 * password get the same answer after the same work.
 */
export function sessionRouter(o: SessionRouterOptions): Router {
  const r = Router();
  const limiter = new SignInLimiter(o.wallClock);

  r.post('/session', express.json({ limit: 4096 }), async (req, res) => {
    // Before the limiter: a refused parameter checks no password, so it costs no attempt.
    knownParams(req, []);
    const parsed = signInBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(issueText(parsed.error, 'body'));
    const { name, password } = parsed.data;
    const wait = limiter.attempt(name, req.ip ?? 'unknown');
    if (wait !== null) {
      res.set('Retry-After', String(wait));
      throw new HttpError(429, `too many sign-in attempts: try again in ${wait} s`, 'signin.tooMany', { seconds: wait });
    }
    const u = o.directory.users.get(name);
    const ok = await verifyPassword(password, u?.password ?? DUMMY_HASH);
    if (!u || !u.password || !ok || u.disabled) throw new HttpError(401, 'wrong name or password', 'signin.wrong');
    const secret = newSecret('fbs');
    const at = o.wallClock();
    await o.submit({ kind: 'session.open', idHash: sha256Hex(secret), user: u.name, expires: at + SESSION_MS, at, by: u.name, byKind: 'person' });
    setCookie(req, res, secret, SESSION_MS);
    res.json(sessionInfo(o.auth.session(secret)!, o.directory, false));
  });

  r.delete('/session', async (req, res) => {
    knownParams(req, []);
    const secret = cookieValue(req.get('cookie'), SESSION_COOKIE);
    const p = o.auth.session(secret);
    if (secret && p) await o.submit({ kind: 'session.close', idHash: sha256Hex(secret), ...stampOf(p, o.wallClock()) });
    setCookie(req, res, '', 0);
    res.status(204).end();
  });

  r.get('/session', (req, res) => {
    const p = principalOf(o.auth, req);
    if (!p) throw new HttpError(401, 'not signed in');
    knownParams(req, []);
    res.json(sessionInfo(p, o.directory, o.auth.open));
  });
  return r;
}
