/**
 * The replan report: how this plan's visits differ from `options.previousPlan`
 * inside the horizon, and why, one sentence each. Per account, dates in both
 * plans are unchanged; the previous dates left over are paired in order with
 * the new ones left over (a move), and what remains is dropped or added.
 * The reason is read from the request: a date the rep or the account no longer
 * allows, an appointment, the frequency; otherwise the search moved the visit
 * because the week was better for it.
 */
import type { VisitChange } from '../contract/changes.js';
import type { Account } from '../contract/plan-request.js';
import type { PlanResult } from '../contract/plan-result.js';
import { clock, dayNumber, isoDate, longDate, shortDate } from './calendar.js';
import type { Compiled } from './compile.js';

type Why = Pick<VisitChange, 'reason'> & { readonly text: string };

export function replanChanges(compiled: Compiled, result: Pick<PlanResult, 'accounts' | 'unplanned'>): VisitChange[] {
  const { request, horizon } = compiled;
  const first = isoDate(horizon.start);
  const last = isoDate(horizon.end);
  const previous = new Map<string, Set<string>>();
  for (const visit of request.options.previousPlan ?? []) {
    if (visit.date < first || visit.date > last) continue;
    const dates = previous.get(visit.accountId) ?? new Set<string>();
    previous.set(visit.accountId, dates.add(visit.date));
  }
  const changes: VisitChange[] = [];
  request.accounts.forEach((account, index) => {
    const before = [...(previous.get(account.id) ?? [])].sort();
    previous.delete(account.id);
    const now = result.accounts.at(index)?.plannedDates ?? [];
    const gone = before.filter((d) => !now.includes(d));
    const came = now.filter((d) => !before.includes(d));
    const name = account.name ?? account.id;
    for (let k = 0; k < gone.length || k < came.length; k++) {
      const from = gone.at(k);
      const to = came.at(k);
      if (from !== undefined && to !== undefined) changes.push(change('moved', account.id, from, to, `Visit to ${name} moved from ${day(from)} to ${day(to)}`, whyMoved(compiled, index, from, to)));
      else if (from !== undefined) changes.push(change('dropped', account.id, from, undefined, `Visit to ${name} on ${day(from)} dropped`, whyDropped(result, index, account)));
      else if (to !== undefined) changes.push(change('added', account.id, undefined, to, `Visit to ${name} added on ${day(to)}`, whyAdded(compiled, index, to)));
    }
  });
  for (const [accountId, dates] of previous) {
    for (const from of dates) {
      changes.push(change('dropped', accountId, from, undefined, `Visit to ${accountId} on ${day(from)} dropped`, { reason: 'account_removed', text: 'the account is no longer in the request' }));
    }
  }
  return changes.sort((a, b) => (a.from ?? a.to ?? '').localeCompare(b.from ?? b.to ?? '') || a.accountId.localeCompare(b.accountId));
}

function change(kind: VisitChange['kind'], accountId: string, from: string | undefined, to: string | undefined, what: string, why: Why): VisitChange {
  return { kind, accountId, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), reason: why.reason, message: `${what}: ${why.text}.` };
}

/** The first cause that applies: the old date forbidden, an appointment on the new one, the frequency, else the search's choice. */
function whyMoved(compiled: Compiled, index: number, from: string, to: string): Why {
  const { request, days } = compiled;
  const account = request.accounts[index];
  const plan = compiled.accounts[index];
  const oldDay = days.findIndex((d) => d.date === from);
  if (oldDay < 0) {
    const unavailable = (request.rep.unavailableDates ?? []).includes(from);
    return { reason: 'rep_unavailable', text: unavailable ? `the rep is unavailable on ${day(from)}` : `the rep does not work on ${day(from)}` };
  }
  if (!plan.open[oldDay]) {
    const closed = (account.closedDates ?? []).includes(from);
    const name = account.name ?? account.id;
    return { reason: 'account_closed', text: closed ? `${name} is closed on ${day(from)}` : `${name}'s opening hours leave no room for the visit on ${day(from)}` };
  }
  const appointment = appointmentOn(compiled, index, to);
  if (appointment !== undefined) return appointment;
  if (!plan.patterns.some((p) => p.days.includes(oldDay))) {
    return { reason: 'outside_window', text: `${day(from)} is no longer among the days the visit is due (${cadence(account)})` };
  }
  return { reason: 'optimised', text: 'moving it shortens the week\'s driving or makes room for other visits' };
}

function whyAdded(compiled: Compiled, index: number, to: string): Why {
  const appointment = appointmentOn(compiled, index, to);
  if (appointment !== undefined) return appointment;
  return { reason: 'due', text: `a visit is due (${cadence(compiled.request.accounts[index])})` };
}

function whyDropped(result: Pick<PlanResult, 'accounts' | 'unplanned'>, index: number, account: Account): Why {
  const missed = result.unplanned.find((u) => u.accountId === account.id);
  if (missed !== undefined) return { reason: 'unplanned', text: `it could not be planned: ${missed.message.replace(/\.$/, '')}` };
  const next = result.accounts.at(index)?.nextDue;
  return { reason: 'not_due', text: `no further visit is due in this plan${next ? ` (the next is due on ${day(next)})` : ''}` };
}

function appointmentOn(compiled: Compiled, index: number, date: string): Why | undefined {
  const k = compiled.days.findIndex((d) => d.date === date);
  const pin = compiled.accounts[index].pinned.find((p) => p.day === k);
  return pin === undefined ? undefined : { reason: 'appointment', text: `an appointment is set for ${day(date)} at ${clock(pin.start)}` };
}

/** "every week; last visit 24 Nov" */
function cadence(account: Account): string {
  const { visits, perWeeks } = account.frequency;
  const often =
    perWeeks === 1 ? (visits === 1 ? 'every week' : visits === 2 ? 'twice a week' : `${String(visits)} times a week`)
    : visits === 1 ? `every ${String(perWeeks)} weeks`
    : `${String(visits)} visits every ${String(perWeeks)} weeks`;
  return account.lastVisit === undefined ? `${often}, no visit yet` : `${often}; last visit ${shortDate(dayNumber(account.lastVisit))}`;
}

function day(date: string): string {
  return longDate(dayNumber(date));
}
