import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { fold, toICalendar } from '../../src/export/ics.js';
import { exportRequest, planned } from '../helpers/planned.js';

const REVISED = Date.parse('2026-11-20T16:02:11Z');

/** Reads a file the way a calendar program does: parsed by ical.js, its time zones registered, its events as ICAL.Event. */
function importCalendar(text: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const jcal: unknown = ICAL.parse(text);
  if (!Array.isArray(jcal)) throw new Error('not one calendar');
  const calendar = new ICAL.Component(jcal);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

/** The visits of a plan, in order. */
function visits(result: PlanResult) {
  return result.days.flatMap((day) => day.stops.filter((s) => s.kind !== 'break').map((stop) => ({ day, stop })));
}

/** UTC instant of a local Paris time, from the rule Europe/Paris follows: UTC+2 from the last Sunday of March to the last Sunday of October. */
function parisToUtc(date: string, time: string): number {
  const summer = date >= '2026-03-29' && date < '2026-10-25';
  return Date.parse(`${date}T${time}:00Z`) - (summer ? 2 : 1) * 3_600_000;
}

describe('iCalendar export', () => {
  let result: PlanResult;
  let text: string;
  beforeAll(async () => {
    ({ result } = await planned());
    text = toICalendar(result, { locale: 'en', withBreak: false, revisedAt: REVISED });
  });

  it('is well-formed: CRLF lines of at most 75 octets, the required properties', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    const { calendar, events } = importCalendar(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    for (const e of events) {
      for (const name of ['uid', 'dtstamp', 'dtstart', 'dtend', 'sequence']) expect(e.component.hasProperty(name), name).toBe(true);
    }
  });

  it('has one event per visit (appointments included, no break), at its local time in the rep\'s zone', () => {
    const { events } = importCalendar(text);
    const expected = visits(result);
    expect(events).toHaveLength(expected.length);
    expected.forEach(({ day, stop }, i) => {
      const e = events[i];
      expect(e.startDate.zone.tzid).toBe('Europe/Paris');
      expect(e.startDate.toJSDate().getTime()).toBe(parisToUtc(day.date, stop.start));
      expect(e.endDate.toJSDate().getTime()).toBe(parisToUtc(day.date, stop.end));
      expect(e.summary).toContain(stop.name ?? stop.id ?? '');
      if (stop.appointment === true) expect(e.summary).toMatch(/^Appointment: /);
      expect(e.location).toContain(String(stop.lat));
      const geo: unknown = e.component.getFirstPropertyValue('geo');
      expect(geo).toEqual([stop.lat, stop.lon]);
    });
    expect(expected.some(({ stop }) => stop.appointment === true)).toBe(true);
  });

  it('keeps a name with commas, semicolons, quotes and accents intact through escaping and folding', async () => {
    const name = 'Boulangerie "Morel", rue de l\'Église; Rennes — ouverte du lundi au vendredi, fermée en août';
    const input = exportRequest();
    const accounts = input.accounts.map((a) => (a.id === 'a1' ? { ...a, name } : a));
    const { result: renamed } = await planned({ ...input, accounts });
    const { events } = importCalendar(toICalendar(renamed, { locale: 'en', withBreak: false, revisedAt: REVISED }));
    expect(events.filter((e) => e.summary === name).length).toBeGreaterThan(0);
    expect(fold('é'.repeat(60)).split('\r\n ').map((l) => Buffer.byteLength(l))).toEqual([74, 46]);
  });

  it('gives stable UIDs per rep, account and date, and a greater SEQUENCE to a later version', () => {
    const later = toICalendar(result, { locale: 'en', withBreak: false, revisedAt: REVISED + 3_600_000 });
    const first = importCalendar(text).events;
    const second = importCalendar(later).events;
    expect(second.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(new Set(first.map((e) => e.uid)).size).toBe(first.length);
    const [a, b] = [first[0], second[0]];
    expect(b.sequence).toBeGreaterThan(a.sequence);
    const { day, stop } = visits(result)[0];
    expect(a.uid).toBe(`rep-1/${stop.kind}/${stop.id ?? ''}/${day.date}@tournee`);
  });

  it('adds the breaks when asked', () => {
    const breaks = result.days.flatMap((d) => d.stops.filter((s) => s.kind === 'break'));
    expect(breaks.length).toBeGreaterThan(0);
    const { events } = importCalendar(toICalendar(result, { locale: 'en', withBreak: true, revisedAt: REVISED }));
    expect(events.filter((e) => e.summary === 'Break')).toHaveLength(breaks.length);
  });

  it('writes its own text in French when asked', () => {
    const { calendar, events } = importCalendar(toICalendar(result, { locale: 'fr', withBreak: true, revisedAt: REVISED }));
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/FR$/);
    expect(events.some((e) => e.summary === 'Pause')).toBe(true);
    expect(events.some((e) => e.summary.startsWith('Rendez-vous : '))).toBe(true);
    expect(events[0].description).toMatch(/^Visite 1 sur \d+ de la journée\./);
  });
});

describe('iCalendar time zones', () => {
  it('describes a change of offset inside the plan: events before and after it land at the right instants', async () => {
    // Europe/Paris leaves summer time on Sunday 25 October 2026 at 03:00 local (01:00 UTC).
    const input = exportRequest({
      horizon: { start: '2026-10-23', days: 5 },
      accounts: exportRequest().accounts.map((a) => ({ ...a, appointments: undefined, lastVisit: '2026-10-16' })),
    });
    const everyDay = { ...input, rep: { ...input.rep, workingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, start: '08:00', end: '18:00' }] } };
    const { result } = await planned(JSON.parse(JSON.stringify(everyDay)) as typeof input);
    const dates = result.days.map((d) => d.date);
    expect(dates.some((d) => d < '2026-10-25') && dates.some((d) => d > '2026-10-25')).toBe(true);
    const { calendar, events } = importCalendar(toICalendar(result, { locale: 'en', withBreak: false, revisedAt: REVISED }));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    expect(zone?.getAllSubcomponents('standard').length).toBeGreaterThan(0);
    expect(zone?.getAllSubcomponents('daylight').length).toBeGreaterThan(0);
    visits(result).forEach(({ day, stop }, i) => {
      expect(events[i].startDate.toJSDate().getTime(), `${day.date} ${stop.start}`).toBe(parisToUtc(day.date, stop.start));
    });
  });

  it('serves a zone without daylight saving time with one standard observance', async () => {
    const { result } = await planned(exportRequest({ timezone: 'Asia/Kolkata' }));
    const { calendar, events } = importCalendar(toICalendar(result, { locale: 'en', withBreak: false, revisedAt: REVISED }));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getAllSubcomponents('daylight')).toHaveLength(0);
    const { day, stop } = visits(result)[0];
    expect(events[0].startDate.toJSDate().getTime()).toBe(Date.parse(`${day.date}T${stop.start}:00Z`) - 330 * 60_000);
  });
});
