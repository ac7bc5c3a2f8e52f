import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minutesOf } from '../../src/contract/common.js';
import { PlanRequest } from '../../src/contract/plan-request.js';
import { dayNumber, horizonOf, openWindows, secondsOf, weekdayOf, workingDays } from '../../src/domain/calendar.js';
import { visitRule } from '../../src/domain/frequency.js';
import { greatCircleMetres } from '../../src/matrix/haversine.js';

function load(name: string): PlanRequest {
  const json: unknown = JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  const parsed = PlanRequest.safeParse(json);
  if (!parsed.success) throw new Error(`examples/${name}: ${parsed.error.message}`);
  return parsed.data;
}

function frequencyOf(account: PlanRequest['accounts'][number]): string {
  return `${account.frequency.visits}/${account.frequency.perWeeks}`;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Every appointment of the request with its account. */
function appointmentsOf(request: PlanRequest) {
  return request.accounts.flatMap((account) => (account.appointments ?? []).map((appointment) => ({ account, appointment })));
}

/** Ids must be unique across accounts and prospects. */
function expectUniqueIds(request: PlanRequest): void {
  const ids = [...request.accounts.map((a) => a.id), ...request.prospects.map((p) => p.id)];
  expect(new Set(ids).size).toBe(ids.length);
}

/** Each appointment lies in the horizon, on a working day, on a day the account is open, inside one of its windows. */
function expectAppointmentsPlannable(request: PlanRequest): void {
  const horizon = horizonOf(request, '2026-01-01');
  const working = new Set(workingDays(request.rep, horizon).map((d) => d.date));
  for (const { account, appointment } of appointmentsOf(request)) {
    const day = dayNumber(appointment.date);
    expect(day).toBeGreaterThanOrEqual(horizon.start);
    expect(day).toBeLessThanOrEqual(horizon.end);
    expect(working.has(appointment.date), `${account.id} on ${appointment.date}`).toBe(true);
    expect(account.closedDates ?? []).not.toContain(appointment.date);
    const start = secondsOf(appointment.start);
    const end = start + account.visitMinutes * 60;
    const windows = openWindows(account.openingHours, weekdayOf(day), [0, 86_400]);
    expect(windows.some(([open, close]) => open <= start && end <= close), `${account.id} open at ${appointment.start}`).toBe(true);
  }
}

describe('examples/week.json', () => {
  const request = load('week.json');
  const horizon = horizonOf(request, '2026-01-01');
  const days = workingDays(request.rep, horizon);
  const rules = request.accounts.map((account) => ({
    account,
    rule: visitRule(account, horizon, account.lastVisit === undefined ? undefined : dayNumber(account.lastVisit)),
  }));

  it('is a week in Europe/Paris from Monday 30 Nov 2026 with five working days', () => {
    expect(request.timezone).toBe('Europe/Paris');
    expect(request.horizon).toEqual({ start: '2026-11-30', days: 7 });
    expect(days.map((d) => d.weekday)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(request.rep.break).toEqual({ minutes: 45, earliest: '12:00', latest: '13:30' });
    expect(request.rep.maxVisitsPerDay).toBe(10);
  });

  it('has about 80 accounts and 15 prospects with unique ids', () => {
    expect(request.accounts.length).toBeGreaterThanOrEqual(70);
    expect(request.accounts.length).toBeLessThanOrEqual(90);
    expect(request.prospects).toHaveLength(15);
    expect(request.prospecting).toEqual({ visitsPerWeek: 3 });
    expectUniqueIds(request);
    for (const a of request.accounts) expect(a.id).toMatch(/^acc-\d{3}$/);
    for (const p of request.prospects) expect(p.id).toMatch(/^pro-\d{3}$/);
  });

  it('segments the portfolio into A, B and C with their frequencies', () => {
    const byClass = countBy(request.accounts, (a) => String(a.priority));
    expect(Object.keys(byClass).sort()).toEqual(['1', '3', '5']);
    expect(byClass['5']).toBeGreaterThanOrEqual(10);
    expect(byClass['5']).toBeLessThanOrEqual(14);
    expect(byClass['3']).toBeGreaterThanOrEqual(24);
    expect(byClass['3']).toBeLessThanOrEqual(32);
    expect(byClass['1']).toBeGreaterThanOrEqual(35);
    expect(byClass['1']).toBeLessThanOrEqual(45);

    const mix = countBy(request.accounts, (a) => `${a.priority}:${frequencyOf(a)}`);
    expect(mix['5:2/1']).toBeGreaterThanOrEqual(3);
    expect(mix['5:2/1']).toBeLessThanOrEqual(4);
    expect(mix['5:1/1']).toBeGreaterThan(0);
    expect(mix['3:1/2']).toBeGreaterThan(mix['3:1/1'] ?? 0);
    expect(mix['3:1/1']).toBeGreaterThan(0);
    expect(mix['1:1/4']).toBeGreaterThan(mix['1:1/2'] ?? 0);
    expect(mix['1:1/2']).toBeGreaterThan(0);
    expect(Object.keys(mix).sort()).toEqual(['1:1/2', '1:1/4', '3:1/1', '3:1/2', '5:1/1', '5:2/1']);
  });

  it('gives A accounts the longest visits', () => {
    const minutes = (priority: number) => request.accounts.filter((a) => a.priority === priority).map((a) => a.visitMinutes);
    expect(Math.min(...minutes(5))).toBeGreaterThanOrEqual(Math.max(...minutes(1)));
    for (const a of request.accounts) {
      expect(a.visitMinutes).toBeGreaterThanOrEqual(20);
      expect(a.visitMinutes).toBeLessThanOrEqual(60);
    }
  });

  it('places every account and prospect within 50 km of the rep', () => {
    for (const point of [...request.accounts, ...request.prospects]) {
      expect(greatCircleMetres(request.rep.start, point.location), point.id).toBeLessThan(50_000);
    }
    const places = new Set([...request.accounts, ...request.prospects].map((p) => `${String(p.location.lat)},${String(p.location.lon)}`));
    expect(places.size).toBe(request.accounts.length + request.prospects.length);
  });

  it('has exactly two appointments, both plannable', () => {
    const appointments = appointmentsOf(request);
    expect(appointments.map(({ appointment }) => appointment)).toEqual([
      { date: '2026-12-01', start: '10:30' },
      { date: '2026-12-03', start: '15:00' },
    ]);
    expectAppointmentsPlannable(request);
  });

  it('mixes due, overdue, not yet due and new accounts', () => {
    const lastVisits = request.accounts.flatMap((a) => (a.lastVisit === undefined ? [] : [a.lastVisit])).sort();
    expect(lastVisits[0] >= '2026-10-20').toBe(true);
    expect(lastVisits[lastVisits.length - 1] <= '2026-11-27').toBe(true);
    expect(request.accounts.length - lastVisits.length).toBeGreaterThanOrEqual(2);
    expect(rules.filter(({ rule }) => rule.overdueDays > 0).length).toBeGreaterThanOrEqual(2);
    expect(rules.filter(({ rule }) => rule.required === 0).length).toBeGreaterThanOrEqual(20);
    expect(request.accounts.filter((a) => a.closedDates !== undefined).length).toBeGreaterThanOrEqual(1);
    expect(request.accounts.filter((a) => a.openingHours === undefined).length).toBeGreaterThanOrEqual(1);
  });

  it('asks for a full but achievable week', () => {
    // Every A account is due this week: weekly ones once, twice-weekly ones twice.
    for (const { account, rule } of rules.filter(({ account: a }) => a.priority === 5)) {
      expect(rule.required, account.id).toBe(account.frequency.visits);
    }
    const required = rules.reduce((n, { rule }) => n + rule.required, 0);
    const prospects = request.prospecting?.visitsPerWeek ?? 0;
    expect(required + prospects).toBeLessThanOrEqual(days.length * (request.rep.maxVisitsPerDay ?? Infinity) - 5);

    // Visits alone take 45-70 % of the working time (breaks excluded); driving fills most of the rest.
    const breakMinutes = request.rep.break?.minutes ?? 0;
    const workMinutes = days.reduce((m, d) => m + (d.end - d.start) / 60 - breakMinutes, 0);
    const visitMinutes =
      rules.reduce((m, { account, rule }) => m + rule.required * account.visitMinutes, 0) +
      prospects * Math.max(...request.prospects.map((p) => p.visitMinutes));
    expect(visitMinutes / workMinutes).toBeGreaterThan(0.45);
    expect(visitMinutes / workMinutes).toBeLessThan(0.7);
  });

  it('has opening windows that leave room for each visit', () => {
    for (const place of [...request.accounts, ...request.prospects]) {
      for (const hours of place.openingHours ?? []) {
        expect(minutesOf(hours.end) - minutesOf(hours.start), place.id).toBeGreaterThanOrEqual(place.visitMinutes);
      }
    }
  });
});

describe('examples/small.json', () => {
  const request = load('small.json');

  it('is a five-day request with five accounts and one prospect', () => {
    expect(request.horizon.days).toBe(5);
    expect(request.accounts).toHaveLength(5);
    expect(request.prospects).toHaveLength(1);
    expectUniqueIds(request);
    expectAppointmentsPlannable(request);
  });
});

describe('every example', () => {
  it.each(['week.json', 'small.json'])('%s is in the time zone of its French reps, with no language set (English unless asked)', (name) => {
    const request = load(name);
    expect(request.timezone).toBe('Europe/Paris');
    expect(request.options.locale).toBeUndefined();
  });
});
