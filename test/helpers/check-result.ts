/**
 * An independent re-verification of a PlanResult against its request and
 * matrix. It re-derives every rule (README "Frequency rules") on its own (dates through
 * Date.UTC, nothing from src/domain) and throws on the first violation.
 */
import type { PlanRequest } from '../../src/contract/plan-request.js';
import type { PlanResult } from '../../src/contract/plan-result.js';
import type { Matrix } from '../../src/matrix/travel-times.js';

const DAY_MS = 86_400_000;
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const toDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const toIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: number): (typeof WEEK)[number] => WEEK[new Date(day * DAY_MS).getUTCDay()];
const mins = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const round1 = (x: number): number => Math.round(x * 10) / 10;

function fail(message: string): never {
  throw new Error(`checkPlanResult: ${message}`);
}
function expect(ok: boolean, message: string): void {
  if (!ok) fail(message);
}

type Hours = { days: readonly string[]; start: string; end: string }[] | undefined;

/** Opening intervals [open, close] in minutes on a weekday; undefined hours = always open. */
function isOpenFor(hours: Hours, day: number, start: number, end: number): boolean {
  if (hours === undefined) return true;
  const spans = hours.filter((h) => h.days.includes(weekday(day))).map((h) => [mins(h.start), mins(h.end)]).sort((a, b) => a[0] - b[0]);
  let reach = -1;
  let from = -1;
  for (const [o, c] of spans) {
    if (o > reach) from = o;
    reach = Math.max(reach, c);
    if (from <= start && end <= reach) return true;
  }
  return false;
}

