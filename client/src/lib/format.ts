/** Display helpers: every number on screen goes through one of these. */

/** 0.8123 -> "81%"; null -> "–". */
export function pct(v: number | null | undefined, digits = 0): string {
  return v === null || v === undefined ? '–' : `${(v * 100).toFixed(digits)}%`;
}

/** Seconds -> "m:ss" (or "h:mm:ss" from an hour); null -> "–". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Whole seconds -> "23s", or m:ss from a minute. */
export function secs(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  return seconds < 60 ? `${Math.round(seconds)}s` : duration(seconds);
}

/** Local clock time "14:30" of an epoch ms in the centre's time zone. */
export function clockTime(ms: number, timeZone: string, withSeconds = false): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hourCycle: 'h23' }).format(ms);
}
