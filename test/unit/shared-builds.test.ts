import { describe, expect, it } from 'vitest';
import { SharedBuilds, TooManyBuilds } from '../../server/realtime/shared-builds.ts';

/** A build that ends when the test says. */
function pending<T>() {
  let finish!: (v: T) => void;
  const promise = new Promise<T>((r) => (finish = r));
  return { promise, finish };
}

/** Waits in `b`'s line for an asker that stays (the line must have room). */
function waitIn(b: SharedBuilds<string>, owner: object, key: string, signIn: string, first = false): Promise<boolean> {
  const waited = b.wait(owner, key, signIn, () => true, first);
  if (!waited) throw new Error(`no room in line for ${signIn}`);
  return waited;
}

describe('SharedBuilds', () => {
  it('shares a build of the same owner and key, bounds new ones per sign-in and in all, and wakes a waiter when one ends', async () => {
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
    const ended = waitIn(b, owner, 'k3', 'cy');
    one.finish('floor');
    expect(await ended).toBe(true);
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

  it('wakes one waiter a build end, in the order they came, skipping those whose sign-in is full; the turn is handed over when not used', async () => {
    const b = new SharedBuilds<string>({ perSignIn: 1, total: 2 });
    const owner = {};
    const ann = pending<string>();
    const bob = pending<string>();
    void b.get(owner, 'a1', 'ann', () => ann.promise);
    void b.get(owner, 'b1', 'bob', () => bob.promise);
    // Five refused asks wait: Ann twice, Bob, Cy, Dee.
    const woken: string[] = [];
    const wait = (key: string, signIn: string) => void waitIn(b, owner, key, signIn).then((turn) => woken.push(`${key}:${turn}`));
    for (const [key, signIn] of [['a2', 'ann'], ['a3', 'ann'], ['b2', 'bob'], ['c1', 'cy'], ['d1', 'dee']]) wait(key, signIn);
    expect(b.waiting).toBe(5);
    const settle = () => new Promise((r) => setTimeout(r, 0));
    // Bob's build ends: one turn, to the first waiter whose sign-in may start one. Ann still has
    // hers, so her two are passed over; Bob's own ask is next in line.
    bob.finish('b');
    await settle();
    expect(woken).toEqual(['b2:true']);
    // Bob's ask found its answer kept and started nothing: it hands the turn over, to Cy.
    b.handOver('bob');
    await settle();
    expect(woken).toEqual(['b2:true', 'c1:true']);
    // Cy starts a build: the server is full again, so a hand-over now wakes nobody.
    const cy = pending<string>();
    void b.get(owner, 'c1', 'cy', () => cy.promise);
    b.handOver('cy');
    await settle();
    expect(woken.length).toBe(2);
    // Ann's build ends: her first waiting ask is woken, the second stays.
    ann.finish('a');
    await settle();
    expect(woken).toEqual(['b2:true', 'c1:true', 'a2:true']);
    expect(b.waiting).toBe(2);
    cy.finish('c');
  });

  it("wakes those waiting for a key when its build starts, to join it, and puts an ask refused again at the front", async () => {
    const b = new SharedBuilds<string>({ perSignIn: 1, total: 1 });
    const owner = {};
    const first = pending<string>();
    void b.get(owner, 'k1', 'ann', () => first.promise);
    const woken: string[] = [];
    void waitIn(b, owner, 'k2', 'bob').then((turn) => woken.push(`bob k2:${turn}`));
    void waitIn(b, owner, 'k3', 'cy').then((turn) => woken.push(`cy k3:${turn}`));
    void waitIn(b, owner, 'k2', 'dee').then((turn) => woken.push(`dee k2:${turn}`));
    void waitIn(b, {}, 'k2', 'eve').then((turn) => woken.push(`eve other k2:${turn}`));
    // A refused ask goes back to the front: it is woken before those who came earlier.
    void waitIn(b, owner, 'k4', 'fay', true).then((turn) => woken.push(`fay k4:${turn}`));
    first.finish('1');
    await new Promise((r) => setTimeout(r, 0));
    expect(woken).toEqual(['fay k4:true']);
    // Fay's turn starts k2 (a scope two others wait for): Bob and Dee join it; Eve's k2 is another owner's.
    const k2 = pending<string>();
    void b.get(owner, 'k2', 'fay', () => k2.promise);
    await new Promise((r) => setTimeout(r, 0));
    expect(woken).toEqual(['fay k4:true', 'bob k2:false', 'dee k2:false']);
    expect(b.waiting).toBe(2);
    k2.finish('2');
  });

  it('bounds the line per sign-in and in all, counting only askers still there, and never wakes one that went away', async () => {
    const b = new SharedBuilds<string>({ perSignIn: 1, total: 1 }, { perSignIn: 2, total: 3 });
    const owner = {};
    const running = pending<string>();
    void b.get(owner, 'k0', 'ann', () => running.promise);
    const here = { bob: true };
    const woken: string[] = [];
    void b.wait(owner, 'k1', 'bob', () => here.bob)!.then((t) => woken.push(`bob:${t}`));
    void b.wait(owner, 'k2', 'cy', () => true)!.then((t) => woken.push(`cy:${t}`));
    void b.wait(owner, 'k3', 'cy', () => true)!.then((t) => woken.push(`cy2:${t}`));
    // Cy has her two; the line has its three.
    expect(b.wait(owner, 'k4', 'cy', () => true)).toBeNull();
    expect(b.wait(owner, 'k5', 'dee', () => true)).toBeNull();
    // Bob goes away: his place is free for Dee.
    here.bob = false;
    void b.wait(owner, 'k5', 'dee', () => true)!.then((t) => woken.push(`dee:${t}`));
    expect(b.waiting).toBe(3);
    // The build ends: the turn goes to Cy, the first still there; Bob is never woken.
    running.finish('0');
    await new Promise((r) => setTimeout(r, 0));
    expect(woken).toEqual(['cy:true']);
  });

  it("keeps a woken ask's place until it uses it or hands it on: a fresh ask of another sign-in meanwhile is refused", async () => {
    const b = new SharedBuilds<string>({ perSignIn: 1, total: 1 });
    const owner = {};
    const ann = pending<string>();
    void b.get(owner, 'a', 'ann', () => ann.promise);
    const bobTurn = waitIn(b, owner, 'b', 'bob');
    ann.finish('a');
    expect(await bobTurn).toBe(true);
    // Bob's ask goes again through the admission line; Cy's fresh ask gets there first. It used to
    // take the place (an ask that never waited), and Bob, refused again, waited for the next end.
    expect(() => b.get(owner, 'c', 'cy', () => Promise.resolve('cy'))).toThrow(new TooManyBuilds('server', 1));
    const bob = pending<string>();
    let started = false;
    void b.get(owner, 'b', 'bob', () => ((started = true), bob.promise));
    expect(started).toBe(true);
    // A turn handed on frees the place: Cy, now waiting, gets it; Dee's fresh ask does not.
    const cyTurn = waitIn(b, owner, 'c', 'cy');
    bob.finish('b');
    expect(await cyTurn).toBe(true);
    expect(() => b.get(owner, 'd', 'dee', () => Promise.resolve('dee'))).toThrow(new TooManyBuilds('server', 1));
    b.handOver('cy');
    expect(await b.get(owner, 'd', 'dee', () => Promise.resolve('dee'))).toBe('dee');
    // A hand-over with no turn held gives back nothing: Fay's build still fills the server.
    void b.get(owner, 'f', 'fay', () => new Promise<string>(() => {}));
    b.handOver('cy');
    expect(() => b.get(owner, 'g', 'gus', () => Promise.resolve('gus'))).toThrow(new TooManyBuilds('server', 1));
  });
});
