/**
 * Driving of a visit plan, estimated from the accounts' geography alone (no
 * travel-time matrix: 5,000 accounts would need 25 million cells).
 *
 * The estimate follows the continuous approximation of vehicle routing
 * (Daganzo): a week of tours costs, per visit, a share of the trip from home
 * to the day's area and back, 2·r/C for an account r km from home on tours of
 * C stops, plus the hop between neighbouring stops, which in a region holding
 * δ visits per km² and per week is about κ/√δ (Beardwood–Halton–Hammersley).
 * δ is measured around each account from its nearest neighbours and their
 * visit rates, so towns, countryside and lone accounts each get their own.
 * Weeks whose visits fill most of the working time drive more per visit (a
 * load factor). The constants are fitted on Tournée's own plans of generated
 * portfolios (bench/portfolio-validate.ts); a caller's own plans can scale them.
 */
import type { Location } from '../contract/common.js';
import { distanceKm, nearest, project, type Neighbours, type Plane } from './geometry.js';

export interface DrivingModel {
  /** Road distance over straight-line distance, and the speed it is driven at. */
  readonly detourFactor: number;
  readonly speedKmh: number;
  /** Constant of the home ↔ area term (1 = Daganzo's 2·r/C). */
  readonly lineHaul: number;
  /** κ of the hop between neighbouring stops, κ/√δ. */
  readonly local: number;
  /** Share of a working day that tours fill. */
  readonly dayFill: number;
  /**
   * A full week drives more per visit: past `loadThreshold` of the working
   * week in visits, driving grows by `loadPenalty` × the excess share (days
   * are pinned by frequency windows and opening hours, leaving fewer good tours).
   */
  readonly loadThreshold: number;
  readonly loadPenalty: number;
}

/** Neighbours that measure the density around an account. */
const DENSITY_NEIGHBOURS = 8;
/** Accounts closer than this (the same street, the same mall) still cost a hop. */
const MIN_RADIUS_KM = 0.2;

export interface Geography {
  readonly plane: Plane;
  /** Straight-line km from the rep's home to each account. */
  readonly homeKm: Float64Array;
  readonly neighbours: Neighbours;
}

export function geography(accounts: readonly Location[], home: Location): Geography {
  const plane = project(accounts, home);
  const homeKm = new Float64Array(accounts.length);
  for (let i = 0; i < accounts.length; i++) homeKm[i] = distanceKm(plane, i, 0, 0);
  return { plane, homeKm, neighbours: nearest(plane, DENSITY_NEIGHBOURS) };
}

/** The hop (km) from each account to its neighbouring stop, κ/√δ, at `rates` visits per week. */
export function hopsKm(geo: Geography, rates: Float64Array, local: number): Float64Array {
  const { k, indices, radius } = geo.neighbours;
  const out = new Float64Array(rates.length);
  for (let i = 0; i < rates.length; i++) {
    let around = rates[i];
    for (let j = i * k; j < (i + 1) * k; j++) around += rates[indices[j]];
    const r = Math.max(radius[i], MIN_RADIUS_KM);
    const density = around / (Math.PI * r * r);
    out[i] = k === 0 || density <= 0 ? 0 : local / Math.sqrt(density);
  }
  return out;
}

/** What the estimate needs of the geography: each account's hop (km) and its distance from home (km). */
export interface DrivingParts {
  readonly hops: Float64Array;
  readonly homeKm: Float64Array;
}

/** Driving minutes of one visit: the hop plus its share of the tour's trip from home and back, times the week's load factor. */
function perVisitOf(parts: DrivingParts, stopsPerTour: number, model: DrivingModel, load = 1): Float64Array {
  const kmToMinutes = (load * model.detourFactor * 60) / model.speedKmh;
  return Float64Array.from(parts.hops, (hop, i) => (hop + (model.lineHaul * 2 * parts.homeKm[i]) / stopsPerTour) * kmToMinutes);
}

/** 1, or more when visits take more than `loadThreshold` of the working week. */
export function loadFactor(visitMinutesPerWeek: number, day: TourDay, model: Pick<DrivingModel, 'loadThreshold' | 'loadPenalty'>): number {
  const working = day.minutes * day.perWeek;
  const share = working > 0 ? visitMinutesPerWeek / working : 0;
  return 1 + model.loadPenalty * Math.max(0, share - model.loadThreshold);
}

