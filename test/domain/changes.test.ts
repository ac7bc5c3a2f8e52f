/**
 * The replan report on hand-made cases. The horizon is the week of Mon 23 Nov
 * 2026 (Mon–Fri working days, fixtures.ts); the new plan's dates are given by
 * hand, so each case checks the comparison and the reason alone.
 */
import { describe, expect, it } from 'vitest';
import type { PlanRequestInput } from '../../src/contract/plan-request.js';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { replanChanges } from '../../src/domain/changes.js';
import { compile } from '../../src/domain/compile.js';
import { matrixFor, request, TODAY } from './fixtures.js';

type AccountInput = PlanRequestInput['accounts'][number];

const weekly = (id: string, extra: Partial<AccountInput> = {}): AccountInput => ({
  id,
  location: { lat: 48.1, lon: -1.6 },
  visitMinutes: 30,
  frequency: { visits: 1, perWeeks: 1 },
  priority: 3,
  ...extra,
});

/** Compiles the request and compares its previous plan with the given new dates per account. */
function changes(input: Partial<PlanRequestInput> & Pick<PlanRequestInput, 'accounts'>, planned: Record<string, string[]>, unplanned: PlanResult['unplanned'] = []) {
  const req = request(input);
  const compiled = compile(req, matrixFor(req), { today: TODAY });
  const accounts = req.accounts.map((a) => ({ id: a.id, visitsRequired: 1, plannedDates: planned[a.id] ?? [], nextDue: '2026-12-04' }));
  return replanChanges(compiled, { accounts, unplanned });
}

