/**
 * The calculator's numbers are decimal text: `calls=` (empty) was read as 0 calls and answered
 * a staffing of nothing, `calls=0x10` as 16 and `agents=0x5` as 5 (z.coerce.number is
 * Number(x)); found probing a live server. Now each is a 400 naming the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const ask = (q: string) => server.get(`/api/v1/erlang?model=C&intervalSeconds=1800&ahtSeconds=180&${q}`);

describe('GET /erlang numbers', () => {
  it('refuses empty, blank, hex and binary values, naming the parameter', async () => {
    for (const [q, name] of [
      ['calls=&agents=5', 'calls'],
      ['calls=%20&agents=5', 'calls'],
      ['calls=0x10&agents=5', 'calls'],
      ['calls=100&agents=0x5', 'agents'],
      ['calls=0b11&agents=5', 'calls'],
    ]) {
      const r = await ask(q);
      expect([q, r.status, r.body.error]).toEqual([q, 400, expect.stringContaining(`${name}: must be a number`)]);
    }
  });

  it('still answers decimal text: 100 calls of 180 s in 30 min are 10 Erlangs', async () => {
    const r = await ask('calls=100&agents=12');
    expect(r.status).toBe(200);
    expect(r.body.trafficErlangs).toBe(10);
    expect((await ask('calls=1e2&agents=12')).body.trafficErlangs).toBe(10);
  });
});
