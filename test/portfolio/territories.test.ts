import { describe, expect, it } from 'vitest';
import { bisect } from '../../src/portfolio/territories.js';

const plane = (xs: number[], ys: number[] = xs.map(() => 0)) => ({ xs: Float64Array.from(xs), ys: Float64Array.from(ys) });

describe('splitting a portfolio between reps', () => {
  it('cuts across the longer side, between the two clusters', () => {
    expect(bisect(plane([-10, 9, -9, 10]), Float64Array.of(1, 1, 1, 1), 2)).toEqual([[0, 2], [1, 3]]);
    // Spread north–south: the cut is across y.
    expect(bisect(plane([0, 1, 0, 1], [-10, -9, 10, 9]), Float64Array.of(1, 1, 1, 1), 2)).toEqual([[0, 1], [3, 2]]);
  });

  it('balances workload, not the number of accounts', () => {
    // Weights 3, 1, 1, 1 (total 6): the first account alone carries half.
    expect(bisect(plane([0, 1, 2, 3]), Float64Array.of(3, 1, 1, 1), 2)).toEqual([[0], [1, 2, 3]]);
  });

  it('splits in proportion to the reps on each side for an odd count', () => {
    // 3 reps over 6 equal accounts: 1 rep takes the first third, the other 2 split the rest.
    expect(bisect(plane([0, 1, 2, 3, 4, 5]), new Float64Array(6).fill(1), 3)).toEqual([[0, 1], [2, 3], [4, 5]]);
  });

  it('gives every rep an account while there are enough', () => {
    // All the weight on one account: the others are still shared out.
    const groups = bisect(plane([0, 1, 2, 3]), Float64Array.of(100, 0, 0, 0), 4);
    expect(groups.map((g) => g.length)).toEqual([1, 1, 1, 1]);
  });
});
