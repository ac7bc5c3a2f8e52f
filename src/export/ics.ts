/**
 * A plan as an iCalendar file (RFC 5545): one VEVENT per visit (and, when
 * asked, per break) in the rep's time zone, described by a VTIMEZONE. UIDs
 * are stable per rep, account and date, and SEQUENCE grows with each new
 * version of the plan, so importing a replan updates the events it shares
 * with the previous one instead of adding copies.
 */
import type { Locale } from '../contract/common.js';
import type { DayResult, PlanResult, StopResult } from '../contract/plan-result.js';
import { dayNumber } from '../domain/calendar.js';
import { decimal, labels, type Labels } from './labels.js';
import { localStamp, vtimezone } from './vtimezone.js';

const DAY = 86_400_000;
/** SEQUENCE counts seconds from here, which keeps it within iCalendar's 32-bit integers until 2088. */
const SEQUENCE_EPOCH = 1_577_836_800_000; // 2020-01-01T00:00:00Z

export interface CalendarOptions {
  readonly locale: Locale;
  /** Include the lunch breaks as events. */
  readonly withBreak: boolean;
  /** When this version of the plan was made (ms since the epoch): DTSTAMP and SEQUENCE. */
  readonly revisedAt: number;
}

export function toICalendar(result: PlanResult, options: CalendarOptions): string {
  const words = labels(options.locale);
  const zone = result.timezone;
  const first = result.days.at(0);
  const last = result.days.at(-1);
  const from = first === undefined ? options.revisedAt : dayNumber(first.date) * DAY;
  const to = last === undefined ? options.revisedAt : (dayNumber(last.date) + 1) * DAY;
  const stamp = `${localStamp(options.revisedAt, 0)}Z`;
  const sequence = Math.max(0, Math.floor((options.revisedAt - SEQUENCE_EPOCH) / 1000));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Tournée//Plan export//${options.locale.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${text(words.calendarName(result.rep.id))}`,
    `X-WR-TIMEZONE:${zone}`,
    ...vtimezone(zone, from, to),
    ...result.days.flatMap((day) =>
      day.stops
        .filter((stop) => options.withBreak || stop.kind !== 'break')
        .flatMap((stop) => event(result, day, stop, { words, zone, stamp, sequence, locale: options.locale })),
    ),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

interface EventContext {
  readonly words: Labels;
  readonly zone: string;
  readonly stamp: string;
  readonly sequence: number;
  readonly locale: Locale;
}

function event(result: PlanResult, day: DayResult, stop: StopResult, c: EventContext): string[] {
  const { words } = c;
  const date = day.date.replaceAll('-', '');
  const at = (time: string) => `DTSTART;TZID=${c.zone}:${date}T${time.replace(':', '')}00`;
  const uid = `${encodeURIComponent(result.rep.id)}/${stop.kind}/${encodeURIComponent(stop.id ?? '')}/${day.date}@tournee`;
  const common = [`UID:${uid}`, `DTSTAMP:${c.stamp}`, `SEQUENCE:${String(c.sequence)}`, at(stop.start), `DTEND;TZID=${c.zone}:${date}T${stop.end.replace(':', '')}00`];
  const where = `GEO:${String(stop.lat)};${String(stop.lon)}`;
  if (stop.kind === 'break') {
    return ['BEGIN:VEVENT', ...common, `SUMMARY:${text(words.kind.break)}`, where, 'STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT'];
  }
  const visits = day.stops.filter((s) => s.kind !== 'break');
  const order = visits.indexOf(stop) + 1;
  const name = stop.name ?? stop.id ?? '';
  const title = stop.appointment === true ? words.appointment + words.colon + name : stop.kind === 'prospect' ? words.prospect + words.colon + name : name;
  const description = [
    words.visitOfDay(order, visits.length),
    words.arrival(stop.arrival, stop.waitMinutes),
    words.drive(stop.travelMinutes, decimal(stop.travelKm, c.locale)),
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    ...common,
    `SUMMARY:${text(title)}`,
    `LOCATION:${text(`${name} (${String(stop.lat)}, ${String(stop.lon)})`)}`,
    where,
    `DESCRIPTION:${text(description)}`,
    `CATEGORIES:${text(stop.appointment === true ? words.appointment : words.kind[stop.kind])}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** A TEXT value (§3.3.11): backslash, semicolon, comma and newline escaped. */
function text(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Lines of at most 75 octets (§3.1), continued after CRLF and a space, never inside a UTF-8 character. */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
