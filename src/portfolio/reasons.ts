/** One sentence per account on why its suggested frequency is what it is. */
import type { Quadrant } from '../contract/portfolio-analysis.js';
import { describe, frequencyOf, rateOf, type Frequency } from './ladder.js';
import type { Abc } from './segmentation.js';
import type { StopReason } from './suggest.js';

const QUADRANT_WORDS: Record<Quadrant, string> = {
  keep: 'to keep',
  vivier: 'fragile vivier',
  develop: 'to develop',
  maintain: 'to maintain at low cost',
};

export interface ReasonInput {
  readonly segment: Abc | null;
  readonly quadrant: Quadrant | null;
  /** Share of the portfolio's revenue. */
  readonly revenueShare: number;
  readonly potential: number | undefined;
  readonly current: Frequency;
  readonly suggested: Frequency;
  /** Rung of the suggestion (-1 when kept as it is). */
  readonly rung: number;
  readonly stop: StopReason;
}

export function reasonFor(input: ReasonInput): string {
  if (input.stop === 'fixed') return `No revenue or potential given: kept at its current frequency (${describe(input.current)}).`;
  return `${who(input)}: ${describe(input.suggested)}${change(input.current, input.suggested)}; ${why(input)}.`;
}

function who(input: ReasonInput): string {
  const quadrant = input.quadrant === null ? '' : `, ${QUADRANT_WORDS[input.quadrant]}`;
  if (input.segment === null) return `Account without revenue (potential ${amount(input.potential ?? 0)}${quadrant})`;
  return `${input.segment} account (${percent(input.revenueShare)} of revenue${quadrant})`;
}

function change(current: Frequency, suggested: Frequency): string {
  const delta = rateOf(suggested) - rateOf(current);
  if (Math.abs(delta) < 1e-9) return ', as now';
  return `, ${delta > 0 ? 'up' : 'down'} from ${describe(current)}`;
}

function why(input: ReasonInput): string {
  const next = input.rung > 0 ? describe(frequencyOf(input.rung - 1)) : '';
  switch (input.stop) {
    case 'top':
      return 'the most the ladder offers';
    case 'cost':
      return `visiting it ${next} would bring less than the extra visits cost`;
    case 'time':
      return `the hours to visit it ${next} are worth more on other accounts`;
    case 'visits':
      return `visiting it ${next} would exceed the visits-per-day limit`;
    case 'short':
      return 'the least the ladder offers, and even so the portfolio does not fit the time available';
    case 'fixed':
      return 'kept as it is';
  }
}

/** "4.1 %", "0.3 %", "12 %", "< 0.1 %". */
export function percent(x: number): string {
  const p = x * 100;
  if (p > 0 && p < 0.05) return '< 0.1 %';
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** "61,000": whole units with thousands grouped; the currency is the portfolio's own. */
export function amount(x: number): string {
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
