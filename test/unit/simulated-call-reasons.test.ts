import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/lib/i18n/en.ts';
import { LOCALES, type Locale, type Message } from '../../client/src/lib/i18n/message.ts';
import { zhTW } from '../../client/src/lib/i18n/zh-TW.ts';
import { QUEUES } from '../../simulator/day-model.ts';
import { SIMULATED_DISPOSITIONS } from '../../simulator/dispositions.ts';
import { Simulation } from '../../simulator/simulation.ts';

const TZ = 'Asia/Taipei';
// From the evening before to midnight after: the night queues, both day peaks and the survey's 09:00-18:00.
const START = Date.parse('2026-11-19T21:00:00+08:00');
const events = new Simulation(42, TZ, START, { survey: { filter: true } }).advanceTo(START + 27 * 3_600_000);
/** Every call reason the simulated day wrote, sorted. */
const emitted = [...new Set(events.filter((e) => e.type === 'call.wrapped' && typeof e.disposition === 'string').map((e) => String(e.disposition)))].sort();

const DICTIONARIES: Record<Locale, Record<string, Message>> = { en, 'zh-TW': zhTW };

/** The codes among `codes` a locale's dictionary has no words for (the screen would show the raw code). */
const unlabelled = (locale: Locale, codes: readonly string[]) =>
  codes.filter((c) => {
    const m = DICTIONARIES[locale][`disposition.${c}`];
    return typeof m !== 'string' || m.trim() === '' || m === c;
  });

describe('call reasons the simulator writes', () => {
  it('are many: every queue\'s and the survey\'s codes turn up in a day', () => {
    // 7 queues with 5, 5, 5, 4, 5, 3, 4 codes (31, complaint twice: 30 apart) and 3 survey outcomes: 33.
    expect(emitted).toContain('survey-success');
    expect(emitted).toContain('statement-copy');
    expect(emitted.length).toBe(33);
  });

  it('each have a label in every language', () => {
    for (const locale of LOCALES) expect(unlabelled(locale, emitted), locale).toEqual([]);
  });

  it('are exactly the codes listed with their words in simulator/dispositions.ts', () => {
    const listed = Object.keys(SIMULATED_DISPOSITIONS).sort();
    expect(emitted).toEqual(listed);
    const modelled = new Set(QUEUES.flatMap((q) => q.dispositions.map(([code]) => code)));
    expect([...modelled].filter((c) => !listed.includes(c))).toEqual([]);
  });

  it('read in each language as listed, not as the code', () => {
    expect(en['disposition.statement-copy']).toBe('Statement copy');
    expect(zhTW['disposition.survey-refusal']).toBe('拒答問卷');
  });
});
