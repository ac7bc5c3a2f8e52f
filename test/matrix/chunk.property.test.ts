/**
 * Every table request the splitter plans is one osrm-routed accepts: at least two
 * coordinates, sources × destinations ≤ max², indices within the coordinates; and
 * the requests together cover each wanted cell exactly once, at the right coordinates.
 */
import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/contract/common.js';
import { formatCoordinate, planTable } from '../../src/matrix/chunk.js';
import { pointsNearRennes } from './fixtures.js';

/** xorshift32, seeded: the cases are the same on every run. */
function rng(seed: number): (below: number) => number {
  let x = seed >>> 0 || 1;
  return (below) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % below;
  };
}

interface Case {
  readonly points: number;
  readonly max: number;
  /** Share of points that repeat an earlier point's location, in percent. */
  readonly repeats: number;
  /** Ask for a random part of the rows and columns instead of the whole matrix. */
  readonly partial: boolean;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function casePoints(c: Case, draw: (below: number) => number): Location[] {
  const points = pointsNearRennes(c.points, c.points * 101 + c.max);
  return points.map((p, i) => (i > 0 && draw(100) < c.repeats ? { ...(points[draw(i)] ?? p) } : p));
}

/** The rule broken by the requests for this case, or undefined. */
function violation(c: Case, seed: number): string | undefined {
  const draw = rng(seed);
  const points = casePoints(c, draw);
  const pick = (): number[] => (c.partial ? range(c.points).filter(() => draw(3) > 0) : range(c.points));
  const sources = pick();
  const destinations = pick();
  if (sources.length === 0 || destinations.length === 0) return undefined;
  const covered = new Uint8Array(c.points * c.points);
  const limits = { baseUrl: 'http://osrm', profile: 'driving', maxTableSize: c.max, maxUrlLength: 8000 };
  for (const request of planTable(points, sources, destinations, limits)) {
    const url = new URL(request.url);
    const coordinates = (url.pathname.split('/')[4] ?? '').split(';');
    const listed = (name: string): number[] => url.searchParams.get(name)?.split(';').map(Number) ?? range(coordinates.length);
    const rows = listed('sources');
    const cols = listed('destinations');
    if (coordinates.length < 2) return `${request.url}: ${coordinates.length} coordinate`;
    if (rows.length * cols.length > c.max * c.max) return `${request.url}: ${rows.length}×${cols.length} over ${c.max}²`;
    if (request.url.length > limits.maxUrlLength) return `${request.url}: longer than ${limits.maxUrlLength}`;
    if ([...rows, ...cols].some((k) => !(k >= 0 && k < coordinates.length))) return `${request.url}: index out of range`;
    const sourceAt = (k: number): string | undefined => coordinates[rows[request.rowOf[k] ?? -1] ?? -1];
    const destinationAt = (m: number): string | undefined => coordinates[cols[request.colOf[m] ?? -1] ?? -1];
    if (request.sources.some((s, k) => sourceAt(k) !== formatCoordinate(points[s]))) return `${request.url}: a source at the wrong coordinate`;
    if (request.destinations.some((d, m) => destinationAt(m) !== formatCoordinate(points[d]))) return `${request.url}: a destination at the wrong coordinate`;
    for (const s of request.sources) {
      for (let m = 0; m < request.destinations.length; m++) covered[s * c.points + (request.destinations[m] ?? 0)]++;
    }
  }
  let wanted = 0;
  for (const s of sources) {
    for (const d of destinations) {
      if (covered[s * c.points + d] !== 1) return `cell ${s}→${d} covered ${covered[s * c.points + d]} times`;
    }
    wanted += destinations.length;
  }
  if (covered.reduce((sum, k) => sum + k, 0) !== wanted) return 'cells covered that were not asked for';
  return undefined;
}

/** Boundary cases around the block size, then random ones over 1–1,001 points and limits 2–100. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const max of [2, 3, 50, 99, 100]) {
    const counts = [1, 2, 3, max - 1, max, max + 1, 2 * max - 1, 2 * max, 2 * max + 1, 1000, 1001];
    for (const points of new Set(counts.filter((n) => n >= 1 && (max > 3 || n <= 201)))) {
      out.push({ points, max, repeats: 0, partial: false }, { points, max, repeats: 30, partial: false });
    }
  }
  const draw = rng(2024);
  for (let k = 0; k < 30; k++) {
    out.push({ points: 1 + draw(1001), max: 2 + draw(99), repeats: [0, 5, 50, 100][draw(4)] ?? 0, partial: draw(2) === 1 });
  }
  return out;
}

describe('table splitting (property)', () => {
  it('plans only requests osrm-routed accepts, covering every cell once, for 1–1,001 points and limits 2–100', () => {
    const failures = cases()
      .map((c, k) => ({ c, problem: violation(c, k + 1) }))
      .filter((f) => f.problem !== undefined);
    expect(failures).toEqual([]);
  });

  it('covers the limits and counts it claims to', () => {
    const all = cases();
    expect(Math.min(...all.map((c) => c.points))).toBe(1);
    expect(Math.max(...all.map((c) => c.points))).toBe(1001);
    expect(new Set(all.map((c) => c.max))).toContain(2);
    expect(new Set(all.map((c) => c.max))).toContain(100);
  });
});
