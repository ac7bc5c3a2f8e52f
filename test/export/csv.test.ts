import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { toCsv } from '../../src/export/csv.js';
import { planned } from '../helpers/planned.js';

/** Parses as a strict RFC 4180 reader would: every row as long as the header, quotes only where allowed. */
function read(text: string, delimiter: string): string[][] {
  const rows: unknown = parse(text, { bom: true, delimiter, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false });
  if (!isRows(rows)) throw new Error('not rows of strings');
  return rows;
}

function isRows(value: unknown): value is string[][] {
  return Array.isArray(value) && value.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string'));
}

describe('CSV export', () => {
  let result: PlanResult;
  beforeAll(async () => {
    ({ result } = await planned());
  });

  it('in English: comma separated, decimal points, a BOM and CRLF, one row per stop', () => {
    const text = toCsv(result, 'en');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = read(text, ',');
    expect(header).toEqual(['Date', 'Day', 'Order', 'Kind', 'Id', 'Name', 'Arrival', 'Start', 'End', 'Wait (min)', 'Drive (min)', 'Drive (km)', 'Latitude', 'Longitude', 'Appointment']);
    const stops = result.days.flatMap((d) => d.stops.map((s) => ({ d, s })));
    expect(rows).toHaveLength(stops.length);
    stops.forEach(({ d, s }, i) => {
      const row = rows[i];
      expect(row[0]).toBe(d.date);
      expect(row[3]).toBe({ account: 'Account', prospect: 'Prospect', break: 'Break' }[s.kind]);
      expect([row[6], row[7], row[8]]).toEqual([s.arrival, s.start, s.end]);
      expect(Number(row[10])).toBe(s.travelMinutes);
      expect(Number(row[11])).toBe(s.travelKm);
      expect([Number(row[12]), Number(row[13])]).toEqual([s.lat, s.lon]);
    });
    // Visits are numbered 1, 2, 3... each day; the break has no number.
    for (const day of result.days) {
      const orders = rows.filter((r) => r[0] === day.date && r[3] !== 'Break').map((r) => Number(r[2]));
      expect(orders).toEqual(orders.map((_, i) => i + 1));
    }
  });

  it('in French: semicolons, decimal commas and French headers, which a French spreadsheet reads as numbers', () => {
    const text = toCsv(result, 'fr');
    const [header, ...rows] = read(text, ';');
    expect(header[0]).toBe('Date');
    expect(header).toContain('Trajet (km)');
    expect(rows.some((r) => r[1] === 'lundi' || r[1] === 'mardi')).toBe(true);
    const first = result.days[0].stops[0];
    expect(rows[0][11]).toBe(String(first.travelKm).replace('.', ','));
    expect(rows[0][12]).toBe(String(first.lat).replace('.', ','));
    for (const row of rows) for (const cell of [row[11], row[12], row[13]]) expect(cell).toMatch(/^-?\d+(,\d+)?$/);
  });

  it('quotes names with separators and quotes, and defuses formulas', () => {
    const day = result.days[0];
    const tricky: PlanResult = {
      ...result,
      days: [{ ...day, stops: [{ ...day.stops[0], kind: 'account', id: '=HYPERLINK("x")', name: 'Bar "Le Chat"; quai, Rennes\nétage 2' }] }],
    };
    for (const [locale, sep] of [['en', ','], ['fr', ';']] as const) {
      const [, row] = read(toCsv(tricky, locale), sep);
      expect(row[4]).toBe('\'=HYPERLINK("x")');
      expect(row[5]).toBe('Bar "Le Chat"; quai, Rennes\nétage 2');
    }
  });
});
