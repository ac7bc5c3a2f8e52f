import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate } from '../../src/domain/calendar.js';
import { OVERDUE_BONUS, intervalOf, toleranceOf, visitRule } from '../../src/domain/frequency.js';

const h0 = dayNumber('2026-11-23'); // a Monday
const week = { start: h0, end: h0 + 6 };
const fourWeeks = { start: h0, end: h0 + 27 };
const iso = (d: number): string => isoDate(d);

describe('rule 1: interval and default tolerance', () => {
  it.each([
    ['weekly', 1, 1, 7, 2],
    ['twice a week', 2, 1, 3.5, 1],
    ['fortnightly', 1, 2, 14, 4],
    ['monthly', 1, 4, 28, 7],
    ['three times a week', 3, 1, 7 / 3, 1],
    ['daily', 7, 1, 1, 1],
  ])('%s: I = %s/%s weeks → %s days, t = %s', (_, visits, perWeeks, interval, tolerance) => {
    const frequency = { visits, perWeeks };
    expect(intervalOf(frequency)).toBeCloseTo(interval, 12);
    expect(toleranceOf({ frequency })).toBe(tolerance);
  });

  it('toleranceDays overrides the default', () => {
    expect(toleranceOf({ frequency: { visits: 1, perWeeks: 1 }, toleranceDays: 0 })).toBe(0);
    expect(toleranceOf({ frequency: { visits: 1, perWeeks: 4 }, toleranceDays: 3 })).toBe(3);
  });
});

describe('rules 2-4: first window, spacing and required count', () => {
  it.each([
    // name, frequency, lastVisit, horizon, [from, to], required, overdueDays, [minGap, maxGap]
    ['weekly, last visit on Wed', 1, 1, '2026-11-18', week, ['2026-11-23', '2026-11-27'], 1, 0, [5, 9]],
    ['weekly, window clipped at h0', 1, 1, '2026-11-15', week, ['2026-11-23', '2026-11-24'], 2, 0, [5, 9]],
    ['weekly, no last visit', 1, 1, undefined, week, ['2026-11-23', '2026-12-01'], 1, 0, [5, 9]],
    ['weekly, overdue by 14 days', 1, 1, '2026-11-02', week, ['2026-11-23', '2026-11-25'], 1, 14, [5, 9]],
    ['twice a week, last visit on Fri', 2, 1, '2026-11-20', week, ['2026-11-23', '2026-11-24'], 2, 0, [3, 4]],
    ['twice a week, no last visit', 2, 1, undefined, week, ['2026-11-23', '2026-11-26'], 2, 0, [3, 4]],
    ['fortnightly, no last visit', 1, 2, undefined, week, ['2026-11-23', '2026-12-10'], 0, 0, [10, 18]],
    ['monthly, no last visit, one week', 1, 4, undefined, week, ['2026-11-23', '2026-12-27'], 0, 0, [21, 35]],
    ['monthly, no last visit, four weeks', 1, 4, undefined, fourWeeks, ['2026-11-23', '2026-12-27'], 1, 0, [21, 35]],
    ['monthly, last visit 30 Oct, four weeks', 1, 4, '2026-10-30', fourWeeks, ['2026-11-23', '2026-12-04'], 1, 0, [21, 35]],
    ['weekly, four weeks', 1, 1, '2026-11-20', fourWeeks, ['2026-11-25', '2026-11-29'], 4, 0, [5, 9]],
  ] as const)('%s', (_, visits, perWeeks, lastVisit, horizon, [from, to], required, overdueDays, [minGap, maxGap]) => {
    const account = { frequency: { visits, perWeeks }, lastVisit };
    const rule = visitRule(account, horizon, lastVisit === undefined ? undefined : dayNumber(lastVisit));
    expect([iso(rule.firstFrom), iso(rule.firstTo)]).toEqual([from, to]);
    expect(rule.required).toBe(required);
    expect(rule.overdueDays).toBe(overdueDays);
    expect([rule.minGap, rule.maxGap]).toEqual([minGap, maxGap]);
  });

  it('weekly with a last visit 8 days before h0: due on 22 Nov, still inside its window, so not overdue', () => {
    // D1 = 15 + 7 = 22 Nov, window [20, 24] reaches h0; due dates 22 and 29 Nov are both ≤ h1.
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, week, dayNumber('2026-11-15'));
    expect(rule.overdueDays).toBe(0);
    expect(rule.required).toBe(2);
  });

  it('counts an overdue first visit as due on h0 (rule 4)', () => {
    // Fortnightly, last visit 1 Oct: D1 = 15 Oct, window ends 19 Oct < h0. Due h0, then h0 + 14:
    // one visit on a one-week horizon, two on a four-week one.
    const last = dayNumber('2026-10-01');
    const f = { frequency: { visits: 1, perWeeks: 2 } };
    expect(visitRule(f, week, last).required).toBe(1);
    expect(visitRule(f, fourWeeks, last).required).toBe(2);
    expect(visitRule(f, week, last).firstDue).toBe(h0);
  });

  it('twice a week floors fractional due dates: 23.5 → 23 Nov, 27 Nov, 30.5 → 30 Nov (beyond h1)', () => {
    const rule = visitRule({ frequency: { visits: 2, perWeeks: 1 } }, week, dayNumber('2026-11-20'));
    expect(rule.firstDue).toBe(h0 + 0.5);
    expect(rule.required).toBe(2);
  });

  it.each([
    [dayNumber('2026-11-16'), 0, 0], // D1 = 23 Nov: due, not overdue
    [dayNumber('2026-11-12'), 4, 4 / 14], // D1 = 19 Nov, window ended 21 Nov: 4 / (2 × 7)
    [dayNumber('2026-11-02'), 14, OVERDUE_BONUS], // 14 days late: 14 / 14 = 1, capped at ½
    [dayNumber('2026-09-01'), 76, OVERDUE_BONUS], // capped
  ])('overdue weight grows with the days overdue, within half a priority level (last %i)', (last, days, bonus) => {
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, week, last);
    expect(rule.overdueDays).toBe(days);
    expect(rule.overdueBonus).toBeCloseTo(bonus, 12);
  });

  it('a zero tolerance on a fractional due date keeps the days on both sides of it', () => {
    // Twice a week, last visit Fri 20 Nov: due 23.5 Nov; t = 0 would leave no whole day.
    const rule = visitRule({ frequency: { visits: 2, perWeeks: 1 }, toleranceDays: 0 }, week, dayNumber('2026-11-20'));
    expect([iso(rule.firstFrom), iso(rule.firstTo)]).toEqual(['2026-11-23', '2026-11-24']);
    expect([rule.minGap, rule.maxGap]).toEqual([4, 4]);
  });

  it('a zero tolerance still leaves one day between visits of a daily account', () => {
    const rule = visitRule({ frequency: { visits: 7, perWeeks: 1 }, toleranceDays: 0 }, week, undefined);
    expect([rule.minGap, rule.maxGap]).toEqual([1, 1]);
    expect(rule.required).toBe(7); // due h0, h0+1, …, h0+6
  });
});
