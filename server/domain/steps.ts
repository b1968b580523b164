/**
 * Work written as generators that yield where it may pause: pure (no clock), so the domain can
 * run it at once, and floor/in-turns.ts spreads it over turns of the event loop.
 */

/** Runs `steps` to its end at once, without pausing (startup, tests): what `runInTurns` spreads over turns. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
