/**
 * Duration segments: the timing of a run of consecutive stops summarised in
 * four numbers, so that the timing of a route built from pieces of other
 * routes follows from O(1) merges instead of a pass over every stop.
 *
 * A segment holds the least time from the start of its first service to the
 * end of its last one (`duration`, waiting included), the lateness it cannot
 * avoid (`timeWarp`; a route with any is infeasible), and the earliest and
 * latest times its first service may start without adding waiting or
 * lateness. Merging is associative: (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c).
 *
 * Values are integers far below 2^53, so double arithmetic stays exact.
 */

export interface Segment {
  duration: number;
  timeWarp: number;
  earliest: number;
  latest: number;
}

/** A segment of one stop: service may start in [open, close] and lasts `service`. */
export function stop(out: Segment, open: number, close: number, service: number): Segment {
  out.duration = service;
  out.timeWarp = 0;
  out.earliest = open;
  out.latest = close;
  return out;
}

/**
 * Writes a ⊕ b into `out` (which may be `a` or `b`), with `travel` from the
 * last stop of a to the first stop of b.
 */
export function merge(out: Segment, a: Segment, travel: number, b: Segment): Segment {
  mergeInto(out, a.duration, a.timeWarp, a.earliest, a.latest, travel, b.duration, b.timeWarp, b.earliest, b.latest);
  return out;
}

/** `merge` on unpacked values, for callers that keep segments in flat arrays. */
export function mergeInto(
  out: Segment,
  aDur: number, aWarp: number, aEarly: number, aLate: number,
  travel: number,
  bDur: number, bWarp: number, bEarly: number, bLate: number,
): void {
  const delta = aDur - aWarp + travel;
  const wait = Math.max(bEarly - delta - aLate, 0);
  const warp = Math.max(aEarly + delta - bLate, 0);
  out.duration = aDur + bDur + travel + wait;
  out.timeWarp = aWarp + bWarp + warp;
  out.earliest = Math.max(bEarly - delta, aEarly) - wait;
  out.latest = Math.min(bLate - delta, aLate) + warp;
}

export function segment(): Segment {
  return { duration: 0, timeWarp: 0, earliest: 0, latest: 0 };
}
