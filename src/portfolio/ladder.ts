/** The frequency ladder: rungs from the most frequent (0) to the least (6). */
import type { Account } from '../contract/plan-request.js';
import { RUNGS, type Rung } from '../contract/portfolio-request.js';

export type Frequency = Account['frequency'];

const FREQUENCIES: Record<Rung, Frequency> = {
  twice_a_week: { visits: 2, perWeeks: 1 },
  weekly: { visits: 1, perWeeks: 1 },
  fortnightly: { visits: 1, perWeeks: 2 },
  every_3_weeks: { visits: 1, perWeeks: 3 },
  monthly: { visits: 1, perWeeks: 4 },
  every_2_months: { visits: 1, perWeeks: 8 },
  quarterly: { visits: 1, perWeeks: 13 },
};

const WORDS: Record<Rung, string> = {
  twice_a_week: 'twice a week',
  weekly: 'weekly',
  fortnightly: 'fortnightly',
  every_3_weeks: 'every 3 weeks',
  monthly: 'monthly',
  every_2_months: 'every 2 months',
  quarterly: 'quarterly',
};

export const TOP = 0;
export const BOTTOM = RUNGS.length - 1;

export function rungName(rung: number): Rung {
  return RUNGS[Math.max(TOP, Math.min(BOTTOM, rung))] ?? 'quarterly';
}

export function frequencyOf(rung: number): Frequency {
  return FREQUENCIES[rungName(rung)];
}

/** Visits per week. */
export function rateOf(frequency: Frequency): number {
  return frequency.visits / frequency.perWeeks;
}

export function rungRate(rung: number): number {
  return rateOf(frequencyOf(rung));
}

/** "every 3 weeks"; a frequency off the ladder reads "3 visits every 2 weeks". */
export function describe(frequency: Frequency): string {
  const rung = RUNGS.find((r) => sameRate(FREQUENCIES[r], frequency));
  if (rung !== undefined) return WORDS[rung];
  return `${String(frequency.visits)} visit${frequency.visits > 1 ? 's' : ''} every ${frequency.perWeeks > 1 ? `${String(frequency.perWeeks)} weeks` : 'week'}`;
}

/** The most frequent rung no more frequent than `rate` visits a week (above the top: the top; below the bottom: the bottom). */
export function rungAtOrBelow(rate: number): number {
  for (let r = TOP; r <= BOTTOM; r++) if (rungRate(r) <= rate + 1e-9) return r;
  return BOTTOM;
}

function sameRate(a: Frequency, b: Frequency): boolean {
  return a.visits * b.perWeeks === b.visits * a.perWeeks;
}
