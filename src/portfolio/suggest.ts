/**
 * Suggested frequencies: the ladder rung per account that maximises the value
 * of visits within the hours available. Every account with a stake starts
 * quarterly; then, greedily, the step up (quarterly → every 2 months → … →
 * twice a week) with the most value per hour of visit and driving is taken,
 * while it fits. The value curve is concave and a step's hours are linear in
 * its visits, so each account's steps come in decreasing value per hour: this
 * is the classic greedy of the multiple-choice knapsack, optimal up to the
 * last step that did not fit. A step is never taken when its value is below
 * the cost of its extra visits: over-visiting small accounts loses money.
 */
import { MaxHeap } from './heap.js';
import { BOTTOM, TOP, rungRate } from './ladder.js';
import { costAt, valueAt, type ValueModel } from './value.js';

/** Why an account's rung is where it is. */
export type StopReason = 'top' | 'cost' | 'time' | 'visits' | 'short' | 'fixed';

export interface Budget {
  /** Minutes per week for account visits and their driving. */
  readonly minutes: number;
  /** Account visits per week; Infinity without a limit. */
  readonly visits: number;
}

export interface SuggestInput {
  /** Per account: its stake, or null to keep its current rate. */
  readonly stakes: readonly (number | null)[];
  readonly currentRates: Float64Array;
  /** Visit plus driving minutes of one visit. */
  readonly minutesPerVisit: Float64Array;
  readonly budget: Budget;
  readonly model: ValueModel;
}

export interface Suggestion {
  /** Visits per week. */
  readonly rates: Float64Array;
  /** Ladder rung, or -1 for an account kept at its current rate. */
  readonly rungs: Int8Array;
  readonly reasons: StopReason[];
}

const EPS = 1e-9;

export function suggest(input: SuggestInput): Suggestion {
  const { stakes, currentRates, minutesPerVisit: t, budget, model } = input;
  const n = stakes.length;
  const rungs = new Int8Array(n).fill(BOTTOM);
  const reasons: StopReason[] = new Array<StopReason>(n).fill('time');
  let minutes = budget.minutes;
  let visits = budget.visits;
  for (let i = 0; i < n; i++) {
    const fixed = stakes[i] === null;
    const rate = fixed ? currentRates[i] : rungRate(BOTTOM);
    if (fixed) {
      rungs[i] = -1;
      reasons[i] = 'fixed';
    }
    minutes -= rate * t[i];
    visits -= rate;
  }
  if (minutes < -EPS || visits < -EPS) return finish(input, rungs, reasons.map((r) => (r === 'fixed' ? r : 'short')));

  const heap = new MaxHeap();
  const stepUp = (i: number) => {
    const stake = stakes[i] ?? 0;
    const from = rungRate(rungs[i]);
    const to = rungRate(rungs[i] - 1);
    const gain = valueAt(stake, to, model) - valueAt(stake, from, model);
    if (gain < costAt(to, model) - costAt(from, model)) {
      reasons[i] = 'cost';
      return;
    }
    heap.push(gain / ((to - from) * t[i]), i);
  };
  for (let i = 0; i < n; i++) if (rungs[i] === BOTTOM) stepUp(i);
  while (heap.size > 0) {
    const i = heap.pop();
    const extra = rungRate(rungs[i] - 1) - rungRate(rungs[i]);
    if (extra * t[i] > minutes + EPS || extra > visits + EPS) {
      reasons[i] = extra * t[i] > minutes + EPS ? 'time' : 'visits';
      continue;
    }
    minutes -= extra * t[i];
    visits -= extra;
    rungs[i]--;
    if (rungs[i] === TOP) reasons[i] = 'top';
    else stepUp(i);
  }
  return finish(input, rungs, reasons);
}

function finish(input: SuggestInput, rungs: Int8Array, reasons: StopReason[]): Suggestion {
  const rates = Float64Array.from(rungs, (r, i) => (r < 0 ? input.currentRates[i] : rungRate(r)));
  return { rates, rungs, reasons };
}
