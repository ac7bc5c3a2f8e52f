/**
 * A solver Plan → the PlanResult of the API: the timeline of each day, the key
 * figures, the unplanned visits with their reasons and, per account, what the
 * plan does for it: indices go back to ids and dates at this edge.
 */
import type { PlanResult } from '../contract/plan-result.js';
import type { Plan } from '../solver/plan.js';
import { dayNumber, isoDate } from './calendar.js';
import { replanChanges } from './changes.js';
import type { Compiled, MatrixSource } from './compile.js';
import { nextDueAfter } from './frequency.js';
import { dayTimeline } from './timeline.js';
import { sentences } from './sentences/sentences.js';
import { plannedDays, unplannedVisits } from './unplanned.js';

export interface ReportOptions {
  readonly source: MatrixSource;
  /** True when the preferred source failed and haversine was used instead. */
  readonly fallback?: boolean;
}

export function report(compiled: Compiled, plan: Plan, options: ReportOptions): PlanResult {
  const timelines = plan.routes
    .filter((r) => r.visits.length > 0)
    .map((r) => dayTimeline(compiled, r))
    .sort((a, b) => a.dayIndex - b.dayIndex);
  const days = timelines.map((t) => t.result);
  const planned = plannedDays(compiled, plan);

  const visitsRequired = compiled.accounts.reduce((s, a) => s + a.visits, 0);
  const visitsPlanned = planned.reduce((s, d) => s + d.length, 0);
  const prospectVisits = compiled.clients.filter((c, i) => c.kind === 'prospect' && plan.patterns[i] >= 0).length;
  const used = timelines.reduce((s, t) => s + t.used, 0);
  const { request } = compiled;
  const locale = request.options.locale ?? 'en';
  const brk = request.rep.break;
  const warnings = brk === undefined
    ? []
    : [...compiled.noBreak].sort((a, b) => a - b).map((k) => sentences(locale).noBreak(compiled.days[k].day, brk.minutes, brk.earliest, brk.latest));
  const working = timelines.reduce((s, t) => s + t.working, 0);
  const { cost } = plan;

  const result: PlanResult = {
    rep: { id: request.rep.id, start: request.rep.start, end: request.rep.end ?? request.rep.start },
    timezone: request.timezone,
    locale,
    summary: {
      visitsRequired,
      visitsPlanned,
      visitsMissed: visitsRequired - visitsPlanned,
      prospectVisits,
      driveMinutes: days.reduce((s, d) => s + d.driveMinutes, 0),
      driveKm: round(days.reduce((s, d) => s + d.driveKm, 0), 1),
      visitMinutes: days.reduce((s, d) => s + d.visitMinutes, 0),
      utilisation: working === 0 ? 0 : round(used / working, 3),
      objective: {
        travel: round(cost.travel / 60, 2),
        distance: round((compiled.problem.distanceWeight * cost.distance) / 60, 2),
        missedVisits: round(cost.penalty / 60, 2),
        prospects: round(cost.prize / 60, 2),
        total: round(cost.total / 60, 2),
      },
      travelTimeSource: options.source,
      ...(options.fallback === true ? { travelTimeFallback: true } : {}),
    },
    days,
    unplanned: unplannedVisits(compiled, plan, planned),
    accounts: request.accounts.map((account, index) => {
      const dates = planned[index].map((k) => compiled.days[k].day);
      const rule = compiled.accounts[index].rule;
      const last = dates.at(-1) ?? (account.lastVisit === undefined ? undefined : dayNumber(account.lastVisit));
      const nextDue = last === undefined ? Math.floor(rule.firstDue) : nextDueAfter(last, rule.interval);
      return { id: account.id, visitsRequired: compiled.accounts[index].visits, plannedDates: dates.map(isoDate), nextDue: isoDate(nextDue) };
    }),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  return compiled.request.options.previousPlan === undefined ? result : { ...result, changes: replanChanges(compiled, result) };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
