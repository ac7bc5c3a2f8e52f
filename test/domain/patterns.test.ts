import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, weekdayIndex } from '../../src/domain/calendar.js';
import { visitRule } from '../../src/domain/frequency.js';
import { FULL_PATTERNS, MISSING_PATTERNS, PARTIAL_PATTERNS, accountPatterns } from '../../src/domain/patterns.js';

const h0 = dayNumber('2026-11-23');
/** Mon–Fri of a horizon of `weeks` weeks from h0. */
function weekdays(weeks: number): number[] {
  return Array.from({ length: weeks * 7 }, (_, i) => h0 + i).filter((d) => weekdayIndex(d) < 5);
}
const dates = (days: readonly number[], k: readonly number[]): string[] => k.map((i) => isoDate(days[i]).slice(5));

describe('accountPatterns', () => {
  it('weekly over four weeks: four visits 5 to 9 days apart, the one on the due dates first', () => {
    // Last visit Fri 20 Nov: due 27 Nov, 4, 11, 18 Dec; window [25, 29] Nov.
    const days = weekdays(4);
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, { start: h0, end: h0 + 27 }, dayNumber('2026-11-20'));
    const patterns = accountPatterns({ rule, days, open: days.map(() => true), pinned: [], weights: [10, 5, 5, 5] });
    const full = patterns.filter((p) => p.days.length === 4);
    expect(full.length).toBeGreaterThan(10);
    expect(full.length).toBeLessThanOrEqual(FULL_PATTERNS);
    expect(dates(days, full[0].days)).toEqual(['11-27', '12-04', '12-11', '12-18']);
    for (const p of full) {
      expect(p.penalty).toBe(0);
      expect(days[p.days[0]]).toBeGreaterThanOrEqual(dayNumber('2026-11-25'));
      expect(days[p.days[0]]).toBeLessThanOrEqual(dayNumber('2026-11-27'));
      for (let j = 1; j < 4; j++) {
        const gap = days[p.days[j]] - days[p.days[j - 1]];
        expect(gap).toBeGreaterThanOrEqual(5);
        expect(gap).toBeLessThanOrEqual(9);
      }
    }
    // Patterns missing visits pay their weight: 10 for the first, 5 for each other one.
    const penalties = (length: number) => [...new Set(patterns.filter((p) => p.days.length === length).map((p) => p.penalty))].sort((a, b) => a - b);
    expect(penalties(3)).toEqual([5, 10]);
    expect(penalties(2)).toEqual([10]);
    expect(patterns.filter((p) => p.days.length < 4).length).toBeLessThanOrEqual(MISSING_PATTERNS);
    expect(new Set(patterns.map((p) => p.days.join())).size).toBe(patterns.length);
    // Missing the first visit, the others stay due on its due date + 7, + 14, + 21.
    const withoutFirst = patterns.find((p) => p.penalty === 10 && p.days.length === 3);
    expect(withoutFirst && dates(days, withoutFirst.days)).toEqual(['12-04', '12-11', '12-18']);
  });

  it('twice a week on one week: 3 or 4 days apart', () => {
    const days = weekdays(1);
    const rule = visitRule({ frequency: { visits: 2, perWeeks: 1 } }, { start: h0, end: h0 + 6 }, dayNumber('2026-11-20'));
    const full = accountPatterns({ rule, days, open: days.map(() => true), pinned: [], weights: [1, 1] }).filter((p) => p.days.length === 2);
    // First visit Mon or Tue; the second 3-4 days later within Mon–Fri.
    expect(full.map((p) => dates(days, p.days).join(' ')).sort()).toEqual(['11-23 11-26', '11-23 11-27', '11-24 11-27']);
  });

  it('uses only the days the account can be visited', () => {
    const days = weekdays(1);
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, { start: h0, end: h0 + 6 }, undefined);
    const open = days.map((_, k) => k === 2 || k === 4); // Wed and Fri
    const patterns = accountPatterns({ rule, days, open, pinned: [], weights: [1] });
    expect(patterns.map((p) => dates(days, p.days))).toEqual([['11-27'], ['11-25']]);
  });

  it('always includes the appointment days, even off the window', () => {
    const days = weekdays(2);
    // Weekly, due 25 Nov; an appointment on Wed 2 Dec stands for the second visit.
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, { start: h0, end: h0 + 13 }, dayNumber('2026-11-18'));
    const pinned = [days.indexOf(dayNumber('2026-12-02'))];
    const patterns = accountPatterns({ rule, days, open: days.map(() => true), pinned, weights: [1, 1] });
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(p.days).toContain(pinned[0]);
    expect(dates(days, patterns[0].days)).toEqual(['11-25', '12-02']);
    // With one visit left to the solver, the appointment alone is the pattern.
    const alone = accountPatterns({ rule, days, open: days.map(() => true), pinned, weights: [1] });
    expect(alone.map((p) => dates(days, p.days))).toEqual([['12-02']]);
  });

  it('spacing that no open day satisfies leaves only partial patterns', () => {
    const days = weekdays(1);
    // Twice a week, but open on Mon and Tue only: 1 day apart < 3.
    const rule = visitRule({ frequency: { visits: 2, perWeeks: 1 } }, { start: h0, end: h0 + 6 }, dayNumber('2026-11-20'));
    const open = days.map((_, k) => k < 2);
    const patterns = accountPatterns({ rule, days, open, pinned: [], weights: [7, 3] });
    expect(patterns.map((p) => [dates(days, p.days), p.penalty])).toEqual([[['11-23'], 3], [['11-24'], 3]]);
  });

  it('no open day in the window: no pattern', () => {
    const days = weekdays(1);
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, { start: h0, end: h0 + 6 }, dayNumber('2026-11-02'));
    const open = days.map((_, k) => k >= 3); // Thu, Fri; overdue window is Mon–Wed
    expect(accountPatterns({ rule, days, open, pinned: [], weights: [1] })).toEqual([]);
  });

  it('a first visit that cannot happen leaves the later ones due', () => {
    // Overdue weekly account (last visit 13 Nov): first visit in [23, 25 Nov], counted due on
    // 23 Nov; closed on those days. The second visit stays due on 30 Nov, then every 7 days.
    const days = weekdays(4);
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, { start: h0, end: h0 + 27 }, dayNumber('2026-11-13'));
    const open = days.map((_, k) => k >= 3);
    const patterns = accountPatterns({ rule, days, open, pinned: [], weights: [20, 10, 10, 10] });
    expect(patterns.length).toBeGreaterThan(0);
    expect(patterns.every((p) => p.penalty >= 20)).toBe(true);
    expect(dates(days, patterns[0].days)).toEqual(['11-30', '12-07', '12-14']);
    expect(patterns[0].penalty).toBe(20);
  });

  it('may miss a middle visit and keep the one after it', () => {
    // Weekly over three weeks, due 27 Nov, 4 and 11 Dec: with the second visit missed, the third
    // is due 14 days after the first (its due date + 7), within the tolerance of 2 days.
    const days = weekdays(3);
    const rule = visitRule({ frequency: { visits: 1, perWeeks: 1 } }, { start: h0, end: h0 + 20 }, dayNumber('2026-11-20'));
    const patterns = accountPatterns({ rule, days, open: days.map(() => true), pinned: [], weights: [1, 1, 1] });
    const skipsSecond = patterns.filter((p) => p.days.length === 2 && days[p.days[1]] - days[p.days[0]] > 9);
    expect(skipsSecond.length).toBeGreaterThan(0);
    expect(dates(days, skipsSecond[0].days)).toEqual(['11-27', '12-11']);
    for (const p of skipsSecond) expect(Math.abs(days[p.days[1]] - days[p.days[0]] - 14)).toBeLessThanOrEqual(2);
  });

  it('stays bounded for a loose daily account over four weeks', () => {
    const days = weekdays(4);
    const rule = visitRule({ frequency: { visits: 7, perWeeks: 1 }, toleranceDays: 10 }, { start: h0, end: h0 + 27 }, undefined);
    const patterns = accountPatterns({ rule, days, open: days.map(() => true), pinned: [], weights: Array.from({ length: rule.required }, () => 1) });
    expect(rule.required).toBe(28);
    expect(patterns.length).toBeLessThanOrEqual(FULL_PATTERNS + MISSING_PATTERNS);
    expect(PARTIAL_PATTERNS).toBeLessThan(MISSING_PATTERNS);
    expect(Math.max(...patterns.map((p) => p.days.length))).toBe(20);
  });
});
