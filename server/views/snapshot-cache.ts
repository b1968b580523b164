import type { Engine } from '../domain/engine.ts';

/** Scopes kept per engine revision; past it a body is still served, only not kept. */
const MAX_ENTRIES = 200;

/**
 * Whole-floor snapshot bodies, serialised once per scope while the engine has not changed (its
 * `revision`), and for at most `maxAgeMs` after the build in case of a change that bumps no
 * revision: ten concurrent GET /snapshot of 20,000 agents (6.7 MB, 0.63 s each) on a quiet
 * floor cost one build instead of ten. Builds are synchronous, so at most one runs at a time.
 */
export class SnapshotCache {
  /** Each engine's bodies at its revision, each with when it was built (a build of seconds must not age out before its first use). */
  private readonly byEngine = new WeakMap<Engine, { revision: number; bodies: Map<string, { body: string; at: number }> }>();
  /** Bodies built since the cache was made (for tests and figures). */
  builds = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The JSON text of `build()` for `key` on `engine` as it is now, built at most once per revision and age. */
  get(engine: Engine, key: string, build: () => unknown): string {
    let entry = this.byEngine.get(engine);
    if (!entry || entry.revision !== engine.revision) this.byEngine.set(engine, (entry = { revision: engine.revision, bodies: new Map() }));
    const kept = entry.bodies.get(key);
    if (kept && this.clock() - kept.at < this.maxAgeMs) return kept.body;
    const body = JSON.stringify(build());
    this.builds++;
    if (kept || entry.bodies.size < MAX_ENTRIES) entry.bodies.set(key, { body, at: this.clock() });
    return body;
  }
}
