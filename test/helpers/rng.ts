import { Random } from '../../simulator/random.ts';

/** A seeded uniform source in [0, 1) (the simulator's mulberry32), so a failing random test can be replayed. */
export function rng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}
