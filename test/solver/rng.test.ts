import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/solver/rng.js';

describe('Rng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual([0, 0, 0, 0, 0]);
  });

  it('draws integers and floats in range, roughly uniformly', () => {
    const rng = new Rng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const x = rng.int(4);
      counts[x] = (counts[x] ?? 0) + 1;
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
      const b = rng.between(3, 5);
      expect(b >= 3 && b <= 5 && Number.isInteger(b)).toBe(true);
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('shuffles into a permutation', () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7];
    new Rng(5).shuffle(items);
    expect([...items].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
