/**
 * Runs `steps` to its end over turns of the event loop of about `budgetMs` each (ms): at least
 * one step a turn, more while the turn's budget lasts, and pushes, health checks and posts go
 * on between turns. The work itself stays free of the clock (a generator that yields where it
 * may pause); this is where wall time decides how much of it runs at once.
 */
export async function runInTurns<T>(steps: Generator<void, T>, budgetMs: number): Promise<T> {
  let turnStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - turnStart >= budgetMs) {
      await new Promise((resolve) => setImmediate(resolve));
      turnStart = performance.now();
    }
  }
}
