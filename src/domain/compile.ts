/**
 * Request + travel-time matrix → the solver's flat Problem, plus the maps that
 * lead back from indices to ids and dates.
 *
 * Problem days are the working days of the horizon; each has one shift
 * (vehicle 0). Locations: 0 = rep start, 1 = rep end when given, then the
 * accounts, then the prospects, in request order (the order of `pointsOf`).
 */
import type { Location } from '../contract/common.js';
import type { PlanRequest } from '../contract/plan-request.js';
import type { Matrix, MatrixSource } from '../contract/matrix.js';
import { createProblem, type Client, type Problem, type Shift } from '../solver/problem.js';
import { horizonOf, secondsOf, workingDays, type Horizon, type WorkingDay } from './calendar.js';
import { accountPlan, type AccountPlan } from './account-plan.js';
import { settleAppointments } from './appointments.js';
export { MISSED_VISIT_COST, STABILITY_COST } from './account-plan.js';
import { prospectClients } from './prospects.js';

/** Stand-in for "no limit" on visits, travel and capacity. */
const UNLIMITED = 1_000_000_000;

export type { MatrixSource } from '../contract/matrix.js';

export type ClientRef =
  | { readonly kind: 'account'; readonly index: number; readonly id: string }
  | { readonly kind: 'prospect'; readonly index: number; readonly id: string };

export interface Compiled {
  readonly request: PlanRequest;
  readonly horizon: Horizon;
  /** Problem day index → working day. */
  readonly days: readonly WorkingDay[];
  readonly problem: Problem;
  /** Problem client index → account or prospect. */
  readonly clients: readonly ClientRef[];
  /** Per request account (same order): its visits in this plan. */
  readonly accounts: readonly AccountPlan[];
  /** Problem locations: rep start and end, and the first account and prospect (then in request order). */
  readonly locations: { readonly start: number; readonly end: number; readonly accounts: number; readonly prospects: number };
  readonly source: MatrixSource;
  /** Request account index → why the road network cannot reach it. */
  readonly unreachable: ReadonlyMap<number, string>;
  /** Problem days planned without the break: their appointments leave no room for it. */
  readonly noBreak: ReadonlySet<number>;
}

export interface CompileOptions {
  readonly today: string;
  /** Location index → why the road network cannot reach it; such accounts and prospects are left out. */
  readonly unreachable?: ReadonlyMap<number, string>;
}

/** The points whose travel times the provider must compute, in location-index order. */
export function pointsOf(request: PlanRequest): Location[] {
  const points = [request.rep.start];
  if (request.rep.end !== undefined) points.push(request.rep.end);
  for (const a of request.accounts) points.push(a.location);
  for (const p of request.prospects) points.push(p.location);
  return points;
}

export function compile(request: PlanRequest, matrix: Matrix, options: CompileOptions): Compiled {
  const n = pointsOf(request).length;
  if (matrix.size !== n) throw new RangeError(`the matrix has ${matrix.size} points, the request ${n}`);
  const horizon = horizonOf(request, options.today);
  const days = workingDays(request.rep, horizon);
  const endLocation = request.rep.end === undefined ? 0 : 1;
  const accountBase = endLocation + 1;
  const prospectBase = accountBase + request.accounts.length;
  const durations = matrix.durations.map((d) => Math.ceil(d / 60) * 60);

  const blocked = options.unreachable ?? new Map<number, string>();
  const appointments = settleAppointments(request, horizon, days, {
    travel: (from, to) => durations[from * n + to],
    start: 0,
    end: endLocation,
    locationOf: (index) => accountBase + index,
    hasBreak: (day) => shiftOf(request.rep, days[day], day, endLocation).breakDuration > 0,
  });
  const plans = request.accounts.map((account, index) => accountPlan(request, account, horizon, days, appointments.accounts[index]));
  const prospects = prospectClients(request, horizon, days, (index) => prospectBase + index);
  // One kept appointment outweighs every other visit and prospect together: nothing is worth dropping it for.
  const appointmentWeight = 1 + plans.reduce((sum, p) => sum + p.missPenalty, 0) + prospects.clients.reduce((sum, p) => sum + p.client.prize, 0);

  const unreachable = new Map<number, string>();
  const clients: Client[] = [];
  const refs: ClientRef[] = [];
  const accounts = plans.map((plan, index) => {
    const account = request.accounts[index];
    const why = blocked.get(accountBase + index);
    if (why !== undefined) unreachable.set(index, why);
    if (plan.patterns.length === 0 || why !== undefined) return plan;
    refs.push({ kind: 'account', index, id: account.id });
    clients.push({
      location: accountBase + index,
      service: account.visitMinutes * 60,
      demand: 0,
      windows: plan.windows,
      patterns: plan.patterns,
      missPenalty: plan.missPenalty + plan.pinned.length * appointmentWeight,
      prize: 0,
      optional: false,
    });
    return { ...plan, client: clients.length - 1 };
  });
  for (const p of prospects.clients.filter((c) => !blocked.has(c.client.location))) {
    refs.push({ kind: 'prospect', index: p.index, id: p.id });
    clients.push(p.client);
  }

  const problem = createProblem({
    numLocations: n,
    durations,
    distances: matrix.distances,
    numDays: Math.max(1, days.length),
    shifts: days.map((day, index) => shiftOf(request.rep, day, index, endLocation, appointments.noBreak.has(index))),
    clients,
    distanceWeight: (request.options.weights.distancePerKm * 60) / 1000,
    optionalCaps: prospects.caps,
  });
  const locations = { start: 0, end: endLocation, accounts: accountBase, prospects: prospectBase };
  return {
    request, horizon, days, problem, clients: refs, accounts, locations, source: matrix.source, unreachable, noBreak: appointments.noBreak,
  };
}

/**
 * The shift of one working day; the break applies when the working hours hold
 * its earliest placement, unless `withoutBreak` (the appointments leave no room).
 */
export function shiftOf(rep: PlanRequest['rep'], day: WorkingDay, index: number, endLocation: number, withoutBreak = false): Shift {
  const brk = rep.break;
  const breakLength = brk === undefined ? 0 : brk.minutes * 60;
  const breakEarliest = brk === undefined ? 0 : secondsOf(brk.earliest);
  const hasBreak = brk !== undefined && !withoutBreak && day.start <= breakEarliest && breakEarliest + breakLength <= day.end;
  return {
    day: index,
    vehicle: 0,
    startLocation: 0,
    endLocation,
    earliestStart: day.start,
    latestEnd: day.end,
    maxDuration: day.end - day.start,
    capacity: UNLIMITED,
    maxVisits: rep.maxVisitsPerDay ?? UNLIMITED,
    maxTravel: rep.maxDriveMinutesPerDay === undefined ? UNLIMITED : rep.maxDriveMinutesPerDay * 60,
    breakDuration: hasBreak ? breakLength : 0,
    breakEarliest: hasBreak ? breakEarliest : 0,
    breakLatest: hasBreak ? Math.min(secondsOf(brk.latest), day.end - breakLength) : 0,
  };
}
