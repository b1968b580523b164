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
 * The calls a named service-level formula divides by (DESIGN.md section 4). Flow-outs stay out
 * of every denominator, so `offeredBased` subtracts them from offered as well.
 */
export function slDenominator(c: SlCounts, formula: SlFormula): number {
  switch (formula) {
    case 'excludeShortAbandons':
      return c.answered + c.abandoned - c.shortAbandoned;
    case 'answeredOnly':
      return c.answered;
    case 'abandonsInSlMet':
      return c.answered + c.abandoned;
    case 'offeredBased':
      return c.offered - c.shortAbandoned - c.flowedOut;
  }
}

/** Service level by a named formula, 0..1; null when its denominator is 0. Only `abandonsInSlMet` counts abandons within the threshold as met. */
export function serviceLevel(c: SlCounts, formula: SlFormula): Ratio {
  const met = formula === 'abandonsInSlMet' ? c.answeredInSL + c.abandonedInSL : c.answeredInSL;
  return ratio(met, slDenominator(c, formula));
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

/** The calls an abandon rate is out of: offered − shortAbandoned. */
export function abandonDenominator(c: SlCounts): number {
  return c.offered - c.shortAbandoned;
}

/** (abandoned − shortAbandoned) / (offered − shortAbandoned). */
export function abandonRate(c: SlCounts): Ratio {
  return ratio(c.abandoned - c.shortAbandoned, abandonDenominator(c));
}
