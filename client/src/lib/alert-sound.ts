/**
 * The optional alert sound: off unless the viewer turns it on (kept in this browser), a short
 * two-tone beep from Web Audio when a new alert opens, so no audio file is shipped.
 */
const KEY = 'floorboard.alertSound';

/** Whether the viewer turned the sound on in this browser. */
export function soundOn(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/** Remembers the viewer's choice. */
export function setSoundOn(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
}

let ctx: AudioContext | null = null;

/** Plays two short tones (880 Hz then 660 Hz, 0.15 s each). */
export function beep(): void {
  try {
    ctx ??= new AudioContext();
    const start = ctx.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.18);
      osc.stop(start + i * 0.18 + 0.15);
    }
  } catch {
    // No audio device or autoplay refused: the list still shows the alert.
  }
}
