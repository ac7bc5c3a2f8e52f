/**
 * A plan as a GeoJSON FeatureCollection (RFC 7946): each day's tour as a
 * LineString (the road geometry when the plan has it, else straight legs
 * between the stops, flagged), then the start and end, the visits and the
 * unplanned accounts as points.
 */
import type { Location } from '../contract/common.js';
import type { PlanFeature, PlanGeoJson } from '../contract/plan-geojson.js';
import type { DayResult, PlanResult, StopResult } from '../contract/plan-result.js';

type Position = [number, number];
type Visit = StopResult & { readonly kind: 'account' | 'prospect' };

/** The day's visits, in order, without the break. */
export function visitsOf(day: DayResult): Visit[] {
  return day.stops.filter((s): s is Visit => s.kind !== 'break');
}

const position = (p: { readonly lat: number; readonly lon: number }): Position => [p.lon, p.lat];

/** The positions of a day's tour, and whether they follow the roads. */
export function tourLine(result: PlanResult, day: DayResult): { readonly coordinates: Position[]; readonly route: 'road' | 'straight' } {
  if (day.geometry !== undefined && day.geometry.coordinates.length >= 2) {
    return { coordinates: day.geometry.coordinates.map(([lon, lat]) => [lon, lat]), route: 'road' };
  }
  const visits = visitsOf(day);
  return { coordinates: [position(result.rep.start), ...visits.map(position), position(result.rep.end)], route: 'straight' };
}

function point(at: Location, properties: PlanFeature['properties']): PlanFeature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: position(at) }, properties };
}

export function toGeoJson(result: PlanResult): PlanGeoJson {
  const tours = result.days.map((day): PlanFeature => {
    const { coordinates, route } = tourLine(result, day);
    const visits = visitsOf(day).length;
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: { kind: 'tour', date: day.date, departure: day.departure, return: day.return, visits, driveMinutes: day.driveMinutes, driveKm: day.driveKm, route },
    };
  });
  const { start, end } = result.rep;
  const places = [point(start, { kind: 'start' }), ...(start.lat === end.lat && start.lon === end.lon ? [] : [point(end, { kind: 'end' })])];
  const stops = result.days.flatMap((day) =>
    visitsOf(day).map((stop, i) =>
      point(stop, {
        kind: stop.kind,
        id: stop.id ?? '',
        ...(stop.name === undefined ? {} : { name: stop.name }),
        date: day.date,
        order: i + 1,
        arrival: stop.arrival,
        start: stop.start,
        end: stop.end,
        appointment: stop.appointment === true,
      }),
    ),
  );
  const unplanned = result.unplanned.map((u) =>
    point(u, { kind: 'unplanned', id: u.accountId, ...(u.name === undefined ? {} : { name: u.name }), visitsMissing: u.visitsMissing, reason: u.reason, message: u.message }),
  );
  return { type: 'FeatureCollection', features: [...tours, ...places, ...stops, ...unplanned] };
}
