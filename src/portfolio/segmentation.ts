/**
 * Segments of a portfolio: A/B/C by cumulative revenue (Pareto), the
 * potential × share-of-wallet matrix, and the CRM's own segments against them.
 */
import { ABC, QUADRANTS, type Quadrant, type Segmentation } from '../contract/portfolio-analysis.js';
import type { PortfolioOptions } from '../contract/portfolio-request.js';
import { money, share } from './round.js';

export type Abc = (typeof ABC)[number];

/** What segmentation reads of an account. */
export interface Rated {
  readonly revenue?: number | undefined;
  readonly potential?: number | undefined;
  readonly segment?: string | undefined;
}

export interface Segments {
  /** Per account, in order: its A/B/C segment (null without revenue) and its quadrant (null without revenue or potential). */
  readonly abc: readonly (Abc | null)[];
  readonly quadrant: readonly (Quadrant | null)[];
  readonly summary: Segmentation;
}

export function segment(accounts: readonly Rated[], options: Pick<PortfolioOptions, 'abc' | 'matrix'>): Segments {
  const abc = abcSegments(accounts, options.abc);
  const { quadrant, matrix } = quadrants(accounts, options.matrix);
  return { abc, quadrant, summary: { abc: abcSummary(accounts, abc, options.abc), matrix, crm: crmSegments(accounts, abc) } };
}

/**
 * Ranked by revenue (ties in request order), an account is A while the
 * accounts ranked before it make less than `a` of the revenue, so the A
 * accounts are the fewest that reach `a`; likewise B up to `b`.
 */
export function abcSegments(accounts: readonly Rated[], thresholds: { a: number; b: number }): (Abc | null)[] {
  const ranked = accounts.flatMap((a, i) => (a.revenue === undefined ? [] : [{ i, revenue: a.revenue }])).sort((x, y) => y.revenue - x.revenue || x.i - y.i);
  const total = ranked.reduce((s, r) => s + r.revenue, 0);
  const out: (Abc | null)[] = accounts.map(() => null);
  let before = 0;
  for (const r of ranked) {
    out[r.i] = before < thresholds.a * total ? 'A' : before < thresholds.b * total ? 'B' : 'C';
    before += r.revenue;
  }
  return out;
}

function abcSummary(accounts: readonly Rated[], classes: readonly (Abc | null)[], thresholds: { a: number; b: number }): Segmentation['abc'] {
  const rated = classes.filter((c) => c !== null).length;
  const total = accounts.reduce((s, a) => s + (a.revenue ?? 0), 0);
  const segments = ABC.map((segment) => {
    const members = accounts.filter((_, i) => classes[i] === segment);
    const revenue = members.reduce((s, a) => s + (a.revenue ?? 0), 0);
    return {
      segment,
      accounts: members.length,
      revenue: money(revenue),
      potential: money(members.reduce((s, a) => s + (a.potential ?? 0), 0)),
      accountShare: share(rated === 0 ? 0 : members.length / rated),
      revenueShare: share(total === 0 ? 0 : revenue / total),
    };
  });
  return { thresholds: { a: thresholds.a, b: thresholds.b }, segments, unrated: accounts.length - rated };
}

/** Revenue / potential, when both are known and the potential is at least one unit. */
export function shareOfWallet(account: Rated): number | null {
  if (account.revenue === undefined || account.potential === undefined || account.potential < 1) return null;
  return account.revenue / account.potential;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function quadrants(accounts: readonly Rated[], options: PortfolioOptions['matrix']): { quadrant: (Quadrant | null)[]; matrix: Segmentation['matrix'] } {
  const potentials = accounts.flatMap((a) => (shareOfWallet(a) === null ? [] : [a.potential ?? 0]));
  const potentialSplit = options.potentialSplit ?? median(potentials);
  const quadrant = accounts.map((a): Quadrant | null => {
    const s = shareOfWallet(a);
    if (s === null) return null;
    const high = (a.potential ?? 0) >= potentialSplit;
    const strong = s >= options.shareSplit;
    return high ? (strong ? 'keep' : 'vivier') : strong ? 'maintain' : 'develop';
  });
  const rows = QUADRANTS.map((q) => {
    const members = accounts.filter((_, i) => quadrant[i] === q);
    return {
      quadrant: q,
      accounts: members.length,
      revenue: money(members.reduce((s, a) => s + (a.revenue ?? 0), 0)),
      potential: money(members.reduce((s, a) => s + (a.potential ?? 0), 0)),
      headroom: money(members.reduce((s, a) => s + Math.max(0, (a.potential ?? 0) - (a.revenue ?? 0)), 0)),
    };
  });
  const unrated = quadrant.filter((q) => q === null).length;
  return { quadrant, matrix: { potentialSplit: money(potentialSplit), shareSplit: options.shareSplit, quadrants: rows, unrated } };
}

function crmSegments(accounts: readonly Rated[], classes: readonly (Abc | null)[]): Segmentation['crm'] {
  const rows = new Map<string, Segmentation['crm'][number]>();
  accounts.forEach((a, i) => {
    if (a.segment === undefined) return;
    const row = rows.get(a.segment) ?? { segment: a.segment, accounts: 0, revenue: 0, potential: 0, abc: { A: 0, B: 0, C: 0, unrated: 0 } };
    row.accounts++;
    row.revenue += a.revenue ?? 0;
    row.potential += a.potential ?? 0;
    row.abc[classes[i] ?? 'unrated']++;
    rows.set(a.segment, row);
  });
  return [...rows.values()]
    .sort((x, y) => (x.segment < y.segment ? -1 : x.segment > y.segment ? 1 : 0))
    .map((row) => ({ ...row, revenue: money(row.revenue), potential: money(row.potential) }));
}
