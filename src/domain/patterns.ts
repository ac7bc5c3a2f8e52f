/**
 * Allowed day patterns of one account (the periodic-VRP choice set): the
 * account's visits in order, each on a day of its window or missed, always
 * including the appointment days. A pattern's penalty is the weight of the
 * visits it misses.
 *
 * Windows (rules 2, 3 and 5 of "Frequency rules" in README.md): the first visit in
 * [firstFrom, firstTo]; a visit after a planned one, minGap to maxGap days
 * after it; a visit after a missed one, within the tolerance of its due date,
 * counted on from the missed visit's due date (and still minGap after the last
 * planned visit). So a visit that cannot happen does not cancel the later ones.
 * An appointment is not held to a window or to the spacing (it is fixed); a
 * free visit keeps the spacing to its neighbours, appointments included.
 */
import type { Pattern } from '../solver/problem.js';
import { windowAfter, type VisitRule } from './frequency.js';

/** Most patterns with every visit kept per account, best first. */
export const FULL_PATTERNS = 200;
/** Most patterns that miss the same visits. */
export const PARTIAL_PATTERNS = 12;
/** Most patterns that miss some visit, per account. */
export const MISSING_PATTERNS = 60;
/** Search steps of the main search per account; it tries the days closest to the due dates first. */
const STEP_BUDGET = 20_000;
/** Search steps of each search that misses one given visit on purpose. */
const SKIP_BUDGET = 1_000;
/**
 * The main search stops once it holds this many patterns keeping every visit:
 * it meets the best ones first, so the best FULL_PATTERNS are among them.
 */
const FULL_FOUND = 2 * FULL_PATTERNS;

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
  readonly penalty: number;
  readonly score: number;
  /** Which visits it misses, e.g. "0,3" ("" when none). */
  readonly missing: string;
}

/** The patterns of one account: those keeping every visit first, then those missing some. */
export function accountPatterns(input: PatternInput): Pattern[] {
  const found = new Map<string, Candidate>();
  search(input, -1, STEP_BUDGET, true, found);
  for (let k = 0; k < input.weights.length; k++) search(input, k, SKIP_BUDGET, false, found);
  const all = [...found.values()];
  const full = all.filter((c) => c.missing === '').sort(byScore).slice(0, FULL_PATTERNS);
  return [...full, ...missingSome(all.filter((c) => c.missing !== ''))].map((c) => ({ days: c.days, penalty: c.penalty }));
}

/**
 * Depth-first over the visits: each visit on a day of its window (closest to
 * its due date first) or missed. A visit is missed when it has no day, when it
 * is `skip`, and, with `prefixes`, every visit after any point (the plan then
 * keeps the first ones).
 */
