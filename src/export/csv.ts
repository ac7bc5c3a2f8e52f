/**
 * A plan as CSV (RFC 4180): one row per stop, UTF-8 with a byte order mark
 * and CRLF line ends. In French, fields are separated by semicolons and
 * decimals written with a comma, which is what a French spreadsheet expects.
 */
import type { Locale } from '../contract/common.js';
import type { PlanResult } from '../contract/plan-result.js';
import { dayNumber, formatDay } from '../domain/calendar.js';
import { decimal, labels } from './labels.js';

const BOM = '\uFEFF';

export function toCsv(result: PlanResult, locale: Locale): string {
  const words = labels(locale);
  const separator = locale === 'fr' ? ';' : ',';
  const number = (value: number) => decimal(value, locale);
  const rows: string[][] = [[...words.csvHeader]];
  for (const day of result.days) {
    const weekday = formatDay(dayNumber(day.date), locale, { weekday: 'long' });
    let order = 0;
    for (const stop of day.stops) {
      if (stop.kind !== 'break') order++;
      rows.push([
        day.date,
        weekday,
        stop.kind === 'break' ? '' : String(order),
        words.kind[stop.kind],
        cell(stop.id ?? ''),
        cell(stop.name ?? ''),
        stop.arrival,
        stop.start,
        stop.end,
        String(stop.waitMinutes),
        String(stop.travelMinutes),
        number(stop.travelKm),
        number(stop.lat),
        number(stop.lon),
        stop.appointment === true ? words.yes : '',
      ]);
    }
  }
  return BOM + rows.map((row) => row.map((field) => quoted(field, separator)).join(separator)).join('\r\n') + '\r\n';
}

/** Quotes a field when it holds the separator, a quote or a line break; quotes inside are doubled. */
function quoted(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Text from the request (ids, names) that a spreadsheet would run as a
 * formula gets a leading apostrophe, which spreadsheets show as text.
 */
function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
