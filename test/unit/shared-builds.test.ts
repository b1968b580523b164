import { describe, expect, it } from 'vitest';
import { SharedBuilds, TooManyBuilds } from '../../server/realtime/shared-builds.ts';

/** A build that ends when the test says. */
function pending<T>() {
  let finish!: (v: T) => void;
  const promise = new Promise<T>((r) => (finish = r));
  return { promise, finish };
}

describe('SharedBuilds', () => {
  it('shares a build of the same owner and key, bounds new ones per sign-in and in all, and says when one ends', async () => {
    const b = new SharedBuilds<string>({ perSignIn: 1, total: 2 });
    const owner = {};
    const one = pending<string>();
    let started = 0;
    const first = b.get(owner, 'k1', 'ann', () => (started++, one.promise));
    // The same key joins; another owner with the same key is another build.
    expect(b.get(owner, 'k1', 'bob', () => (started++, Promise.resolve('x')))).toBe(first);
    expect(started).toBe(1);
    // Ann has her one; Bob starts the server's second; Cy would be the third.
    expect(() => b.get(owner, 'k2', 'ann', () => Promise.resolve('no'))).toThrow(new TooManyBuilds('sign-in', 1));
    const two = pending<string>();
    const second = b.get({}, 'k1', 'bob', () => two.promise);
    expect(() => b.get(owner, 'k3', 'cy', () => Promise.resolve('no'))).toThrow(new TooManyBuilds('server', 2));
    // Waiting for an end: Ann's build ends, and her count and the server's are given back.
    const ended = b.nextEnd();
    one.finish('floor');
    await ended;
    expect(await first).toBe('floor');
    expect(await b.get(owner, 'k3', 'cy', () => Promise.resolve('cy floor'))).toBe('cy floor');
    two.finish('other');
    expect(await second).toBe('other');
  });

  it('gives the count back when a build throws before it starts', () => {
    const b = new SharedBuilds<string>({ perSignIn: 1, total: 1 });
    expect(() =>
      b.get({}, 'k', 'ann', () => {
        throw new Error('bad scope');
      }),
    ).toThrow('bad scope');
    // Not counted: Ann may start another at once.
    expect(() => b.get({}, 'k', 'ann', () => new Promise<string>(() => {}))).not.toThrow();
  });
});
