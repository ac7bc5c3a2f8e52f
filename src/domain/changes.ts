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
import { clock, isoDate } from './calendar.js';
import type { Compiled } from './compile.js';
import { sentences, type ChangeSentences } from './sentences/sentences.js';

type Why = Pick<VisitChange, 'reason'> & { readonly text: string };

export function replanChanges(compiled: Compiled, result: Pick<PlanResult, 'accounts' | 'unplanned'>): VisitChange[] {
  const { request, horizon } = compiled;
  const say = sentences(request.options.locale ?? 'en').change;
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
      if (from !== undefined && to !== undefined) {
        const why = whyMoved(compiled, say, index, from, to);
        changes.push(change('moved', account.id, from, to, why.reason, say.moved(name, from, to, why.text)));
      } else if (from !== undefined) {
        const why = whyDropped(say, result, index, account);
        changes.push(change('dropped', account.id, from, undefined, why.reason, say.dropped(name, from, why.text)));
      } else if (to !== undefined) {
        const why = whyAdded(compiled, say, index, to);
        changes.push(change('added', account.id, undefined, to, why.reason, say.added(name, to, why.text)));
      }
    }
  });
  for (const [accountId, dates] of previous) {
    for (const from of dates) {
      changes.push(change('dropped', accountId, from, undefined, 'account_removed', say.dropped(accountId, from, say.accountRemoved())));
    }
  }
  return changes.sort((a, b) => (a.from ?? a.to ?? '').localeCompare(b.from ?? b.to ?? '') || a.accountId.localeCompare(b.accountId));
}

function change(kind: VisitChange['kind'], accountId: string, from: string | undefined, to: string | undefined, reason: VisitChange['reason'], message: string): VisitChange {
  return { kind, accountId, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), reason, message };
}

/** The first cause that applies: the old date forbidden, an appointment on the new one, the frequency, else the search's choice. */
function whyMoved(compiled: Compiled, say: ChangeSentences, index: number, from: string, to: string): Why {
  const { request, days } = compiled;
  const account = request.accounts[index];
  const plan = compiled.accounts[index];
  const oldDay = days.findIndex((d) => d.date === from);
  if (oldDay < 0) {
    const unavailable = (request.rep.unavailableDates ?? []).includes(from);
    return { reason: 'rep_unavailable', text: unavailable ? say.repUnavailable(from) : say.repOff(from) };
  }
  if (!plan.open[oldDay]) {
    const closed = (account.closedDates ?? []).includes(from);
    const name = account.name ?? account.id;
    return { reason: 'account_closed', text: closed ? say.accountClosed(name, from) : say.noRoomInHours(name, from) };
  }
  const appointment = appointmentOn(compiled, say, index, to);
  if (appointment !== undefined) return appointment;
  if (!plan.patterns.some((p) => p.days.includes(oldDay))) return { reason: 'outside_window', text: say.outsideWindow(from, cadence(say, account)) };
  return { reason: 'optimised', text: say.optimised() };
}

function whyAdded(compiled: Compiled, say: ChangeSentences, index: number, to: string): Why {
  const appointment = appointmentOn(compiled, say, index, to);
  if (appointment !== undefined) return appointment;
  return { reason: 'due', text: say.due(cadence(say, compiled.request.accounts[index])) };
}

function whyDropped(say: ChangeSentences, result: Pick<PlanResult, 'accounts' | 'unplanned'>, index: number, account: Account): Why {
  const missed = result.unplanned.find((u) => u.accountId === account.id);
  if (missed !== undefined) return { reason: 'unplanned', text: say.unplanned(missed.message) };
  return { reason: 'not_due', text: say.notDue(result.accounts.at(index)?.nextDue ?? undefined) };
}

function appointmentOn(compiled: Compiled, say: ChangeSentences, index: number, date: string): Why | undefined {
  const k = compiled.days.findIndex((d) => d.date === date);
  const pin = compiled.accounts[index].pinned.find((p) => p.day === k);
  return pin === undefined ? undefined : { reason: 'appointment', text: say.appointment(date, clock(pin.start)) };
}

/** "every week; last visit 24 Nov" */
function cadence(say: ChangeSentences, account: Account): string {
  return say.cadence(account.frequency.visits, account.frequency.perWeeks, account.lastVisit);
}
