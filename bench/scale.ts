/**
 * Scale benchmark: generated weekly-planning instances (one account set over
 * a 20-day horizon, visit frequencies 1, 2 or 4, one window per visit day,
 * several reps per day) of 100 to 2,000 visits, solved under a time limit.
 * Reports the construction time, the mean time per iteration and the peak
 * resident memory. Instances depend only on the size, so runs compare.
 *
 *   npm run build && node dist/bench/scale.js --sizes 100,250,500,1000,2000 --seconds 30
 */
import { parseArgs } from 'node:util';
import { createProblem, createSearch, deadline, Rng, type Client, type Pattern, type Problem, type Shift } from '../src/solver/index.js';

const DAYS = 20;
/** Visits a rep makes on one day, roughly. */
const PER_ROUTE = 6;
const HOUR = 3600;

/** Day patterns of a client visited `f` times in 20 days: evenly spaced, every offset. */
function patternsFor(f: number): Pattern[] {
  const gap = DAYS / f;
  return Array.from({ length: gap }, (_, o) => ({ days: Array.from({ length: f }, (_, k) => o + k * gap), penalty: 0 }));
}

export function scaleInstance(visits: number): Problem {
  const rng = new Rng(visits);
  const freqs: number[] = [];
  for (let total = 0; total < visits;) {
    const r = rng.float();
    const f = Math.min(r < 0.5 ? 1 : r < 0.85 ? 2 : 4, visits - total);
    const g = f === 3 ? 2 : f;
    freqs.push(g);
    total += g;
  }
  const n = freqs.length + 1;
  // Points on a 60 km square, depot in the middle; 40 km/h; metres and seconds.
  const xs = [30_000, ...freqs.map(() => rng.int(60_000))];
  const ys = [30_000, ...freqs.map(() => rng.int(60_000))];
  const distances = new Int32Array(n * n);
  const durations = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = Math.round(1.3 * Math.hypot((xs[i] ?? 0) - (xs[j] ?? 0), (ys[i] ?? 0) - (ys[j] ?? 0)));
      distances[i * n + j] = d;
      durations[i * n + j] = Math.round(d / (40_000 / HOUR));
    }
  }
  const clients: Client[] = freqs.map((f, c) => {
    const narrow = rng.float() < 0.3;
    const open = narrow ? (8 + rng.int(7)) * HOUR : 8 * HOUR;
    const close = narrow ? open + 2 * HOUR : 17 * HOUR;
    return {
      location: c + 1, service: (20 + rng.int(40)) * 60, demand: 1,
      windows: Array.from({ length: DAYS }, (_, d) => (d % 7 >= 5 ? new Int32Array(0) : Int32Array.of(open, close))),
      patterns: patternsFor(f).filter((p) => p.days.every((d) => d % 7 < 5)),
      missPenalty: 50_000, prize: 0, optional: false,
    };
  }).map((c) => (c.patterns.length > 0 ? c : { ...c, patterns: patternsFor(1).filter((p) => (p.days[0] ?? 0) % 7 < 5) }));
  const workdays = Array.from({ length: DAYS }, (_, d) => d).filter((d) => d % 7 < 5);
  const reps = Math.max(1, Math.ceil(visits / (workdays.length * PER_ROUTE)));
  const shifts: Shift[] = workdays.flatMap((day) => Array.from({ length: reps }, (_, vehicle) => ({
    day, vehicle, startLocation: 0, endLocation: 0, earliestStart: 7 * HOUR, latestEnd: 19 * HOUR,
    maxDuration: 10 * HOUR, capacity: 1000, maxVisits: 12, maxTravel: 6 * HOUR,
    breakDuration: 0, breakEarliest: 0, breakLatest: 0,
  })));
  return createProblem({ numLocations: n, durations, distances, numDays: DAYS, shifts, clients, distanceWeight: 0.05 });
}

function main(): void {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '100,250,500,1000,2000' }, seconds: { type: 'string', default: '30' } },
  });
  const seconds = Number(values.seconds);
  console.log(['visits', 'clients', 'shifts', 'construct_s', 'iterations', 'ms_per_iteration', 'served_visits', 'cost', 'peak_rss_mb'].join('\t'));
  for (const size of values.sizes.split(',').map(Number)) {
    const problem = scaleInstance(size);
    const started = performance.now();
    let peak = process.memoryUsage().rss;
    const search = createSearch(problem, { seed: 1, stop: deadline(started + seconds * 1000, () => performance.now()) });
    const built = performance.now();
    while (!search.step(1)) peak = Math.max(peak, process.memoryUsage().rss);
    const done = performance.now();
    const plan = search.best();
    const served = plan.routes.reduce((n, r) => n + r.visits.length, 0);
    const perIteration = search.iterations() > 0 ? (done - built) / search.iterations() : NaN;
    console.log([
      size, problem.clients.length, problem.shifts.length, ((built - started) / 1000).toFixed(2), search.iterations(),
      perIteration.toFixed(2), served, plan.cost.total.toFixed(0), (peak / 2 ** 20).toFixed(0),
    ].join('\t'));
  }
  console.log(`max rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
