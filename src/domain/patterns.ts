/**
 * Allowed day patterns of one account (the periodic-VRP choice set): ordered
 * visit days that respect the first-visit window and the spacing of rule 3,
 * always including the appointment days. Patterns of fewer visits than the
 * plan needs ("the first j visits") carry the weight of the visits they omit.
 */
import type { Pattern } from '../solver/problem.js';
import type { VisitRule } from './frequency.js';

/** Most patterns with every visit kept per account, best first. */
export const FULL_PATTERNS = 200;
/** Most patterns per shorter length. */
export const PARTIAL_PATTERNS = 12;
/** Search steps per account; the search tries the days closest to the due dates first. */
const STEP_BUDGET = 20_000;

export interface PatternInput {
  readonly rule: VisitRule;
  /** Day numbers of the problem's days (its working days), ascending. */
  readonly days: readonly number[];
  /** Per problem day: the account can be visited on it (open, not closed, the visit fits). */
  readonly open: readonly boolean[];
  /** Problem days of the appointments, ascending and distinct; every pattern holds them. */
  readonly pinned: readonly number[];
  /** Weight of each visit the plan needs, in order; its length is the number of visits. */
  readonly weights: readonly number[];
}

interface Candidate {
  readonly days: readonly number[];
  readonly score: number;
}

/**
 * The patterns of one account. A pattern with j < n visits omits the last
 * n − j visits and its penalty is their weight. An appointment is not held to
 * the window or the spacing (it is fixed); a free visit keeps the spacing to
 * its neighbours, appointments included.
 */
export function accountPatterns(input: PatternInput): Pattern[] {
  const { rule, days, open, pinned, weights } = input;
  const count = weights.length;
  const found: Candidate[][] = Array.from({ length: count + 1 }, () => []);
  const seq: number[] = [];
  let steps = STEP_BUDGET;

  const gapOk = (from: number, to: number): boolean => {
    const gap = days[to] - days[from];
    return gap >= rule.minGap && gap <= rule.maxGap;
  };
  const firstTarget = Math.min(Math.max(rule.firstDue, rule.firstFrom), rule.firstTo);

  const extend = (nextPin: number, score: number): void => {
    const j = seq.length;
    if (j > 0 && nextPin === pinned.length) keep(found[j], { days: [...seq], score }, j === count ? FULL_PATTERNS : PARTIAL_PATTERNS);
    if (j === count || steps <= 0) return;
    steps--;
    const last = seq.at(-1);
    const pin = nextPin < pinned.length ? pinned[nextPin] : Infinity;
    const pinsLeft = pinned.length - nextPin;
    const target = last === undefined ? firstTarget : days[last] + rule.interval;
    const options: number[] = [];
    for (let k = last === undefined ? 0 : last + 1; k < days.length && k <= pin; k++) {
      const isPin = k === pin;
      if (!isPin && (!open[k] || count - j - 1 < pinsLeft)) continue;
      const day = days[k];
      if (last === undefined) {
        if (!isPin && (day < rule.firstFrom || day > rule.firstTo)) continue;
      } else if (!(isPin && pinned.includes(last)) && !gapOk(last, k)) continue;
      options.push(k);
    }
    options.sort((a, b) => Math.abs(days[a] - target) - Math.abs(days[b] - target) || a - b);
    for (const k of options) {
      seq.push(k);
      extend(k === pin ? nextPin + 1 : nextPin, score + Math.abs(days[k] - target));
      seq.pop();
    }
  };
  extend(0, 0);

  const patterns: Pattern[] = [];
  for (let j = count; j >= 1; j--) {
    const omitted = weights.slice(j).reduce((s, w) => s + w, 0);
    const cap = j === count ? FULL_PATTERNS : PARTIAL_PATTERNS;
    for (const c of sortCandidates(found[j]).slice(0, cap)) patterns.push({ days: c.days, penalty: omitted });
  }
  return patterns;
}

/** Adds a candidate, trimming the list to the best `cap` when it grows past twice that. */
function keep(list: Candidate[], candidate: Candidate, cap: number): void {
  list.push(candidate);
  if (list.length > 2 * cap) {
    const best = sortCandidates(list).slice(0, cap);
    list.length = 0;
    list.push(...best);
  }
}

function sortCandidates(list: readonly Candidate[]): Candidate[] {
  return [...list].sort((a, b) => a.score - b.score || compareDays(a.days, b.days));
}

function compareDays(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
