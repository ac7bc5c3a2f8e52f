/**
 * The current frequencies against the time available and, when they do not
 * fit, three ways to make them fit: lower some frequencies, add rep-days, or
 * add reps and split the portfolio between them by geography.
 */
import type { Capacity } from '../contract/portfolio-analysis.js';
import { workloadOf, type Context, type Evaluation } from './context.js';
import { estimateFrom, hopsKm } from './driving.js';
import { unproject } from './geometry.js';
import { frequencyOf, rungAtOrBelow, type Frequency } from './ladder.js';
import { lowerUntilFits } from './lower.js';
import { hundredth, money, tenth } from './round.js';
import { bisect } from './territories.js';

export interface CapacityAccount {
  readonly id: string;
  readonly revenue?: number | undefined;
  readonly frequency: Frequency;
}

/** Splits tried, one more rep each time, before giving up on making every territory fit. */
const MAX_SPLITS = 40;

export function capacity(ctx: Context, accounts: readonly CapacityAccount[], rates: Float64Array, current: Evaluation): Capacity {
  const shortfall = Math.max(0, current.requiredMinutes - ctx.budget.minutes);
  if (current.fits) return { current: current.summary, shortfallHours: 0, remedies: null };
  return {
    current: current.summary,
    shortfallHours: tenth(shortfall / 60),
    remedies: {
      lowerFrequencies: lowerToFit(ctx, accounts, rates, current),
      addRepDaysPerWeek: repDays(ctx, current),
      reps: splitBetweenReps(ctx, accounts, rates, current),
    },
  };
}

function lowerToFit(ctx: Context, accounts: readonly CapacityAccount[], rates: Float64Array, current: Evaluation): NonNullable<Capacity['remedies']>['lowerFrequencies'] {
  const { rates: now, order, ev } = lowerUntilFits(ctx, rates, current);
  const changes = order.map((i) => ({
    accountId: accounts[i]?.id ?? '',
    from: accounts[i]?.frequency ?? frequencyOf(0),
    to: frequencyOf(rungAtOrBelow(now[i])),
    hoursFreed: hundredth(((rates[i] - now[i]) * current.minutesPerVisit[i]) / 60),
  }));
  return { changes, fits: ev.fits };
}

/** Rep-days per week that would absorb the shortfall at today's driving per visit, in half days. */
function repDays(ctx: Context, current: Evaluation): number {
  const perDay = ctx.budget.minutes / ctx.day.perWeek;
  const byTime = Math.max(0, current.requiredMinutes - ctx.budget.minutes) / perDay;
  const byVisits = Number.isFinite(ctx.budget.visits) && ctx.budget.visits > 0 ? Math.max(0, current.visits - ctx.budget.visits) / (ctx.budget.visits / ctx.day.perWeek) : 0;
  return Math.ceil(Math.max(byTime, byVisits) * 2) / 2;
}

type Territory = NonNullable<Capacity['remedies']>['reps']['territories'][number];

/**
 * The fewest reps whose territories each fit one rep's time. Territories
 * balance visit and hop hours (each rep's trips from home are shorter than
 * the one rep's), and the count starts from the hours they hold and grows
 * to what the last split's own driving asks for, one rep more at least.
 */
function splitBetweenReps(ctx: Context, accounts: readonly CapacityAccount[], rates: Float64Array, current: Evaluation): NonNullable<Capacity['remedies']>['reps'] {
  const hops = hopsKm(ctx.geo, rates, ctx.driving.local);
  const kmToMinutes = (ctx.driving.detourFactor * 60) / ctx.driving.speedKmh;
  const weights = Float64Array.from(rates, (r, i) => r * (ctx.visitMinutes[i] + hops[i] * kmToMinutes));
  const atLeast = (minutes: number, visits: number) =>
    Math.max(Math.ceil(minutes / ctx.budget.minutes), Number.isFinite(ctx.budget.visits) && ctx.budget.visits > 0 ? Math.ceil(visits / ctx.budget.visits) : 0);
  let count = Math.min(accounts.length, Math.max(2, atLeast(weights.reduce((s, w) => s + w, 0), current.visits)));
  let split = territoriesOf(ctx, accounts, rates, { hops, weights }, count);
  for (let tries = 1; tries < MAX_SPLITS && count < accounts.length; tries++) {
    const failing = split.filter((t) => !t.ev.fits);
    if (failing.length === 0 || failing.some((t) => t.territory.accountIds.length === 1)) break;
    const asked = atLeast(split.reduce((s, t) => s + t.ev.requiredMinutes, 0), split.reduce((s, t) => s + t.ev.visits, 0));
    count = Math.min(accounts.length, Math.max(count + 1, asked));
    split = territoriesOf(ctx, accounts, rates, { hops, weights }, count);
  }
  return { needed: count, territories: split.map((t) => t.territory) };
}

/**
 * The territories of a split and their workloads. Each keeps its accounts'
 * hops as measured in the whole portfolio (a border account's neighbours
 * across the border are close enough) and its own trips from its home.
 */
function territoriesOf(ctx: Context, accounts: readonly CapacityAccount[], rates: Float64Array, measured: { hops: Float64Array; weights: Float64Array }, count: number): { territory: Territory; ev: Evaluation }[] {
  const { hops, weights } = measured;
  const groups = bisect(ctx.geo.plane, weights, count).filter((g) => g.length > 0);
  const centres = groups.map((g) => centreOf(ctx, weights, g));
  // Rep 1 keeps the home: the territory whose centre is nearest to it.
  const first = centres.reduce((best, c, i) => (c.distance < (centres[best]?.distance ?? Infinity) ? i : best), 0);
  const ordered = [first, ...groups.keys()].filter((g, k, all) => all.indexOf(g) === k);
  const { xs, ys } = ctx.geo.plane;
  return ordered.map((g, rank) => {
    const members = groups[g] ?? [];
    const centre = centres[g] ?? { x: 0, y: 0, point: ctx.home, distance: 0 };
    const [hx, hy] = g === first ? [0, 0] : [centre.x, centre.y];
    const parts = { hops: Float64Array.from(members, (i) => hops[i]), homeKm: Float64Array.from(members, (i) => Math.hypot(xs[i] - hx, ys[i] - hy)) };
    const subRates = Float64Array.from(members, (i) => rates[i]);
    const sub = { visitMinutes: Float64Array.from(members, (i) => ctx.visitMinutes[i]), budget: ctx.budget };
    const ev = workloadOf(sub, subRates, estimateFrom(parts, subRates, sub.visitMinutes, ctx.day, ctx.driving));
    const territory = {
      rep: rank + 1,
      home: g === first ? ctx.home : centre.point,
      accountIds: members.map((i) => accounts[i]?.id ?? ''),
      revenue: money(members.reduce((s, i) => s + (accounts[i]?.revenue ?? 0), 0)),
      workload: ev.summary,
    };
    return { territory, ev };
  });
}

/** Workload-weighted centre of a group, on the plane and as a point, and its distance (km) from the rep's home. */
function centreOf(ctx: Context, weights: Float64Array, group: readonly number[]): { x: number; y: number; point: Territory['home']; distance: number } {
  let w = 0, x = 0, y = 0;
  for (const i of group) {
    const wi = weights[i] + 1e-9;
    w += wi;
    x += wi * ctx.geo.plane.xs[i];
    y += wi * ctx.geo.plane.ys[i];
  }
  return { x: x / w, y: y / w, point: unproject(x / w, y / w, ctx.home), distance: Math.hypot(x / w, y / w) };
}