export function checkPlanResult(request: PlanRequest, matrix: Matrix, result: PlanResult, options: { today: string }): void {
  const rep = request.rep;
  const today = toDay(options.today);
  const sinceMonday = (new Date(today * DAY_MS).getUTCDay() + 6) % 7;
  const h0 = request.horizon.start === undefined ? today + 7 - sinceMonday : toDay(request.horizon.start);
  const h1 = h0 + request.horizon.days - 1;
  const hoursOf = (day: number) => rep.workingHours.find((h) => h.days.includes(weekday(day)));
  const unavailable = new Set(rep.unavailableDates ?? []);
  const n = matrix.size;
  const endLoc = rep.end === undefined ? 0 : 1;
  const accountLoc = (i: number): number => endLoc + 1 + i;
  const travelMin = (a: number, b: number): number => Math.ceil(matrix.durations[a * n + b] / 60);
  const prospectLoc = (i: number): number => endLoc + 1 + request.accounts.length + i;
  const accountIndex = new Map(request.accounts.map((a, i) => [a.id, i]));
  const prospectIndex = new Map(request.prospects.map((p, i) => [p.id, i]));
  const visitsByAccount = new Map<string, { day: number; start: number }[]>();
  const prospectWeeks = new Map<number, number>();
  const prospectsSeen = new Set<string>();
  let lastDay = -Infinity;
  let used = 0;
  let working = 0;

  for (const d of result.days) {
    const day = toDay(d.date);
    const at = `day ${d.date}`;
    expect(day > lastDay, `${at}: days must ascend without repeats`);
    lastDay = day;
    expect(day >= h0 && day <= h1, `${at}: outside the horizon ${toIso(h0)}..${toIso(h1)}`);
    const hours = hoursOf(day);
    if (hours === undefined) return fail(`${at}: the rep does not work on ${weekday(day)}`);
    expect(!unavailable.has(d.date), `${at}: the rep is unavailable`);
    const [ws, we] = [mins(hours.start), mins(hours.end)];
    expect(mins(d.departure) >= ws, `${at}: departure ${d.departure} before ${hours.start}`);
    expect(mins(d.return) <= we, `${at}: return ${d.return} after ${hours.end}`);
    used += mins(d.return) - mins(d.departure);
    working += we - ws;

    let t = mins(d.departure);
    let prev = 0;
    let drive = 0;
    let metres = 0;
    let visitMinutes = 0;
    let visits = 0;
    let breaks = 0;
    const seen = new Set<string>();
    for (const [i, s] of d.stops.entries()) {
      const sat = `${at} stop ${i} (${s.id ?? s.kind})`;
      if (s.kind === 'break') {
        const b = rep.break;
        if (b === undefined) return fail(`${sat}: the rep has no break`);
        breaks++;
        expect(mins(s.start) >= mins(b.earliest) && mins(s.start) <= mins(b.latest), `${sat}: break starts outside [${b.earliest}, ${b.latest}]`);
        expect(mins(s.end) - mins(s.start) === b.minutes, `${sat}: break is not ${b.minutes} minutes`);
        expect(s.arrival === s.start && s.waitMinutes === 0 && s.travelMinutes === 0, `${sat}: break must have arrival = start and no wait or travel`);
        expect(mins(s.end) <= we, `${sat}: break ends after working hours`);
        expect(mins(s.start) >= t, `${sat}: break overlaps the previous stop`);
        const where = i === 0 ? rep.start : d.stops[i - 1];
        expect(s.lat === where.lat && s.lon === where.lon, `${sat}: the break is not where the rep is`);
        t = mins(s.end);
        continue;
      }
      const id = s.id ?? fail(`${sat}: missing id`);
      expect(!seen.has(id), `${sat}: ${id} is visited twice on one day`);
      seen.add(id);
      const isAccount = s.kind === 'account';
      const index = (isAccount ? accountIndex : prospectIndex).get(id) ?? fail(`${sat}: unknown ${s.kind}`);
      const item = isAccount ? request.accounts[index] : request.prospects[index];
      const loc = isAccount ? accountLoc(index) : prospectLoc(index);
      expect(s.lat === item.location.lat && s.lon === item.location.lon, `${sat}: at ${s.lat},${s.lon}, not at its location`);
      const travel = Math.ceil(matrix.durations[prev * n + loc] / 60);
      const km = round1(matrix.distances[prev * n + loc] / 1000);
      expect(s.travelMinutes === travel, `${sat}: travel ${s.travelMinutes} min, matrix gives ${travel}`);
      expect(Math.abs(s.travelKm - km) < 1e-9, `${sat}: travel ${s.travelKm} km, matrix gives ${km}`);
      expect(mins(s.arrival) === t + travel, `${sat}: arrival ${s.arrival} is not previous end + ${travel} min`);
      expect(mins(s.start) >= mins(s.arrival) && s.waitMinutes === mins(s.start) - mins(s.arrival), `${sat}: wait does not match arrival and start`);
      expect(mins(s.end) - mins(s.start) === item.visitMinutes, `${sat}: visit is not ${item.visitMinutes} minutes`);
      const appointment = isAccount && (request.accounts[index].appointments ?? []).some((a) => a.date === d.date);
      if (appointment) {
        const times = (request.accounts[index].appointments ?? []).filter((a) => a.date === d.date).map((a) => a.start);
        expect(times.includes(s.start), `${sat}: appointment day but start ${s.start} is not ${times.join('/')}`);
      } else {
        expect(!(item.closedDates ?? []).includes(d.date), `${sat}: closed on ${d.date}`);
        expect(isOpenFor(item.openingHours, day, mins(s.start), mins(s.end)), `${sat}: ${s.start}–${s.end} is outside the opening hours`);
      }
      if (isAccount) visitsByAccount.set(id, [...(visitsByAccount.get(id) ?? []), { day, start: mins(s.start) }]);
      else {
        expect(!prospectsSeen.has(id), `${sat}: prospect visited twice`);
        prospectsSeen.add(id);
        const week = Math.floor((day - h0) / 7);
        prospectWeeks.set(week, (prospectWeeks.get(week) ?? 0) + 1);
      }
      drive += travel;
      metres += matrix.distances[prev * n + loc];
      visitMinutes += item.visitMinutes;
      visits++;
      t = mins(s.end);
      prev = loc;
    }
    const back = Math.ceil(matrix.durations[prev * n + endLoc] / 60);
    metres += matrix.distances[prev * n + endLoc];
    expect(d.returnTravelMinutes === back, `${at}: return travel ${d.returnTravelMinutes} min, matrix gives ${back}`);
    expect(Math.abs(d.returnTravelKm - round1(matrix.distances[prev * n + endLoc] / 1000)) < 1e-9, `${at}: return km differs from the matrix`);
    expect(mins(d.return) === t + back, `${at}: return ${d.return} is not last end + ${back} min`);
    expect(d.driveMinutes === drive + back, `${at}: driveMinutes ${d.driveMinutes}, stops give ${drive + back}`);
    expect(Math.abs(d.driveKm - round1(metres / 1000)) < 1e-9, `${at}: driveKm ${d.driveKm}, matrix gives ${round1(metres / 1000)}`);
    expect(d.visitMinutes === visitMinutes, `${at}: visitMinutes ${d.visitMinutes}, stops give ${visitMinutes}`);
    expect(visits > 0, `${at}: a day without visits`);
    expect(rep.maxDriveMinutesPerDay === undefined || d.driveMinutes <= rep.maxDriveMinutesPerDay, `${at}: more than ${rep.maxDriveMinutesPerDay ?? 0} min of driving`);
    expect(rep.maxVisitsPerDay === undefined || visits <= rep.maxVisitsPerDay, `${at}: more than ${rep.maxVisitsPerDay ?? 0} visits`);
    expect(breaks <= 1, `${at}: more than one break`);
    // A tour still on the road after the break's latest start takes it; one back by then has it at home.
    const b = rep.break;
    const holds = b !== undefined && ws <= mins(b.earliest) && mins(b.earliest) + b.minutes <= we;
    if (holds && mins(d.return) > mins(b.latest) && breaks === 0) {
      // Only the day's appointments may crowd the break out: they alone must leave it no room.
      const fixed = keptAppointments(request, d);
      expect(fixed.length > 0 && !roomForBreak(fixed, ws, we, b, travelMin, endLoc), `${at}: the break is missing`);
    }
    if (breaks === 1) expect(mins(d.return) > mins(b?.latest ?? '00:00'), `${at}: a break listed though the rep is home by ${b?.latest ?? ''}`);
  }

  const end = rep.end ?? rep.start;
  expect(result.rep.id === rep.id && result.rep.start.lat === rep.start.lat && result.rep.start.lon === rep.start.lon, 'rep: not the request\'s');
  expect(result.rep.end.lat === end.lat && result.rep.end.lon === end.lon, 'rep.end: not the request\'s end (or start)');
  expect(result.timezone === request.timezone, `timezone ${result.timezone}, the request says ${request.timezone}`);
  expect(result.locale === (request.options.locale ?? 'en'), `locale ${result.locale}, the request asks ${request.options.locale ?? 'none'}`);
  for (const u of result.unplanned) {
    const account = request.accounts[accountIndex.get(u.accountId) ?? fail(`unplanned ${u.accountId}: unknown account`)];
    expect(u.lat === account.location.lat && u.lon === account.location.lon && u.name === account.name, `unplanned ${u.accountId}: not the account's name and location`);
  }

  const cap = request.prospecting?.visitsPerWeek ?? 0;
  for (const [week, count] of prospectWeeks) expect(count <= cap, `week ${week}: ${count} prospect visits, target ${cap}`);
  checkFrequencies(request, result, visitsByAccount, h0, h1);
  checkAppointmentsKept(request, result, { h0, h1, hoursOf, unavailable, travelMin, endLoc });
  checkSummary(result, prospectsSeen.size, used, working);
}

