/**
 * Lowering frequencies until a plan fits: one ladder step at a time, the
 * step that loses the least value per hour it frees first (the greedy of
 * `suggest` run backwards). Accounts without revenue or potential have no
 * value to weigh, so they are never lowered.
 */
import { evaluate, type Context, type Evaluation } from './context.js';
import { MaxHeap } from './heap.js';
import { BOTTOM, TOP, rungRate } from './ladder.js';
import { valueAt, type ValueModel } from './value.js';

export interface LowerInput {
  readonly stakes: readonly (number | null)[];
  /** Visits per week to start from (on the ladder or not). */
  readonly rates: Float64Array;
  readonly minutesPerVisit: Float64Array;
  /** Minutes and visits per week to free. */
  readonly excess: { readonly minutes: number; readonly visits: number };
  readonly model: ValueModel;
}

export interface Lowered {
  readonly rates: Float64Array;
  /** Accounts lowered, in the order they were first chosen. */
  readonly order: number[];
  /** Minutes per week each account frees. */
  readonly freed: Float64Array;
  readonly fits: boolean;
}

const EPS = 1e-9;

/** The rung just below `rate`, or undefined at the bottom of the ladder. */
export function rungBelow(rate: number): number | undefined {
  for (let r = TOP; r <= BOTTOM; r++) if (rungRate(r) < rate - EPS) return r;
  return undefined;
}

export function lower(input: LowerInput): Lowered {
  const { stakes, minutesPerVisit: t, model } = input;
  const rates = Float64Array.from(input.rates);
  const freed = new Float64Array(rates.length);
  const order: number[] = [];
  let minutes = input.excess.minutes;
  let visits = input.excess.visits;
  const heap = new MaxHeap();
  const stepDown = (i: number) => {
    const stake = stakes[i];
    const below = rungBelow(rates[i]);
    if (stake === null || below === undefined) return;
    const to = rungRate(below);
    const loss = valueAt(stake, rates[i], model) - valueAt(stake, to, model);
    heap.push(-loss / ((rates[i] - to) * t[i]), i);
  };
  for (let i = 0; i < rates.length; i++) stepDown(i);
  while ((minutes > EPS || visits > EPS) && heap.size > 0) {
    const i = heap.pop();
    const to = rungRate(rungBelow(rates[i]) ?? BOTTOM);
    const fewer = rates[i] - to;
    if (freed[i] === 0) order.push(i);
    freed[i] += fewer * t[i];
    minutes -= fewer * t[i];
    visits -= fewer;
    rates[i] = to;
    stepDown(i);
  }
  return { rates, order, freed, fits: minutes <= EPS && visits <= EPS };
}

/** Rounds of lowering: fewer visits spread the tours thinner, so each round's driving per visit is a little above the last. */
const ROUNDS = 8;

/**
 * Lowers until the plan fits with its own driving re-estimated: each round
 * frees what the last estimate says is missing, then estimates again.
 */
export function lowerUntilFits(ctx: Context, rates: Float64Array, start: Evaluation): { rates: Float64Array; order: number[]; ev: Evaluation } {
  let now = rates;
  let ev = start;
  const order = new Set<number>();
  for (let round = 0; round < ROUNDS && !ev.fits; round++) {
    const excess = { minutes: ev.requiredMinutes - ctx.budget.minutes, visits: ev.visits - ctx.budget.visits };
    const lowered = lower({ stakes: ctx.stakes, rates: now, minutesPerVisit: ev.minutesPerVisit, excess, model: ctx.value });
    if (lowered.order.length === 0) break;
    for (const i of lowered.order) order.add(i);
    now = lowered.rates;
    ev = evaluate(ctx, now);
  }
  return { rates: now, order: [...order], ev };
}
