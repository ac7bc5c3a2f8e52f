import type { BatchRequestInput } from '../../src/contract/batch.js';
import type { PlanRequestInput } from '../../src/contract/plan-request.js';

type AccountInput = PlanRequestInput['accounts'][number];

/** A small rep around Rennes: its own home and three accounts of its own, plus any given. */
export function smallRep(i: number, shared: AccountInput[] = []): BatchRequestInput['reps'][number] {
  const at = (k: number) => ({ lat: 48.05 + 0.013 * i + 0.004 * k, lon: -1.75 + 0.011 * i + 0.006 * k });
  const own = (k: number): AccountInput => ({
    id: `r${String(i)}-a${String(k)}`,
    location: at(k + 1),
    visitMinutes: 30,
    frequency: { visits: 1, perWeeks: 1 },
    priority: 3,
    lastVisit: '2026-11-24',
  });
  return {
    rep: { id: `rep-${String(i)}`, start: at(0), workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }] },
    accounts: [own(1), own(2), own(3), ...shared],
  };
}

/** A batch of `n` small reps, one week from Mon 30 Nov 2026, a few iterations each. */
export function smallBatch(n: number, extra: Partial<BatchRequestInput> = {}): BatchRequestInput {
  return {
    timezone: 'Europe/Paris',
    horizon: { start: '2026-11-30', days: 5 },
    options: { timeLimitSeconds: 10, seed: 1, iterations: 30 },
    reps: Array.from({ length: n }, (_, i) => smallRep(i)),
    ...extra,
  };
}
