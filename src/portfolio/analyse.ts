/**
 * The portfolio analysis: segments, the rep's time, the current frequencies
 * against it, suggested frequencies and what both cost. Pure and fast (no
 * I/O, no matrix: driving is a spatial estimate), so that it answers within
 * the request for thousands of accounts.
 */
import { ServiceError, jsonPointer } from '../contract/errors.js';
import type { AccountAnalysis, PortfolioAnalysis } from '../contract/portfolio-analysis.js';
import type { PortfolioRequest } from '../contract/portfolio-request.js';
import { dayNumber, nextMonday, type Horizon } from '../domain/calendar.js';
import { capacity } from './capacity.js';
import { evaluate, type Context, type Evaluation } from './context.js';
import { costs } from './costs.js';
import { FITTED_DRIVING, estimateDriving, geography, type DrivingModel } from './driving.js';
import { frequencyOf, rateOf, rungAtOrBelow, rungName, rungRate } from './ladder.js';
import { lowerUntilFits } from './lower.js';
import { reasonFor } from './reasons.js';
import { share, tenth } from './round.js';
import { segment, shareOfWallet, type Segments } from './segmentation.js';
import { suggest, type Suggestion } from './suggest.js';
import { calendarOf, timeBudget, tourDay } from './time.js';
import { stakeOf } from './value.js';

export interface AnalyseDeps {
  /** Today in the rep's time zone, "YYYY-MM-DD": the default period starts the next Monday. */
  readonly today: string;
  /** The service's haversine settings: straight-line distance × detour factor, driven at this speed. */
  readonly speedKmh: number;
  readonly detourFactor: number;
}

/** Rounds of suggestion: driving per visit depends on the frequencies chosen, and settles within a few. */
const ROUNDS = 3;

export function analysePortfolio(request: PortfolioRequest, deps: AnalyseDeps): PortfolioAnalysis {
  const { rep, accounts, options } = request;
  const rates = Float64Array.from(accounts, (a) => rateOf(a.frequency));
  const visitMinutes = Float64Array.from(accounts, (a) => a.visitMinutes);
  const geo = geography(accounts.map((a) => a.location), rep.start);
  const calendar = calendarOf(rep, periodOf(request, deps.today));
  const day = tourDay(calendar);
  const base: DrivingModel = { ...FITTED_DRIVING, speedKmh: deps.speedKmh, detourFactor: deps.detourFactor };
  const scaled = (scale: number): DrivingModel => ({ ...base, lineHaul: base.lineHaul * scale, local: base.local * scale });
  const scale = calibration((k) => meanDrive(estimateDriving(geo, rates, visitMinutes, day, scaled(k)).weeklyMinutes, rates), options.observedDriving);
  const driving = scaled(scale);
  const prospectDrive = meanDrive(estimateDriving(geo, rates, visitMinutes, day, driving).weeklyMinutes, rates);
  const time = timeBudget(calendar, options.nonVisitShare, request.prospecting, prospectDrive);
  if (time.availableMinutes <= 0) throw noTime(time.workedWeeks, time.workingMinutes);

  const segments = segment(accounts, options);
  const ctx: Context = {
    locations: accounts.map((a) => a.location),
    home: rep.start,
    geo,
    visitMinutes,
    day,
    driving,
    budget: { minutes: time.availableMinutes, visits: time.visitLimit ?? Infinity },
    value: { saturationVisitsPerYear: options.value.saturationVisitsPerYear, costPerVisit: options.costPerVisit, workedWeeks: time.workedWeeks },
    stakes: accounts.map((a) => stakeOf(a, options.value.winnableShare)),
  };
  const current = evaluate(ctx, rates);
  const suggested = suggestFrequencies(ctx, rates, current);
  const rows = accountRows(request, segments, rates, suggested, time.workedWeeks);
  return {
    time: time.summary,
    driving: { method: 'spatial', calibrated: options.observedDriving !== undefined, scale: share(scale), minutesPerVisit: tenth(meanDrive(current.drive.weeklyMinutes, rates)), stopsPerTour: tenth(current.drive.stopsPerTour) },
    segmentation: segments.summary,
    capacity: capacity(ctx, accounts, rates, current),
    suggestion: {
      workload: suggested.ev.summary,
      changes: { more: rows.filter((r) => r.change === 'more').length, fewer: rows.filter((r) => r.change === 'fewer').length, same: rows.filter((r) => r.change === 'same').length },
    },
    costs: costs({ segments: segments.abc, revenues: accounts.map((a) => a.revenue), current: rates, suggested: suggested.s.rates, workedWeeks: time.workedWeeks, costPerVisit: options.costPerVisit }),
    accounts: rows,
  };
}

