/**
 * The portfolio analysis' driving estimate against Tournée's own plans: for
 * generated portfolios of several geographies, the real planner
 * (src/pipeline.ts runPlan, haversine travel times) plans 4 weeks at the
 * current frequencies, and again at the frequencies the analysis suggests;
 * the estimate's driving per week is compared with the plans'.
 *
 *   npm run bench:portfolio:validate -- --seeds 3 --fit-seeds 11,12,13 --iterations 10000
 *   npm run bench:portfolio:validate -- --roads ../shared/benchmarks/sales-weeks --iterations 10000
 *
 * Seeds in --fit-seeds fit the estimate's constants (pattern search on the
 * squared relative error, at both frequencies); seeds 1..--seeds are held
 * out and report the error: of the shipped constants, of the constants just
 * fitted, and, at the suggested frequencies, of the estimate calibrated on
 * the plan at the current ones (as `observedDriving` does). Plans are kept in
 * --cache (bench/results/portfolio-plans.json) by a digest of their request.
 *
 * With --roads, the twelve sales weeks of the shared benchmarks (real
 * portfolios' due visits, each with its road matrix from OSRM) are planned
 * on their own matrix instead, and the estimate of the visits each plan
 * holds is compared with its road driving: raw, and scaled by the other
 * eleven weeks (what calibrating on a region's plans does).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PlanRequest } from '../src/contract/plan-request.js';
import { PortfolioRequest } from '../src/contract/portfolio-request.js';
import { createHaversine } from '../src/matrix/haversine.js';
import { runPlan } from '../src/pipeline.js';
import { analysePortfolio } from '../src/portfolio/analyse.js';
import { dayNumber } from '../src/domain/calendar.js';
import { FITTED_DRIVING, estimateDriving, geography, type DrivingModel, type Geography, type TourDay } from '../src/portfolio/driving.js';
import { calendarOf, tourDay } from '../src/portfolio/time.js';
import { addDays, generatePortfolio, random, type Shape } from './portfolio-generate.js';

const START = '2027-01-04';
const WEEKS = 4;
const SPEED = { speedKmh: 50, detourFactor: 1.3 };

export const SHAPES: Record<string, Shape> = {
  towns: { accounts: 80, towns: 10, rural: 0.25, radiusKm: 30, home: 'centre' },
  'towns-edge': { accounts: 80, towns: 10, rural: 0.25, radiusKm: 30, home: 'edge' },
  uniform: { accounts: 80, towns: 0, rural: 1, radiusKm: 20, home: 'centre' },
  'uniform-edge': { accounts: 70, towns: 0, rural: 1, radiusKm: 35, home: 'edge' },
  wide: { accounts: 60, towns: 6, rural: 0.2, radiusKm: 45, home: 'centre' },
  dense: { accounts: 90, towns: 12, rural: 0.3, radiusKm: 20, home: 'centre' },
  compact: { accounts: 60, towns: 4, rural: 0.1, radiusKm: 15, home: 'edge' },
  sparse: { accounts: 50, towns: 8, rural: 0.3, radiusKm: 40, home: 'edge' },
};

type Accounts = ReturnType<typeof generatePortfolio>['accounts'];
type Constants = Pick<DrivingModel, 'lineHaul' | 'local' | 'dayFill' | 'loadThreshold' | 'loadPenalty'>;

interface Measure {
  /** Driving minutes per week of the plan. */
  readonly plan: number;
  readonly geo: Geography;
  readonly rates: Float64Array;
  readonly visitMinutes: Float64Array;
  readonly day: TourDay;
}

const haversine = createHaversine(SPEED);

/**
 * Plans already made, by a digest of their request (the planner is
 * deterministic for a request, a seed and an iteration budget), so that
 * refitting the estimate does not plan everything again.
 */
const Cache = z.record(z.string(), z.number());
let cacheFile = '';
let cache = new Map<string, number>();

function loadCache(file: string): void {
  cacheFile = file;
  cache = existsSync(file) ? new Map(Object.entries(Cache.parse(JSON.parse(readFileSync(file, 'utf8'))))) : new Map<string, number>();
}

/** Driving minutes of the whole plan. */
async function planDrive(request: PlanRequest, today: string): Promise<number> {
  const key = createHash('sha256').update(JSON.stringify({ request, today })).digest('hex');
  const known = cache.get(key);
  if (known !== undefined) return known;
  const result = await runPlan(request, { travelTimes: () => haversine, defaultSource: 'haversine', fallbackToHaversine: false, today, now: () => performance.now() });
  cache.set(key, result.summary.driveMinutes);
  if (cacheFile !== '') writeFileSync(cacheFile, JSON.stringify(Object.fromEntries(cache)));
  return result.summary.driveMinutes;
}

