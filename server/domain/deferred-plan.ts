/**
 * Planning deferred work (email, back-office) as work to finish before deadlines, not as
 * Erlang traffic. Work is fluid: an agent works `1` agent-second per second, an item needs
 * `handleSeconds` of it, and fractions of items may be done (forecasts are fractional).
 * The model and a hand-worked example are in docs/metrics.md ("Planning deferred work").
 */

/** Items that become workable at `releaseAt` and are due at `deadline` (epoch ms). */
export interface WorkGroup {
  releaseAt: number;
  deadline: number;
  items: number;
  /** Work per item (seconds of one agent). */
  handleSeconds: number;
}

/** One planning interval: [from, end) epoch ms (from = the later of its start and now), staffed by `agents`. */
export interface PlanWindow {
  from: number;
  end: number;
  agents: number;
}

/**
 * The interval that must finish an item due at `deadline`: the last one ending at or before it.
 * A deadline before the end of window `first` (already past, or inside it) falls to `first`:
 * that work is due now. -1 when the deadline is after the last window ends (due later).
 */
export function dueIndex(ends: readonly number[], deadline: number, first: number): number {
  const n = ends.length;
  if (n === 0 || deadline > ends[n - 1]) return -1;
  let i = n - 1;
  while (i > first && ends[i] > deadline) i--;
  return i;
}

/** Items and work (agent-seconds) due in each window: each group in the last window ending by its deadline. */
export function dueLoad(groups: readonly WorkGroup[], ends: readonly number[], first: number): { items: number[]; workSeconds: number[] } {
  const items = ends.map(() => 0);
  const workSeconds = ends.map(() => 0);
  for (const g of groups) {
    const i = dueIndex(ends, g.deadline, first);
    if (i < 0) continue;
    items[i] += g.items;
    workSeconds[i] += g.items * g.handleSeconds;
  }
  return { items, workSeconds };
}

/** What the earliest-deadline-first plan does in each window. */
export interface EdfRow {
  /** Items finished in the window. */
  handled: number;
  /** Items waiting at the window's end (released, not finished). */
  backlogAtEnd: number;
  /** Items due in the window (see `dueIndex`) not finished by their deadline. */
  breaches: number;
}

/**
 * Works the groups earliest deadline first on each window's agents: within a window the
 * released, unfinished group with the earliest deadline takes all agents until it is done,
 * then the next. A group released during a window waits for the next one (release times are
 * window starts in practice). Breaches compare each group's work done by its deadline with
 * its work; groups due after the last window are never counted as breaches.
 */
export function edfPlan(groups: readonly WorkGroup[], windows: readonly PlanWindow[]): EdfRow[] {
  const ends = windows.map((w) => w.end);
  const state = groups
    .map((g) => ({ g, left: g.items, segments: [] as { t0: number; t1: number; items: number }[] }))
    .sort((a, b) => a.g.deadline - b.g.deadline || a.g.releaseAt - b.g.releaseAt);
  const rows: EdfRow[] = windows.map(() => ({ handled: 0, backlogAtEnd: 0, breaches: 0 }));
  windows.forEach((w, i) => {
    let t = w.from;
    const rate = Math.max(0, w.agents);
    for (const s of state) {
      if (s.left <= 1e-12 || s.g.releaseAt > w.from) continue;
      if (s.g.handleSeconds <= 0) {
        s.segments.push({ t0: t, t1: t, items: s.left });
        rows[i].handled += s.left;
        s.left = 0;
        continue;
      }
      if (rate === 0 || t >= w.end) break;
      const canItems = (rate * (w.end - t)) / 1000 / s.g.handleSeconds;
      const items = Math.min(s.left, canItems);
      const t1 = t + (items * s.g.handleSeconds * 1000) / rate;
      s.segments.push({ t0: t, t1, items });
      rows[i].handled += items;
      s.left -= items;
      t = t1;
    }
    for (const s of state) if (s.g.releaseAt <= w.from) rows[i].backlogAtEnd += s.left;
  });
  for (const s of state) {
    const i = dueIndex(ends, s.g.deadline, 0);
    if (i < 0) continue;
    let done = 0;
    for (const seg of s.segments) {
      if (seg.t1 <= s.g.deadline) done += seg.items;
      else if (seg.t0 < s.g.deadline) done += (seg.items * (s.g.deadline - seg.t0)) / (seg.t1 - seg.t0);
    }
    const late = s.g.items - done;
    if (late > 1e-9) rows[i].breaches += late;
  }
  return rows;
}
