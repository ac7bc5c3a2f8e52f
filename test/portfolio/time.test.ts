import { describe, expect, it } from 'vitest';
import type { PlanRequest } from '../../src/contract/plan-request.js';
import { dayNumber } from '../../src/domain/calendar.js';
import { calendarOf, timeBudget, tourDay } from '../../src/portfolio/time.js';

const MONDAY = dayNumber('2027-01-04');

function rep(overrides: Partial<PlanRequest['rep']> = {}): PlanRequest['rep'] {
  return {
    id: 'rep-1',
    start: { lat: 48.1, lon: -1.7 },
    workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' }],
    break: { minutes: 60, earliest: '12:00', latest: '13:30' },
    ...overrides,
  };
}

describe('time available', () => {
  // Two weeks from Monday 4 Jan 2027: 10 weekdays, Wednesday 6 Jan unavailable (Saturday 9 Jan is not
  // worked anyway): 9 days of 10 h less a 1 h break = 9 × 540 = 4,860 min over 9 / 5 = 1.8 worked weeks,
  // so 2,700 min = 45 h a week. 20 % non-visit time: 9 h. Prospecting 2 × (45 min + 15 min driving) = 2 h.
  // Left for accounts: 45 − 9 − 2 = 34 h a week, 34 × 1.8 = 61.2 h over the period.
  const calendar = calendarOf(rep({ unavailableDates: ['2027-01-06', '2027-01-09'], maxVisitsPerDay: 8 }), { start: MONDAY, end: MONDAY + 13 });

  it('counts working days and worked weeks from the calendar', () => {
    expect(calendar).toMatchObject({ days: 9, minutes: 4860, daysPerWeek: 5, workedWeeks: 1.8 });
  });

  it('takes the non-visit share and the prospecting target off the working hours', () => {
    const budget = timeBudget(calendar, 0.2, { visitsPerWeek: 2, visitMinutes: 45 }, 15);
    expect(budget.availableMinutes).toBeCloseTo(2040, 9);
    expect(budget.summary).toEqual({
      period: { start: '2027-01-04', end: '2027-01-17', workingDays: 9, workedWeeks: 1.8 },
      perWeek: { workingHours: 45, nonVisitHours: 9, prospectingHours: 2, availableHours: 34 },
      availableHoursInPeriod: 61.2,
    });
  });

  it('leaves the visits-per-day limit, less the prospect visits, for accounts', () => {
    // 8 visits a day × 5 days − 2 prospect visits.
    expect(timeBudget(calendar, 0.2, { visitsPerWeek: 2, visitMinutes: 45 }, 15).visitLimit).toBe(38);
    expect(timeBudget(calendarOf(rep(), { start: MONDAY, end: MONDAY + 6 }), 0.2, undefined, 0).visitLimit).toBeUndefined();
  });

  it('averages the working day over days of different length', () => {
    // Mon–Thu 08:00–18:00 and Fri 08:00–17:00, 45 min break: (4 × 555 + 495) / 5 = 543 min.
    const week = calendarOf(
      rep({ workingHours: [{ days: ['mon', 'tue', 'wed', 'thu'], start: '08:00', end: '18:00' }, { days: ['fri'], start: '08:00', end: '17:00' }], break: { minutes: 45, earliest: '12:00', latest: '13:30' } }),
      { start: MONDAY, end: MONDAY + 6 },
    );
    expect(tourDay(week)).toEqual({ minutes: 543, maxVisits: undefined, perWeek: 5 });
  });

  it('has no time at all when every working day is unavailable', () => {
    const off = calendarOf(rep({ unavailableDates: ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'] }), { start: MONDAY, end: MONDAY + 6 });
    expect(off.workedWeeks).toBe(0);
    expect(timeBudget(off, 0.3, undefined, 0).availableMinutes).toBe(0);
  });
});
