import type { Ratio, ServiceLevels, SlFormula } from '../protocol/metrics.ts';

/** The counts every service-level formula is built from. */
export interface SlCounts {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  flowedOut: number;
  answeredInSL: number;
  abandonedInSL: number;
}

/** numerator / denominator, or null when the denominator is 0 (never NaN). */
export function ratio(numerator: number, denominator: number): Ratio {
  return denominator > 0 ? numerator / denominator : null;
}

/**
 * Service level by a named formula (DESIGN.md section 4). Flow-outs stay out of every
 * denominator, so `offeredBased` subtracts them from offered as well.
 */
export function serviceLevel(c: SlCounts, formula: SlFormula): Ratio {
  switch (formula) {
    case 'excludeShortAbandons':
      return ratio(c.answeredInSL, c.answered + c.abandoned - c.shortAbandoned);
    case 'answeredOnly':
      return ratio(c.answeredInSL, c.answered);
    case 'abandonsInSlMet':
      return ratio(c.answeredInSL + c.abandonedInSL, c.answered + c.abandoned);
    case 'offeredBased':
      return ratio(c.answeredInSL, c.offered - c.shortAbandoned - c.flowedOut);
  }
}

/** All four formulas side by side. */
export function serviceLevels(c: SlCounts): ServiceLevels {
  return {
    excludeShortAbandons: serviceLevel(c, 'excludeShortAbandons'),
    answeredOnly: serviceLevel(c, 'answeredOnly'),
    abandonsInSlMet: serviceLevel(c, 'abandonsInSlMet'),
    offeredBased: serviceLevel(c, 'offeredBased'),
  };
}

/** (abandoned − shortAbandoned) / (offered − shortAbandoned). */
export function abandonRate(c: SlCounts): Ratio {
  return ratio(c.abandoned - c.shortAbandoned, c.offered - c.shortAbandoned);
}
