import { describe, expect, it } from 'vitest';
import { merge, segment, stop, type Segment } from '../../src/solver/segment.js';
import { Rng } from '../../src/solver/rng.js';

const seg = (duration: number, timeWarp: number, earliest: number, latest: number): Segment => ({ duration, timeWarp, earliest, latest });

describe('Segment', () => {
  it('waits for a window that opens later', () => {
    // A: service 5 in [0, 10]; 10 of travel; B: service 5 in [30, 40]. Start A at 10 at the latest:
    // done at 15, at B at 25, wait 5. Least duration 30 − 10 + 5 + ... = A 5 + travel 10 + wait 5 + B 5 = 25.
    const out = merge(segment(), stop(segment(), 0, 10, 5), 10, stop(segment(), 30, 40, 5));
    expect(out).toEqual(seg(25, 0, 10, 10));
  });

  it('has no waiting when the second window is wide', () => {
    // Start A in [0, 10]; B must start by 100, so A may start as late as min(10, 100 − 15) = 10.
    const out = merge(segment(), stop(segment(), 0, 10, 5), 10, stop(segment(), 0, 100, 5));
    expect(out).toEqual(seg(20, 0, 0, 10));
  });

  it('counts lateness as time warp', () => {
    // A at 50 at the earliest, done at 55, at B at 65 but B closes at 60: 5 of time warp.
    const out = merge(segment(), stop(segment(), 50, 80, 5), 10, stop(segment(), 0, 60, 5));
    expect(out).toEqual(seg(20, 5, 50, 50));
  });

  it('merges associatively', () => {
    const rng = new Rng(7);
    const random = (): Segment => stop(segment(), rng.int(100), 100 + rng.int(100), rng.int(20));
    for (let k = 0; k < 500; k++) {
      const [a, b, c] = [random(), random(), random()];
      const [t1, t2] = [rng.int(60), rng.int(60)];
      const left = merge(segment(), merge(segment(), a, t1, b), t2, c);
      const right = merge(segment(), a, t1, merge(segment(), b, t2, c));
      expect(left).toEqual(right);
    }
  });
});
