import { describe, expect, it } from 'vitest';
import { aborted, any, deadline, maxIterations } from '../../src/solver/stop.js';

describe('stopping criteria', () => {
  it('stops after a number of iterations', () => {
    expect(maxIterations(3)(2, 0)).toBe(false);
    expect(maxIterations(3)(3, 0)).toBe(true);
  });

  it('stops at a deadline read from the injected clock', () => {
    let t = 0;
    const stop = deadline(100, () => t);
    expect(stop(0, 0)).toBe(false);
    t = 100;
    expect(stop(0, 0)).toBe(true);
  });

  it('stops when the signal is aborted, and when any criterion does', () => {
    const controller = new AbortController();
    const stop = any(maxIterations(10), aborted(controller.signal));
    expect(stop(1, 0)).toBe(false);
    controller.abort();
    expect(stop(1, 0)).toBe(true);
    expect(any()(1, 0)).toBe(false);
  });
});
