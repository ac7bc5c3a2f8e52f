/**
 * The largest request the API accepts, through the whole pipeline in this
 * process: 5,000 accounts, 1,000 prospects and a 42-day horizon (the default
 * MAX_ACCOUNTS, MAX_PROSPECTS and MAX_HORIZON_DAYS), haversine travel times, a
 * short time limit. Reports the wall time of each phase (travel times,
 * compilation and construction, search, report) and the peak memory, which
 * must stay within the time limit + 5 s and under 1 GB.
 *
 *   npm run build && node dist/bench/largest.js [--accounts 5000 --prospects 1000 --days 42 --seconds 1]
 */
import { parseArgs } from 'node:util';
import { PlanRequest, type PlanRequestInput } from '../src/contract/plan-request.js';
import { createHaversine } from '../src/matrix/haversine.js';
import { runPlan } from '../src/pipeline.js';
import { Rng } from '../src/solver/index.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** A rep around Rennes with accounts and prospects within about 60 km, A/B/C frequencies, two windows a day. */
export function largestRequest(accounts: number, prospects: number, days: number, seconds: number): PlanRequest {
  const rng = new Rng(accounts + prospects + days);
  const near = () => ({ lat: 48.11 + (rng.float() - 0.5) * 1.1, lon: -1.68 + (rng.float() - 0.5) * 1.6 });
  const split = [
    { days: [...WEEKDAYS], start: '09:00', end: '12:00' },
    { days: [...WEEKDAYS], start: '14:00', end: '18:00' },
  ];
  const input: PlanRequestInput = {
    timezone: 'Europe/Paris',
    rep: {
      id: 'rep-largest', start: { lat: 48.11, lon: -1.68 },
      workingHours: [{ days: [...WEEKDAYS], start: '08:00', end: '18:30' }],
      break: { minutes: 45, earliest: '12:00', latest: '14:00' },
    },
    horizon: { start: '2026-11-23', days },
    accounts: Array.from({ length: accounts }, (_, i) => {
      const r = rng.float();
      const [frequency, priority] = r < 0.2 ? [{ visits: 1, perWeeks: 1 }, 5] : r < 0.5 ? [{ visits: 1, perWeeks: 2 }, 3] : [{ visits: 1, perWeeks: 4 }, 1];
      return {
        id: `acc-${String(i)}`, location: near(), visitMinutes: 20 + rng.int(40), frequency, priority,
        lastVisit: `2026-11-${String(1 + rng.int(20)).padStart(2, '0')}`,
        ...(rng.float() < 0.4 ? { openingHours: split } : {}),
      };
    }),
    prospects: Array.from({ length: prospects }, (_, i) => ({ id: `pro-${String(i)}`, location: near(), visitMinutes: 30, potential: rng.int(10_000) })),
    prospecting: { visitsPerWeek: 3 },
    options: { timeLimitSeconds: seconds, seed: 1 },
  };
  return PlanRequest.parse(input);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '5000' }, prospects: { type: 'string', default: '1000' },
      days: { type: 'string', default: '42' }, seconds: { type: 'string', default: '1' },
    },
  });
  const request = largestRequest(Number(values.accounts), Number(values.prospects), Number(values.days), Number(values.seconds));
  const haversine = createHaversine();
  const marks: [string, number][] = [];
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  let first = true;
  const result = await runPlan(request, {
    travelTimes: () => ({
      source: 'haversine',
      matrix: async (points) => {
        const m = await haversine.matrix(points);
        marks.push(['travel times', performance.now()]);
        return m;
      },
    }),
    defaultSource: 'haversine',
    fallbackToHaversine: false,
    today: '2026-11-20',
    now: () => performance.now(),
    onProgress: (p) => {
      if (first) marks.push(['compile + construction', performance.now() - p.elapsedMs]);
      first = false;
    },
  });
  const done = performance.now();
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  let last = started;
  for (const [name, at] of marks) {
    console.log(`${name.padEnd(24)} ${((at - last) / 1000).toFixed(2)} s`);
    last = at;
  }
  console.log(`${'search + report'.padEnd(24)} ${((done - last) / 1000).toFixed(2)} s`);
  console.log(`${'total'.padEnd(24)} ${((done - started) / 1000).toFixed(2)} s (time limit ${values.seconds} s)`);
  console.log(`peak rss ${(peak / 2 ** 20).toFixed(0)} MB; max rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(`visits ${String(result.summary.visitsPlanned)} of ${String(result.summary.visitsRequired)} planned, ${String(result.summary.prospectVisits)} prospect visits`);
}

await main();