async function measure(rep: PlanRequest['rep'], accounts: Accounts, seed: number, iterations: number): Promise<Measure> {
  const request = PlanRequest.parse({ timezone: 'Europe/Paris', rep, accounts, horizon: { start: START, days: 7 * WEEKS }, options: { seed, iterations, timeLimitSeconds: 300 } });
  const horizon = { start: dayNumber(START), end: dayNumber(START) + 7 * WEEKS - 1 };
  return {
    plan: (await planDrive(request, addDays(START, -3))) / WEEKS,
    geo: geography(request.accounts.map((a) => a.location), request.rep.start),
    rates: Float64Array.from(request.accounts, (a) => a.frequency.visits / a.frequency.perWeeks),
    visitMinutes: Float64Array.from(request.accounts, (a) => a.visitMinutes),
    day: tourDay(calendarOf(request.rep, horizon)),
  };
}

/** The same portfolio at the analysis' suggested frequencies, last visits spread over the new intervals. */
function suggested(rep: PlanRequest['rep'], accounts: Accounts, seed: number): Accounts {
  const analysis = analysePortfolio(PortfolioRequest.parse({ rep, accounts, period: { start: START, days: 364 } }), { today: START, ...SPEED });
  const rand = random(seed + 1000);
  return accounts.map((a, i) => {
    const frequency = analysis.accounts[i]?.suggested ?? a.frequency;
    return { ...a, frequency, lastVisit: addDays(START, -1 - Math.floor(rand() * ((7 * frequency.perWeeks) / frequency.visits))) };
  });
}

function estimate(m: Measure, model: Constants): number {
  return estimateDriving(m.geo, m.rates, m.visitMinutes, m.day, { ...SPEED, ...model }).weeklyMinutes;
}

const sse = (rows: readonly Measure[], c: Constants) => rows.reduce((sum, m) => sum + (estimate(m, c) / m.plan - 1) ** 2, 0);

/**
 * The constants that minimise the squared relative error over the rows, by
 * pattern search on the estimate itself (tour length and driving depend on
 * each other, so it is not linear in them): each constant in turn moves up
 * or down by its step while that helps; steps halve when nothing does.
 */
function fit(rows: readonly Measure[]): Constants {
  const names = ['lineHaul', 'local', 'dayFill', 'loadThreshold', 'loadPenalty'] as const;
  let best: Constants = { ...FITTED_DRIVING };
  let bestSse = sse(rows, best);
  const steps = { lineHaul: 0.2, local: 0.1, dayFill: 0.1, loadThreshold: 0.05, loadPenalty: 0.25 };
  for (let round = 0; round < 10; round++) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const name of names) {
        for (const sign of [1, -1]) {
          const trial = { ...best, [name]: Math.max(0, best[name] + sign * steps[name]) };
          const trialSse = sse(rows, trial);
          if (trialSse < bestSse - 1e-12) {
            best = trial;
            bestSse = trialSse;
            moved = true;
          }
        }
      }
    }
    for (const name of names) steps[name] /= 2;
  }
  return best;
}

function summary(label: string, errors: readonly number[]): string {
  const abs = errors.map(Math.abs);
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return `${label}: mean |error| ${(100 * mean(abs)).toFixed(1)} %, mean error ${(100 * mean(errors)).toFixed(1)} %, worst ${(100 * Math.max(...abs)).toFixed(1)} % (${String(errors.length)} plans)`;
}

const MatrixFile = z.object({ durations: z.array(z.array(z.number())), distances: z.array(z.array(z.number())) });