/**
 * Driving minutes charged to one visit of each account when the accounts are
 * visited at `rates` (visits per week) on tours of `stopsPerTour` stops.
 * Summed over rate × minutes, it is the week's driving.
 */
export function drivePerVisit(geo: Geography, rates: Float64Array, stopsPerTour: number, model: DrivingModel): Float64Array {
  return perVisitOf({ hops: hopsKm(geo, rates, model.local), homeKm: geo.homeKm }, stopsPerTour, model);
}

/** Σ rate × minutes per visit: driving minutes per week. */
export function weeklyDrive(rates: Float64Array, perVisit: Float64Array): number {
  let total = 0;
  for (let i = 0; i < rates.length; i++) total += rates[i] * perVisit[i];
  return total;
}

/** A working day, as tours see it. */
export interface TourDay {
  /** Working minutes of a day, break excluded. */
  readonly minutes: number;
  readonly maxVisits: number | undefined;
  /** Working days per full week. */
  readonly perWeek: number;
}

/**
 * Stops on a day's tour. Tournée fills a day to about `dayFill` of its
 * working time (opening hours and the break leave the rest) and uses fewer
 * days when the week is light, as its plans of generated portfolios show; a
 * week heavier than its days can hold overfills them.
 */
export function stopsPerTour(day: TourDay, visitsPerWeek: number, minutesPerStop: number, dayFill: number): number {
  const fits = (dayFill * day.minutes) / Math.max(minutesPerStop, 1);
  const full = Math.min(fits, day.maxVisits ?? fits, visitsPerWeek);
  return Math.max(1, full, visitsPerWeek / day.perWeek);
}

export interface DrivingEstimate {
  /** Driving minutes charged to one visit of each account. */
  readonly perVisit: Float64Array;
  readonly stopsPerTour: number;
  /** Driving minutes per week of the whole plan. */
  readonly weeklyMinutes: number;
}

/**
 * The week's driving at these rates. Tour length and driving depend on each
 * other (longer hops, fewer stops a day, more trips from home); a few rounds
 * settle them.
 */
export function estimateDriving(geo: Geography, rates: Float64Array, visitMinutes: Float64Array, day: TourDay, model: DrivingModel): DrivingEstimate {
  return estimateFrom({ hops: hopsKm(geo, rates, model.local), homeKm: geo.homeKm }, rates, visitMinutes, day, model);
}

/** The same from hops already measured (a territory's accounts keep the hops they have in the whole portfolio). */
export function estimateFrom(parts: DrivingParts, rates: Float64Array, visitMinutes: Float64Array, day: TourDay, model: DrivingModel): DrivingEstimate {
  let visits = 0;
  let minutes = 0;
  for (let i = 0; i < rates.length; i++) {
    visits += rates[i];
    minutes += rates[i] * visitMinutes[i];
  }
  const meanVisit = visits > 0 ? minutes / visits : 0;
  const load = loadFactor(minutes, day, model);
  let stops = stopsPerTour(day, visits, meanVisit, model.dayFill);
  let perVisit = perVisitOf(parts, stops, model, load);
  for (let round = 0; round < 4 && visits > 0; round++) {
    const next = stopsPerTour(day, visits, meanVisit + weeklyDrive(rates, perVisit) / visits, model.dayFill);
    if (Math.abs(next - stops) < 0.05) break;
    stops = next;
    perVisit = perVisitOf(parts, stops, model, load);
  }
  return { perVisit, stopsPerTour: stops, weeklyMinutes: weeklyDrive(rates, perVisit) };
}

/**
 * Constants fitted on Tournée's own 4-week plans of generated portfolios
 * (`npm run bench:portfolio:validate`); speed and detour come from the service.
 */
export const FITTED_DRIVING: Pick<DrivingModel, 'lineHaul' | 'local' | 'dayFill' | 'loadThreshold' | 'loadPenalty'> = {
  lineHaul: 1.04,
  local: 0.47,
  dayFill: 0.81,
  loadThreshold: 0.52,
  loadPenalty: 1.55,
};
