import type { Engine } from '../domain/engine.ts';
import { SharedBuilds } from '../realtime/shared-builds.ts';

/** Scopes kept per engine revision; past it a body is still served, only not kept. */
const MAX_ENTRIES = 200;
/** Bytes of bodies kept per engine revision (a whole big floor is 7.4 MB); past it, as past MAX_ENTRIES. */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/** A JSON answer as sent: its UTF-8 bytes and their weak ETag. */
export interface EncodedBody {
  body: Buffer;
  etag: string;
}

/**
 * Whole-floor snapshot bodies, built once per scope while the engine has not changed (its
 * `revision`), and for at most `maxAgeMs` after the build in case of a change that bumps no
 * revision: ten concurrent GET /snapshot of 20,000 agents (7.4 MB) on a quiet floor cost one
 * build instead of ten. A build runs over turns of the loop, so asks for a scope being built wait
 * for that build; a body is kept only when nothing changed while it was built. New builds are
 * bounded per sign-in and in all (`TooManyBuilds`): each holds up to a whole floor's text.
 */
export class SnapshotCache {
  /** Each engine's bodies at its revision, each with when it was built. */
  private readonly byEngine = new WeakMap<Engine, { revision: number; bodies: Map<string, { body: EncodedBody; at: number }>; bytes: number }>();
  /** Builds under way by engine and scope key, bounded per sign-in and in all. */
  private readonly building: SharedBuilds<EncodedBody>;
  /** Bodies built since the cache was made (for tests and figures). */
  builds = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly limits: { perSignIn: number; total: number },
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.building = new SharedBuilds(limits);
  }

  /**
   * The body of `key` on `engine` as it is now: kept, being built (joined), or built by `build`
   * as a build `signIn` started; throws `TooManyBuilds` when that would pass a limit.
   */
  get(engine: Engine, key: string, signIn: string, build: () => Promise<EncodedBody>): Promise<EncodedBody> {
    const kept = this.current(engine).bodies.get(key);
    if (kept && this.clock() - kept.at < this.maxAgeMs) return Promise.resolve(kept.body);
    const revision = engine.revision;
    return this.building.get(engine, key, signIn, () =>
      build().then((body) => {
        this.builds++;
        this.keep(engine, key, revision, body);
        return body;
      }),
    );
  }

  /** The engine's entry, emptied when its revision moved on. */
  private current(engine: Engine) {
    let entry = this.byEngine.get(engine);
    if (!entry || entry.revision !== engine.revision) this.byEngine.set(engine, (entry = { revision: engine.revision, bodies: new Map(), bytes: 0 }));
    return entry;
  }

  /** Keeps a body built from `revision` when the engine is still there (nothing changed during the build). */
  private keep(engine: Engine, key: string, revision: number, body: EncodedBody): void {
    if (engine.revision !== revision) return;
    const entry = this.current(engine);
    const before = entry.bodies.get(key);
    const bytes = entry.bytes - (before?.body.body.length ?? 0) + body.body.length;
    if (!before && entry.bodies.size >= MAX_ENTRIES) return;
    if (bytes > MAX_KEPT_BYTES) return;
    entry.bodies.set(key, { body, at: this.clock() });
    entry.bytes = bytes;
  }
}
