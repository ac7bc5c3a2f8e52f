import { getIssues } from '@placemarkio/check-geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlanGeoJson } from '../../src/contract/plan-geojson.js';
import type { PlanResult } from '../../src/contract/plan-result.js';
import { toGeoJson } from '../../src/export/geojson.js';
import { planned } from '../helpers/planned.js';

type Position = readonly [number, number];

const isPosition = (p: unknown): boolean =>
  Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
  Math.abs(Number(p[0])) <= 180 && Math.abs(Number(p[1])) <= 90;

/** RFC 7946 rules, checked by hand: no crs member (§4), positions of 2 or 3 numbers in range (§3.1.1), lines of two positions or more (§3.1.4). */
function rfc7946Problems(doc: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return;
    if ('crs' in node) problems.push(`${path}: crs is not part of RFC 7946`);
    if ('type' in node && 'coordinates' in node) {
      const { type, coordinates } = node;
      if (type === 'Point' && !isPosition(coordinates)) problems.push(`${path}: not a position`);
      if (type === 'LineString' && !(Array.isArray(coordinates) && coordinates.length >= 2 && coordinates.every(isPosition))) problems.push(`${path}: not a line`);
    }
    for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
  };
  walk(doc, '#');
  return problems;
}

describe('GeoJSON export', () => {
  let result: PlanResult;
  let text: string;
  beforeAll(async () => {
    ({ result } = await planned());
    text = JSON.stringify(toGeoJson(result));
  });

  it('passes an independent GeoJSON checker and RFC 7946 rules', () => {
    expect(getIssues(text)).toEqual([]);
    expect(rfc7946Problems(JSON.parse(text))).toEqual([]);
    expect(rfc7946Problems({ type: 'LineString', coordinates: [[48.1, -1.6]], crs: {} })).toHaveLength(2);
  });

  it('matches the documented schema', () => {
    expect(PlanGeoJson.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it('has each day as a LineString flagged straight (no road geometry), from the start through the visits and back', () => {
    const doc = PlanGeoJson.parse(JSON.parse(text));
    const tours = doc.features.filter((f) => f.properties.kind === 'tour');
    expect(tours).toHaveLength(result.days.length);
    tours.forEach((tour, i) => {
      const day = result.days[i];
      expect(tour.properties).toMatchObject({ kind: 'tour', date: day.date, route: 'straight', driveKm: day.driveKm });
      expect(tour.geometry.type).toBe('LineString');
      const visits = day.stops.filter((s) => s.kind !== 'break').map((s): Position => [s.lon, s.lat]);
      const home: Position = [result.rep.start.lon, result.rep.start.lat];
      expect(tour.geometry.coordinates).toEqual([home, ...visits, home]);
    });
  });

  it('has the road geometry when the plan has one', () => {
    const day = result.days[0];
    const road: [number, number][] = [[result.rep.start.lon, result.rep.start.lat], [-1.66, 48.11], [-1.64, 48.105], [result.rep.start.lon, result.rep.start.lat]];
    const withRoad = { ...result, days: [{ ...day, geometry: { type: 'LineString' as const, coordinates: road } }] };
    const tour = toGeoJson(withRoad).features[0];
    expect(tour.properties).toMatchObject({ kind: 'tour', route: 'road' });
    expect(tour.geometry.coordinates).toEqual(road);
  });

  it('has the visits as points, numbered per day, with their times, and the unplanned accounts', () => {
    const doc = PlanGeoJson.parse(JSON.parse(text));
    const points = doc.features.flatMap((f) => (f.properties.kind === 'account' || f.properties.kind === 'prospect' ? [{ p: f.properties, g: f.geometry }] : []));
    const visits = result.days.flatMap((d) => d.stops.filter((s) => s.kind !== 'break').map((s, i) => ({ d, s, order: i + 1 })));
    expect(points).toHaveLength(visits.length);
    visits.forEach(({ d, s, order }, i) => {
      expect(points[i].p).toMatchObject({ id: s.id, date: d.date, order, start: s.start, end: s.end, arrival: s.arrival });
      expect(points[i].g.coordinates).toEqual([s.lon, s.lat]);
    });
    const unplanned = doc.features.filter((f) => f.properties.kind === 'unplanned');
    expect(unplanned.map((f) => f.properties.kind === 'unplanned' && f.properties.id)).toEqual(result.unplanned.map((u) => u.accountId));
    expect(result.unplanned.some((u) => u.accountId === 'a6')).toBe(true);
    expect(doc.features.filter((f) => f.properties.kind === 'start')).toHaveLength(1);
  });
});
