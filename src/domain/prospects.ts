/**
 * Prospects as optional clients: one single-day pattern per working day they
 * are open, a prize in proportion to their potential, and at most
 * `prospecting.visitsPerWeek` of them in each 7-day week counted from h0.
 */
import type { PlanRequest, Prospect } from '../contract/plan-request.js';
import type { Client } from '../solver/problem.js';
import { startWindows } from './account-plan.js';
import type { Horizon, WorkingDay } from './calendar.js';

export interface ProspectClient {
  /** Index in `request.prospects`. */
  readonly index: number;
  readonly id: string;
  readonly client: Client;
}

export interface ProspectClients {
  readonly clients: readonly ProspectClient[];
  /** One group per 7-day week of the horizon, capped at visitsPerWeek (no groups without prospecting). */
  readonly caps: { readonly dayGroup: Int32Array; readonly caps: readonly number[] };
}

export function prospectClients(
  request: PlanRequest,
  horizon: Horizon,
  days: readonly WorkingDay[],
  locationOf: (index: number) => number,
): ProspectClients {
  const numDays = Math.max(1, days.length);
  const perWeek = request.prospecting?.visitsPerWeek ?? 0;
  if (perWeek === 0 || request.prospects.length === 0) {
    return { clients: [], caps: { dayGroup: new Int32Array(numDays).fill(-1), caps: [] } };
  }
  const weeks = Math.ceil((horizon.end - horizon.start + 1) / 7);
  const dayGroup = new Int32Array(numDays).fill(-1);
  days.forEach((d, i) => (dayGroup[i] = Math.floor((d.day - horizon.start) / 7)));

  const best = Math.max(...request.prospects.map((p) => p.potential));
  const minutes = request.options.weights.prospectMinutes;
  const clients: ProspectClient[] = [];
  request.prospects.forEach((prospect, index) => {
    const windows = prospectWindows(prospect, days);
    const patterns = windows.flatMap((w, day) => (w.length > 0 ? [{ days: [day], penalty: 0 }] : []));
    if (patterns.length === 0) return;
    const share = best > 0 ? prospect.potential / best : 1;
    clients.push({
      index,
      id: prospect.id,
      client: {
        location: locationOf(index),
        service: prospect.visitMinutes * 60,
        demand: 0,
        windows,
        patterns,
        missPenalty: 0,
        prize: Math.round(minutes * 60 * share),
        optional: true,
      },
    });
  });
  return { clients, caps: { dayGroup, caps: Array.from({ length: weeks }, () => perWeek) } };
}

function prospectWindows(prospect: Prospect, days: readonly WorkingDay[]): Int32Array[] {
  const closed = new Set(prospect.closedDates ?? []);
  return days.map((d) => (closed.has(d.date) ? new Int32Array(0) : startWindows(prospect.openingHours, d, prospect.visitMinutes * 60)));
}