/** A fixed visit of a day: where, from and to when (minutes). */
interface Fixed {
  readonly loc: number;
  readonly start: number;
  readonly end: number;
  readonly id: string;
}

/** The appointments a day of the result keeps, by start time. */
function keptAppointments(request: PlanRequest, day: PlanResult['days'][number]): Fixed[] {
  const endLoc = request.rep.end === undefined ? 0 : 1;
  return day.stops.flatMap((s) => {
    const index = request.accounts.findIndex((a) => a.id === s.id);
    return s.appointment === true && index >= 0 ? [{ loc: endLoc + 1 + index, start: mins(s.start), end: mins(s.end), id: s.id ?? '' }] : [];
  });
}

/** Whether a break fits among fixed visits alone: at home before the first, or at one of them before driving on. */
function roomForBreak(fixed: readonly Fixed[], ws: number, we: number, b: NonNullable<PlanRequest['rep']['break']>, travelMin: (a: number, b: number) => number, endLoc: number): boolean {
  const latest = Math.min(mins(b.latest), we - b.minutes);
  const last = fixed[fixed.length - 1];
  if (last.end + travelMin(last.loc, endLoc) <= latest) return true;
  for (let k = 0; k <= fixed.length; k++) {
    const ready = k === 0 ? ws : fixed[k - 1].end;
    const from = k === 0 ? 0 : fixed[k - 1].loc;
    const begin = Math.max(ready, mins(b.earliest));
    if (begin > latest) continue;
    const free = begin + b.minutes;
    if (k === fixed.length ? free + travelMin(from, endLoc) <= we : free + travelMin(from, fixed[k].loc) <= fixed[k].start) return true;
  }
  return false;
}

interface DayRules {
  readonly h0: number;
  readonly h1: number;
  readonly hoursOf: (day: number) => { start: string; end: string } | undefined;
  readonly unavailable: ReadonlySet<string>;
  readonly travelMin: (a: number, b: number) => number;
  readonly endLoc: number;
}

/**
 * Appointments are firm: one the plan does not keep must fall on a day off or
 * outside the working hours, or collide with one it keeps (the unplanned entry
 * names it, and the rep cannot be at both), or not fit with that day's kept
 * appointments at all.
 */