function search(input: PatternInput, skip: number, budget: number, prefixes: boolean, found: Map<string, Candidate>): void {
  const { rule, days, open, pinned, weights } = input;
  const count = weights.length;
  const seq: number[] = [];
  const missing: number[] = [];
  let steps = budget;
  // Patterns recorded per number of visits kept, complete ones and prefixes apart: the first ones
  // met are the best, so each list stops early.
  const leaves = new Int32Array(count + 1);
  const prefixList = new Int32Array(count + 1);
  const cap = (j: number): number => (j === count ? FULL_FOUND : PARTIAL_PATTERNS);
  const firstTarget = Math.min(Math.max(rule.firstDue, rule.firstFrom), rule.firstTo);
  const record = (penalty: number, score: number, missed: readonly number[], leaf: boolean): void => {
    const j = seq.length;
    const kept = leaf ? leaves : prefixList;
    if (j === 0 || kept[j] >= cap(j)) return;
    kept[j]++;
    if (skip >= 0 && kept[j] >= cap(j)) steps = 0;
    const key = String.fromCharCode(...seq);
    const known = found.get(key);
    if (known !== undefined && (known.penalty < penalty || (known.penalty === penalty && known.score <= score))) return;
    found.set(key, { days: [...seq], penalty, score, missing: missed.join() });
  };

  /** Visit k; `due` is its due date, `afterPlanned` whether visit k − 1 was planned (on seq's last day). */
  const visit = (k: number, due: number, afterPlanned: boolean, nextPin: number, penalty: number, score: number): void => {
    const pinsLeft = pinned.length - nextPin;
    if (prefixes && nextPin === pinned.length && seq.length > 0 && k < count && prefixList[seq.length] < PARTIAL_PATTERNS) {
      let rest = penalty;
      for (let j = k; j < count; j++) rest += weights[j];
      record(rest, score, [...missing, ...range(k, count)], false);
    }
    if (k === count) {
      if (nextPin === pinned.length) record(penalty, score, missing, true);
      if (leaves[count] >= FULL_FOUND) steps = 0;
      return;
    }
    if (steps-- <= 0) return;
    const last = seq.at(-1);
    const pin = nextPin < pinned.length ? pinned[nextPin] : Infinity;
    const canMiss = count - k - 1 >= pinsLeft;
    const options = k === skip ? [] : dayOptions(k, due, last, afterPlanned, pin, pinsLeft);
    for (const d of options) {
      seq.push(d);
      const target = targetOf(k, due, last, afterPlanned);
      visit(k + 1, days[d] + rule.interval, true, d === pin ? nextPin + 1 : nextPin, penalty, score + Math.abs(days[d] - target));
      seq.pop();
    }
    // Missed: on purpose, or because no day can take it.
    if (canMiss && (k === skip || options.length === 0)) {
      missing.push(k);
      visit(k + 1, due + rule.interval, false, nextPin, penalty + weights[k], score);
      missing.pop();
    }
  };

  const targetOf = (k: number, due: number, last: number | undefined, afterPlanned: boolean): number => {
    if (k === 0 && last === undefined) return firstTarget;
    return afterPlanned && last !== undefined ? days[last] + rule.interval : due;
  };

  /** Problem days visit k may take, best first: the next appointment, or free days before it. */
  const dayOptions = (k: number, due: number, last: number | undefined, afterPlanned: boolean, pin: number, pinsLeft: number): number[] => {
    const { from, to } = windowAfter(rule, k, due, last === undefined ? undefined : days[last], afterPlanned);
    const target = targetOf(k, due, last, afterPlanned);
    const lastIsPin = last !== undefined && pinned.includes(last);
    const out: number[] = [];
    for (let d = last === undefined ? 0 : last + 1; d < days.length && d <= pin; d++) {
      if (d === pin) {
        // An appointment follows a free visit at the spacing, another appointment or a missed visit at any gap.
        const gap = last === undefined ? 0 : days[d] - days[last];
        if (last === undefined || lastIsPin || !afterPlanned || (gap >= rule.minGap && gap <= rule.maxGap)) out.push(d);
        continue;
      }
      if (!open[d] || count - k - 1 < pinsLeft || days[d] < from || days[d] > to) continue;
      out.push(d);
    }
    return out.sort((a, b) => Math.abs(days[a] - target) - Math.abs(days[b] - target) || a - b);
  };

  visit(0, rule.firstDue, false, 0, 0, 0);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function byScore(a: Candidate, b: Candidate): number {
  return a.score - b.score || compareDays(a.days, b.days);
}

/**
 * Patterns missing some visits, least penalty first; within a penalty, the
 * best of each set of missed visits before the second best of any, so that
 * the solver may miss any one visit, up to PARTIAL_PATTERNS per set.
 */
function missingSome(list: readonly Candidate[]): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of [...list].sort(byScore)) {
    const key = `${String(c.penalty)}|${c.missing}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const penalties = [...new Set(list.map((c) => c.penalty))].sort((a, b) => a - b);
  const out: Candidate[] = [];
  for (const penalty of penalties) {
    const sets = [...groups].filter(([key]) => key.startsWith(`${String(penalty)}|`)).map(([, g]) => g.slice(0, PARTIAL_PATTERNS));
    for (let rank = 0; sets.some((g) => rank < g.length); rank++) {
      for (const g of sets) if (rank < g.length && out.length < MISSING_PATTERNS) out.push(g[rank]);
    }
  }
  return out;
}

function compareDays(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i] - b[i];
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
