/** People for the narrower roles' tests: created through the API and signed in. */

/** The fixture's team lead of acme's t1 and agent a1, the people the scope tests sign in as. */
export const LEAD_AND_AGENT = [
  { name: 'lead1', role: 'teamLead', tenants: ['acme'], teams: ['t1'] },
  { name: 'ag1', role: 'agent', tenants: ['acme'], agentId: 'a1' },
];

/**
 * Creates each user with the admin bearer token (all with `password`), signs each in, and
 * writes its session cookie ("fb_session=...") into `cookie` by name; throws on any refusal.
 */
export async function createAndSignIn(base: string, adminToken: string, users: { name: string }[], password: string, cookie: Record<string, string>): Promise<void> {
  for (const u of users) {
    const made = await fetch(`${base}/api/v1/users`, { method: 'POST', body: JSON.stringify({ ...u, password }), headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` } });
    if (made.status !== 201) throw new Error(`creating ${u.name}: ${made.status} ${await made.text()}`);
    const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: u.name, password }) });
    if (r.status !== 200) throw new Error(`signing ${u.name} in: ${r.status} ${await r.text()}`);
    cookie[u.name] = r.headers.getSetCookie()[0].split(';')[0];
  }
}
