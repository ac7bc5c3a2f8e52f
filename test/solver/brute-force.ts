/**
 * Exact optimum of a tiny problem by enumeration, independent of the search:
 * every pattern choice per client (or none), and per day every split of the
 * day's visits over its shifts and every visiting order, timed by scheduleRoute.
 */
import type { Problem } from '../../src/solver/problem.js';
import { scheduleRoute } from '../../src/solver/schedule.js';

function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

function members(mask: number): number[] {
  const out: number[] = [];
  for (let c = 0; mask >> c; c++) if ((mask >> c) & 1) out.push(c);
  return out;
}

/** Cheapest feasible route for a set of clients on one shift (Infinity when none). */
function bestRoute(problem: Problem, shift: number, mask: number): number {
  let best = mask === 0 ? 0 : Infinity;
  for (const order of mask === 0 ? [] : permutations(members(mask))) {
    const s = scheduleRoute(problem, shift, order);
    if (s) best = Math.min(best, s.travel + problem.distanceWeight * s.distance);
  }
  return best;
}

/** Cheapest way to serve a set of clients with some shifts of a day. */
function bestSplit(problem: Problem, shifts: readonly number[], mask: number, memo: Map<string, number>): number {
  if (shifts.length === 0) return mask === 0 ? 0 : Infinity;
  const key = `${shifts.join(',')}|${mask}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const first = shifts[0];
  const rest = shifts.slice(1);
  let best = Infinity;
  for (let sub = mask; ; sub = (sub - 1) & mask) {
    const own = bestRoute(problem, first, sub);
    if (own < Infinity) best = Math.min(best, own + bestSplit(problem, rest, mask & ~sub, memo));
    if (sub === 0) break;
  }
  memo.set(key, best);
  return best;
}

export function bruteForceOptimum(problem: Problem): number {
  const { clients, numDays, optionalCaps } = problem;
  if (clients.length > 12) throw new Error('too many clients to enumerate');
  const memo = new Map<string, number>();
  const dayCost = (day: number, mask: number) => bestSplit(problem, problem.shiftsByDay[day] ?? [], mask, memo);
  const masks = new Array<number>(numDays).fill(0);
  const used = new Array<number>(optionalCaps.caps.length).fill(0);
  let best = Infinity;
  const visit = (c: number, partial: number): void => {
    if (c === clients.length) {
      let total = partial;
      for (let d = 0; d < numDays && total < best; d++) total += dayCost(d, masks[d] ?? 0);
      best = Math.min(best, total);
      return;
    }
    const client = clients[c];
    visit(c + 1, partial + client.missPenalty);
    for (const pattern of client.patterns) {
      const groups = client.optional ? pattern.days.map((d) => optionalCaps.dayGroup[d] ?? -1).filter((g) => g >= 0) : [];
      for (const g of groups) used[g] = (used[g] ?? 0) + 1;
      if (groups.every((g) => (used[g] ?? 0) <= (optionalCaps.caps[g] ?? 0))) {
        for (const d of pattern.days) masks[d] = (masks[d] ?? 0) | (1 << c);
        visit(c + 1, partial + pattern.penalty - client.prize);
        for (const d of pattern.days) masks[d] = (masks[d] ?? 0) & ~(1 << c);
      }
      for (const g of groups) used[g] = (used[g] ?? 0) - 1;
    }
  };
  visit(0, 0);
  return best;
}