function checkAppointmentsKept(request: PlanRequest, result: PlanResult, r: DayRules): void {
  const days = new Map(result.days.map((d) => [d.date, d]));
  request.accounts.forEach((account, index) => {
    const byDate = new Map<string, number>();
    for (const a of account.appointments ?? []) byDate.set(a.date, Math.min(byDate.get(a.date) ?? Infinity, mins(a.start)));
    for (const [date, start] of byDate) {
      const day = toDay(date);
      if (day < r.h0 || day > r.h1) continue;
      const stop = days.get(date)?.stops.find((s) => s.id === account.id);
      if (stop?.appointment === true) continue;
      const hours = r.hoursOf(day);
      if (hours === undefined || r.unavailable.has(date)) continue;
      if (start < mins(hours.start) || start + account.visitMinutes > mins(hours.end)) continue;
      const at = `account ${account.id}: the appointment on ${date}`;
      const entry = result.unplanned.find((u) => u.accountId === account.id);
      const loc = r.endLoc + 1 + index;
      if (entry?.reason === 'too_far') {
        expect(mins(hours.start) + r.travelMin(0, loc) > start, `${at} is said to be out of reach, but the rep can be there in time`);
        continue;
      }
      expect(entry?.reason === 'appointment_conflict', `${at} is not kept and not reported as a conflict`);
      const mine: Fixed = { loc, start, end: start + account.visitMinutes, id: account.id };
      const kept = (() => {
        const d = days.get(date);
        return d === undefined ? [] : keptAppointments(request, d);
      })();
      const other = entry?.conflictsWith;
      if (other !== undefined) {
        const theirs = kept.find((f) => f.id === other);
        expect(theirs !== undefined, `${at} collides with ${other}, whose appointment is not kept that day`);
        if (theirs === undefined) return;
        const [a, b] = mine.start <= theirs.start ? [mine, theirs] : [theirs, mine];
        expect(a.end + r.travelMin(a.loc, b.loc) > b.start, `${at} could be kept beside ${other}'s`);
        continue;
      }
      const all = [...kept, mine].sort((x, y) => x.start - y.start);
      let t = mins(hours.start);
      let prev = 0;
      let fits = request.rep.maxVisitsPerDay === undefined || all.length <= request.rep.maxVisitsPerDay;
      let drive = 0;
      for (const f of all) {
        if (t + r.travelMin(prev, f.loc) > f.start) fits = false;
        drive += r.travelMin(prev, f.loc);
        t = f.end;
        prev = f.loc;
      }
      drive += r.travelMin(prev, r.endLoc);
      if (t + r.travelMin(prev, r.endLoc) > mins(hours.end)) fits = false;
      if (request.rep.maxDriveMinutesPerDay !== undefined && drive > request.rep.maxDriveMinutesPerDay) fits = false;
      expect(!fits, `${at} fits with that day's kept appointments but is not kept`);
    }
  });
}

function checkFrequencies(
  request: PlanRequest,
  result: PlanResult,
  visits: ReadonlyMap<string, readonly { day: number; start: number }[]>,
  h0: number,
  h1: number,
): void {
  const eps = 1e-9;
  expect(result.accounts.length === request.accounts.length, 'accounts[] must list every account');
  for (const [i, account] of request.accounts.entries()) {
    const summary = result.accounts[i];
    const at = `account ${account.id}`;
    expect(summary.id === account.id, `${at}: accounts[] out of order`);
    const planned = (visits.get(account.id) ?? []).map((v) => v.day);
    expect(summary.plannedDates.join() === planned.map(toIso).join(), `${at}: plannedDates ${summary.plannedDates.join()} differ from the days`);

    const I = (7 * account.frequency.perWeeks) / account.frequency.visits;
    const t = account.toleranceDays ?? Math.max(1, Math.floor(I / 4 + 0.5 + eps));
    let due: number;
    let from: number;
    let to: number;
    if (account.lastVisit === undefined) {
      due = h0 + I - 1;
      [from, to] = [h0, Math.floor(due + t + eps)];
    } else {
      const d1 = toDay(account.lastVisit) + I;
      if (Math.floor(d1 + t + eps) < h0) [due, from, to] = [h0, h0, h0 + t];
      // A fractional due date with a tolerance smaller than its fraction keeps the days on both sides.
      else [due, from, to] = [d1, Math.min(Math.ceil(d1 - t - eps), Math.floor(d1 + eps)), Math.max(Math.floor(d1 + t + eps), Math.ceil(d1 - eps))];
    }
    let required = 0;
    for (let d = due; Math.floor(d + eps) <= h1; d += I) required++;
    const appointments = new Set((account.appointments ?? []).map((a) => toDay(a.date)).filter((d) => d >= h0 && d <= h1));
    const expected = Math.max(required, appointments.size);
    expect(summary.visitsRequired === expected, `${at}: visitsRequired ${summary.visitsRequired}, rules give ${expected}`);
    const missed = result.unplanned.filter((u) => u.accountId === account.id).reduce((s, u) => s + u.visitsMissing, 0);
    expect(planned.length + missed === expected, `${at}: ${planned.length} planned + ${missed} missed ≠ ${expected} required`);

    const minGap = Math.max(1, Math.ceil(I - t - eps));
    const maxGap = Math.floor(I + t + eps);
    const rules = { I, t, minGap, maxGap, from, to, due, expected, appointments };
    expect(visitsFit(planned, rules), `${at}: visits on ${planned.map(toIso).join(', ')} follow no reading of the frequency rules (window ${toIso(from)}..${toIso(to)}, ${minGap}..${maxGap} days apart)`);
  }
}

