import { describe, expect, it } from 'vitest';
import { dayNumber, isoDate, weekdayIndex } from '../../src/domain/calendar.js';
import { visitRule } from '../../src/domain/frequency.js';
import { FULL_PATTERNS, PARTIAL_PATTERNS, accountPatterns } from '../../src/domain/patterns.js';

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
    // Partial patterns keep the first j visits and pay for the rest.
    const penalties = new Map(patterns.map((p) => [p.days.length, p.penalty]));
    expect([...penalties]).toEqual([[4, 0], [3, 5], [2, 10], [1, 15]]);
    expect(patterns.filter((p) => p.days.length === 1).length).toBeLessThanOrEqual(PARTIAL_PATTERNS);
    expect(new Set(patterns.map((p) => p.days.join())).size).toBe(patterns.length);
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

  it('stays bounded for a loose daily account over four weeks', () => {
    const days = weekdays(4);
    const rule = visitRule({ frequency: { visits: 7, perWeeks: 1 }, toleranceDays: 10 }, { start: h0, end: h0 + 27 }, undefined);
    const patterns = accountPatterns({ rule, days, open: days.map(() => true), pinned: [], weights: Array.from({ length: rule.required }, () => 1) });
    expect(rule.required).toBe(28);
    expect(patterns.length).toBeLessThanOrEqual(FULL_PATTERNS + PARTIAL_PATTERNS * 27);
    expect(Math.max(...patterns.map((p) => p.days.length))).toBe(20);
  });
});
