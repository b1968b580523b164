/** Runs `work` while a callback asks for the next turn each time: its time and the longest gap between two turns (ms), what a waiting request would see. */
export async function longestTurn<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; longest: number }> {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const spin = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  running = false;
  return { value, ms, longest: Math.max(longest, performance.now() - last) };
}
