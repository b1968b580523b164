import { expect } from 'vitest';

/** The narrower roles' fixture people: the team lead of acme's t1 and the agent user of ACD agent a1. */
export const LEAD_AND_AGENT = [
  { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1'] },
  { name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1' },
];

/** Signs a person in with a password: the session cookie (`name=value`) its requests then send. */
export async function signIn(base: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  expect([name, res.status]).toEqual([name, 200]);
  return res.headers.getSetCookie()[0].split(';')[0];
}

/** Adds people (POST /users with an admin token), then signs each in: their session cookies by name. */
export async function addPeople(base: string, adminToken: string, people: readonly ({ name: string } & Record<string, unknown>)[], password: string): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const person of people) {
    const res = await fetch(`${base}/api/v1/users`, { method: 'POST', body: JSON.stringify({ ...person, password }), headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` } });
    expect([person.name, res.status]).toEqual([person.name, 201]);
    cookies[person.name] = await signIn(base, person.name, password);
  }
  return cookies;
}