function periodOf(request: PortfolioRequest, today: string): Horizon {
  const start = request.period.start === undefined ? nextMonday(dayNumber(today)) : dayNumber(request.period.start);
  return { start, end: start + request.period.days - 1 };
}

function meanDrive(weeklyMinutes: number, rates: Float64Array): number {
  const visits = rates.reduce((s, r) => s + r, 0);
  return visits > 0 ? weeklyMinutes / visits : 0;
}

/**
 * The factor on both constants that makes the estimate's driving per visit,
 * at the current frequencies, what real plans observed. Longer driving also
 * shortens tours, so the factor is refined until the two agree.
 */
function calibration(estimatePerVisit: (scale: number) => number, observed: PortfolioRequest['options']['observedDriving']): number {
  if (observed === undefined) return 1;
  const target = observed.minutesPerWeek / observed.visitsPerWeek;
  let scale = 1;
  for (let round = 0; round < 5; round++) {
    const estimated = estimatePerVisit(scale);
    if (estimated <= 0) return 1;
    scale *= target / estimated;
  }
  return scale;
}

/** Why no time is left for accounts, located in the request. */
function noTime(workedWeeks: number, workingMinutes: number): ServiceError {
  const [path, detail]: [string[], string] =
    workedWeeks === 0
      ? [['period'], 'The period holds no working day: every day is outside the working hours or unavailable.']
      : workingMinutes <= 0
        ? [['rep', 'workingHours'], 'The working hours leave no time once the break is taken.']
        : [['prospecting', 'visitsPerWeek'], 'The prospecting target takes all the time left for visits: lower it, or nonVisitShare.'];
  return new ServiceError('validation', detail, [{ pointer: jsonPointer(path), detail }]);
}

interface Suggested {
  readonly s: Suggestion;
  readonly ev: Evaluation;
}

/**
 * Suggests, re-estimates the driving at the suggested frequencies and
 * suggests again; if the last re-estimate no longer fits, the least valuable
 * steps are taken back.
 */
function suggestFrequencies(ctx: Context, currentRates: Float64Array, current: Evaluation): Suggested {
  const run = (ev: Evaluation) => suggest({ stakes: ctx.stakes, currentRates, minutesPerVisit: ev.minutesPerVisit, budget: ctx.budget, model: ctx.value });
  let s = run(current);
  let ev = evaluate(ctx, s.rates);
  for (let round = 1; round < ROUNDS; round++) {
    s = run(ev);
    ev = evaluate(ctx, s.rates);
  }
  if (ev.fits || s.reasons.includes('short')) return { s, ev };
  const lowered = lowerUntilFits(ctx, s.rates, ev);
  const rungs = Int8Array.from(s.rungs, (r, i) => (r < 0 ? r : rungAtOrBelow(lowered.rates[i])));
  const taken = new Set(lowered.order);
  const reasons = s.reasons.map((r, i) => (taken.has(i) ? 'time' : r));
  return { s: { rates: lowered.rates, rungs, reasons }, ev: lowered.ev };
}

function accountRows(request: PortfolioRequest, segments: Segments, rates: Float64Array, suggested: Suggested, workedWeeks: number): AccountAnalysis[] {
  const total = request.accounts.reduce((sum, a) => sum + (a.revenue ?? 0), 0);
  return request.accounts.map((a, i) => {
    const rung = suggested.s.rungs[i];
    const to = rung < 0 ? a.frequency : frequencyOf(rung);
    const delta = suggested.s.rates[i] - rates[i];
    const wallet = shareOfWallet(a);
    const onLadder = rungRate(rungAtOrBelow(rateOf(to))) === rateOf(to);
    return {
      id: a.id,
      segment: segments.abc[i] ?? null,
      quadrant: segments.quadrant[i] ?? null,
      shareOfWallet: wallet === null ? null : share(wallet),
      current: a.frequency,
      suggested: to,
      suggestedRung: onLadder ? rungName(rungAtOrBelow(rateOf(to))) : null,
      change: Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'more' : 'fewer',
      visitsPerYearChange: tenth(delta * workedWeeks),
      driveMinutesPerVisit: tenth(suggested.ev.drive.perVisit[i]),
      reason: reasonFor({
        segment: segments.abc[i] ?? null,
        quadrant: segments.quadrant[i] ?? null,
        revenueShare: total > 0 ? (a.revenue ?? 0) / total : 0,
        potential: a.potential,
        current: a.frequency,
        suggested: to,
        rung,
        stop: suggested.s.reasons[i] ?? 'fixed',
      }),
    };
  });
}