describe('replanChanges', () => {
  it('says nothing of a visit kept on its date, or of previous visits outside the horizon', () => {
    const accounts = [weekly('a1', { lastVisit: '2026-11-19' })];
    // 20 Nov is before the horizon: last week's visit, not a change.
    const previousPlan = [{ accountId: 'a1', date: '2026-11-26' }, { accountId: 'a1', date: '2026-11-20' }];
    expect(changes({ accounts, options: { previousPlan } }, { a1: ['2026-11-26'] })).toEqual([]);
  });

  it('speaks the plan\'s language', () => {
    const accounts = [weekly('a1', { name: 'Boulangerie Morel', lastVisit: '2026-11-19' })];
    const rep = { id: 'r', start: { lat: 48.11, lon: -1.68 }, workingHours: [{ days: ['mon' as const, 'tue' as const, 'wed' as const, 'thu' as const, 'fri' as const], start: '08:00', end: '18:00' }], unavailableDates: ['2026-11-26'] };
    const [moved] = changes({ accounts, rep, options: { locale: 'fr', previousPlan: [{ accountId: 'a1', date: '2026-11-26' }] } }, { a1: ['2026-11-27'] });
    expect(moved.message).toBe('Visite chez Boulangerie Morel déplacée du jeu. 26 nov. au ven. 27 nov. : le commercial est indisponible le jeu. 26 nov.');
  });

  it('moves a visit off a day the rep is now unavailable', () => {
    // Last visit Thu 19 Nov, weekly: due Thu 26 Nov ± 2 days; the rep takes Thu 26 off.
    const accounts = [weekly('a1', { name: 'Boulangerie Morel', lastVisit: '2026-11-19' })];
    const result = changes(
      { accounts, rep: { id: 'r', start: { lat: 48.11, lon: -1.68 }, workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }], unavailableDates: ['2026-11-26'] }, options: { previousPlan: [{ accountId: 'a1', date: '2026-11-26' }] } },
      { a1: ['2026-11-27'] },
    );
    expect(result).toEqual([
      {
        kind: 'moved',
        accountId: 'a1',
        from: '2026-11-26',
        to: '2026-11-27',
        reason: 'rep_unavailable',
        message: 'Visit to Boulangerie Morel moved from Thu 26 Nov to Fri 27 Nov: the rep is unavailable on Thu 26 Nov.',
      },
    ]);
  });

  it('moves a visit off a date the account is closed, or outside its opening hours', () => {
    const previousPlan = [{ accountId: 'a1', date: '2026-11-26' }];
    const closed = changes({ accounts: [weekly('a1', { lastVisit: '2026-11-19', closedDates: ['2026-11-26'] })], options: { previousPlan } }, { a1: ['2026-11-25'] });
    expect(closed.map((c) => [c.reason, c.message])).toEqual([['account_closed', 'Visit to a1 moved from Thu 26 Nov to Wed 25 Nov: a1 is closed on Thu 26 Nov.']]);
    // Open Monday to Wednesday only: Thursday holds no visit.
    const hours = [{ days: ['mon', 'tue', 'wed'] as ('mon' | 'tue' | 'wed')[], start: '09:00', end: '17:00' }];
    const shut = changes({ accounts: [weekly('a1', { lastVisit: '2026-11-19', openingHours: hours })], options: { previousPlan } }, { a1: ['2026-11-25'] });
    expect(shut.map((c) => c.message)).toEqual(['Visit to a1 moved from Thu 26 Nov to Wed 25 Nov: a1\'s opening hours leave no room for the visit on Thu 26 Nov.']);
  });

  it('moves a visit to the date of a new appointment', () => {
    const accounts = [weekly('a2', { lastVisit: '2026-11-18', appointments: [{ date: '2026-11-25', start: '10:30' }] })];
    const result = changes({ accounts, options: { previousPlan: [{ accountId: 'a2', date: '2026-11-24' }] } }, { a2: ['2026-11-25'] });
    expect(result.map((c) => [c.kind, c.reason, c.message])).toEqual([['moved', 'appointment', 'Visit to a2 moved from Tue 24 Nov to Wed 25 Nov: an appointment is set for Wed 25 Nov at 10:30.']]);
  });

  it('moves a visit whose old date no longer fits the frequency', () => {
    // Last visit Tue 17 Nov, weekly: due Tue 24 ± 2, so Mon 23 to Thu 26; Fri 27 is out.
    const accounts = [weekly('a3', { lastVisit: '2026-11-17' })];
    const result = changes({ accounts, options: { previousPlan: [{ accountId: 'a3', date: '2026-11-27' }] } }, { a3: ['2026-11-24'] });
    expect(result.map((c) => [c.reason, c.message])).toEqual([
      ['outside_window', 'Visit to a3 moved from Fri 27 Nov to Tue 24 Nov: Fri 27 Nov is no longer among the days the visit is due (every week; last visit 17 Nov).'],
    ]);
  });

  it('credits the search when nothing forbids the old date', () => {
    const accounts = [weekly('a4', { lastVisit: '2026-11-17' })];
    const result = changes({ accounts, options: { previousPlan: [{ accountId: 'a4', date: '2026-11-24' }] } }, { a4: ['2026-11-25'] });
    expect(result.map((c) => [c.reason, c.message])).toEqual([['optimised', 'Visit to a4 moved from Tue 24 Nov to Wed 25 Nov: moving it shortens the week\'s driving or makes room for other visits.']]);
  });

  it('adds a visit that is due, and drops one that is not due any more or could not be planned', () => {
    const accounts = [
      weekly('new'), // no last visit: due by Sun 29 Nov
      weekly('fortnight', { frequency: { visits: 1, perWeeks: 2 }, lastVisit: '2026-11-20' }), // next due Fri 4 Dec
      weekly('missed', { lastVisit: '2026-11-17' }),
    ];
    const previousPlan = [{ accountId: 'fortnight', date: '2026-11-27' }, { accountId: 'missed', date: '2026-11-24' }];
    const unplanned: PlanResult['unplanned'] = [{ accountId: 'missed', lat: 48.1, lon: -1.6, visitsMissing: 1, reason: 'day_capacity', message: 'No working day between 23 and 26 Nov has 30 free minutes inside its opening hours.' }];
    const result = changes({ accounts, options: { previousPlan } }, { new: ['2026-11-23'] }, unplanned);
    // Sorted by date: Mon 23 (added), Tue 24 (dropped, missed), Fri 27 (dropped, not due).
    expect(result).toEqual([
      { kind: 'added', accountId: 'new', to: '2026-11-23', reason: 'due', message: 'Visit to new added on Mon 23 Nov: a visit is due (every week, no visit yet).' },
      {
        kind: 'dropped',
        accountId: 'missed',
        from: '2026-11-24',
        reason: 'unplanned',
        message: 'Visit to missed on Tue 24 Nov dropped: it could not be planned: No working day between 23 and 26 Nov has 30 free minutes inside its opening hours.',
      },
      { kind: 'dropped', accountId: 'fortnight', from: '2026-11-27', reason: 'not_due', message: 'Visit to fortnight on Fri 27 Nov dropped: no further visit is due in this plan (the next is due on Fri 4 Dec).' },
    ]);
  });

  it('drops the visits of an account no longer in the request', () => {
    const result = changes({ accounts: [weekly('a1', { lastVisit: '2026-11-19' })], options: { previousPlan: [{ accountId: 'a1', date: '2026-11-26' }, { accountId: 'sold', date: '2026-11-24' }] } }, { a1: ['2026-11-26'] });
    expect(result).toEqual([{ kind: 'dropped', accountId: 'sold', from: '2026-11-24', reason: 'account_removed', message: 'Visit to sold on Tue 24 Nov dropped: the account is no longer in the request.' }]);
  });

  it('pairs leftover dates in order: the earlier old date moves to the earlier new one', () => {
    // Twice a week, last visit Fri 20 Nov: visits due about Tue 24 and Fri 27.
    const accounts = [weekly('twice', { frequency: { visits: 2, perWeeks: 1 }, lastVisit: '2026-11-20' })];
    const previousPlan = [{ accountId: 'twice', date: '2026-11-23' }, { accountId: 'twice', date: '2026-11-26' }];
    const result = changes({ accounts, options: { previousPlan } }, { twice: ['2026-11-24', '2026-11-27'] });
    expect(result.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['moved', '2026-11-23', '2026-11-24'],
      ['moved', '2026-11-26', '2026-11-27'],
    ]);
  });
});
