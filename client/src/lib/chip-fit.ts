/**
 * How many of a row's chips (their widths in px, in order) to show whole in `room` px, `gap` px
 * apart: all when they fit, else as many as fit with the "+N" badge (`badge` px wide, one more
 * gap before it) that stands for the rest, so no chip is ever cut; 0 leaves the badge alone.
 */
export function chipsThatFit(widths: readonly number[], gap: number, room: number, badge: number): number {
  const all = widths.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, widths.length - 1);
  if (all <= room) return widths.length;
  let used = badge;
  let n = 0;
  for (const w of widths) {
    if (used + w + gap > room) break;
    used += w + gap;
    n++;
  }
  return n;
}