/** Each sales week planned on its own road matrix, against the estimate of the visits the plan holds. */
async function roadWeeks(dir: string, iterations: number): Promise<void> {
  const rows: { week: number; plan: number; estimate: number }[] = [];
  for (let week = 1; week <= 12; week++) {
    const body = z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(join(dir, `week-${String(week)}.json`), 'utf8')));
    const matrix = MatrixFile.parse(JSON.parse(readFileSync(join(dir, `week-${String(week)}.matrix.json`), 'utf8')));
    const request = PlanRequest.parse({ ...body, matrix, options: { seed: 1, iterations, timeLimitSeconds: 300 } });
    const start = request.horizon.start ?? START;
    const result = await runPlan(request, { travelTimes: () => haversine, defaultSource: 'haversine', fallbackToHaversine: false, today: start, now: () => performance.now() });
    const planned = new Map(result.accounts.map((a) => [a.id, a.plannedDates.length]));
    const horizon = { start: dayNumber(start), end: dayNumber(start) + request.horizon.days - 1 };
    const m: Measure = {
      plan: result.summary.driveMinutes,
      geo: geography(request.accounts.map((a) => a.location), request.rep.start),
      rates: Float64Array.from(request.accounts, (a) => planned.get(a.id) ?? 0),
      visitMinutes: Float64Array.from(request.accounts, (a) => a.visitMinutes),
      day: tourDay(calendarOf(request.rep, horizon)),
    };
    rows.push({ week, plan: m.plan, estimate: estimate(m, FITTED_DRIVING) });
    console.error(`week ${String(week)}: ${String(result.summary.visitsPlanned)} visits, road plan ${m.plan.toFixed(0)} min, estimate ${estimate(m, FITTED_DRIVING).toFixed(0)}`);
  }
  const raw = rows.map((r) => r.estimate / r.plan - 1);
  // Calibrated on the eleven other weeks: their plans' driving over their estimates.
  const calibrated = rows.map((r) => {
    const others = rows.filter((o) => o.week !== r.week);
    const scale = others.reduce((s, o) => s + o.plan, 0) / others.reduce((s, o) => s + o.estimate, 0);
    return (r.estimate * scale) / r.plan - 1;
  });
  console.log(summary('road weeks, shipped constants', raw));
  console.log(summary('road weeks, scaled by the other eleven weeks', calibrated));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seeds: { type: 'string', default: '3' }, 'fit-seeds': { type: 'string', default: '11,12,13' }, iterations: { type: 'string', default: '10000' }, shapes: { type: 'string' }, roads: { type: 'string' }, cache: { type: 'string', default: join('bench', 'results', 'portfolio-plans.json') } },
  });
  mkdirSync(join('bench', 'results'), { recursive: true });
  loadCache(values.cache);
  if (values.roads !== undefined) return roadWeeks(values.roads, Number(values.iterations));
  const iterations = Number(values.iterations);
  const names = values.shapes?.split(',') ?? Object.keys(SHAPES);
  const fitSeeds = values['fit-seeds'].split(',').filter((s) => s.length > 0).map(Number);
  const testSeeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
  const lines = ['shape,seed,frequencies,plan_min_week,visits_week,shipped_min_week,calibrated_min_week'];
  const fitRows: Measure[] = [];
  const held: { now: Measure; next: Measure; name: string; seed: number }[] = [];
  for (const name of names) {
    const shape = new Map(Object.entries(SHAPES)).get(name);
    if (shape === undefined) throw new Error(`unknown shape ${name}`);
    for (const seed of [...fitSeeds, ...testSeeds]) {
      const { rep, accounts } = generatePortfolio(seed, shape, START);
      const now = await measure(rep, accounts, seed, iterations);
      const next = await measure(rep, suggested(rep, accounts, seed), seed, iterations);
      const calibrated = (estimate(next, FITTED_DRIVING) * now.plan) / estimate(now, FITTED_DRIVING);
      const row = (m: Measure, which: string, cal: string) => [name, seed, which, m.plan.toFixed(1), m.rates.reduce((s, r) => s + r, 0).toFixed(1), estimate(m, FITTED_DRIVING).toFixed(1), cal].join(',');
      lines.push(row(now, 'current', ''), row(next, 'suggested', calibrated.toFixed(1)));
      const fitting = fitSeeds.includes(seed);
      if (fitting) fitRows.push(now, next);
      else held.push({ now, next, name, seed });
      console.error(
        `${fitting ? 'fit ' : 'test'}  ${name} seed ${String(seed)}: plan ${now.plan.toFixed(0)} → ${next.plan.toFixed(0)} min/week, ` +
          `estimate ${estimate(now, FITTED_DRIVING).toFixed(0)} → ${estimate(next, FITTED_DRIVING).toFixed(0)}, calibrated ${calibrated.toFixed(0)}`,
      );
    }
  }
  const fitted = fitRows.length >= 2 ? fit(fitRows) : FITTED_DRIVING;
  const error = (m: Measure, model: Constants) => estimate(m, model) / m.plan - 1;
  const said = (c: Constants) => `lineHaul ${c.lineHaul.toFixed(3)}, local ${c.local.toFixed(3)}, dayFill ${c.dayFill.toFixed(2)}, loadThreshold ${c.loadThreshold.toFixed(2)}, loadPenalty ${c.loadPenalty.toFixed(2)}`;
  console.log(`shipped constants: ${said(FITTED_DRIVING)}; fitted on seeds ${fitSeeds.join(',')}: ${said(fitted)}`);
  console.log(summary('held out, current frequencies, shipped constants', held.map((h) => error(h.now, FITTED_DRIVING))));
  console.log(summary('held out, current frequencies, fitted constants ', held.map((h) => error(h.now, fitted))));
  console.log(summary('held out, suggested frequencies, shipped constants', held.map((h) => error(h.next, FITTED_DRIVING))));
  console.log(summary('held out, suggested frequencies, fitted constants ', held.map((h) => error(h.next, fitted))));
  const required = (m: Measure, drive: number) => {
    const visits = m.rates.reduce((sum, r, i) => sum + r * m.visitMinutes[i], 0);
    return (visits + drive) / (visits + m.plan) - 1;
  };
  console.log(summary('held out, visits + driving a week (what capacity compares), current, shipped', held.map((h) => required(h.now, estimate(h.now, FITTED_DRIVING)))));
  console.log(summary('held out, visits + driving a week, suggested, shipped', held.map((h) => required(h.next, estimate(h.next, FITTED_DRIVING)))));
  console.log(summary('held out, suggested frequencies, calibrated on the current plan', held.map((h) => (estimate(h.next, FITTED_DRIVING) * h.now.plan) / estimate(h.now, FITTED_DRIVING) / h.next.plan - 1)));
  for (const name of names) {
    const mine = held.filter((h) => h.name === name);
    if (mine.length > 0) console.log(summary(`  ${name}, current, shipped`, mine.map((h) => error(h.now, FITTED_DRIVING))));
  }
  mkdirSync(join('bench', 'results'), { recursive: true });
  const out = join('bench', 'results', `portfolio-driving-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`rows written to ${out}`);
}

await main();