interface VisitRules {
  readonly I: number;
  readonly t: number;
  readonly minGap: number;
  readonly maxGap: number;
  /** First-visit window and due date. */
  readonly from: number;
  readonly to: number;
  readonly due: number;
  readonly expected: number;
  readonly appointments: ReadonlySet<number>;
}

/**
 * Whether the planned days can be the account's visits 1..expected, some
 * missed: the first in its window; one after a planned visit minGap..maxGap
 * days later; one after a missed visit within the tolerance of its due date
 * (the missed one's + I) and at least minGap after the last planned one.
 * Appointments keep no window, and keep the spacing only to a free visit
 * planned just before them.
 */
function visitsFit(planned: readonly number[], r: VisitRules): boolean {
  const eps = 1e-9;
  const seen = new Set<string>();
  const fit = (i: number, k: number, due: number, prev: number | undefined, adjacent: boolean): boolean => {
    if (i === planned.length) return true;
    if (k >= r.expected) return false;
    const key = `${i}|${k}|${due}|${prev ?? ''}|${adjacent}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const day = planned[i];
    const fixed = r.appointments.has(day);
    let ok: boolean;
    if (k === 0 && prev === undefined) ok = fixed || (day >= r.from && day <= r.to);
    else if (adjacent && prev !== undefined) ok = (fixed && r.appointments.has(prev)) || (day - prev >= r.minGap && day - prev <= r.maxGap);
    else ok = fixed || (day >= Math.ceil(due - r.t - eps) && day <= Math.floor(due + r.t + eps) && (prev === undefined || day - prev >= r.minGap));
    if (ok && fit(i + 1, k + 1, day + r.I, day, true)) return true;
    return fit(i, k + 1, due + r.I, prev, false);
  };
  return fit(0, 0, r.due, undefined, false);
}

function checkSummary(result: PlanResult, prospectVisits: number, used: number, working: number): void {
  const s = result.summary;
  const sum = (f: (d: PlanResult['days'][number]) => number): number => result.days.reduce((acc, d) => acc + f(d), 0);
  const required = result.accounts.reduce((acc, a) => acc + a.visitsRequired, 0);
  const planned = result.accounts.reduce((acc, a) => acc + a.plannedDates.length, 0);
  expect(s.visitsRequired === required, `summary.visitsRequired ${s.visitsRequired}, accounts give ${required}`);
  expect(s.visitsPlanned === planned, `summary.visitsPlanned ${s.visitsPlanned}, accounts give ${planned}`);
  expect(s.visitsMissed === required - planned, `summary.visitsMissed ${s.visitsMissed}, expected ${required - planned}`);
  expect(s.visitsMissed === result.unplanned.reduce((acc, u) => acc + u.visitsMissing, 0), 'summary.visitsMissed differs from unplanned[]');
  expect(s.prospectVisits === prospectVisits, `summary.prospectVisits ${s.prospectVisits}, days give ${prospectVisits}`);
  expect(s.driveMinutes === sum((d) => d.driveMinutes), 'summary.driveMinutes differs from the days');
  expect(Math.abs(s.driveKm - round1(sum((d) => d.driveKm))) < 1e-9, 'summary.driveKm differs from the days');
  expect(s.visitMinutes === sum((d) => d.visitMinutes), 'summary.visitMinutes differs from the days');
  const utilisation = working === 0 ? 0 : used / working;
  expect(Math.abs(s.utilisation - utilisation) < 0.001, `summary.utilisation ${s.utilisation}, days give ${utilisation.toFixed(3)}`);
}
