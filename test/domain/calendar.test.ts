import { describe, expect, it } from 'vitest';
import {
  clock,
  dateSpan,
  dayNumber,
  horizonOf,
  isoDate,
  fullDate,
  longDate,
  nextMonday,
  openWindows,
  weekdayOf,
  workingDays,
} from '../../src/domain/calendar.js';
import { request } from './fixtures.js';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0, 'thu'],
    ['2000-02-29', 11016, 'tue'],
    ['2026-11-23', 20780, 'mon'],
    ['2026-12-31', 20818, 'thu'],
    ['1969-12-31', -1, 'wed'],
  ] as const)('%s is day %i, a %s', (iso, day, weekday) => {
    expect(dayNumber(iso)).toBe(day);
    expect(isoDate(day)).toBe(iso);
    expect(weekdayOf(day)).toBe(weekday);
  });

  it('round-trips every day over four centuries', () => {
    for (let d = -50_000; d < 100_000; d += 13) expect(dayNumber(isoDate(d))).toBe(d);
  });

  it('formats times and spans', () => {
    expect(clock(8 * 3600 + 5 * 60)).toBe('08:05');
    expect(clock(0)).toBe('00:00');
    expect(longDate(dayNumber('2026-11-24'), 'en')).toBe('Tue 24 Nov');
    expect(dateSpan(dayNumber('2026-11-24'), dayNumber('2026-11-26'), 'en')).toBe('24 and 26 Nov');
    expect(dateSpan(dayNumber('2026-11-30'), dayNumber('2026-12-02'), 'en')).toBe('30 Nov and 2 Dec');
  });

  it('writes day and month names in French through Intl', () => {
    expect(longDate(dayNumber('2026-11-24'), 'fr')).toBe('mar. 24 nov.');
    expect(fullDate(dayNumber('2026-12-01'), 'fr')).toBe('mardi 1 décembre 2026');
    expect(dateSpan(dayNumber('2026-11-24'), dayNumber('2026-11-26'), 'fr')).toBe('24 et 26 nov.');
    expect(dateSpan(dayNumber('2026-11-30'), dayNumber('2026-12-02'), 'fr')).toBe('30 nov. et 2 déc.');
    // Every weekday of a week, Monday first, as the calendar's own weekday index says.
    const names = [0, 1, 2, 3, 4, 5, 6].map((i) => fullDate(dayNumber('2026-11-23') + i, 'fr').split(' ')[0]);
    expect(names).toEqual(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
  });
});

describe('horizon', () => {
  it.each([
    ['2026-11-20', '2026-11-23'], // Friday → next Monday
    ['2026-11-22', '2026-11-23'], // Sunday → tomorrow
    ['2026-11-23', '2026-11-30'], // Monday → the following Monday
    ['2026-12-29', '2027-01-04'], // across the year
  ])('from today %s the default horizon starts on %s', (today, start) => {
    expect(isoDate(nextMonday(dayNumber(today)))).toBe(start);
    const h = horizonOf({ horizon: { days: 7 } }, today);
    expect([isoDate(h.start), isoDate(h.end)]).toEqual([start, isoDate(dayNumber(start) + 6)]);
  });

  it('uses horizon.start when given', () => {
    const h = horizonOf({ horizon: { start: '2026-11-25', days: 3 } }, '2026-01-01');
    expect([isoDate(h.start), isoDate(h.end)]).toEqual(['2026-11-25', '2026-11-27']);
  });
});

describe('working days', () => {
  it('skips weekends and unavailable dates, and takes each weekday its hours', () => {
    const req = request({
      accounts: [],
      horizon: { start: '2026-11-23', days: 14 },
      rep: {
        id: 'r',
        start: { lat: 48, lon: -1 },
        workingHours: [
          { days: ['mon', 'tue', 'wed', 'thu'], start: '08:00', end: '18:00' },
          { days: ['fri'], start: '08:30', end: '12:00' },
        ],
        unavailableDates: ['2026-11-25', '2026-12-04'],
      },
    });
    const days = workingDays(req.rep, horizonOf(req, '2026-11-20'));
    expect(days.map((d) => d.date)).toEqual([
      '2026-11-23', '2026-11-24', '2026-11-26', '2026-11-27',
      '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03',
    ]);
    expect(days[3]).toMatchObject({ weekday: 'fri', start: 8.5 * 3600, end: 12 * 3600 });
  });

  it('merges overlapping and touching opening windows', () => {
    const hours = [
      { days: ['mon' as const], start: '14:00', end: '16:00' },
      { days: ['mon' as const], start: '09:00', end: '12:00' },
      { days: ['mon' as const], start: '11:00', end: '12:30' },
      { days: ['mon' as const], start: '16:00', end: '18:00' },
      { days: ['tue' as const], start: '07:00', end: '08:00' },
    ];
    expect(openWindows(hours, 'mon', [0, 1])).toEqual([[9 * 3600, 12.5 * 3600], [14 * 3600, 18 * 3600]]);
    expect(openWindows(hours, 'wed', [0, 1])).toEqual([]);
    expect(openWindows(undefined, 'wed', [8, 18])).toEqual([[8, 18]]);
  });
});
